import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { JsonPathSyntaxError, jsonPathOf, parseJsonPath, type PathNode } from "./index";

/** Paths recorded with jsonpath-ng 1.7.0's `ext.parse` (scripts/jsonpath-ng-corpus.py): its tree, or refused. */
const CORPUS = JSON.parse(readFileSync(resolve(__dirname, "../../testing/fixtures/jsonpath-ng.json"), "utf8")) as {
  path: string;
  tree?: unknown;
  error?: string;
}[];

/** A tree without offsets, as the corpus records jsonpath-ng's. */
const bare = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(bare)
    : v && typeof v === "object"
      ? Object.fromEntries(Object.entries(v).flatMap(([k, x]) => (k === "from" || k === "to" ? [] : [[k, bare(x)]])))
      : v;

const refusal = (path: string): JsonPathSyntaxError => {
  try {
    parseJsonPath(path);
  } catch (e) {
    if (e instanceof JsonPathSyntaxError) return e;
    throw e;
  }
  throw new Error(`${path} parsed`);
};

describe("jsonpath-ng's ext parser, as dlt 1.26 reads JSONPaths", () => {
  it("reads every recorded path as jsonpath-ng does: the same tree, or refused", () => {
    expect(CORPUS.length).toBeGreaterThan(2000);
    const refused = CORPUS.filter((c) => c.error).length;
    // The corpus holds both kinds in earnest.
    expect(refused).toBeGreaterThan(1000);
    expect(CORPUS.length - refused).toBeGreaterThan(500);
    const differ = CORPUS.flatMap((c): { path: string; want: unknown; got: unknown }[] => {
      let got: unknown;
      try {
        got = bare(parseJsonPath(c.path));
      } catch (e) {
        if (!(e instanceof JsonPathSyntaxError)) throw e;
        return c.error ? [] : [{ path: c.path, want: c.tree, got: e.message }];
      }
      return c.error || JSON.stringify(got) !== JSON.stringify(c.tree) ? [{ path: c.path, want: c.tree ?? c.error, got }] : [];
    });
    expect(differ.slice(0, 5)).toEqual([]);
  });

  it("keeps each node's place in the text", () => {
    const tree = parseJsonPath("$.data[*].id") as PathNode & { k: "child" };
    expect([tree.from, tree.to]).toEqual([0, 12]);
    expect(tree.right).toMatchObject({ k: "fields", names: ["id"], from: 10, to: 12 });
  });

  it("reads the quirks dlt inherits: a number as a name is one field per digit, quoted names are names", () => {
    expect(bare(parseJsonPath("a.12"))).toEqual({
      k: "child",
      left: { k: "fields", names: ["a"] },
      right: { k: "fields", names: ["1", "2"] },
    });
    expect(bare(parseJsonPath("'true_count'"))).toEqual({ k: "fields", names: ["true_count"] });
    expect(bare(parseJsonPath(`"where"`))).toEqual({ k: "fields", names: ["where"] });
    // Python's `\d` takes any Unicode digit, and `int()` its value.
    expect(bare(parseJsonPath("a[٣]"))).toEqual({ k: "child", left: { k: "fields", names: ["a"] }, right: { k: "index", index: 3 } });
  });

  it("says where it stops, what it found and what it takes there", () => {
    const end = refusal("a..[");
    expect([end.start, end.end]).toEqual([4, 4]);
    expect(end.message).toBe("the path ends too early; expected a name, a number, `*`, `:`");
    const comma = refusal("data[0,1]");
    expect([comma.start, comma.end]).toEqual([6, 7]);
    expect(comma.message).toBe("`,` is not allowed here; expected `]`, `:`");
    const unknown = refusal("$.`bogus`");
    expect([unknown.start, unknown.end]).toEqual([2, 9]);
    expect(unknown.message).toMatch(/`bogus` is not a named operator jsonpath-ng knows/);
    expect(refusal("'open").message).toBe("the quoted name is never closed");
    expect(refusal("a{b}").message).toBe("`{` cannot appear here (outside quotes)");
  });

  it("names the field to quote when jsonpath-ng reads it as a keyword", () => {
    const bool = refusal("$.true_count");
    expect(bool.message).toBe("jsonpath-ng reads `true` as a boolean, not as the start of a name: quote the field, 'true_count'");
    expect(bool.unquoted).toEqual({ start: 2, end: 12 });
    const where = refusal("$.items.where");
    expect(where.message).toBe("jsonpath-ng reads `where` as a keyword, not as the start of a name: quote the field, 'where'");
    expect(where.unquoted).toEqual({ start: 8, end: 13 });
    expect(refusal("data[0,1]").unquoted).toBeUndefined();
  });
});

describe("jsonPathOf", () => {
  it("writes paths jsonpath-ng reads as exactly the names given", () => {
    const names = ["data", "true_items", "where", "wherenot", "12", "0", "a.b", "next-page", "@odata.nextLink", "it's", "back\\slash"];
    for (const a of names) {
      for (const b of ["items", ...names]) {
        const tree = parseJsonPath(jsonPathOf([a, b]));
        expect(bare(tree), `${a} / ${b}`).toEqual({ k: "child", left: { k: "fields", names: [a] }, right: { k: "fields", names: [b] } });
      }
    }
    expect(jsonPathOf(["data", "items"])).toBe("data.items");
    expect(jsonPathOf(["true_count"])).toBe("'true_count'");
    expect(jsonPathOf([])).toBe("$");
  });
});
