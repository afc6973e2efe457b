import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseJson, type Json, type NumberText } from "../json";
import { findValues, JsonPathEvalError, parseJsonPath } from "./index";

interface Case {
  path: string;
  doc: Json;
  values?: Json[];
  error?: string;
}

/**
 * `find` recorded with jsonpath-ng 1.7.0 on generated documents (scripts/jsonpath-ng-corpus.py `find`
 * and `ext`): values, or Python's error. Read as the engine reads a body, so that a float spelled
 * `2.0` keeps its spelling (`texts`).
 */
const texts = new WeakMap<object, NumberText>();
const corpus = (name: string) =>
  parseJson(readFileSync(resolve(__dirname, `../../testing/fixtures/${name}`), "utf8"), texts) as unknown as Case[];
const CASES = corpus("jsonpath-ng-find.json");
const EXT = corpus("jsonpath-ng-ext.json");

const run = (path: string, doc: Json): Json[] | string => {
  try {
    return findValues(parseJsonPath(path), doc, texts);
  } catch (e) {
    if (e instanceof JsonPathEvalError) return e.message;
    throw e;
  }
};

/** The cases whose result differs from jsonpath-ng's (values compared as JSON; any failure matches any Python error). */
const differing = (cases: readonly Case[]) =>
  cases.flatMap((c) => {
    const got = run(c.path, c.doc);
    const same = c.error ? typeof got === "string" : JSON.stringify(got) === JSON.stringify(c.values);
    return same ? [] : [{ path: c.path, doc: c.doc, want: c.values ?? c.error, got }];
  });

describe("find, as jsonpath-ng evaluates a path for dlt", () => {
  it("finds what jsonpath-ng finds on every recorded document, and fails where it fails", () => {
    // The corpus holds matches, empty results and failures in earnest.
    expect(CASES.filter((c) => c.values?.length).length).toBeGreaterThan(300);
    expect(CASES.filter((c) => c.error).length).toBeGreaterThan(40);
    expect(differing(CASES).slice(0, 5)).toEqual([]);
  });

  it("computes the ext operators as jsonpath-ng does: sorted, sort keys, arithmetic, split, sub, str() and path", () => {
    for (const op of ["`sorted`", "[/", "[\\", " + ", " * ", "`split(", "`sub(", "`str()`", "`path`"])
      expect(EXT.filter((c) => c.path.includes(op) && c.values?.length).length, op).toBeGreaterThan(10);
    expect(EXT.filter((c) => c.error).length).toBeGreaterThan(100);
    expect(differing(EXT).slice(0, 5)).toEqual([]);
  });

  it("keeps dlt's quirks: `[*]` wraps a dict, an index reads a string, a filter converts with int()", () => {
    expect(run("data[*]", { data: { id: 1 } })).toEqual([{ id: 1 }]);
    expect(run("data[*]", { data: [] })).toEqual([]);
    expect(run("name[0]", { name: "été" })).toEqual(["é"]);
    expect(run("data[0]", { data: { a: 1 } })).toMatch(/KeyError/);
    expect(run("data[?(@.n > 1)].n", { data: [{ n: "2" }, { n: 1 }, { n: "x" }] })).toEqual(["2"]);
    expect(run("data[?(@.n > 'a')]", { data: [{ n: 1 }] })).toMatch(/orders int against str/);
    expect(run("a.`len`", { a: "été" })).toEqual([3]);
  });

  it("fails cleanly on data nested deeper than it can walk, as dlt's Python does", () => {
    let deep: Json = { id: 1 };
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    expect(run("$..id", deep)).toMatch(/nests too deep to walk/);
  });

  it("keeps Python's semantics in the ext operators", () => {
    expect(run("data.`sorted`", { data: [3, 1, 2] })).toEqual([[1, 2, 3]]);
    expect(run("data.`sorted`", { data: { b: 1, a: 2 } })).toEqual([["a", "b"]]);
    expect(run("data.`sorted`", { data: ["b", 1] })).toMatch(/TypeError/);
    expect(run("data.`sorted`", { data: 5 })).toMatch(/not iterable/);
    expect(run("data[\\id][*].id", { data: [{ id: 1 }, { id: 3 }, { id: 2 }] })).toEqual([3, 2, 1]);
    expect(run("$.a * 2", { a: "ab" })).toEqual(["abab"]);
    expect(run("$.a + $.b", { a: [1], b: [2] })).toEqual([[1, 2]]);
    expect(run("$.a + 1", { a: "x" })).toEqual([]);
    // `/` never makes a division: jsonpath-ng's lexer reads it as a sort direction.
    expect(() => parseJsonPath("$.a / 2")).toThrow(/`\/` is not allowed here/);
    expect(run("name.`split(-, -1, 1)`", { name: "a-b-c" })).toEqual(["b-c"]);
    // The path's own backslashes are escapes (jsonpath-ng's lexer): `\\2` in the path is the template's `\2`.
    expect(run("name.`sub(/(.)-(.)/, \\\\2+\\\\1)`", { name: "a-b" })).toEqual(["b+a"]);
    expect(run("name.`sub(/(.)-(.)/, \\2+\\1)`", { name: "a-b" })).toEqual(["2+1"]);
    expect(run("name.`sub(/z/, y)`", { name: "a-b" })).toEqual([]);
    expect(run("name.`sub(/a/, \\\\q)`", { name: "a" })).toMatch(/bad escape/);
    expect(run("a.`str()`", { a: { k: [true, null, "it's"] } })).toEqual([`{'k': [True, None, "it's"]}`]);
    expect(run("data[1].`path`", { data: [0, 1] })).toEqual(["[1]"]);
    expect(run("$['a.b'].`path`", { "a.b": 1 })).toEqual(["'a.b'"]);
    expect(run("a & b", { a: 1, b: 1 })).toMatch(/NotImplementedError/);
  });

  it("prints and sorts a whole float as Python holds it when its spelling is known", () => {
    const sink = new WeakMap<object, NumberText>();
    const doc = parseJson('{"a": [2.0, 1, 1e16, 0.5]}', sink);
    expect(findValues(parseJsonPath("a.`str()`"), doc, sink)).toEqual(["[2.0, 1, 1e+16, 0.5]"]);
    const [list] = findValues(parseJsonPath("a.`sorted`"), doc, sink) as [Json[]];
    expect(list).toEqual([0.5, 1, 2, 1e16]);
    expect(findValues(parseJsonPath("`this`.`str()`"), list, sink)).toEqual(["[0.5, 1, 2.0, 1e+16]"]);
  });
});

describe("`..` over a wide page", () => {
  it("finds 200,000 matches (more than a call takes arguments), not a RecursionError: the data nests 3 deep", () => {
    const data = { data: Array.from({ length: 200_000 }, (_, i) => ({ id: i })) } as Json;
    const ids = findValues(parseJsonPath("$..id"), data);
    expect(ids).toHaveLength(200_000);
    expect(ids[199_999]).toBe(199_999);
  });
});

describe("`..` after `..` over deep data", () => {
  it("is refused after a bounded number of steps, saying why, instead of running for hours (jsonpath-ng's would)", () => {
    let data: Json = 1;
    for (let i = 0; i < 100; i++) data = { a: data };
    const e = (() => {
      try {
        findValues(parseJsonPath("$..a..a..a..a..a..a"), data);
      } catch (x) {
        return x;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(JsonPathEvalError);
    expect((e as Error).message).toContain("use fewer `..`");
    // Three of them over the same data are well inside the bound: 161,700 matches.
    expect(findValues(parseJsonPath("$..a..a..a"), data)).toHaveLength(161_700);
  });
});
