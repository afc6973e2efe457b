import { describe, expect, it } from "vitest";
import { findEntry, findNode, parseDocument, positionAt, toPlain } from "./index";

const yaml = (text: string) => parseDocument(text, "yaml");

describe("YAML documents", () => {
  const text = `client:\n  base_url: "https://x"\n  auth:\n    token: {$secret: token}\nresources:\n  - posts\n  - name: comments\n    endpoint: {path: /c}\n`;

  it("keeps exact ranges (quotes included) and reads references", () => {
    const doc = parseDocument(text);
    expect(doc.format).toBe("yaml");
    expect(doc.diagnostics).toEqual([]);
    expect(toPlain(doc.root!)).toEqual({
      client: { base_url: "https://x", auth: { token: { $secret: "token" } } },
      resources: ["posts", { name: "comments", endpoint: { path: "/c" } }],
    });
    const base = findEntry(doc.root, "/client/base_url")!;
    expect(positionAt(text, base.keyRange.start)).toEqual({ line: 2, column: 3 });
    expect(text.slice(base.value.range.start, base.value.range.end)).toBe('"https://x"');
    const token = findNode(doc.root, "/client/auth/token")!;
    expect(text.slice(token.range.start, token.range.end)).toBe("{$secret: token}");
    const list = findNode(doc.root, "/resources")!;
    expect(text.slice(list.range.start, list.range.end)).toBe("- posts\n  - name: comments\n    endpoint: {path: /c}");
    expect(positionAt(text, findNode(doc.root, "/resources/1/endpoint/path")!.range.start)).toEqual({ line: 8, column: 22 });
  });

  it("quoted keys include their quotes", () => {
    const t = `"base url": 1\n'b': 2\n`;
    const doc = yaml(t);
    const e = findEntry(doc.root, "/base url")!;
    expect(t.slice(e.keyRange.start, e.keyRange.end)).toBe('"base url"');
    expect(t.slice(findEntry(doc.root, "/b")!.keyRange.start, findEntry(doc.root, "/b")!.keyRange.end)).toBe("'b'");
  });

  it("resolves anchors, aliases and << merge keys (explicit keys win)", () => {
    const doc = yaml(`defaults: &d {primary_key: id, write_disposition: merge}\na: *d\nb:\n  <<: *d\n  primary_key: uid\n`);
    expect(doc.diagnostics).toEqual([]);
    expect(toPlain(doc.root!)).toEqual({
      defaults: { primary_key: "id", write_disposition: "merge" },
      a: { primary_key: "id", write_disposition: "merge" },
      b: { primary_key: "uid", write_disposition: "merge" },
    });
  });

  it("stops recursive aliases and unknown aliases with located errors", () => {
    const rec = yaml(`a: &r [1, *r]\n`);
    expect(rec.diagnostics.map((d) => d.code)).toEqual(["yaml_recursive_alias"]);
    expect(toPlain(rec.root!)).toEqual({ a: [1, null] });
    const t = `a: *nope\n`;
    const unknown = yaml(t).diagnostics[0]!;
    expect(t.slice(unknown.range.start, unknown.range.end)).toBe("*nope");
  });

  it("locates bad indentation on the misplaced key", () => {
    const t = `client:\n  base_url: x\n bad: 1\n`;
    const d = yaml(t).diagnostics.find((x) => x.code === "syntax_error")!;
    expect(d.severity).toBe("error");
    expect(positionAt(t, d.range.start)).toEqual({ line: 3, column: 2 });
    expect(t.slice(d.range.start, d.range.end)).toBe("bad");
    expect(d.message).toMatch(/indentation/);
  });

  it("locates tabs, unclosed flow lists and `a: b: c`", () => {
    const tab = `a:\n\tb: 1\n`;
    expect(yaml(tab).diagnostics[0]!.message).toMatch(/tabs/);
    const flow = yaml(`a: [1, 2\nb: 3\n`).diagnostics.filter((d) => d.severity === "error");
    expect(flow.length).toBeGreaterThan(0);
    expect(flow[0]!.message).toMatch(/not closed/);
    const t = `a: b: c\n`;
    const nested = yaml(t).diagnostics[0]!;
    expect(positionAt(t, nested.range.start)).toEqual({ line: 1, column: 4 });
  });

  it("warns about duplicate keys with their path", () => {
    const d = yaml(`a: 1\nb: 2\na: 3\n`).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ code: "duplicate_key", severity: "warning", path: "/a", range: { start: 10, end: 11 } });
  });

  it("turns scalar keys into strings and reports collection keys", () => {
    expect(toPlain(yaml(`200: ok\ntrue: yes\n`).root!)).toEqual({ "200": "ok", true: "yes" });
    expect(yaml(`? [a]\n: 1\n`).diagnostics.map((d) => d.code)).toContain("invalid_key");
  });

  it("reports an empty document", () => {
    const doc = yaml("# only a comment\n");
    expect(doc.root).toBeNull();
    expect(doc.diagnostics[0]).toMatchObject({ severity: "error", code: "syntax_error" });
  });
});
