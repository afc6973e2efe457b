import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseDocument, toPlain, writeJson, writePythonLiteral, writeYaml, type PlainValue, type SourceFormat } from "./index";
import { guardJson } from "./json-guard";
import { guardPython } from "./python-guard";
import { guardYaml } from "./yaml-guard";
import { MAX_ALIAS_VALUES, MAX_DEPTH, MAX_VALUES } from "./limits";

const FORMATS = ["json", "yaml", "python"] as const;
const write = (v: PlainValue, f: SourceFormat) =>
  f === "json" ? writeJson(v) : f === "yaml" ? writeYaml(v) : `source = rest_api_source(${writePythonLiteral(v)})\n`;
const GUARDS = { json: guardJson, yaml: guardYaml, python: (t: string) => guardPython(t) };

/** A value `levels` lists and dicts deep (the root counts), alternating, with a scalar at the bottom. */
function nested(levels: number, leaf: PlainValue = 1): PlainValue {
  let v = leaf;
  for (let i = levels; i > 0; i--) v = i % 2 ? { k: v, n: i } : [v, i];
  return v;
}
const depthOf = (v: PlainValue): number =>
  typeof v === "object" && v !== null ? 1 + Math.max(0, ...(Array.isArray(v) ? v : Object.values(v)).map(depthOf)) : 0;

describe("text guards", () => {
  it.each(FORMATS)("%s: MAX_DEPTH levels are read as they are, one more is too deep at its first place", (format) => {
    const ok = write(nested(MAX_DEPTH), format);
    expect(GUARDS[format](ok)).toMatchObject({ text: ok, deep: [], refused: null });
    expect(toPlain(parseDocument(ok, format).root!)).toEqual(nested(MAX_DEPTH));

    const deep = write(nested(MAX_DEPTH + 3), format);
    const doc = parseDocument(deep, format);
    const d = doc.diagnostics.filter((x) => x.code === "too_deep");
    expect(d).toHaveLength(1);
    // The first collection past the limit: MAX_DEPTH steps down from the root (`k` in dicts, 0 in lists).
    expect(d[0]!.path).toBe(Array.from({ length: MAX_DEPTH }, (_, i) => (i % 2 ? "/0" : "/k")).join(""));
    expect(depthOf(toPlain(doc.root!))).toBeLessThanOrEqual(MAX_DEPTH + 1);
  });

  it.each(FORMATS)("%s: hollowing keeps the text's length and line breaks, and every other value", (format) => {
    const text = write({ a: nested(MAX_DEPTH + 5), b: "after", c: [1, 2] }, format);
    const g = GUARDS[format](text);
    expect(g.text.length).toBe(text.length);
    expect(g.text.split("\n").length).toBe(text.split("\n").length);
    const plain = toPlain(parseDocument(text, format).root!) as Record<string, PlainValue>;
    expect([plain.b, plain.c]).toEqual(["after", [1, 2]]);
  });

  it.each(FORMATS)("%s: the guard's depth is the document's for random values (no false limits)", (format) => {
    const value: fc.Arbitrary<PlainValue> = fc.letrec<{ v: PlainValue }>((tie) => ({
      v: fc.oneof(
        { depthSize: "large", maxDepth: 12 },
        fc.constantFrom(1, "s", null, true, "- a", "[x"),
        fc.array(tie("v"), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom("a", "b", "- c", "d: e", "[f"), tie("v"), { maxKeys: 3 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: MAX_DEPTH + 4 }), (v, extra) => {
        const doc = nested(Math.max(0, Math.min(extra, MAX_DEPTH + 4 - depthOf(v))), v);
        const text = write(doc, format);
        const g = GUARDS[format](text);
        expect(g.refused).toBeNull();
        expect(g.deep.length > 0).toBe(depthOf(doc) > MAX_DEPTH);
      }),
      { numRuns: 60 },
    );
  });

  it("YAML: compact lists (`- - - x`), block maps and flow lists all nest", () => {
    const compact = `a:\n  ${"- ".repeat(MAX_DEPTH)}x\n`;
    expect(guardYaml(compact).deep.map((s) => compact.slice(s.start, s.start + 1))).toEqual(["-"]);
    expect(guardYaml(`a:\n  ${"- ".repeat(MAX_DEPTH - 2)}x\n`).deep).toEqual([]);
    const text = `root: ${"[".repeat(MAX_DEPTH)}${"]".repeat(MAX_DEPTH)}\n`;
    expect(guardYaml(text).deep).toHaveLength(1);
    // A `[` inside a plain scalar, a quoted string, a comment or a block scalar is text.
    const literal = `a: x${"[".repeat(200)}\nb: "${"{".repeat(200)}"\n# ${"[".repeat(200)}\nc: |\n  ${"- ".repeat(200)}\n`;
    expect(guardYaml(literal)).toMatchObject({ text: literal, deep: [], refused: null });
  });

  it("Python: prefix operators nest; the parentheses of the top-level call do not", () => {
    const chain = (n: number) => `x = ${"not ".repeat(n)}y\n`;
    expect(guardPython(chain(MAX_DEPTH)).refused).toBeNull();
    expect(guardPython(chain(MAX_DEPTH + 1)).refused).toMatchObject({ code: "too_deep", at: 4 + 4 * MAX_DEPTH });
    expect(guardPython(`f(${"[".repeat(MAX_DEPTH)}${"]".repeat(MAX_DEPTH)})`).deep).toEqual([]);
    for (const form of ["- ", "~", "lambda: ", "await ", "1 if x else "])
      expect(guardPython(`x = ${form.repeat(200)}1`).refused?.code, form).toBe("too_deep");
    // Strings and comments hold no brackets.
    const quiet = `x = "${"[".repeat(200)}" + '''${"(".repeat(200)}''' # ${"{".repeat(200)}\n`;
    expect(guardPython(quiet)).toMatchObject({ text: quiet, deep: [], refused: null });
  });

  it.each(FORMATS)("%s: more than MAX_VALUES values are refused where the count passes the limit", (format) => {
    const text = write({ a: Array.from({ length: MAX_VALUES + 10 }, () => 7) }, format);
    const g = GUARDS[format](text);
    expect(g.refused?.code).toBe("too_many_values");
    expect(text[g.refused!.at]).toBe("7");
  });
});

describe("YAML aliases", () => {
  it("a chain of merges is bounded like any alias (no recursion past the budget)", () => {
    let text = "a0: &a0 {k: 1}\n";
    for (let i = 1; i < 5_000; i++) text += `a${i}: &a${i} {<<: *a${i - 1}, k${i}: ${i}}\n`;
    const doc = parseDocument(text, "yaml");
    expect(doc.diagnostics.map((d) => d.code)).toEqual(["yaml_alias_limit"]);
    expect(doc.diagnostics[0]!.message).toContain(MAX_ALIAS_VALUES.toLocaleString("en-US"));
  });

  it("anchors are the last ones defined before the alias, as `yaml` resolves them", () => {
    const doc = parseDocument("a: &x 1\nb: *x\nc: &x 2\nd: *x\n", "yaml");
    expect(toPlain(doc.root!)).toEqual({ a: 1, b: 1, c: 2, d: 2 });
  });
});
