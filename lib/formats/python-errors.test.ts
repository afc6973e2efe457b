import { describe, expect, it } from "vitest";
import { findNode, parseDocument, positionAt, toPlain } from "./index";
import type { Diagnostic } from "./index";

const errorsOf = (text: string) => parseDocument(text, "python").diagnostics.filter((d) => d.code === "syntax_error");
const located = (text: string, d: Diagnostic) => ({
  at: positionAt(text, d.range.start),
  token: text.slice(d.range.start, d.range.end),
  message: d.message,
});
const applyFix = (text: string, d: Diagnostic) => {
  const [edit] = d.fixes![0]!.edits;
  return text.slice(0, edit!.range.start) + edit!.newText + text.slice(edit!.range.end);
};

describe("Python syntax errors", () => {
  it("a missing comma: located at the next key, fixed by the quick fix, and the tree keeps every entry", () => {
    const text = `source = rest_api_source({\n    "client": {"base_url": "https://x"}\n    "resources": ["a"],\n    "resource_defaults": {}\n})`;
    const doc = parseDocument(text);
    const errors = doc.diagnostics;
    expect(errors).toHaveLength(1);
    expect(located(text, errors[0]!)).toMatchObject({ at: { line: 3, column: 5 }, token: '"resources"' });
    expect(errors[0]!.message).toMatch(/expected `,` before `"resources"` — missing comma\?/);
    expect(toPlain(doc.root!)).toEqual({ client: { base_url: "https://x" }, resources: ["a"], resource_defaults: {} });
    expect(parseDocument(applyFix(text, errors[0]!)).diagnostics).toEqual([]);
  });

  it("several missing commas in one document are each reported once", () => {
    const text = `c = {"a": 1 "b": 2, "c": [1 2], "d": 4 # note\n "e": 5}`;
    const errors = errorsOf(text);
    expect(errors.map((d) => text.slice(d.range.start, d.range.end))).toEqual(['"b"', "2", '"e"']);
    expect(toPlain(parseDocument(text, "python").root!)).toEqual({ a: 1, b: 2, c: [1, 2], d: 4, e: 5 });
  });

  it("an unclosed brace: says which one and where it was opened", () => {
    const text = `c = {\n    "a": {\n        "b": 1\n}\n`;
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/end of the document: the `\{` opened at line 1, column 5 is never closed — expected `}`/);
    expect(findNode(parseDocument(text, "python").root, "/a/b")).toMatchObject({ kind: "number", value: 1 });
  });

  it("a closing bracket of the wrong kind", () => {
    const text = `c = {"a": [1, 2}`;
    const d = errorsOf(text)[0]!;
    expect(located(text, d)).toMatchObject({
      token: "}",
      message: expect.stringMatching(/expected `]` to close the list opened at line 1, column 11, found `}`/),
    });
  });

  it("a missing value, a missing colon, a doubled comma, a stray brace", () => {
    expect(errorsOf(`c = {"a": 1, "b": }`)[0]!.message).toMatch(/expected a value after `:`, found `}`/);
    const colon = `c = {"a" 1, "b": 2}`;
    const d = errorsOf(colon)[0]!;
    expect(d.message).toMatch(/missing colon/);
    expect(toPlain(parseDocument(applyFix(colon, d), "python").root!)).toEqual({ a: 1, b: 2 });
    expect(toPlain(parseDocument(colon, "python").root!)).toEqual({ a: 1, b: 2 });
    const comma = `c = {"a": 1,, "b": 2}`;
    expect(errorsOf(comma)[0]!.message).toMatch(/two commas/);
    expect(toPlain(parseDocument(comma, "python").root!)).toEqual({ a: 1, b: 2 });
    const stray = `c = {"a": 1}}`;
    expect(located(stray, errorsOf(stray)[0]!)).toMatchObject({
      at: { line: 1, column: 13 },
      message: expect.stringMatching(/one `}` too many/),
    });
  });

  it("an unterminated string names where it starts", () => {
    const text = `c = {\n    "a": "https://x,\n    "b": 1\n}`;
    const d = errorsOf(text)[0]!;
    expect(located(text, d)).toMatchObject({
      at: { line: 2, column: 10 },
      message: expect.stringMatching(/string opened at line 2, column 10 is not closed/),
    });
  });

  it("garbage never throws and always yields located diagnostics", () => {
    for (const text of ["{", "}", "c = {'a': [}", "rest_api_source(", `"""`, "def f(:\n  pass", "{{{{", "c = {1: 2: 3}", "\u0000\uFFFF"]) {
      const doc = parseDocument(text, "python");
      expect(doc.diagnostics.length).toBeGreaterThan(0);
      for (const d of doc.diagnostics) {
        expect(d.range.start).toBeGreaterThanOrEqual(0);
        expect(d.range.end).toBeLessThanOrEqual(text.length);
        expect(d.range.end).toBeGreaterThanOrEqual(d.range.start);
      }
    }
  });
});

describe("Python syntax errors people make while editing a dict", () => {
  it("a missing comma between a string value and the next key (adjacent strings join)", () => {
    const text = `c = {\n    "type": "bearer"\n    "token": dlt.secrets["token"]\n}`;
    const doc = parseDocument(text, "python");
    const d = errorsOf(text)[0]!;
    expect(located(text, d)).toMatchObject({ at: { line: 3, column: 5 }, token: '"token"' });
    expect(d.message).toMatch(/missing comma\? \(Adjacent strings join/);
    expect(toPlain(doc.root!)).toEqual({ type: "bearer", token: { $secret: "token" } });
    expect(parseDocument(applyFix(text, d), "python").diagnostics).toEqual([]);
  });

  it("a key that lost its opening quote, with a fix and no duplicate key error", () => {
    const text = `c = {\n    base_url": "https://x",\n    "a": 1\n}`;
    const doc = parseDocument(text, "python");
    expect(doc.diagnostics.map((d) => d.code)).toEqual(["syntax_error"]);
    const d = doc.diagnostics[0]!;
    expect(located(text, d)).toMatchObject({
      at: { line: 2, column: 5 },
      message: expect.stringMatching(/`base_url"` has no opening quote — write `"base_url"`/),
    });
    expect(toPlain(parseDocument(applyFix(text, d), "python").root!)).toEqual({ base_url: "https://x", a: 1 });
  });

  it("a missing `{`: the first stray `:` says what is probably missing", () => {
    const text = `c = {\n    "auth":\n        "type": "bearer",\n    }\n}`;
    const d = errorsOf(text)[0]!;
    expect(located(text, d)).toMatchObject({
      at: { line: 3, column: 15 },
      message: expect.stringMatching(/unexpected `:` after `"type"` — is a `\{` missing before this key/),
    });
  });

  it("an unclosed subscript names the `[`", () => {
    const text = `c = {\n    "token": dlt.secrets["token"\n}`;
    expect(errorsOf(text)[0]!.message).toMatch(/expected `]` to close the `\[` opened at line 2, column 25, found `}`/);
  });
});
