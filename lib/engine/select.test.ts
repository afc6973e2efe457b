import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json, one } from "../testing/engine";
import { detectSelector } from "./select";
import { compilePath } from "./jsonpath";
import { REGEX_PATH_MS } from "../shared/jsonpath-ng";

const page = async (body: unknown, data_selector?: string) => {
  const run = await collect(
    one({ paginator: "single_page", ...(data_selector !== undefined ? { data_selector } : {}) }),
    fakeFetch(() => json(body)).fetch,
  );
  return { records: run.records, page: run.of("page")[0], warnings: run.warnings, errors: run.errors };
};

describe("data_selector", () => {
  it("a list is the page; `data` and `$.data` are the same; a dict is one record; a scalar is wrapped", async () => {
    expect((await page({ data: [{ id: 1 }, { id: 2 }] }, "data")).records).toEqual([{ id: 1 }, { id: 2 }]);
    expect((await page({ data: [{ id: 1 }, { id: 2 }] }, "$.data")).records).toEqual([{ id: 1 }, { id: 2 }]);
    expect((await page({ data: { id: 1 } }, "data")).records).toEqual([{ id: 1 }]);
    expect((await page({ count: 5 }, "count")).records).toEqual([{ value: 5 }]);
  });
  it("2+ matches are the list of matches; 0 matches is an empty page; null is an empty page with a warning", async () => {
    expect(
      (
        await page(
          {
            a: {
              b: [
                { id: 1, n: "x" },
                { id: 2, n: "y" },
              ],
            },
          },
          "$.a.b[*]",
        )
      ).records,
    ).toEqual([
      { id: 1, n: "x" },
      { id: 2, n: "y" },
    ]);
    expect((await page({ a: { b: [{ id: 1 }, { id: 2 }] } }, "a.b[*].id")).records).toEqual([{ value: 1 }, { value: 2 }]);
    expect((await page({ x: [{ id: 1 }] }, "$..id")).records).toEqual([{ value: 1 }]);
    const none = await page({ other: [] }, "data");
    expect(none.records).toEqual([]);
    expect(none.warnings).toEqual([]);
    const nul = await page({ data: null }, "data");
    expect(nul.records).toEqual([]);
    expect(nul.warnings).toEqual(["selector_null"]);
  });
  it("dashed and bracket-quoted keys; filters, unions and `where` as jsonpath-ng evaluates them", async () => {
    expect((await page({ "many-results": [{ id: 1 }] }, "many-results")).records).toEqual([{ id: 1 }]);
    expect((await page({ "a.b": [{ id: 1 }] }, "['a.b']")).records).toEqual([{ id: 1 }]);
    const rows = [
      { id: 1, active: true },
      { id: 2, active: false },
      { id: 3, active: "yes" },
    ];
    // `== true` compares int(value) with 1: "yes" cannot be an int, so jsonpath-ng skips it.
    expect((await page({ data: rows }, "$.data[?(@.active == true)]")).records).toEqual([{ id: 1, active: true }]);
    expect((await page({ data: rows }, "$.data[?(@.id > 1)]")).records).toEqual(rows.slice(1));
    expect((await page({ a: { id: 1 }, b: { id: 2 } }, "a | b")).records).toEqual([{ id: 1 }, { id: 2 }]);
    expect((await page({ data: [{ id: 1, x: {} }, { id: 2 }] }, "data[*] where x")).records).toEqual([{ id: 1, x: {} }]);
  });
  it("a regular expression that backtracks without end on the data stops its resource with selector_error, not the run's thread", async () => {
    const rows = [
      { id: 1, a: "abc" },
      { id: 2, a: `${"a".repeat(40)}!` },
    ];
    // Fine on text it does not backtrack on; on the 41 characters `(a+)+$` would take hours (in Python's re as well).
    expect((await page({ data: rows.slice(0, 1) }, '$.data[?(@.a =~ "(a+)+$")]')).records).toEqual([]);
    const run = await page({ data: rows }, '$.data[?(@.a =~ "(a+)+$")]');
    expect(run.errors.map((e) => e.code)).toEqual(["selector_error"]);
    expect(run.errors[0]!.message).toContain(`it ran more than ${REGEX_PATH_MS / 1000} s over one value`);
  });
  it("dlt's quirks: `[*]` of a dict is the dict; an index of a dict fails the run; a keyword as a name cannot be read", async () => {
    expect((await page({ data: { id: 1 } }, "data[*]")).records).toEqual([{ id: 1 }]);
    const index = await page({ data: { id: 1 } }, "data[0]");
    expect(index.errors[0]).toMatchObject({ code: "selector_error" });
    expect(index.errors[0]!.message).toContain("KeyError");
    // No data_selector: dlt joins the detected list's keys with dots and cannot read `true_count` as a JSONPath.
    const keyword = await page({ true_count: [{ id: 1 }] });
    expect(keyword.errors[0]).toMatchObject({ code: "selector_error" });
    expect(keyword.errors[0]!.message).toContain("dlt cannot read the JSONPath `true_count`");
    expect(keyword.errors[0]!.message).toContain("dlt detected this selector");
    expect(keyword.errors[0]!.message).toContain("set `data_selector` to `'true_count'`");
    expect((await page({ true_count: [{ id: 1 }] }, "$.'true_count'")).records).toEqual([{ id: 1 }]);
  });
  it("detection (selector_source detected) follows dlt's order", async () => {
    const d = await page({ meta: { total: 1 }, results: [{ id: 9 }] });
    expect(d.records).toEqual([{ id: 9 }]);
    expect(d.page).toMatchObject({ selector: "results", selector_source: "detected" });
    expect(detectSelector([{ id: 1 }])).toBe("$");
    expect(detectSelector({ id: 1, name: "x" })).toBe("$");
    expect(detectSelector({ tags: ["a"], _embedded: { items: [{ id: 1 }] } })).toBe("_embedded.items");
    expect(detectSelector({ tags: ["a"], other: { list: [{ id: 1 }] } })).toBe("tags");
    expect(detectSelector({ a: { b: { c: [1] } } })).toBe("a.b.c");
    expect(detectSelector({ a: { b: { c: { d: [1] } } } })).toBe("$");
  });
  it("compiled paths are plain functions over the parsed body", () => {
    const p = compilePath("$.a[1].b");
    expect(p({ a: [{ b: 1 }, { b: 2 }] })).toEqual([2]);
    expect(p({ a: {} })).toEqual([]);
    expect(compilePath("a.*")({ a: { x: 1, y: 2 } })).toEqual([1, 2]);
  });
});

describe("a long data_selector that is not a plain path", () => {
  it("runs at once: the disjoint-path test no longer splits a long name every possible way", async () => {
    // `\.?` made a dot between names optional, so `aaaa…` matched as any split into names: 40 letters and then `..`
    // (or an `@`, which jsonpath-ng takes in a name, in a detected selector) backtracked for ever before the page.
    const name = "a".repeat(40);
    const page = { [name]: [{ id: 1 }, { id: 2 }] };
    const run = await collect(one({ data_selector: `${name}..id`, paginator: "single_page" }), fakeFetch(() => json(page)).fetch);
    expect(run.errors).toEqual([]);
    expect(run.records).toEqual([{ value: 1 }, { value: 2 }]);
  });
});
