import { describe, expect, it } from "vitest";
import { collect, fakeFetch, items, json, one } from "../testing/engine";
import { PAGINATORS } from "./index";
import { PAGINATOR_TYPES } from "../config/schema";
import { offsetPaginator } from "./paginators/range";
import type { RequestSpec } from "./request";

const get = (url: URL, k: string) => url.searchParams.get(k);

describe("offset", () => {
  const api251 = () =>
    fakeFetch((_r, _n, url) => {
      const off = Number(get(url, "offset"));
      return json({ data: items(off, Math.max(0, Math.min(100, 251 - off))), total: 251 });
    });
  it("total 251, limit 100: offsets 0, 100, 200 exactly, each decision with its evidence", async () => {
    const api = api251();
    const run = await collect(one({ data_selector: "data", paginator: { type: "offset", limit: 100 } }), api.fetch);
    expect(api.urls()).toEqual([0, 100, 200].map((o) => `https://api.test/items?offset=${o}&limit=100`));
    expect(run.records).toHaveLength(251);
    expect(run.reasons).toEqual([
      "next offset 100: offset 100 < total 251",
      "next offset 200: offset 200 < total 251",
      "stopped: offset 300 >= total 251",
    ]);
    expect(run.of("resource_start")[0]!.paginator).toBe("offset(limit=100, total_path=total)");
    expect(run.warnings).toEqual([]);
  });
  it("stops on an empty page", async () => {
    const api = fakeFetch(() => json({ data: [], total: 999 }));
    const run = await collect(one({ data_selector: "data", paginator: { type: "offset", limit: 10 } }), api.fetch);
    expect(api.urls()).toEqual(["https://api.test/items?offset=0&limit=10"]);
    expect(run.reasons).toEqual(["stopped: empty page"]);
  });
  it("a missing total fails with dlt's text (also for a bare list); total_path null pages until an empty page", async () => {
    const noTotal = await collect(
      one({ data_selector: "data", paginator: { type: "offset", limit: 10 } }),
      fakeFetch(() => json({ data: items(0, 10) })).fetch,
    );
    expect(noTotal.errors[0]).toMatchObject({ code: "paginator_error", resource: "r" });
    expect(noTotal.errors[0]!.message).toContain(
      'Total `items` not found in the response in `OffsetPaginator` .Expected a response with a `total` key, got `{"data":[{"id":0}',
    );
    expect(noTotal.done).toMatchObject({ type: "done", ok: false });
    const bare = await collect(one({ paginator: { type: "offset", limit: 10 } }), fakeFetch(() => json(items(0, 10))).fetch);
    expect(bare.errors[0]!.message).toContain("Total `items` not found");
    const api = fakeFetch((_r, _n, url) => json({ data: Number(get(url, "offset")) < 30 ? items(0, 10) : [] }));
    const run = await collect(one({ data_selector: "data", paginator: { type: "offset", limit: 10, total_path: null } }), api.fetch);
    expect(api.urls().map((u) => get(new URL(u), "offset"))).toEqual(["0", "10", "20", "30"]);
    expect(run.reasons.at(-1)).toBe("stopped: empty page");
    expect(run.reasons[0]).toBe("next offset 10: the page had 10 records and there is no total_path");
  });
  it("totals go through int(): numeric strings pass, others fail with dlt's text", async () => {
    const api = fakeFetch((_r, _n, url) => json({ data: items(0, 10), total: "20", u: url.search }));
    await collect(one({ data_selector: "data", paginator: { type: "offset", limit: 10 } }), api.fetch);
    expect(api.calls).toHaveLength(2);
    const bad = await collect(
      one({ data_selector: "data", paginator: { type: "offset", limit: 10 } }),
      fakeFetch(() => json({ data: items(0, 10), total: "abc" })).fetch,
    );
    expect(bad.errors[0]!.message).toBe("'total' is not an `int` in the response in `OffsetPaginator`. Expected an integer, got `abc`");
  });
  it("maximum_offset is exclusive (and a full page cut by it is flagged)", async () => {
    const api = fakeFetch(() => json({ data: items(0, 50), total: 1000 }));
    const run = await collect(one({ data_selector: "data", paginator: { type: "offset", limit: 50, maximum_offset: 100 } }), api.fetch);
    expect(api.urls().map((u) => get(new URL(u), "offset"))).toEqual(["0", "50"]);
    expect(run.reasons.at(-1)).toBe("stopped: maximum_offset 100 reached");
    expect(run.warnings).toEqual(["full_page_then_stop"]);
  });
  it("has_more overrides the total in both directions; missing or non-bool has_more fails", async () => {
    const api = fakeFetch((_r, n) => json({ data: items(0, 10), total: 5, more: n < 3 }));
    const run = await collect(one({ data_selector: "data", paginator: { type: "offset", limit: 10, has_more_path: "more" } }), api.fetch);
    expect(api.calls).toHaveLength(3);
    expect(run.reasons).toEqual([
      "next offset 10: `more` is true (overrides: stopped: offset 10 >= total 5)",
      "next offset 20: `more` is true (overrides: stopped: offset 20 >= total 5)",
      "stopped: offset 30 >= total 5; `more` is false",
    ]);
    const early = await collect(
      one({ data_selector: "data", paginator: { type: "offset", limit: 10, has_more_path: "more" } }),
      fakeFetch(() => json({ data: items(0, 10), total: 100, more: "false" })).fetch,
    );
    expect(early.reasons).toEqual(["stopped: `more` is false"]);
    const missing = await collect(
      one({ data_selector: "data", paginator: { type: "offset", limit: 10, has_more_path: "more" } }),
      fakeFetch(() => json({ data: items(0, 1), total: 100 })).fetch,
    );
    expect(missing.errors[0]!.message).toMatch(
      /^Has more value not found in the response in `OffsetPaginator`\.Expected a response with a `more` key, got `\{/,
    );
    const notBool = await collect(
      one({ data_selector: "data", paginator: { type: "offset", limit: 10, has_more_path: "more" } }),
      fakeFetch(() => json({ data: items(0, 1), total: 100, more: 1 })).fetch,
    );
    expect(notBool.errors[0]!.message).toBe("'more' is not a `bool` in the response in `OffsetPaginator`. Expected a boolean, got `1`");
  });
  it("writes offset and limit into the JSON body with *_body_path; starts at `offset`", async () => {
    const api = fakeFetch((_r, n) => json({ data: items(0, 5), total: 25 - (n > 1 ? 0 : 0) }));
    await collect(
      one({
        method: "POST",
        json: { q: "x" },
        data_selector: "data",
        paginator: { type: "offset", limit: 5, offset: 15, offset_body_path: "page.offset", limit_body_path: "page.size" },
      }),
      api.fetch,
    );
    expect(api.calls.map((c) => JSON.parse(c.body))).toEqual([
      { q: "x", page: { offset: 15, size: 5 } },
      { q: "x", page: { offset: 20, size: 5 } },
    ]);
    expect(api.urls()).toEqual(["https://api.test/items", "https://api.test/items"]);
  });
});

describe("page_number", () => {
  it("base 0 with total pages: pages 0, 1, 2", async () => {
    const api = fakeFetch(() => json({ rows: items(0, 3), total: 3 }));
    const run = await collect(one({ data_selector: "rows", paginator: { type: "page_number" } }), api.fetch);
    expect(api.urls()).toEqual([0, 1, 2].map((p) => `https://api.test/items?page=${p}`));
    expect(run.reasons).toEqual([
      "next page 1: page 1 < total 3 (base_page 0)",
      "next page 2: page 2 < total 3 (base_page 0)",
      "stopped: page 3 >= total 3 (base_page 0)",
    ]);
  });
  it("base 1 with total pages: pages 1, 2, 3", async () => {
    const api = fakeFetch(() => json({ rows: items(0, 3), total_pages: 3 }));
    const run = await collect(
      one({ data_selector: "rows", paginator: { type: "page_number", base_page: 1, total_path: "total_pages" } }),
      api.fetch,
    );
    expect(api.urls()).toEqual([1, 2, 3].map((p) => `https://api.test/items?page=${p}`));
    expect(run.reasons.at(-1)).toBe("stopped: page 4 >= total 3 + base_page 1");
  });
  it("maximum_page is exclusive; a user param of the same name is overwritten in place", async () => {
    const api = fakeFetch(() => json({ rows: items(0, 5), total: 10 }));
    const run = await collect(
      one({ data_selector: "rows", params: { page: "100", q: "x" }, paginator: { type: "page_number", base_page: 1, maximum_page: 3 } }),
      api.fetch,
    );
    expect(api.urls()).toEqual(["https://api.test/items?page=1&q=x", "https://api.test/items?page=2&q=x"]);
    expect(run.reasons.at(-1)).toBe("stopped: maximum_page 3 reached");
  });
  it("seed dialect: `limit` + `limit_param` send the page size on every page", async () => {
    const api = fakeFetch(() => json({ BankTransactions: items(0, 100), total: 3 }));
    const run = await collect(
      one({
        data_selector: "BankTransactions",
        paginator: { type: "page_number", limit: 100, page_param: "page", limit_param: "page_size" },
      }),
      api.fetch,
    );
    expect(api.urls()).toEqual([0, 1, 2].map((p) => `https://api.test/items?page_size=100&page=${p}`));
    expect(run.of("resource_start")[0]!.paginator).toBe(
      "page_number(page_param=page, base_page=0, total_path=total, page_size=100 (seed dialect))",
    );
    expect(run.warnings).toEqual([]);
  });
  it("a full page followed by maximum_page is flagged; the total explains a full last page", async () => {
    const flagged = await collect(
      one({ data_selector: "data", paginator: { type: "page_number", limit: 10, limit_param: "size", maximum_page: 1 } }),
      fakeFetch(() => json({ data: items(0, 10), total: 10 })).fetch,
    );
    expect(flagged.warnings).toEqual(["full_page_then_stop"]);
    expect(flagged.of("warning")[0]!.message).toBe(
      "Page 1 was full (10 records, page size 10) but paging stopped (stopped: maximum_page 1 reached): records may be missing.",
    );
    const explained = await collect(
      one({ data_selector: "data", paginator: { type: "page_number", limit: 10, limit_param: "size" } }),
      fakeFetch(() => json({ data: items(0, 10), total: 1 })).fetch,
    );
    expect(explained.warnings).toEqual([]);
  });
  it("missing total pages fails with dlt's text; page_body_path writes the JSON body", async () => {
    const run = await collect(
      one({ data_selector: "rows", paginator: { type: "page_number" } }),
      fakeFetch(() => json({ rows: items(0, 1) })).fetch,
    );
    expect(run.errors[0]!.message).toContain(
      "Total `pages` not found in the response in `PageNumberPaginator` .Expected a response with a `total` key",
    );
    const api = fakeFetch(() => json({ rows: items(0, 1), total: 2 }));
    await collect(
      one({
        method: "POST",
        data_selector: "rows",
        paginator: { type: "page_number", page_body_path: "paging.page", base_page: 1, total_path: "total" },
      }),
      api.fetch,
    );
    expect(api.calls.map((c) => c.body)).toEqual(['{"paging": {"page": 1}}', '{"paging": {"page": 2}}']);
  });
});

describe("json_link and header_link", () => {
  it("json_link resolves relative URLs against the last request and drops the original params", async () => {
    const api = fakeFetch((_r, n) => json({ items: items(n, 1), next: n === 1 ? "/items?cursor=b" : n === 2 ? "page3" : null }));
    const run = await collect(one({ params: { q: 1 }, paginator: { type: "json_link" } }), api.fetch);
    expect(api.urls()).toEqual(["https://api.test/items?q=1", "https://api.test/items?cursor=b", "https://api.test/page3"]);
    expect(run.reasons).toEqual(["next: `next` = /items?cursor=b", "next: `next` = page3", "stopped: no `next` link"]);
    expect(run.of("page")[0]!.selector_source).toBe("detected");
  });
  it("nested and bracket-quoted next paths (both quote styles), json_response alias, ports kept", async () => {
    for (const next_url_path of ["['@odata.nextLink']", '["@odata.nextLink"]']) {
      const api = fakeFetch((_r, n) => json({ value: items(n, 1), "@odata.nextLink": n < 2 ? "?$skip=1" : undefined }));
      await collect(
        {
          client: { base_url: "http://localhost:8080/api/v1" },
          resources: [{ name: "r", endpoint: { path: "items", paginator: { type: "json_link", next_url_path } } }],
        },
        api.fetch,
      );
      expect(api.urls()).toEqual(["http://localhost:8080/api/v1/items", "http://localhost:8080/api/v1/items?$skip=1"]);
    }
    const nested = fakeFetch((_r, n) => json({ data: items(n, 1), links: { next: n < 3 ? `https://api.test/p${n + 1}` : null } }));
    await collect(one({ paginator: { type: "json_response", next_url_path: "links.next" } }), nested.fetch);
    expect(nested.urls()).toEqual(["https://api.test/items", "https://api.test/p2", "https://api.test/p3"]);
  });
  it("header_link follows rel=next among other rels, relative links included", async () => {
    const api = fakeFetch((_r, n) =>
      json(items(n, 2), 200, n < 3 ? { link: `</items?page=${n + 1}>; rel="next", <https://api.test/items?page=1>; rel="first"` } : {}),
    );
    const run = await collect(one({ params: { per_page: 2 }, paginator: "header_link" }), api.fetch);
    expect(api.urls()).toEqual(["https://api.test/items?per_page=2", "https://api.test/items?page=2", "https://api.test/items?page=3"]);
    expect(run.records).toHaveLength(6);
    expect(run.reasons.at(-1)).toBe("stopped: no `next` link in the Link header");
    const custom = fakeFetch((_r, n) => json([], 200, n < 2 ? { Link: '<https://api.test/b>; rel="following"' } : {}));
    await collect(one({ paginator: { type: "header_link", links_next_key: "following" } }), custom.fetch);
    expect(custom.urls()).toEqual(["https://api.test/items", "https://api.test/b"]);
  });
  it("single_page stops even when the response has a next link", async () => {
    const api = fakeFetch(() =>
      json({ data: items(0, 1), next: "https://api.test/p2" }, 200, { link: '<https://api.test/p2>; rel="next"' }),
    );
    const run = await collect(one({ paginator: "single_page" }), api.fetch);
    expect(api.calls).toHaveLength(1);
    expect(run.reasons).toEqual(["stopped: single_page makes one request"]);
  });
});

describe("cursor and header_cursor", () => {
  it("cursor: default path and param, other params kept, a falsy cursor stops", async () => {
    const api = fakeFetch((_r, n) => json({ data: items(n, 1), cursors: { next: n < 3 ? `c${n}` : "" } }));
    const run = await collect(one({ params: { q: "x" }, paginator: { type: "cursor" } }), api.fetch);
    expect(api.urls()).toEqual([
      "https://api.test/items?q=x",
      "https://api.test/items?q=x&cursor=c1",
      "https://api.test/items?q=x&cursor=c2",
    ]);
    expect(run.reasons).toEqual([
      "next cursor c1 from `cursors.next`",
      "next cursor c2 from `cursors.next`",
      'stopped: cursor `cursors.next` is ""',
    ]);
    for (const falsy of [0, false, null]) {
      const f = fakeFetch(() => json({ data: items(0, 1), cursors: { next: falsy } }));
      await collect(one({ paginator: "cursor" }), f.fetch);
      expect(f.calls).toHaveLength(1);
    }
  });
  it("cursor in the JSON body; empty pages stop only with stop_after_empty_page; has_more false wins", async () => {
    const api = fakeFetch((_r, n) => json({ data: [], next: n < 3 ? n : null }));
    await collect(
      one({ method: "POST", json: {}, paginator: { type: "cursor", cursor_path: "next", cursor_body_path: "after" } }),
      api.fetch,
    );
    expect(api.calls.map((c) => c.body)).toEqual(["{}", '{"after": 1}', '{"after": 2}']);
    const stops = fakeFetch((_r, n) => json({ data: [], next: `c${n}` }));
    const run = await collect(one({ paginator: { type: "cursor", cursor_path: "next", stop_after_empty_page: true } }), stops.fetch);
    expect(stops.calls).toHaveLength(1);
    expect(run.reasons).toEqual(["stopped: empty page"]);
    const hm = fakeFetch((_r, n) => json({ data: items(0, 1), next: `c${n}`, more: false }));
    const hmRun = await collect(one({ paginator: { type: "cursor", cursor_path: "next", has_more_path: "more" } }), hm.fetch);
    expect(hm.calls).toHaveLength(1);
    expect(hmRun.reasons).toEqual(["stopped: `more` is false"]);
  });
  it("header_cursor: absent header stops, an empty value still counts", async () => {
    const api = fakeFetch((_r, n) => json({ data: [] }, 200, n === 1 ? { "X-Next": "tok1" } : n === 2 ? { "X-Next": "" } : {}));
    const run = await collect(one({ paginator: { type: "header_cursor", cursor_key: "x-next", cursor_param: "after" } }), api.fetch);
    expect(api.urls()).toEqual(["https://api.test/items", "https://api.test/items?after=tok1", "https://api.test/items?after="]);
    expect(run.reasons.at(-1)).toBe("stopped: no `x-next` response header");
  });
});

describe("auto-detection (no paginator configured anywhere)", () => {
  const detect = async (body: (n: number) => unknown, headers: (n: number) => Record<string, string> = () => ({})) => {
    const api = fakeFetch((_r, n) => json(body(n), 200, headers(n)));
    const run = await collect(one({}), api.fetch);
    return {
      urls: api.urls(),
      reasons: run.reasons,
      labels: run.of("paginator").map((p) => p.paginator),
      start: run.of("resource_start")[0]!.paginator,
    };
  };
  it("Link header, next URL (plain and {href}), page count, cursor, and the single_page fallback", async () => {
    const link = await detect(
      (n) => items(n, 1),
      (n): Record<string, string> => (n < 2 ? { link: '<https://api.test/p2>; rel="next"' } : {}),
    );
    expect(link.urls).toEqual(["https://api.test/items", "https://api.test/p2"]);
    expect(link.reasons[0]).toBe(
      'detected header_link(links_next_key=next) from a `Link: <…>; rel="next"` header; next: Link rel="next" https://api.test/p2',
    );
    expect(link.labels).toEqual(["auto: header_link", "auto: header_link"]);
    expect(link.start).toBe("auto (detected on the first response)");
    const url = await detect((n) => ({ results: items(n, 1), next: n < 2 ? "/p2" : null }));
    expect(url.urls).toEqual(["https://api.test/items", "https://api.test/p2"]);
    expect(url.reasons).toEqual([
      "detected json_link(next_url_path=next) from a next-page URL at `next`; next: `next` = /p2",
      "stopped: no `next` link",
    ]);
    const href = await detect((n) => ({ data: items(n, 1), links: { next: { href: n < 2 ? "https://api.test/p2" : null } } }));
    expect(href.urls).toEqual(["https://api.test/items", "https://api.test/p2"]);
    const pages = await detect(() => ({ items: items(0, 1), meta: { total_pages: 2 } }));
    expect(pages.urls).toEqual(["https://api.test/items", "https://api.test/items?page=1"]);
    expect(pages.reasons.at(-1)).toBe("stopped: page 2 >= total 2 (base_page 0)");
    const cursor = await detect((n) => ({ data: items(n, 1), next_cursor: n < 2 ? "abc" : null }));
    expect(cursor.urls).toEqual(["https://api.test/items", "https://api.test/items?cursor=abc"]);
    const single = await detect(() => ({ items: items(0, 1) }));
    expect(single.reasons).toEqual([
      "detected single_page from no paging information in the first response; stopped: single_page makes one request",
    ]);
  });
});

describe("loops, purity and the registry", () => {
  it("the same next URL or cursor twice stops with a paginator_loop warning", async () => {
    const api = fakeFetch(() => json({ data: items(0, 1), next: "https://api.test/same" }));
    const run = await collect(one({ paginator: "json_link" }), api.fetch);
    expect(api.urls()).toEqual(["https://api.test/items", "https://api.test/same"]);
    expect(run.warnings).toEqual(["paginator_loop"]);
    expect(run.of("paginator").at(-1)).toMatchObject({
      decision: "stop",
      reason: "stopped: the paginator asked for the same page again (https://api.test/same)",
    });
    const cur = fakeFetch(() => json({ data: items(0, 1), cursors: { next: "x" } }));
    const curRun = await collect(one({ paginator: "cursor" }), cur.fetch);
    expect(cur.urls()).toEqual(["https://api.test/items", "https://api.test/items?cursor=x"]);
    expect(curRun.warnings).toEqual(["paginator_loop"]);
  });
  it("paginator state is an explicit value: update never mutates it and repeats give the same answer", () => {
    const impl = offsetPaginator({ type: "offset", limit: 10 });
    const first: RequestSpec = { method: "GET", url: "https://api.test/items", params: [["q", "1"]], headers: {} };
    const s0 = Object.freeze(impl.init(first));
    const res = {
      status: 200,
      headers: new Headers(),
      url: "https://api.test/items",
      body: { total: 25 },
      texts: new WeakMap(),
      show: String,
    };
    const a = impl.update(s0, res, items(0, 10));
    const b = impl.update(s0, res, items(0, 10));
    expect(a).toEqual(b);
    expect(s0).toEqual({ current: 0n });
    expect(impl.apply(first, a.state).params).toEqual([
      ["q", "1"],
      ["offset", "10"],
      ["limit", "10"],
    ]);
    expect(first.params).toEqual([["q", "1"]]);
  });
  it("every paginator type of the schema has an implementation", () => {
    expect(Object.keys(PAGINATORS).sort()).toEqual([...PAGINATOR_TYPES].sort());
  });
});
