/** Paging at the edges, as dlt 1.26.0 does it (each case checked against real dlt on a loopback API). */
import { describe, expect, it } from "vitest";
import { collect, fakeFetch, items, json, one } from "../testing/engine";
import { headerLinks } from "./paginators/links";

describe("the Link header, read as requests' Response.links", () => {
  it("keys links by their rel as written: case and space-separated lists do not match, a later link of a rel wins", () => {
    const links = headerLinks('</a>; rel="Next", </b>; rel="next last", </c>; rel="next", </d>; rel=next, <https://x.test/e>');
    expect(links.get("next")).toBe("/d");
    expect([...links.keys()]).toEqual(["Next", "next last", "next", "https://x.test/e"]);
    expect(headerLinks(null).size).toBe(0);
  });

  it('header_link stops where dlt finds no `next` (rel="next last"), and takes the last of two nexts', async () => {
    const run = async (link: string) => {
      const api = fakeFetch((_r, n) => json(items(n, 1), 200, n === 1 ? { link } : {}));
      await collect(one({ paginator: "header_link" }), api.fetch);
      return api.urls();
    };
    expect(await run('</items?page=2>; rel="next last"')).toEqual(["https://api.test/items"]);
    expect(await run('</items?page=2>; rel="next", </items?page=6>; rel="next"')).toEqual([
      "https://api.test/items",
      "https://api.test/items?page=6",
    ]);
  });

  it('auto-detection needs rel exactly `next` (rel="Next" is a single page)', async () => {
    const api = fakeFetch((_r, n) => json(items(n, 1), 200, n === 1 ? { link: '</items?page=2>; rel="Next"' } : {}));
    const run = await collect(one({}), api.fetch);
    expect(api.urls()).toEqual(["https://api.test/items"]);
    expect(run.of("resource_start")[0]!.paginator).toBe("auto (detected on the first response)");
  });

  it("an empty next link is requested by dlt, which fails: the run fails too (json_link and header_link)", async () => {
    for (const [paginator, body, headers] of [
      ["json_link", { data: items(0, 1), next: "" }, {}],
      ["header_link", items(0, 1), { link: '<>; rel="next"' }],
    ] as const) {
      const api = fakeFetch(() => json(body, 200, headers));
      const run = await collect(one({ paginator, ...(paginator === "json_link" ? { data_selector: "data" } : {}) }), api.fetch);
      expect(api.urls(), paginator).toEqual(["https://api.test/items"]);
      expect(run.errors[0]?.message, paginator).toContain("MissingSchema: Invalid URL ''");
    }
  });
});

describe("auto-detection's searches, as dlt's detector.py", () => {
  it("a `next` key that is null is passed over: the search goes on to a later next URL", async () => {
    const api = fakeFetch((_r, n) => json({ next: null, data: items(n, 1), meta: { next_url: n < 3 ? `/items?page=${n + 1}` : null } }));
    const run = await collect(one({}), api.fetch);
    expect(api.urls()).toEqual(["https://api.test/items", "https://api.test/items?page=2", "https://api.test/items?page=3"]);
    expect(run.records).toHaveLength(3);
  });

  it("the first page count decides: one Python's int() does not read means no page_number (no second search)", async () => {
    for (const body of [
      { pages: "n/a", data: [{ id: 1 }], meta: { total_pages: 3 } },
      { total_pages: "3.5", data: [{ id: 1 }] },
    ]) {
      const api = fakeFetch(() => json(body));
      const run = await collect(one({}), api.fetch);
      expect(api.urls(), JSON.stringify(body)).toEqual(["https://api.test/items"]);
      expect(run.errors).toEqual([]);
    }
    const api = fakeFetch((_r, n) => json({ data: items(n, 1), total_pages: " 2 " }));
    await collect(one({}), api.fetch);
    // Read as int(" 2 ") = 2: dlt's detected page_number starts uninitialised (no `page`), then asks for page 1 of pages 0–1.
    expect(api.urls()).toEqual(["https://api.test/items", "https://api.test/items?page=1"]);
  });
});

describe("page counts read as Python's int() reads them", () => {
  it("takes decimal digits of any script (`٣`, `３`), as dlt's page_number does", async () => {
    for (const total of ["٣", "３"]) {
      const api = fakeFetch((_r, n) => json({ data: items(n, 1), total_pages: total }));
      await collect(one({ data_selector: "data", paginator: { type: "page_number", base_page: 1, total_path: "total_pages" } }), api.fetch);
      expect(api.urls(), total).toEqual([
        "https://api.test/items?page=1",
        "https://api.test/items?page=2",
        "https://api.test/items?page=3",
      ]);
    }
  });
});

describe("the cursor paginator's edges", () => {
  it("has_more true with a null cursor writes `null` at cursor_body_path (a query param would be left out)", async () => {
    const api = fakeFetch((_r, n) => json({ data: items(n, 1), next: n === 1 ? "c2" : null, more: n < 3 }));
    const cfg = { method: "POST", json: { filter: "a" }, data_selector: "data" };
    await collect(
      one({ ...cfg, paginator: { type: "cursor", cursor_path: "next", cursor_body_path: "paging.cursor", has_more_path: "more" } }),
      api.fetch,
    );
    expect(api.calls.map((c) => c.body)).toEqual([
      '{"filter": "a"}',
      '{"filter": "a", "paging": {"cursor": "c2"}}',
      '{"filter": "a", "paging": {"cursor": null}}',
    ]);
  });

  it("stop_after_empty_page stops on an empty page before has_more is read (it cannot override)", async () => {
    const api = fakeFetch(() => json({ data: [], next: "c", more: true }));
    const run = await collect(
      one({
        data_selector: "data",
        paginator: { type: "cursor", cursor_path: "next", has_more_path: "more", stop_after_empty_page: true },
      }),
      api.fetch,
    );
    expect(api.urls()).toEqual(["https://api.test/items"]);
    expect(run.reasons).toEqual(["stopped: empty page"]);
  });
});

describe("a parent whose records are bare values", () => {
  it("fails its child with dlt's error (dlt's child cannot read a field from an int)", async () => {
    const api = fakeFetch((_r, _n, url) => json(url.pathname === "/ids" ? [7, 8] : [{ id: 1 }]));
    const config = {
      client: { base_url: "https://api.test" },
      resources: [
        { name: "ids", endpoint: { path: "/ids", paginator: "single_page" } },
        { name: "posts", endpoint: { path: "/ids/{resources.ids.value}/posts", paginator: "single_page" } },
      ],
    };
    const run = await collect(config, api.fetch);
    expect(api.urls()).toEqual(["https://api.test/ids"]);
    expect(run.errors[0]).toMatchObject({ resource: "posts", code: "placeholder_error" });
    expect(run.errors[0]?.message).toContain("AttributeError: 'int' object has no attribute 'keys'");
  });
});

describe("next links as dlt requests them (urljoin to request.url, requests' quoting)", () => {
  // Each URL as dlt 1.26.0 sent it to a loopback server (the request line), after `items?a=1`.
  it("json_link: `'` stays in a query, `a//b` is `a/b`, a bare #frag drops the params, a link with a scheme as written", async () => {
    const nexts = ["?page=2&q=a b'c", "r8//list;p=1?q=2", "#frag", "https://api.test/items?$filter=a eq 'b'&p=2&x=%2e%2e/%7e\\"];
    const api = fakeFetch((_r, n) => json({ data: items(n, 1), next: nexts[n - 1] ?? null }));
    const run = await collect(one({ params: { a: "1" }, paginator: { type: "json_link" } }), api.fetch);
    // The trace's URLs, as the live transport sends them (a WHATWG `Request`, as fakeFetch's, writes `'` as %27).
    expect(run.of("request").map((e) => e.url)).toEqual([
      "https://api.test/items?a=1",
      "https://api.test/items?page=2&q=a%20b'c",
      "https://api.test/r8/list;p=1?q=2",
      "https://api.test/r8/list;p=1?q=2#frag",
      "https://api.test/items?$filter=a%20eq%20'b'&p=2&x=../~%5C",
    ]);
  });

  it("header_link: a relative link joined to the request's URL without its params", async () => {
    const api = fakeFetch((_r, n) => json([], 200, n < 2 ? { link: '<?cursor=a%2Fb c\'d~*>; rel="next"' } : {}));
    const run = await collect(one({ params: { a: "1" }, paginator: "header_link" }), api.fetch);
    expect(run.of("request").map((e) => e.url)).toEqual(["https://api.test/items?a=1", "https://api.test/items?cursor=a%2Fb%20c'd~*"]);
  });
});
