import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json } from "./testing";
import { retryAfterMs } from "./retry";
import { maskSecret, redactUrl } from "./mask";

const items = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));
const cfg = (endpoint: object, client: object = {}) => ({ client: { base_url: "https://api.test", ...client }, resources: [{ name: "r", endpoint: { path: "/items", ...endpoint } }] });

describe("offset paginator", () => {
  it("requests offsets 0,100,200 for total 251 and stops with the reason", async () => {
    const api = fakeFetch((req) => {
      const off = Number(new URL(req.url).searchParams.get("offset"));
      return json({ data: items(off, Math.min(100, 251 - off)), total: 251 });
    });
    const run = await collect(cfg({ data_selector: "data", paginator: { type: "offset", limit: 100 } }), api.fetch);
    expect(api.calls.map((c) => c.url)).toEqual([0, 100, 200].map((o) => `https://api.test/items?offset=${o}&limit=100`));
    expect(run.records).toHaveLength(251);
    expect(run.of("paginator").map((p) => p.reason)).toEqual(["next offset 100: 100 < total 251", "next offset 200: 200 < total 251", "stopped: offset 300 >= total 251"]);
  });
  it("stops on an empty page and fails with dlt's text when total is missing", async () => {
    const empty = fakeFetch(() => json({ data: [], total: 999 }));
    const r1 = await collect(cfg({ data_selector: "data", paginator: { type: "offset", limit: 10 } }), empty.fetch);
    expect(r1.of("paginator")[0]!.reason).toBe("stopped: empty page at offset 0");
    const noTotal = fakeFetch(() => json({ data: items(0, 10) }));
    const r2 = await collect(cfg({ data_selector: "data", paginator: { type: "offset", limit: 10 } }), noTotal.fetch);
    const err = r2.of("error")[0]!.error;
    expect(err.code).toBe("paginator_error");
    expect(err.message).toContain("Total `items` not found in the response in `OffsetPaginator`");
  });
  it("pages until empty with total_path None; maximum_offset is exclusive; totals may be strings", async () => {
    const api = fakeFetch((req) => {
      const off = Number(new URL(req.url).searchParams.get("offset"));
      return json({ data: off < 30 ? items(off, 10) : [], total: "1000" });
    });
    await collect(cfg({ data_selector: "data", paginator: { type: "offset", limit: 10, total_path: null } }), api.fetch);
    expect(api.calls.map((c) => new URL(c.url).searchParams.get("offset"))).toEqual(["0", "10", "20", "30"]);
    const api2 = fakeFetch((req) => json({ data: items(0, 50), total: "1000", u: req.url }));
    await collect(cfg({ data_selector: "data", paginator: { type: "offset", limit: 50, maximum_offset: 100 } }), api2.fetch);
    expect(api2.calls.map((c) => new URL(c.url).searchParams.get("offset"))).toEqual(["0", "50"]);
  });
  it("has_more overrides the total", async () => {
    const api = fakeFetch((_r, n) => json({ data: items(0, 10), total: 5, more: n < 3 }));
    await collect(cfg({ data_selector: "data", paginator: { type: "offset", limit: 10, has_more_path: "more" } }), api.fetch);
    expect(api.calls).toHaveLength(3);
  });
});

describe("page_number paginator", () => {
  it("base 0 with total pages, and the seed dialect's page size on every page", async () => {
    const api = fakeFetch((req) => json({ rows: items(0, 100), total: 3, u: req.url }));
    await collect(cfg({ data_selector: "rows", paginator: { type: "page_number", limit: 100, page_param: "page", limit_param: "page_size" } }), api.fetch);
    expect(api.calls.map((c) => c.url)).toEqual([0, 1, 2].map((p) => `https://api.test/items?page=${p}&page_size=100`));
  });
  it("base 1 with maximum_page exclusive; a user param of the same name is overwritten", async () => {
    const api = fakeFetch(() => json({ rows: items(0, 5), total: 10 }));
    await collect(cfg({ data_selector: "rows", params: { page: "100", q: "x" }, paginator: { type: "page_number", base_page: 1, maximum_page: 3 } }), api.fetch);
    expect(api.calls.map((c) => c.url)).toEqual(["https://api.test/items?q=x&page=1", "https://api.test/items?q=x&page=2"]);
  });
});

describe("link and cursor paginators", () => {
  it("json_link resolves relative URLs and drops the original params", async () => {
    const api = fakeFetch((_r, n) => json({ items: items(n, 1), next: n === 1 ? "/items?cursor=b" : n === 2 ? "page3" : null }));
    const run = await collect(cfg({ params: { q: 1 }, paginator: { type: "json_link" } }), api.fetch);
    expect(api.calls.map((c) => c.url)).toEqual(["https://api.test/items?q=1", "https://api.test/items?cursor=b", "https://api.test/page3"]);
    expect(run.of("page")[0]!.selector_source).toBe("detected");
    expect(run.of("paginator").at(-1)!.reason).toBe("stopped: no `next` link in the response");
  });
  it("json_link with an @odata path; header_link with RFC 8288", async () => {
    const api = fakeFetch((_r, n) => json({ value: items(n, 1), "@odata.nextLink": n < 2 ? "https://api.test/next" : undefined }));
    await collect(cfg({ paginator: { type: "json_link", next_url_path: "['@odata.nextLink']" } }), api.fetch);
    expect(api.calls).toHaveLength(2);
    const h = fakeFetch((_r, n) => json(items(n, 2), 200, n < 3 ? { link: `<https://api.test/items?page=${n + 1}>; rel="next", <https://api.test/items?page=1>; rel="first"` } : {}));
    const run = await collect(cfg({ paginator: "header_link" }), h.fetch);
    expect(h.calls.map((c) => c.url)).toEqual(["https://api.test/items", "https://api.test/items?page=2", "https://api.test/items?page=3"]);
    expect(run.records).toHaveLength(6);
  });
  it("cursor stops on a falsy cursor; header_cursor on an absent header", async () => {
    const api = fakeFetch((_r, n) => json({ data: items(n, 1), cursors: { next: n < 3 ? `c${n}` : "" } }));
    await collect(cfg({ paginator: { type: "cursor" } }), api.fetch);
    expect(api.calls.map((c) => c.url)).toEqual(["https://api.test/items", "https://api.test/items?cursor=c1", "https://api.test/items?cursor=c2"]);
    const h = fakeFetch((_r, n) => json({ data: [] }, 200, n < 2 ? { next: "tok" + n } : {}));
    await collect(cfg({ paginator: { type: "header_cursor" } }), h.fetch);
    expect(h.calls.map((c) => c.url)).toEqual(["https://api.test/items", "https://api.test/items?cursor=tok1"]);
  });
  it("stops a paginator that repeats itself", async () => {
    const api = fakeFetch(() => json({ data: items(0, 1), next: "https://api.test/same" }));
    const run = await collect(cfg({ paginator: "json_link" }), api.fetch);
    expect(api.calls.map((c) => c.url)).toEqual(["https://api.test/items", "https://api.test/same"]);
    expect(run.of("warning").map((w) => w.code)).toContain("paginator_loop");
  });
  it("auto-detects header links, next URLs, page counts and falls back to single_page", async () => {
    const detected = async (body: (n: number) => unknown) => {
      const api = fakeFetch((_r, n) => json(body(n)));
      const run = await collect(cfg({}), api.fetch);
      return run.of("paginator")[0]!.reason;
    };
    expect(await detected((n) => ({ results: items(n, 1), next: n < 2 ? "https://api.test/p2" : null }))).toMatch(/^detected json_link\(next_url_path=next\)/);
    expect(await detected(() => ({ items: items(0, 1), total_pages: 1 }))).toMatch(/^detected page_number/);
    expect(await detected(() => ({ items: items(0, 1) }))).toMatch(/^detected single_page/);
  });
  it("warns when a full page is followed by a stop that does not explain it", async () => {
    const api = fakeFetch(() => json({ data: items(0, 10), total: 10 }));
    const run = await collect(cfg({ data_selector: "data", paginator: { type: "page_number", limit: 10, limit_param: "size", maximum_page: 1 } }), api.fetch);
    expect(run.of("warning").map((w) => w.code)).not.toContain("full_page_then_stop");
  });
});

describe("retries", () => {
  it("dlt defaults: 429/5xx retried with 1,2,4,8 s, then a dlt-style error", async () => {
    const api = fakeFetch(() => json({ error: "down" }, 503));
    const run = await collect(cfg({ paginator: "single_page" }), api.fetch);
    expect(api.calls).toHaveLength(5);
    expect(run.sleeps).toEqual([1000, 2000, 4000, 8000]);
    const err = run.of("error")[0]!.error;
    expect(err.code).toBe("http_error");
    expect(err.message).toMatch(/^503 Server Error: Service Unavailable for url: https:\/\/api.test\/items after 5 attempts/);
  });
  it("Retry-After in seconds and as an HTTP date wins over backoff", async () => {
    const api = fakeFetch((_r, n) => (n === 1 ? json({}, 429, { "retry-after": "7" }) : json([{ id: 1 }])));
    const run = await collect(cfg({ paginator: "single_page" }), api.fetch);
    expect(run.sleeps).toEqual([7000]);
    expect(run.of("retry")[0]).toMatchObject({ status: 429, wait_source: "retry-after", virtual: true });
    expect(retryAfterMs(new Date(30_000).toUTCString(), 0, 300_000)).toBe(30_000);
    expect(retryAfterMs("9999", 0, 300_000)).toBe(300_000);
    expect(retryAfterMs("soon", 0, 300_000)).toBeNull();
  });
  it("the seed error_handler: listed statuses, max_retries after the first try, backoff 30/60/120", async () => {
    const api = fakeFetch(() => json({}, 403));
    const run = await collect(cfg({ paginator: "single_page", error_handler: { retry_on_status_codes: [401, 403, 429], max_retries: 3, backoff_factor: 30 } }), api.fetch);
    expect(api.calls).toHaveLength(4);
    expect(run.sleeps).toEqual([30_000, 60_000, 120_000]);
    const notRetried = fakeFetch(() => json({}, 503));
    await collect(cfg({ paginator: "single_page", error_handler: { retry_on_status_codes: [429] } }), notRetried.fetch);
    expect(notRetried.calls).toHaveLength(1);
  });
  it("other 4xx fail at once with the body excerpt", async () => {
    const api = fakeFetch(() => json({ message: "no such thing" }, 404));
    const run = await collect(cfg({ paginator: "single_page" }), api.fetch);
    expect(api.calls).toHaveLength(1);
    expect(run.of("error")[0]!.error.message).toContain("404 Client Error: Not Found for url: https://api.test/items\nResponse: {\"message\":\"no such thing\"}");
  });
  it("network errors are retried, then reported", async () => {
    const api = fakeFetch(() => {
      throw new TypeError("fetch failed");
    });
    const run = await collect(cfg({ paginator: "single_page" }), api.fetch);
    expect(api.calls).toHaveLength(5);
    expect(run.of("error")[0]!.error.code).toBe("network_error");
  });
  it("non-JSON bodies say what came back", async () => {
    const api = fakeFetch(() => new Response("<html>Bad gateway</html>", { headers: { "content-type": "text/html" } }));
    const run = await collect(cfg({ paginator: "single_page" }), api.fetch);
    expect(run.of("error")[0]!.error).toMatchObject({ code: "invalid_json" });
    expect(run.of("error")[0]!.error.message).toContain("text/html");
  });
});

describe("auth", () => {
  const oauthCfg = { auth: { type: "oauth2_client_credentials", access_token_url: "https://auth.test/token", client_id: { $secret: "client_id" }, client_secret: { $secret: "client_secret" }, access_token_request_data: { scope: "read" } } };
  const secrets = { client_id: "the-client", client_secret: "sensitive-secret" };
  it("fetches a token with a form body, caches it, refreshes when it expires", async () => {
    let issued = 0;
    const api = fakeFetch((req) => {
      if (req.url.startsWith("https://auth.test")) return json({ access_token: `tok${++issued}`, expires_in: 60 });
      return json([{ id: 1 }]);
    });
    const run = await collect({ ...cfg({ paginator: "single_page" }, oauthCfg), resources: [{ name: "a", endpoint: { path: "/a", paginator: "single_page" } }, { name: "b", endpoint: { path: "/b", paginator: "single_page" } }] }, api.fetch, { secrets });
    const token = api.calls[0]!;
    expect(token.method).toBe("POST");
    expect(token.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(token.body))).toEqual({ grant_type: "client_credentials", client_id: "the-client", client_secret: "sensitive-secret", scope: "read" });
    expect(api.calls[1]!.headers.authorization).toBe("Bearer tok1");
    expect(run.of("auth").map((a) => a.step)).toContain("token_ok");
  });
  it("re-fetches on expiry and on a 401, and reports a failed token request", async () => {
    let issued = 0;
    const api = fakeFetch((req, n) => {
      if (req.url.startsWith("https://auth.test")) return json({ access_token: `tok${++issued}`, expires_in: 1 });
      return n === 2 ? json({}, 401) : json({ data: [{ id: n }], next: n < 5 ? `https://api.test/p${n}` : null });
    });
    const run = await collect(cfg({ paginator: "json_link" }, oauthCfg), api.fetch, { secrets });
    expect(run.of("auth").map((a) => a.step)).toContain("token_refresh");
    expect(issued).toBeGreaterThanOrEqual(2);
    const denied = fakeFetch(() => json({ error: "invalid_client" }, 401));
    const failed = await collect(cfg({}, oauthCfg), denied.fetch, { secrets });
    expect(failed.of("error")[0]!.error.code).toBe("auth_failed");
  });
  it("seed oauth2 runs as client credentials; api_key in query and header; bearer; basic", async () => {
    const api = fakeFetch((req) => (req.method === "POST" ? json({ access_token: "t" }) : json([])));
    await collect(cfg({ paginator: "single_page" }, { auth: { type: "oauth2", token_url: "https://auth.test/t", client_id: "i", client_secret: "s" } }), api.fetch);
    expect(api.calls[0]!.url).toBe("https://auth.test/t");
    const q = fakeFetch(() => json([]));
    await collect(cfg({ paginator: "single_page" }, { auth: { type: "api_key", name: "api_key", api_key: { $secret: "api_key" }, location: "query" } }), q.fetch, { secrets: { api_key: "k-123" } });
    expect(q.calls[0]!.url).toBe("https://api.test/items?api_key=k-123");
    const h = fakeFetch(() => json([]));
    await collect(cfg({ paginator: "single_page" }, { auth: { type: "api_key", api_key: "k" } }), h.fetch);
    expect(h.calls[0]!.headers.authorization).toBe("k");
    const b = fakeFetch(() => json([]));
    await collect(cfg({ paginator: "single_page" }, { auth: { type: "http_basic", username: "u", password: "p" } }), b.fetch);
    expect(b.calls[0]!.headers.authorization).toBe(`Basic ${btoa("u:p")}`);
    const br = fakeFetch(() => json([]));
    await collect(cfg({ paginator: "single_page" }, { auth: { token: "t0" } }), br.fetch);
    expect(br.calls[0]!.headers.authorization).toBe("Bearer t0");
  });
  it("a missing secret stops the resource before any request and names the env var", async () => {
    const api = fakeFetch(() => json([]));
    const run = await collect(cfg({}, oauthCfg), api.fetch);
    expect(api.calls).toHaveLength(0);
    expect(run.of("error")[0]!.error).toMatchObject({ code: "missing_secret" });
    expect(run.of("error")[0]!.error.message).toContain("CLIENT_ID");
  });
  it("no secret value appears in any event", async () => {
    const api = fakeFetch((req) => (req.method === "POST" ? json({ access_token: "issued-token-value" }) : json({ data: [{ id: 1, echo: req.url }] }, 200)));
    const run = await collect(cfg({ params: { api_key: { $secret: "api_key" } }, paginator: "single_page" }, oauthCfg), api.fetch, { secrets: { ...secrets, api_key: "query-secret-value" } });
    const text = JSON.stringify(run.events.filter((e) => e.type !== "page"));
    for (const s of ["sensitive-secret", "query-secret-value", "issued-token-value"]) expect(text).not.toContain(s);
    expect(maskSecret("sensitive-secret")).toBe("s*****t");
    expect(redactUrl("https://x/y?api_key=abc&q=1")).toBe("https://x/y?api_key=***&q=1");
  });
});

describe("selection, parents, limits, cancellation", () => {
  it("data_selector variants", async () => {
    const one = async (body: unknown, selector?: string) => (await collect(cfg({ paginator: "single_page", ...(selector ? { data_selector: selector } : {}) }), fakeFetch(() => json(body)).fetch)).records;
    expect(await one({ a: { b: [{ id: 1 }, { id: 2 }] } }, "a.b")).toHaveLength(2);
    expect(await one({ a: { b: [{ id: 1 }, { id: 2 }] } }, "$.a.b[*].id")).toEqual([{ value: 1 }, { value: 2 }]);
    expect(await one({ data: { id: 1 } }, "$.data")).toEqual([{ id: 1 }]);
    expect(await one({ data: null }, "data")).toEqual([]);
    expect(await one({ meta: {}, results: [{ id: 9 }] })).toEqual([{ id: 9 }]);
  });
  it("children run per parent record with placeholders and include_from_parent", async () => {
    const api = fakeFetch((req) => (req.url.endsWith("/posts") ? json([{ id: 1, title: "a" }, { id: 2, title: "b" }]) : json([{ cid: req.url }])));
    const run = await collect({ client: { base_url: "https://api.test" }, resources: [
      { name: "comments", endpoint: { path: "posts/{resources.posts.id}/comments", paginator: "single_page" }, include_from_parent: ["title"] },
      { name: "posts", endpoint: { path: "posts", paginator: "single_page" } },
    ] }, api.fetch);
    expect(api.calls.map((c) => c.url)).toEqual(["https://api.test/posts", "https://api.test/posts/1/comments", "https://api.test/posts/2/comments"]);
    expect(run.of("page").filter((p) => p.resource === "comments").flatMap((p) => p.records)).toEqual([
      { cid: "https://api.test/posts/1/comments", _posts_title: "a" },
      { cid: "https://api.test/posts/2/comments", _posts_title: "b" },
    ]);
  });
  it("max_pages and max_records cut the run and say which limit", async () => {
    const api = fakeFetch((_r, n) => json({ data: items(n * 10, 10), next: `https://api.test/p${n}` }));
    const run = await collect(cfg({ paginator: "json_link" }), api.fetch, { limits: { maxPages: 3 } });
    expect(api.calls).toHaveLength(3);
    expect(run.of("limit")[0]).toMatchObject({ limit: "max_pages" });
    const run2 = await collect(cfg({ paginator: "json_link" }), fakeFetch((_r, n) => json({ data: items(n * 10, 10), next: `https://api.test/p${n}` })).fetch, { limits: { maxRecords: 25 } });
    expect(run2.records).toHaveLength(25);
    expect(run2.of("limit")[0]).toMatchObject({ limit: "max_records" });
  });
  it("cancellation ends with a cancelled error and done", async () => {
    const ctrl = new AbortController();
    const api = fakeFetch((_r, n) => {
      if (n === 2) ctrl.abort();
      return json({ data: items(n, 1), next: `https://api.test/p${n}` });
    });
    const run = await collect(cfg({ paginator: "json_link" }), api.fetch, { signal: ctrl.signal });
    expect(run.of("error")[0]!.error.code).toBe("cancelled");
    expect(run.events.at(-1)).toMatchObject({ type: "done", ok: false });
  });
});
