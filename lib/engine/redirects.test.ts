import { describe, expect, it } from "vitest";
import { collect, fakeFetch, items, json, one } from "../testing/engine";
import { MAX_REDIRECTS } from "./redirect";

const to = (location: string, status = 302) => new Response("moved", { status, headers: { location } });

describe("redirects are followed by the engine, one traced request per hop", () => {
  it("a GET redirect completes: each hop is its own request/response pair under one request_id", async () => {
    const api = fakeFetch((_r, _n, url) => (url.pathname === "/items" ? to("/v2/items?x=1", 301) : json({ data: items(0, 3) })));
    const run = await collect(one({ data_selector: "data", paginator: "single_page" }), api.fetch);
    expect(api.urls()).toEqual(["https://api.test/items", "https://api.test/v2/items?x=1"]);
    expect(run.records).toHaveLength(3);
    expect(run.of("request").map((r) => [r.request_id, r.attempt, r.url, r.redirect])).toEqual([
      [1, 1, "https://api.test/items", undefined],
      [1, 1, "https://api.test/v2/items?x=1", 1],
    ]);
    expect(run.of("response").map((r) => [r.status, r.size])).toEqual([
      [301, 0],
      [200, 37],
    ]);
    expect(run.of("resource_done")[0]).toMatchObject({ ok: true, stats: { requests: 2, pages: 1 } });
    expect(run.done).toMatchObject({ ok: true });
  });

  it.each([
    [301, "GET", "GET", false],
    [302, "GET", "GET", false],
    [303, "GET", "GET", false],
    [307, "GET", "GET", false],
    [308, "GET", "GET", false],
    [301, "POST", "GET", false],
    [302, "POST", "GET", false],
    [303, "POST", "GET", false],
    [307, "POST", "POST", true],
    [308, "POST", "POST", true],
  ] as const)("%i after %s: the next hop is a %s, body kept: %s (python-requests' rules)", async (status, method, next, keepsBody) => {
    const api = fakeFetch((_r, n) => (n === 1 ? to("/final", status) : json({ data: [{ id: 1 }] })));
    const run = await collect(
      one({ method, ...(method === "POST" ? { json: { q: "x" } } : {}), data_selector: "data", paginator: "single_page" }),
      api.fetch,
    );
    expect(api.calls.map((c) => c.method)).toEqual([method, next]);
    const hop = api.calls[1]!;
    if (method === "POST") {
      expect(hop.body).toBe(keepsBody ? '{"q": "x"}' : "");
      expect(hop.headers["content-type"]).toBe(keepsBody ? "application/json" : undefined);
    }
    expect(run.records).toHaveLength(1);
  });

  it("every request carries redirect: manual, so a fetch that honours it never follows on its own", async () => {
    const modes: string[] = [];
    const api = fakeFetch((r) => (modes.push(r.redirect), json({ data: [] })));
    await collect(one({ data_selector: "data", paginator: "single_page" }), api.fetch);
    expect(modes).toEqual(["manual"]);
  });

  it("a redirect loop ends with too_many_redirects at once, not after 30 hops or 5 retries", async () => {
    const api = fakeFetch((_r, _n, url) => to(url.pathname === "/items" ? "/b" : "/items"));
    const run = await collect(one({ data_selector: "data", paginator: "single_page" }), api.fetch);
    expect(api.urls()).toEqual(["https://api.test/items", "https://api.test/b"]);
    expect(run.errors).toEqual([expect.objectContaining({ code: "too_many_redirects", resource: "r" })]);
    expect(run.errors[0]!.message).toContain("go round in a loop (back to GET https://api.test/items)");
    expect(run.of("retry")).toEqual([]);
    expect(run.done).toMatchObject({ ok: false });
  });

  it(`a chain longer than ${MAX_REDIRECTS} hops ends with too_many_redirects`, async () => {
    const api = fakeFetch((_r, n) => to(`/hop/${n}`, 307));
    const run = await collect(one({ data_selector: "data", paginator: "single_page" }), api.fetch);
    expect(api.calls).toHaveLength(MAX_REDIRECTS + 1);
    expect(run.errors[0]).toMatchObject({ code: "too_many_redirects" });
    expect(run.errors[0]!.message).toContain(`Exceeded ${MAX_REDIRECTS} redirects starting at https://api.test/items`);
  });

  it("a 3xx without Location, and 304, are answers, not redirects", async () => {
    const api = fakeFetch(() => new Response(null, { status: 302 }));
    const run = await collect(one({ data_selector: "data", paginator: "single_page" }), api.fetch);
    expect(api.calls).toHaveLength(1);
    expect(run.of("response")[0]!.status).toBe(302);
  });

  it("an empty Location is no redirect either (requests follows `while url`): the 302 is the answer (dlt: JSONDecodeError)", async () => {
    const api = fakeFetch(() => new Response("", { status: 302, headers: { location: "" } }));
    const run = await collect(one({ data_selector: "data", paginator: "single_page" }), api.fetch);
    expect(api.calls).toHaveLength(1);
    expect(run.errors.map((e) => e.code)).toEqual(["invalid_json"]);
  });

  it("a Location Python's urlparse refuses (`http://[::1`) is an http_error, not an internal error (dlt 1.26.0: ValueError)", async () => {
    const api = fakeFetch(() => to("http://[::1"));
    const run = await collect(one({ data_selector: "data", paginator: "single_page" }), api.fetch);
    expect(api.calls).toHaveLength(1);
    expect(run.errors.map((e) => [e.code, e.message])).toEqual([
      ["http_error", "302 redirect from https://api.test/items to `http://[::1`, which is not a valid URL (ValueError: Invalid IPv6 URL)."],
    ]);
  });

  it("a Location that is not http(s) is an http_error naming it", async () => {
    const api = fakeFetch(() => to("file:///etc/passwd"));
    const run = await collect(one({ data_selector: "data", paginator: "single_page" }), api.fetch);
    expect(api.calls).toHaveLength(1);
    expect(run.errors[0]).toMatchObject({ code: "http_error" });
    expect(run.errors[0]!.message).toContain("only http and https are followed");
  });

  it("a retry after a redirect starts again from the original URL; paging resolves next links against the request URL", async () => {
    const api = fakeFetch((_r, n, url) => {
      if (url.pathname === "/items") return to("/moved");
      if (n === 2) return json({ error: "busy" }, 503);
      return json({ data: items(0, 1), next: url.searchParams.get("p") ? null : "/items?p=2" });
    });
    const run = await collect(one({ data_selector: "data", paginator: "json_link" }), api.fetch);
    expect(api.urls()).toEqual([
      "https://api.test/items",
      "https://api.test/moved",
      "https://api.test/items",
      "https://api.test/moved",
      "https://api.test/items?p=2",
      "https://api.test/moved",
    ]);
    expect(run.of("request").map((r) => [r.request_id, r.attempt, r.redirect ?? 0])).toEqual([
      [1, 1, 0],
      [1, 1, 1],
      [1, 2, 0],
      [1, 2, 1],
      [2, 1, 0],
      [2, 1, 1],
    ]);
    expect(run.records).toHaveLength(2);
  });

  // Each target as dlt 1.26.0 requested it from a loopback server (requests' resolve_redirects, then urllib3's _encode_target).
  it.each([
    ["/t1?$filter=a eq 'b'&q=%zz%41%7e|^", "https://api.test/t1?$filter=a%20eq%20'b'&q=%25zz%2541%257e%7C%5E"],
    ["https://api.test/t2/../t2b/./c?x='y' z%2", "https://api.test/t2/../t2b/./c?x='y'%2520z%252"],
    ["//api.test/t5?z=1", "https://api.test/t5?z=1"],
    ["t3?x=1#frag", "https://api.test/r/t3?x=1#frag"],
  ])("a Location %s is requested as %s", async (location, expected) => {
    const api = fakeFetch((_r, n) => (n === 1 ? to(location) : json({ data: [{ id: 1 }] })));
    const run = await collect(one({ path: "r/x", params: { a: "x y" }, data_selector: "data", paginator: "single_page" }), api.fetch);
    expect(run.of("request").map((r) => r.url)).toEqual(["https://api.test/r/x?a=x+y", expected]);
  });

  it("the fragment of the first request is carried to a Location without one, as requests carries it", async () => {
    const api = fakeFetch((_r, n) => (n === 1 ? to("/t6") : json({ data: [{ id: 1 }] })));
    const run = await collect(one({ path: "r6#keep", data_selector: "data", paginator: "single_page" }), api.fetch);
    expect(run.of("request").map((r) => r.url)).toEqual(["https://api.test/r6#keep", "https://api.test/t6#keep"]);
  });
});
