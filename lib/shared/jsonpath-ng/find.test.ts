import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { Json } from "../json";
import { findValues, JsonPathEvalError, parseJsonPath, unevaluated } from "./index";

/** `find` recorded with jsonpath-ng 1.7.0 on generated documents (scripts/jsonpath-ng-corpus.py find): values, or Python's error. */
const CASES = JSON.parse(readFileSync(resolve(__dirname, "../../testing/fixtures/jsonpath-ng-find.json"), "utf8")) as {
  path: string;
  doc: Json;
  values?: Json[];
  error?: string;
}[];

const run = (path: string, doc: Json): Json[] | string => {
  try {
    return findValues(parseJsonPath(path), doc);
  } catch (e) {
    if (e instanceof JsonPathEvalError) return e.message;
    throw e;
  }
};

describe("find, as jsonpath-ng evaluates a path for dlt", () => {
  it("finds what jsonpath-ng finds on every recorded document, and fails where it fails", () => {
    const evaluated = CASES.filter((c) => !unevaluated(parseJsonPath(c.path)));
    // The corpus holds matches, empty results and failures in earnest.
    expect(evaluated.filter((c) => c.values?.length).length).toBeGreaterThan(300);
    expect(evaluated.filter((c) => c.error).length).toBeGreaterThan(40);
    const differ = evaluated.flatMap((c) => {
      const got = run(c.path, c.doc);
      const same = c.error ? typeof got === "string" : JSON.stringify(got) === JSON.stringify(c.values);
      return same ? [] : [{ path: c.path, doc: c.doc, want: c.values ?? c.error, got }];
    });
    expect(differ.slice(0, 5)).toEqual([]);
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

  it("names what it does not evaluate", () => {
    expect(unevaluated(parseJsonPath("$.data[/created_at]"))).toMatch(/sorting/);
    expect(unevaluated(parseJsonPath("a | b.`split(-, 0, -1)`"))).toMatch(/split/);
    expect(unevaluated(parseJsonPath("$..items[?(@.a)] | b where c"))).toBeNull();
    expect(run("a + 1", { a: 1 })).toMatch(/restplay does not evaluate jsonpath-ng's arithmetic/);
  });
});
