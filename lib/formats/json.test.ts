import { describe, expect, it } from "vitest";
import { findEntry, findNode, parseDocument, positionAt, toPlain } from "./index";

const json = (text: string) => parseDocument(text, "json");
const errorsOf = (text: string) => json(text).diagnostics.filter((d) => d.severity === "error");
const firstError = (text: string) => {
  const d = errorsOf(text)[0]!;
  return { ...d, at: positionAt(text, d.range.start), token: text.slice(d.range.start, d.range.end) };
};

describe("JSON documents", () => {
  it("keeps exact key and value ranges", () => {
    const text = `{\n  "client": {"base_url": "https://x", "auth": {"token": {"$secret": "token"}}}\n}`;
    const doc = parseDocument(text);
    expect(doc.format).toBe("json");
    expect(doc.diagnostics).toEqual([]);
    const entry = findEntry(doc.root, "/client/base_url")!;
    expect(text.slice(entry.keyRange.start, entry.keyRange.end)).toBe('"base_url"');
    expect(positionAt(text, entry.keyRange.start)).toEqual({ line: 2, column: 14 });
    expect(text.slice(entry.value.range.start, entry.value.range.end)).toBe('"https://x"');
    expect(text.slice(entry.range.start, entry.range.end)).toBe('"base_url": "https://x"');
  });

  it("reads references and code objects, and only the exact one-key form", () => {
    const doc = json(
      `{"a": {"$secret": "s"}, "b": {"$config": "c"}, "c": {"$python": "lambda r: r"}, "d": {"$secret": 1}, "e": {"$secret": "x", "f": 1}}`,
    );
    expect(findNode(doc.root, "/a")).toMatchObject({ kind: "ref", ref: "secret", name: "s" });
    expect(findNode(doc.root, "/b")).toMatchObject({ kind: "ref", ref: "config", name: "c" });
    expect(findNode(doc.root, "/c")).toMatchObject({ kind: "python", text: "lambda r: r" });
    expect(findNode(doc.root, "/d")?.kind).toBe("object");
    expect(findNode(doc.root, "/e")?.kind).toBe("object");
    expect(toPlain(doc.root!)).toEqual({
      a: { $secret: "s" },
      b: { $config: "c" },
      c: { $python: "lambda r: r" },
      d: { $secret: 1 },
      e: { $secret: "x", f: 1 },
    });
  });

  it("warns about duplicate keys at the second key; the last one wins", () => {
    const doc = json(`{"a": 1, "a": 2}`);
    expect(doc.diagnostics).toHaveLength(1);
    expect(doc.diagnostics[0]).toMatchObject({ code: "duplicate_key", severity: "warning", path: "/a", range: { start: 9, end: 12 } });
    expect(toPlain(doc.root!)).toEqual({ a: 2 });
  });

  it("locates a missing comma at the next key, with an insert-comma fix", () => {
    const text = `{\n  "a": 1\n  "b": 2\n}`;
    const d = firstError(text);
    expect(d).toMatchObject({ code: "syntax_error", at: { line: 3, column: 3 }, token: '"b"' });
    expect(d.message).toMatch(/expected `,`.*found `"b"`/);
    expect(d.fixes![0]!.edits[0]).toEqual({ range: { start: 10, end: 10 }, newText: "," });
  });

  it("locates an unclosed brace and names where it was opened", () => {
    const text = `{\n  "a": {\n    "b": 1\n}`;
    const d = firstError(text);
    expect(d.message).toMatch(/expected `}` to close the object opened at line 1, column 1, found the end of the document/);
    expect(d.at.line).toBe(4);
  });

  it("explains a closing bracket of the wrong kind", () => {
    expect(firstError(`{"a": [1, 2}`).message).toMatch(/expected `]` to close the list opened at line 1, column 7, found `}`/);
  });

  it("rejects comments (strict JSON) and offers to remove them", () => {
    const text = `{\n  "a": 1 // note\n}`;
    const d = firstError(text);
    expect(d.token).toBe("// note");
    expect(d.message).toMatch(/comments are not allowed.*strict JSON/);
    expect(d.fixes![0]!.edits[0]!.newText).toBe("");
  });

  it("names trailing commas, Python literals, single quotes and one-too-many braces", () => {
    const trailing = firstError(`{"a": 1,}`);
    expect(trailing).toMatchObject({ token: ",", at: { line: 1, column: 8 } });
    expect(trailing.message).toMatch(/trailing comma/);
    expect(errorsOf(`{"a": 1,}`)).toHaveLength(1);
    const py = firstError(`{"a": True}`);
    expect(py.message).toMatch(/`True` is Python; JSON writes `true`/);
    expect(py.fixes![0]!.edits[0]).toEqual({ range: { start: 6, end: 10 }, newText: "true" });
    expect(firstError(`{'a': 1}`).message).toMatch(/double quotes, found `'a'`/);
    expect(firstError(`{"a": 1}}`).message).toMatch(/one `}` too many/);
    expect(firstError(`{"a" 1}`).message).toMatch(/expected `:` after the key/);
  });

  it("keeps one error per line (no follow-on noise) and still returns the tree", () => {
    const doc = json(`{"a": True, "b": [1, 2]}`);
    expect(doc.diagnostics).toHaveLength(1);
    expect(findNode(doc.root, "/b/1")).toMatchObject({ kind: "number", value: 2 });
  });

  it("reports an empty document without throwing", () => {
    const doc = json("  \n");
    expect(doc.root).toBeNull();
    expect(doc.diagnostics[0]!.message).toMatch(/empty/);
  });
});
