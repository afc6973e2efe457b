/**
 * Property-based tests of validateText (issue #13) in all three formats: the gallery configs and
 * the seeds, mutated (characters inserted and deleted, slices copied, deep nesting, YAML anchors and
 * aliases, huge strings, `__proto__`/`constructor`/`prototype` as keys and path segments, lone
 * surrogates, control characters), and random documents. Whatever the text: validation returns,
 * every range lies inside the text, no defect (`internal_error`) is reported, no prototype gains a
 * key, and no case takes anywhere near the hang guard.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { convertDocument, writeJson, writePythonLiteral, writeYaml, type PlainValue, type SourceFormat } from "../formats";
import { EXAMPLES } from "../examples";
import { seedBlocks } from "../testing/seeds";
import { validateText } from "./index";

const FORMATS = ["json", "yaml", "python"] as const;
/** Far above any case (they take milliseconds): only a hang, or a return of the quadratic costs, trips it. */
const HANG_GUARD_MS = 10_000;
/** Runs per property: the suite takes a few seconds (a YAML case with a 100,000-character string takes ~100 ms). */
const RUNS = 80;
/** vitest's own guard for a whole property (its default of 5 s is for single cases). */
const PROPERTY_TIMEOUT_MS = 120_000;

/** The gallery and the seeds, each in every format it converts to. */
const BASES: Record<SourceFormat, string[]> = { json: [], yaml: [], python: [] };
for (const { text, format } of [...EXAMPLES, ...seedBlocks().map((s) => ({ text: s.code, format: "python" as const }))]) {
  BASES[format].push(text);
  for (const to of FORMATS) {
    const c = to === format ? null : convertDocument(text, format, to);
    if (c?.ok) BASES[to].push(c.text);
  }
}

const PROTO = ["__proto__", "constructor", "prototype"] as const;
const ODD_CHARS = [
  "\u0000",
  "\u0001",
  "\u001f",
  "\u007f",
  "\u2028",
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "\ufeff",
  "\ufffd",
  "\r",
  "\t",
  "\n",
  "𝕏",
  "é",
];
const SYNTAX = [
  "{",
  "}",
  "[",
  "]",
  "(",
  ")",
  ",",
  ":",
  '"',
  "'",
  "#",
  "//",
  "\\",
  "- ",
  "&",
  "*",
  "!",
  "|",
  ">",
  "%",
  "---",
  "'''",
  '"""',
  "**",
];
const WORDS = [
  "True",
  "None",
  "null",
  "not ",
  "lambda: ",
  "dlt.secrets[",
  "rest_api_source(",
  "{resources.",
  "{incremental.",
  "<<: ",
  "$ref",
];

/** Where in the text an edit happens: a fraction of its length. */
const place = fc.double({ min: 0, max: 1, noNaN: true });
const at = (text: string, f: number) => Math.min(text.length, Math.floor(f * (text.length + 1)));
const insert = (text: string, f: number, s: string) => text.slice(0, at(text, f)) + s + text.slice(at(text, f));

type Edit = (text: string) => string;
const EDITS: fc.Arbitrary<Edit> = fc.oneof(
  fc.tuple(place, fc.array(fc.constantFrom(...ODD_CHARS, ...SYNTAX, ...WORDS), { minLength: 1, maxLength: 6 })).map(
    ([f, parts]): Edit =>
      (t) =>
        insert(t, f, parts.join("")),
  ),
  fc.tuple(place, fc.integer({ min: 1, max: 40 })).map(
    ([f, n]): Edit =>
      (t) =>
        t.slice(0, at(t, f)) + t.slice(at(t, f) + n),
  ),
  fc.tuple(place, place, place).map(
    ([a, b, c]): Edit =>
      (t) =>
        insert(t, c, t.slice(Math.min(at(t, a), at(t, b)), Math.max(at(t, a), at(t, b)))),
  ),
  fc
    .tuple(place, fc.integer({ min: 50, max: 3_000 }), fc.constantFrom("[", "{", "(", "- ", '{"a": ', "a:\n  ", "not ", "-"), fc.boolean())
    .map(
      ([f, n, open, close]): Edit =>
        (t) =>
          insert(
            t,
            f,
            open.repeat(n) +
              (close
                ? open
                    .replace(/[^[{(]/g, "")
                    .replace(/\[/g, "]")
                    .replace(/\{/g, "}")
                    .replace(/\(/g, ")")
                    .repeat(n)
                : ""),
          ),
    ),
  fc.tuple(place, fc.integer({ min: 1_000, max: 100_000 }), fc.boolean()).map(
    ([f, n, quoted]): Edit =>
      (t) =>
        insert(t, f, quoted ? `"${"x".repeat(n)}"` : "x".repeat(n)),
  ),
  fc.tuple(place, fc.constantFrom(...PROTO), fc.constantFrom('"K": {"polluted": 1}, ', "K: 1\n", ".K", "{resources.p.K}", "K")).map(
    ([f, name, form]): Edit =>
      (t) =>
        insert(t, f, form.replace("K", name)),
  ),
  fc
    .tuple(fc.constantFrom(...PROTO), fc.constantFrom("name", "data_selector", "path", "type", "total_path", "primary_key", "base_url"))
    .map(
      ([name, key]): Edit =>
        (t) =>
          t.replace(new RegExp(`(${key}["']?\\s*[:=]\\s*["']?)[\\w./$-]*`), `$1${name}`),
    ),
  fc.tuple(place, place, fc.integer({ min: 2, max: 40 })).map(([a, b, n]): Edit => (t) => {
    let bomb = "";
    for (let i = 1; i < n; i++) bomb += `b${i}: &b${i} [*b${i - 1}, *b${i - 1}]\n`;
    return insert(insert(t, a, " &b0 "), b, `*b0\n${bomb}`);
  }),
);

/** A base text with 1–4 edits. */
const mutated = (format: SourceFormat) =>
  fc
    .tuple(fc.constantFrom(...BASES[format]), fc.array(EDITS, { minLength: 1, maxLength: 4 }))
    .map(([base, edits]) => edits.reduce((t, e) => e(t), base));

/** Random documents: config keys, prototype names and odd strings as keys, any values, as deep as fast-check goes. */
const KEYS = fc.constantFrom(
  "client",
  "resources",
  "name",
  "endpoint",
  "paginator",
  "type",
  "data_selector",
  "params",
  "json",
  ...PROTO,
  "$secret",
  "<<",
);
const documents = fc.letrec<{ value: PlainValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom(...PROTO, "offset", "__proto__.x"),
    fc.array(tie("value"), { maxLength: 4 }),
    fc
      .array(fc.tuple(fc.oneof(KEYS, fc.string({ maxLength: 6 })), tie("value")), { maxLength: 5 })
      .map((entries) => Object.fromEntries(entries) as PlainValue),
  ),
})).value;
const written = (format: SourceFormat) =>
  documents.map((v) =>
    format === "json" ? writeJson(v) : format === "yaml" ? writeYaml(v) : `source = rest_api_source(${writePythonLiteral(v)})\n`,
  );

const PROTOTYPES = [Object.prototype, Array.prototype, String.prototype, Function.prototype];
const ownNames = () => PROTOTYPES.map((p) => Object.getOwnPropertyNames(p).sort().join(","));

/** The properties every text must have. */
function holds(text: string, format: SourceFormat): void {
  const before = ownNames();
  const t = performance.now();
  const r = validateText(text, format);
  expect(performance.now() - t).toBeLessThan(HANG_GUARD_MS);
  expect(r.format).toBe(format);
  for (const d of r.diagnostics) {
    expect(d.code, d.message).not.toBe("internal_error");
    expect(
      d.range.start >= 0 && d.range.start <= d.range.end && d.range.end <= text.length,
      `${d.code} ${d.range.start}-${d.range.end} of ${text.length}`,
    ).toBe(true);
    for (const fix of d.fixes ?? [])
      for (const e of fix.edits) expect(e.range.start >= 0 && e.range.end <= text.length, `${d.code} fix`).toBe(true);
    expect(d.message.length).toBeGreaterThan(10);
  }
  expect(r.valid).toBe(!r.diagnostics.some((d) => d.severity === "error") && r.document.root !== null);
  expect(ownNames()).toEqual(before);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

describe("validateText under random input (fast-check)", () => {
  it.each(FORMATS)(
    "%s: mutated gallery configs and seeds",
    (format) => {
      fc.assert(
        fc.property(mutated(format), (text) => holds(text, format)),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it.each(FORMATS)(
    "%s: random documents with prototype keys, odd strings and nesting",
    (format) => {
      fc.assert(
        fc.property(written(format), (text) => holds(text, format)),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it.each(FORMATS)(
    "%s: any text at all, read as this format",
    (format) => {
      const soup = fc
        .array(fc.oneof(fc.constantFrom(...ODD_CHARS, ...SYNTAX, ...WORDS, ...PROTO), fc.string({ unit: "binary", maxLength: 4 })), {
          maxLength: 80,
        })
        .map((p) => p.join(""));
      fc.assert(
        fc.property(soup, (text) => holds(text, format)),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
