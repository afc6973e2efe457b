/**
 * A resolved source run end to end: shorthands, `resource_defaults` merged, paginator and selector
 * precedence, URL joining, headers and bodies, Python skipped, selection and response actions.
 */
import { describe, expect, it } from "vitest";
import { collect, fakeFetch, items, json } from "../testing/engine";
import { joinUrl } from "./prepare";

const base = { base_url: "https://api.test" };
const echo = () => fakeFetch((_r, _n, url) => json({ data: items(0, 1), total: 1, total_pages: 1, path: url.pathname }));

describe("resources and defaults", () => {
  it("string resources, endpoint strings and missing paths all become paths", async () => {
    const api = echo();
    await collect(
      {
        client: base,
        resources: ["posts", { name: "users" }, { name: "u2", endpoint: "users_list" }, { name: "u3", endpoint: { params: { a: 1 } } }],
      },
      api.fetch,
    );
    expect(api.urls()).toEqual([
      "https://api.test/posts",
      "https://api.test/users",
      "https://api.test/users_list",
      "https://api.test/u3?a=1",
    ]);
  });
  it("resource_defaults: resource wins, params merge one level, explicit null overrides", async () => {
    const api = echo();
    const run = await collect(
      {
        client: base,
        resource_defaults: {
          primary_key: "id",
          write_disposition: "merge",
          endpoint: { params: { a: 1, b: 2 }, data_selector: "missing", paginator: "single_page" },
        },
        resources: [
          { name: "merged", endpoint: { path: "/m", params: { b: 3, c: null, tags: ["x", "y"], flag: true } } },
          {
            name: "nulls",
            primary_key: ["k1", "k2"],
            write_disposition: { disposition: "replace" },
            // `params: null` is not an override: dlt's source build fails on it (lib/run/nulls.test.ts).
            endpoint: { path: "/n", data_selector: null },
          },
        ],
      },
      api.fetch,
    );
    expect(api.urls()).toEqual(["https://api.test/m?a=1&b=3&tags=x&tags=y&flag=True", "https://api.test/n?a=1&b=2"]);
    expect(run.of("resource_start").map((s) => [s.resource, s.primary_key, s.write_disposition, s.data_selector])).toEqual([
      ["merged", ["id"], "merge", "missing"],
      ["nulls", ["k1", "k2"], "replace", null],
    ]);
    expect(run.of("page").map((p) => [p.resource, p.count, p.selector_source])).toEqual([
      ["merged", 0, "configured"],
      ["nulls", 1, "detected"],
    ]);
  });
  it("paginator precedence: endpoint > resource_defaults > client; null and auto fall back to the client's", async () => {
    const run = await collect(
      {
        client: { ...base, paginator: { type: "page_number", total_path: "total_pages" } },
        resource_defaults: { endpoint: { data_selector: "data" } },
        resources: [
          { name: "client_one", endpoint: { path: "/a" } },
          { name: "endpoint_one", endpoint: { path: "/b", paginator: "single_page" } },
          { name: "null_one", endpoint: { path: "/c", paginator: null } },
          { name: "auto_one", endpoint: { path: "/d", paginator: "auto" } },
        ],
      },
      echo().fetch,
    );
    expect(run.of("resource_start").map((s) => s.paginator)).toEqual([
      "page_number(page_param=page, base_page=0, total_path=total_pages)",
      "single_page",
      "page_number(page_param=page, base_page=0, total_path=total_pages)",
      "page_number(page_param=page, base_page=0, total_path=total_pages)",
    ]);
    const withDefaults = await collect(
      {
        client: { ...base, paginator: "single_page" },
        resource_defaults: { endpoint: { paginator: { type: "offset", limit: 5, total_path: null } } },
        resources: [{ name: "r", endpoint: { path: "/x" } }],
      },
      echo().fetch,
    );
    expect(withDefaults.of("resource_start")[0]!.paginator).toBe("offset(limit=5, total_path=None)");
  });
  it("single-entity paths get single_page and `$` even with a client paginator, but not over a defaults paginator", async () => {
    const api = echo();
    const run = await collect(
      { client: { ...base, paginator: "json_link" }, resources: [{ name: "user", endpoint: { path: "user/{id}", params: { id: 5 } } }] },
      api.fetch,
    );
    expect(api.urls()).toEqual(["https://api.test/user/5"]);
    expect(run.of("resource_start")[0]).toMatchObject({ paginator: "single_page", data_selector: "$" });
    expect(run.of("page")[0]).toMatchObject({ selector: "$", selector_source: "single_entity", count: 1 });
    const kept = await collect(
      {
        client: base,
        resource_defaults: { endpoint: { paginator: "header_link" } },
        resources: [{ name: "u", endpoint: { path: "users/{id}.json", params: { id: 1 } } }],
      },
      echo().fetch,
    );
    expect(kept.of("resource_start")[0]!.paginator).toBe("header_link(links_next_key=next)");
  });
  it("URL joining, full-URL paths bypass base_url (a missing base_url: lib/config/resolve/rules.test.ts)", async () => {
    const api = echo();
    await collect(
      {
        client: { base_url: "https://api.test/v1/" },
        resources: [
          { name: "a", endpoint: { path: "//items", paginator: "single_page" } },
          { name: "b", endpoint: { path: "https://other.test/x?y=1", paginator: "single_page" } },
        ],
      },
      api.fetch,
    );
    expect(api.urls()).toEqual(["https://api.test/v1/items", "https://other.test/x?y=1"]);
  });
  it("a base_url whose run-time value is not a URL fails the resource as invalid_request", async () => {
    const api = echo();
    const config = { client: { base_url: { $config: "base" } }, resources: ["items"] };
    const run = await collect(config, api.fetch, { secrets: { base: "api.test" } });
    expect(run.errors[0]).toMatchObject({ code: "invalid_request", resource: "items" });
    expect(run.errors[0]!.message).toContain("is not an absolute URL");
    expect(api.calls).toHaveLength(0);
  });
  it("client headers are sent verbatim; endpoint headers are interpolated and override them (any case)", async () => {
    const api = echo();
    await collect(
      {
        client: { ...base, headers: { "X-Literal": "{resources.a.b}", Accept: "text/plain" } },
        resources: [
          { name: "r", endpoint: { path: "/h", paginator: "single_page", headers: { accept: "application/json", "X-Esc": "{{x}}" } } },
        ],
      },
      api.fetch,
    );
    expect(api.calls[0]!.headers).toMatchObject({ "x-literal": "{resources.a.b}", accept: "application/json", "x-esc": "{x}" });
  });
  it("bodies: json (even {}) as JSON, data dicts as forms, raw strings as is (both: lib/config/resolve/rules.test.ts)", async () => {
    const api = echo();
    await collect(
      {
        client: base,
        resources: [
          { name: "j", endpoint: { path: "/j", method: "POST", json: {}, paginator: "single_page" } },
          { name: "f", endpoint: { path: "/f", method: "POST", data: { a: 1, b: [2, 3], c: null }, paginator: "single_page" } },
          { name: "s", endpoint: { path: "/s", method: "POST", data: "raw text", paginator: "single_page" } },
        ],
      },
      api.fetch,
    );
    expect(api.calls.map((c) => [c.body, c.headers["content-type"]])).toEqual([
      ["{}", "application/json"],
      ["a=1&b=2&b=3", "application/x-www-form-urlencoded"],
      ["raw text", undefined],
    ]);
  });
});

// dlt's build rules (params, placeholders, paths, duplicate names) moved to lib/config/resolve/rules.test.ts;
// an unknown requested resource is lib/run's (run.test.ts): the engine is only given resolved sources.
describe("what the engine skips", () => {
  it("Python values are skipped with a warning; a Python paginator falls back to the client's", async () => {
    const api = echo();
    const run = await collect(
      {
        client: { ...base, paginator: "single_page" },
        resources: [
          {
            name: "r",
            processing_steps: [{ filter: { $python: "lambda x: json.loads(x)" } }],
            endpoint: { path: "/x", paginator: { $python: "MyPaginator()" } },
          },
          { $python: "my_dlt_resource" },
        ],
      },
      api.fetch,
    );
    expect(run.of("warning").map((w) => [w.code, w.message])).toEqual([
      ["python_skipped", "`resources[1]` is a Python object (a dlt resource): validated, not executed in the playground."],
      ["python_skipped", "`processing_steps[0].filter` is Python code: validated, not executed in the playground."],
      ["python_skipped", "`endpoint.paginator` is Python code: validated, not executed in the playground."],
    ]);
    expect(run.of("resource_start")[0]!.paginator).toBe("single_page");
    expect(api.calls).toHaveLength(1);
  });
  it("a child of a Python dlt resource fails alone: the rest of the source runs", async () => {
    const api = echo();
    const run = await collect(
      {
        client: { ...base, paginator: "single_page" },
        resources: [
          { $python: "my_dlt_resource" },
          { name: "kids", endpoint: { path: "/kids/{resources.my_dlt_resource.id}" } },
          { name: "r", endpoint: { path: "/x" } },
        ],
      },
      api.fetch,
    );
    expect(run.errors.map((e) => [e.resource, e.code])).toEqual([["kids", "unsupported"]]);
    expect(api.urls()).toEqual(["https://api.test/x"]);
    expect(run.of("resource_done").map((d) => [d.resource, d.ok])).toEqual([
      ["kids", false],
      ["r", true],
    ]);
  });
});

describe("selection of resources and response actions", () => {
  it("selected: false is skipped by default; `resources` runs only what is asked", async () => {
    const api = echo();
    await collect(
      {
        client: base,
        resources: [
          { name: "a", endpoint: { path: "/a", paginator: "single_page" } },
          { name: "b", selected: false, endpoint: { path: "/b", paginator: "single_page" } },
        ],
      },
      api.fetch,
    );
    expect(api.urls()).toEqual(["https://api.test/a"]);
    const only = echo();
    await collect(
      {
        client: base,
        resources: [
          { name: "a", endpoint: { path: "/a", paginator: "single_page" } },
          { name: "b", selected: false, endpoint: { path: "/b", paginator: "single_page" } },
        ],
      },
      only.fetch,
      { resources: ["b"] },
    );
    expect(only.urls()).toEqual(["https://api.test/b"]);
  });
  it("response_actions ignore a status (no retry, nothing kept) or matching content; other errors still fail", async () => {
    const api = fakeFetch((_r, _n, url) =>
      url.pathname === "/gone" ? json({}, 404) : url.pathname === "/busy" ? json({}, 503) : json({ data: [], note: "no data yet" }),
    );
    const run = await collect(
      {
        client: base,
        resources: [
          { name: "gone", endpoint: { path: "/gone", response_actions: [{ status_code: 404, action: "ignore" }] } },
          { name: "busy", endpoint: { path: "/busy", response_actions: [{ status_code: 503, action: "ignore" }] } },
          { name: "content", endpoint: { path: "/c", response_actions: [{ content: "no data yet", action: "ignore" }] } },
          {
            name: "string_status",
            endpoint: { path: "/gone", paginator: "single_page", response_actions: [{ status_code: "404", action: "ignore" }] },
          },
        ],
      },
      api.fetch,
    );
    expect(api.calls).toHaveLength(4);
    expect(run.reasons).toEqual([
      "stopped: response_actions: ignore status_code 404 (status 404); nothing from this response is kept",
      "stopped: response_actions: ignore status_code 503 (status 503); nothing from this response is kept",
      'stopped: response_actions: ignore content "no data yet" (status 200); nothing from this response is kept',
    ]);
    expect(run.of("resource_done").map((d) => d.ok)).toEqual([true, true, true, false]);
    expect(run.of("page")).toEqual([]);
  });
});

describe("bodies", () => {
  it("a GET with a body to fetch (the mock APIs) fails at its request, saying why and what to write (live runs send it)", async () => {
    const api = echo();
    const run = await collect({ client: base, resources: [{ name: "s", endpoint: { path: "search", json: { q: "x" } } }] }, api.fetch);
    expect(api.urls()).toEqual([]);
    expect(run.errors[0]).toMatchObject({ code: "unsupported", resource: "s" });
    expect(run.errors[0]!.message).toContain("This GET request has a body, which dlt sends and restplay's live runs send too");
    expect(run.errors[0]!.message).toContain('"method": "POST"');
    const post = await collect(
      { client: base, resources: [{ name: "s", endpoint: { path: "search", method: "POST", json: { q: "x" } } }] },
      api.fetch,
    );
    expect(post.errors).toEqual([]);
  });
});

describe("joinUrl on hostile text", () => {
  it("joins a base_url ending in 200,000 slashes and a path starting with as many in one pass", () => {
    // `/\/+$/` tried every slash as the start of the trailing run: a base of many slashes then a letter was quadratic.
    const slashes = "/".repeat(200_000);
    expect(joinUrl(`https://api.test${slashes}v1${slashes}`, `${slashes}items`)).toBe(`https://api.test${slashes}v1/items`);
    expect(joinUrl(`https://api.test${slashes}v1`, "items")).toBe(`https://api.test${slashes}v1/items`);
    expect(joinUrl("https://api.test/", "/items/")).toBe("https://api.test/items/");
  });
});
