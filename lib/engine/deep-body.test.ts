/**
 * A response nested deeper than Python's json reads, or records deeper than orjson writes: dlt's extract
 * fails on them, and so does the resource here (the others run).
 */
import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json } from "../testing/engine";
import { nestedAtLeast, PYTHON_JSON_DEPTH } from "../shared";

const nested = (n: number) => `{"data":${"[".repeat(n)}${"]".repeat(n)}}`;

describe("nestedAtLeast", () => {
  it("counts the nesting of arrays and objects, not brackets inside strings", () => {
    expect(nestedAtLeast(nested(4), 5)).toBe(true);
    expect(nestedAtLeast(nested(3), 5)).toBe(false);
    expect(nestedAtLeast(`{"a":"${"[".repeat(50)}","b":[1]}`, 5)).toBe(false);
    expect(nestedAtLeast(`{"a":"\\"${"{".repeat(9)}"}`, 5)).toBe(false);
    expect(nestedAtLeast(`[${"{}, ".repeat(20)}{}]`, 5)).toBe(false);
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
