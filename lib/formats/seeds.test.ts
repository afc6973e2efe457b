import { describe, expect, it } from "vitest";
import { detectFormat, findEntry, findNode, parseDocument, positionAt, toPlain, writeJson, writePythonLiteral, writeYaml } from "./index";
import type { PlainValue } from "./index";
import { seedBlocks } from "../testing/seeds";

const seeds = seedBlocks();
const seed = (n: number) => seeds[n]!.code;
/** 1-based position of the first occurrence of `needle`. */
const positionOf = (text: string, needle: string) => positionAt(text, text.indexOf(needle));

describe("the five seed code blocks", () => {
  it("are all there", () => expect(seeds.map((s) => s.file.slice(0, 3))).toEqual(["000", "001", "002", "003", "004"]));

  it.each(seeds.map((s) => [s.file, s.code] as const))("%s parses as Python with no errors", (_file, code) => {
    expect(detectFormat(code)).toBe("python");
    const doc = parseDocument(code);
    expect(doc.format).toBe("python");
    expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const plain = toPlain(doc.root!) as Record<string, PlainValue>;
    expect(Object.keys(plain)).toEqual(["client", "resource_defaults", "resources"]);
    expect(plain.resource_defaults).toEqual({ primary_key: "id", write_disposition: "merge" });
    // The root is the dict passed to rest_api_source, braces included.
    expect(code.slice(doc.root!.range.start, doc.root!.range.start + 1)).toBe("{");
    expect(code.slice(doc.root!.range.end - 2, doc.root!.range.end + 1)).toBe("\n})");
  });

  it("seed 000: exact ranges of a key and of a dlt.secrets value", () => {
    const code = seed(0);
    const doc = parseDocument(code);
    const key = findEntry(doc.root, "/client/auth/token_url")!;
    expect(code.slice(key.keyRange.start, key.keyRange.end)).toBe('"token_url"');
    expect(positionAt(code, key.keyRange.start)).toEqual({ line: 9, column: 13 });
    expect(code.slice(key.range.start, key.range.end)).toBe('"token_url": "https://login.example.com/oauth2/v2.0/token"');
    const secret = findNode(doc.root, "/client/auth/client_id")!;
    expect(secret).toMatchObject({ kind: "ref", ref: "secret", name: "client_id" });
    expect(positionAt(code, secret.range.start)).toEqual({ line: 10, column: 26 });
    expect(code.slice(secret.range.start, secret.range.end)).toBe('dlt.secrets["client_id"]');
    const limit = findNode(doc.root, "/resources/0/endpoint/paginator/limit")!;
    expect(limit).toMatchObject({ kind: "number", value: 100 });
    expect(positionAt(code, limit.range.start)).toEqual(positionOf(code, "100"));
  });

  it("seed 004: the `//` line is one js_comment warning whose quick fix makes it clean Python", () => {
    const code = seed(4);
    const doc = parseDocument(code);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(["js_comment"]);
    const w = doc.diagnostics[0]!;
    expect(w.severity).toBe("warning");
    expect(positionAt(code, w.range.start)).toEqual({ line: 55, column: 9 });
    expect(code.slice(w.range.start, w.range.end)).toBe("// Additional resources can be added here following the same structure");
    const [edit] = w.fixes![0]!.edits;
    expect(w.fixes![0]!.title).toBe("Replace `//` with `#`");
    const fixed = code.slice(0, edit!.range.start) + edit!.newText + code.slice(edit!.range.end);
    expect(fixed).toContain("        # Additional resources");
    const again = parseDocument(fixed);
    expect(again.diagnostics).toEqual([]);
    expect(toPlain(again.root!)).toEqual(toPlain(doc.root!));
    const resources = toPlain(findNode(doc.root, "/resources")!) as PlainValue[];
    expect(resources.map((r) => (r as { name: string }).name)).toEqual(["bank_transactions", "contacts"]);
  });

  it.each(seeds.map((s) => [s.file, s.code] as const))("%s survives the JSON, YAML and Python writers", (_file, code) => {
    const value = toPlain(parseDocument(code).root!);
    const json = parseDocument(writeJson(value));
    expect(json.format).toBe("json");
    expect(toPlain(json.root!)).toEqual(value);
    const yaml = parseDocument(writeYaml(value));
    expect(yaml.format).toBe("yaml");
    expect(yaml.diagnostics).toEqual([]);
    expect(toPlain(yaml.root!)).toEqual(value);
    const py = parseDocument(
      `import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source(${writePythonLiteral(value)})\n`,
    );
    expect(py.diagnostics).toEqual([]);
    expect(toPlain(py.root!)).toEqual(value);
  });

  it("seed 000 written as Python keeps the seed's layout", () => {
    const code = seed(0);
    const value = toPlain(parseDocument(code).root!);
    const start = code.indexOf("rest_api_source(") + "rest_api_source(".length;
    expect(writePythonLiteral(value)).toBe(code.slice(start, code.lastIndexOf(")")));
  });

  it("JSON and YAML spellings of a seed locate the same secret", () => {
    const value = toPlain(parseDocument(seed(1)).root!);
    const json = writeJson(value);
    const yaml = writeYaml(value);
    for (const text of [json, yaml]) {
      const node = findNode(parseDocument(text).root, "/client/auth/client_secret")!;
      expect(node).toMatchObject({ kind: "ref", ref: "secret", name: "client_secret" });
      expect(text.slice(node.range.start, node.range.end).replace(/\s/g, "")).toMatch(/^\{"?\$secret"?:"?client_secret"?\}$/);
    }
  });
});
