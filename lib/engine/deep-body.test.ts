/**
 * A response nested deeper than Python's json reads, or records deeper than orjson writes: dlt's extract
 * fails on them, and so does the resource here (the others run).
 */
import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json } from "../testing/engine";
import { nestedAtLeast, openersUpTo, PYTHON_JSON_DEPTH } from "../shared";

const nested = (n: number) => `{"data":${"[".repeat(n)}${"]".repeat(n)}}`;

describe("nestedAtLeast", () => {
  it("counts the nesting of arrays and objects, not brackets inside strings", () => {
    const at = (text: string) => nestedAtLeast(text, openersUpTo(text, 5), 5);
    expect(at(nested(4))).toBe(true);
    expect(at(nested(3))).toBe(false);
    expect(at(`{"a":"${"[".repeat(50)}","b":[1]}`)).toBe(false);
    expect(at(`{"a":"\\"${"{".repeat(9)}"}`)).toBe(false);
    expect(at(`[${"{}, ".repeat(20)}{}]`)).toBe(false);
  });
});

describe("a response nested 1,000 levels deep", () => {
  it("fails its resource with dlt's reason (RecursionError in Python's json); another resource still runs", async () => {
    const api = fakeFetch((_r, _n, url) =>
      url.pathname === "/deep"
        ? new Response(nested(5000), { headers: { "content-type": "application/json" } })
        : json({ data: [{ id: 1 }] }),
    );
    const config = {
      client: { base_url: "https://api.test" },
      resources: ["deep", "ok"].map((name) => ({ name, endpoint: { path: `/${name}`, data_selector: "data", paginator: "single_page" } })),
    };
    const run = await collect(config, api.fetch);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toMatchObject({ resource: "deep", code: "invalid_json" });
    expect(run.errors[0]!.message).toContain(`${PYTHON_JSON_DEPTH} levels deep`);
    expect(run.records).toEqual([{ id: 1 }]);
    // Shallower, dlt's extract still fails on a record orjson cannot write: 254 levels (in a list: 255, orjson's limit).
    const page = (n: number) =>
      collect(
        {
          client: { base_url: "https://api.test" },
          resources: [{ name: "r", endpoint: { path: "/r", data_selector: "data", paginator: "single_page" } }],
        },
        fakeFetch(() => new Response(nested(n), { headers: { "content-type": "application/json" } })).fetch,
      );
    expect((await page(254)).errors).toEqual([]);
    const orjson = await page(255);
    expect(orjson.errors[0]).toMatchObject({ resource: "r", code: "invalid_json" });
    expect(orjson.errors[0]!.message).toContain("orjson, which stops at 255 levels");
  });
});

describe("the depth of Python's json, at its edge", () => {
  it("1,000 levels deep fails with RecursionError, one less with orjson's limit: counted from the parse or the text alike", async () => {
    const config = {
      client: { base_url: "https://api.test" },
      resources: [{ name: "r", endpoint: { path: "/r", data_selector: "data", paginator: "single_page" } }],
    };
    // `{"data": …}` plus n arrays: n + 1 levels. A `1.0` makes the body take the parse that keeps spellings.
    const body = (n: number, spelled: boolean) => `{"data":${"[".repeat(n)}${spelled ? "1.0" : ""}${"]".repeat(n)}}`;
    for (const spelled of [false, true]) {
      const page = (n: number) =>
        collect(config, fakeFetch(() => new Response(body(n, spelled), { headers: { "content-type": "application/json" } })).fetch);
      expect((await page(PYTHON_JSON_DEPTH - 1)).errors[0]!.message).toContain(`${PYTHON_JSON_DEPTH} levels deep`);
      const shallower = (await page(PYTHON_JSON_DEPTH - 2)).errors[0]!.message;
      expect(shallower).not.toContain(`${PYTHON_JSON_DEPTH} levels deep`);
      expect(shallower).toContain("orjson, which stops at 255 levels");
    }
  });
});

describe("a record orjson cannot write, among many", () => {
  const run = (records: string[]) =>
    collect(
      {
        client: { base_url: "https://api.test" },
        resources: [{ name: "r", endpoint: { path: "/r", data_selector: "data", paginator: "single_page" } }],
      },
      fakeFetch(() => new Response(`{"data":[${records.join(",")}]}`, { headers: { "content-type": "application/json" } })).fetch,
    );
  const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;

  it("fails the resource whatever the other records hold (the page's brackets only bound the walk)", async () => {
    // 99 records of one bracket each and one of 254: exactly the brackets such a page needs.
    for (const others of [Array<string>(99).fill("{}"), Array<string>(99).fill("1"), Array<string>(900).fill('{"a":[1]}')]) {
      const failed = await run([...others, deep(254)]);
      expect(failed.errors[0]).toMatchObject({ resource: "r", code: "invalid_json" });
      expect(failed.errors[0]!.message).toContain("orjson, which stops at 255 levels");
    }
    // Matches that nest in one another (`$..a`) share their brackets: the page is walked, and fails as in dlt.
    const nestedA = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
    const overlapping = await collect(
      {
        client: { base_url: "https://api.test" },
        resources: [{ name: "r", endpoint: { path: "/r", data_selector: "$..a", paginator: "single_page" } }],
      },
      fakeFetch(() => new Response(nestedA(256), { headers: { "content-type": "application/json" } })).fetch,
    );
    expect(overlapping.errors[0]).toMatchObject({ resource: "r", code: "invalid_json" });
    // Many brackets in all, no record as deep: loaded.
    const shallow = await run(Array<string>(20).fill(deep(253)));
    expect(shallow.errors).toEqual([]);
    expect(shallow.records).toHaveLength(20);
  });
});
