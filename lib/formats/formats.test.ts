import { describe, expect, it } from "vitest";
import { parseDocument, positionAt, findEntry, findNode, toPlain, writeJson, writeYaml, writePythonLiteral, detectFormat, offsetAt } from "./index";
import type { PlainValue } from "./index";
import { seedBlocks } from "../testing/seeds";

const seeds = seedBlocks();
const at = (text: string, offset: number) => positionAt(text, offset);

describe("seed documents", () => {
  it("finds all five seeds", () => expect(seeds).toHaveLength(5));
  for (const { file, code } of seeds) {
    it(`${file} parses as Python without errors`, () => {
      expect(detectFormat(code)).toBe("python");
      const doc = parseDocument(code);
      expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const plain = toPlain(doc.root!) as Record<string, PlainValue>;
      expect(Object.keys(plain)).toEqual(["client", "resource_defaults", "resources"]);
    });
  }
  it("seed 000: exact ranges of a key and a secret reference", () => {
    const code = seeds[0]!.code;
    const doc = parseDocument(code);
    const key = findEntry(doc.root, "/client/auth/token_url")!;
    expect(code.slice(key.keyRange.start, key.keyRange.end)).toBe('"token_url"');
    expect(at(code, key.keyRange.start)).toEqual({ line: 9, column: 13 });
    const secret = findNode(doc.root, "/client/auth/client_id")!;
    expect(secret).toMatchObject({ kind: "ref", ref: "secret", name: "client_id" });
    expect(at(code, secret.range.start)).toEqual({ line: 10, column: 26 });
    expect(code.slice(secret.range.start, secret.range.end)).toBe('dlt.secrets["client_id"]');
  });
  it("seed 004: the // line is one js_comment warning with a working fix", () => {
    const code = seeds[4]!.code;
    const doc = parseDocument(code);
    const warnings = doc.diagnostics.filter((d) => d.code === "js_comment");
    expect(warnings).toHaveLength(1);
    const w = warnings[0]!;
    expect(w.severity).toBe("warning");
    const line = code.split("\n").findIndex((l) => l.includes("// Additional")) + 1;
    expect(at(code, w.range.start)).toEqual({ line, column: 9 });
    const edit = w.fixes![0]!.edits[0]!;
    const fixed = code.slice(0, edit.range.start) + edit.newText + code.slice(edit.range.end);
    expect(parseDocument(fixed).diagnostics).toEqual([]);
    const resources = toPlain(findNode(doc.root, "/resources")!) as PlainValue[];
    expect(resources).toHaveLength(2);
  });
});

describe("python literals", () => {
  const parse = (body: string) => toPlain(parseDocument(`config = ${body}`, "python").root!);
  it("converts literals, tuples, concatenation, refs and code", () => {
    expect(parse(`{"a": [1, -2.5, True, None, (1, 2)], "b": 'x' "y", "c": 1_000, "d": r"\\d", "e": "\\u00e9\\n"}`)).toEqual({
      a: [1, -2.5, true, null, [1, 2]], b: "xy", c: 1000, d: "\\d", e: "é\n",
    });
    expect(parse(`{"s": dlt.secrets["api_key"], "c": dlt.config["base"], "f": lambda r: r["id"], "p": JSONLinkPaginator(next_url_path="n"), "fs": f"x{y}"}`)).toEqual({
      s: { $secret: "api_key" }, c: { $config: "base" }, f: { $python: 'lambda r: r["id"]' }, p: { $python: 'JSONLinkPaginator(next_url_path="n")' }, fs: { $python: 'f"x{y}"' },
    });
    expect(parse(`{"doc": """multi
line"""}`)).toEqual({ doc: "multi\nline" });
  });
  it("takes the rest_api_source argument, also through a variable or config=", () => {
    expect(toPlain(parseDocument(`other = {"x": 1}\nsource = rest_api_source({"y": 2}, name="n")`).root!)).toEqual({ y: 2 });
    expect(toPlain(parseDocument(`other = {"x": 1}\ncfg = {"z": 3}\nsource = rest_api_source(cfg)`).root!)).toEqual({ z: 3 });
    expect(toPlain(parseDocument(`source = rest_api_source(name="n", config={"k": 1})`).root!)).toEqual({ k: 1 });
  });
  it("locates a missing comma", () => {
    const text = `config = {\n    "a": 1\n    "b": 2\n}`;
    const errors = parseDocument(text, "python").diagnostics.filter((d) => d.code === "syntax_error");
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.message).toMatch(/missing comma/);
    expect(at(text, errors[0]!.range.start)).toEqual({ line: 3, column: 5 });
  });
  it("reports an unclosed brace and a text without a dict", () => {
    expect(parseDocument(`config = {"a": [1, 2`, "python").diagnostics.some((d) => d.code === "syntax_error")).toBe(true);
    const none = parseDocument(`import dlt\nprint("hi")`, "python");
    expect(none.root).toBeNull();
    expect(none.diagnostics.map((d) => d.code)).toContain("no_config_dict");
  });
  it("rejects non-string keys", () => {
    expect(parseDocument(`c = {1: "x"}`, "python").diagnostics[0]).toMatchObject({ code: "invalid_key" });
  });
});

describe("json", () => {
  it("parses refs and ranges", () => {
    const text = `{\n  "client": {"auth": {"token": {"$secret": "token"}}}\n}`;
    const doc = parseDocument(text);
    expect(doc.format).toBe("json");
    expect(findNode(doc.root, "/client/auth/token")).toMatchObject({ kind: "ref", name: "token" });
    expect(at(text, findEntry(doc.root, "/client/auth")!.keyRange.start)).toEqual({ line: 2, column: 14 });
  });
  it("locates syntax errors and duplicate keys", () => {
    const text = `{\n  "a": 1\n  "b": 2\n}`;
    const d = parseDocument(text, "json").diagnostics;
    expect(d[0]).toMatchObject({ code: "syntax_error", severity: "error" });
    expect(d[0]!.message).toMatch(/expected `,`/);
    expect(at(text, d[0]!.range.start)).toEqual({ line: 3, column: 3 });
    expect(parseDocument(`{"a": 1, "a": 2}`).diagnostics[0]).toMatchObject({ code: "duplicate_key", severity: "warning" });
    expect(parseDocument(`{"a": 1,}`, "json").diagnostics[0]!.code).toBe("syntax_error");
  });
});

describe("yaml", () => {
  it("parses with key ranges and refs", () => {
    const text = `client:\n  base_url: https://x\n  auth:\n    token: {$secret: token}\nresources:\n  - posts\n`;
    const doc = parseDocument(text);
    expect(doc.format).toBe("yaml");
    expect(toPlain(doc.root!)).toEqual({ client: { base_url: "https://x", auth: { token: { $secret: "token" } } }, resources: ["posts"] });
    expect(at(text, findEntry(doc.root, "/client/base_url")!.keyRange.start)).toEqual({ line: 2, column: 3 });
  });
  it("locates bad indentation", () => {
    const d = parseDocument(`client:\n  base_url: x\n bad: 1\n`, "yaml").diagnostics;
    expect(d.some((x) => x.code === "syntax_error")).toBe(true);
  });
});

describe("writers round-trip", () => {
  const values: PlainValue[] = [
    { a: "ünïcödé ✓", q: 'say "hi" \\ back', nl: "a\nb\tc", e: {}, l: [], n: [[1, 2], [3]], big: 1e21, neg: -0.5, t: true, f: false, z: null },
    { client: { auth: { client_id: { $secret: "client_id" }, base: { $config: "base_url" } } } },
  ];
  for (const [i, v] of values.entries()) {
    it(`value ${i} survives json, yaml and python`, () => {
      expect(toPlain(parseDocument(writeJson(v), "json").root!)).toEqual(v);
      expect(toPlain(parseDocument(writeYaml(v), "yaml").root!)).toEqual(v);
      expect(toPlain(parseDocument(`config = ${writePythonLiteral(v)}`, "python").root!)).toEqual(v);
    });
  }
  it("seeds survive all three writers", () => {
    for (const { code } of seeds) {
      const v = toPlain(parseDocument(code).root!);
      expect(toPlain(parseDocument(writeJson(v)).root!)).toEqual(v);
      expect(toPlain(parseDocument(writeYaml(v), "yaml").root!)).toEqual(v);
      expect(toPlain(parseDocument(`source = rest_api_source(${writePythonLiteral(v)})`).root!)).toEqual(v);
    }
  });
  it("positions and offsets are inverse", () => {
    const t = "ab\ncd\r\nef";
    for (let o = 0; o <= t.length; o++) if (t[o - 1] !== "\r") expect(offsetAt(t, positionAt(t, o))).toBe(o);
  });
});
