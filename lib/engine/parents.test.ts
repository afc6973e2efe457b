import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json } from "../testing/engine";

const base = { base_url: "https://api.test" };
const posts = [
  { id: 1, title: "a", meta: { slug: "first" } },
  { id: 2, title: "b", meta: { slug: "second" } },
];
const blog = () =>
  fakeFetch((req, _n, url) => {
    if (url.pathname === "/posts") return json(posts);
    if (url.pathname === "/fail") return json({}, 404);
    const m = /\/posts\/(\d+)\/comments/.exec(url.pathname);
    const off = Number(url.searchParams.get("offset") ?? 0);
    if (m) return json({ data: [{ cid: `${m[1]}-${off}` }, { cid: `${m[1]}-${off + 1}` }].slice(0, Math.max(0, 3 - off)), total: 3 });
    return json({ data: [{ echo: url.pathname + url.search, method: req.method }] });
  });

describe("parents before children, one request sequence per parent record", () => {
  it("path placeholders, include_from_parent, declared in any order", async () => {
    const api = blog();
    const run = await collect(
      {
        client: base,
        resources: [
          {
            name: "comments",
            include_from_parent: ["title"],
            endpoint: { path: "posts/{resources.posts.id}/comments", data_selector: "data", paginator: "single_page" },
          },
          { name: "posts", endpoint: { path: "posts", paginator: "single_page" } },
        ],
      },
      api.fetch,
    );
    expect(run.of("run_start")[0]!.resources).toEqual(["posts", "comments"]);
    expect(api.urls()).toEqual(["https://api.test/posts", "https://api.test/posts/1/comments", "https://api.test/posts/2/comments"]);
    expect(
      run
        .of("page")
        .filter((p) => p.resource === "comments")
        .map((p) => [p.parent, p.records]),
    ).toEqual([
      [
        { id: 1 },
        [
          { cid: "1-0", _posts_title: "a" },
          { cid: "1-1", _posts_title: "a" },
        ],
      ],
      [
        { id: 2 },
        [
          { cid: "2-0", _posts_title: "b" },
          { cid: "2-1", _posts_title: "b" },
        ],
      ],
    ]);
    expect(run.of("resource_start").map((s) => [s.resource, s.parent])).toEqual([
      ["posts", null],
      ["comments", "posts"],
    ]);
  });
  it("placeholders in params (strings), json (typed) and headers; nested fields", async () => {
    const api = blog();
    await collect(
      {
        client: base,
        resources: [
          { name: "posts", endpoint: { path: "posts", paginator: "single_page" } },
          {
            name: "details",
            endpoint: {
              path: "details",
              method: "POST",
              paginator: "single_page",
              params: { post: "{resources.posts.id}", slug: "{resources.posts.meta.slug}" },
              json: { post_id: "{resources.posts.id}", label: "post {resources.posts.id}" },
              headers: { "X-Post": "{resources.posts.id}" },
            },
          },
        ],
      },
      api.fetch,
    );
    expect(api.calls.slice(1).map((c) => [c.url, c.body, c.headers["x-post"]])).toEqual([
      ["https://api.test/details?post=1&slug=first", '{"post_id": 1, "label": "post 1"}', "1"],
      ["https://api.test/details?post=2&slug=second", '{"post_id": 2, "label": "post 2"}', "2"],
    ]);
  });
  it("legacy resolve params bind the path and leave the query", async () => {
    const api = blog();
    await collect(
      {
        client: base,
        resources: [
          { name: "posts", endpoint: { path: "posts", paginator: "single_page" } },
          {
            name: "comments",
            endpoint: {
              path: "posts/{post_id}/comments",
              params: { post_id: { type: "resolve", resource: "posts", field: "id" }, sort: "new" },
              data_selector: "data",
              paginator: "single_page",
            },
          },
        ],
      },
      api.fetch,
    );
    expect(api.urls().slice(1)).toEqual(["https://api.test/posts/1/comments?sort=new", "https://api.test/posts/2/comments?sort=new"]);
  });
  it("each parent record gets a fresh paginator (dlt issue #3772)", async () => {
    const api = blog();
    const run = await collect(
      {
        client: base,
        resources: [
          { name: "posts", endpoint: { path: "posts", paginator: "single_page" } },
          {
            name: "comments",
            endpoint: { path: "posts/{resources.posts.id}/comments", data_selector: "data", paginator: { type: "offset", limit: 2 } },
          },
        ],
      },
      api.fetch,
    );
    expect(api.urls().slice(1)).toEqual([
      "https://api.test/posts/1/comments?offset=0&limit=2",
      "https://api.test/posts/1/comments?offset=2&limit=2",
      "https://api.test/posts/2/comments?offset=0&limit=2",
      "https://api.test/posts/2/comments?offset=2&limit=2",
    ]);
    expect(run.of("resource_done")[1]!.stats).toEqual({ requests: 4, pages: 4, retries: 0, records_fetched: 6 });
  });
  it("asking for a child runs its parent first; chains and two children of one parent work", async () => {
    const api = fakeFetch((_r, _n, url) =>
      json(
        url.pathname === "/orgs"
          ? [{ id: "o1" }]
          : url.pathname.endsWith("/repos")
            ? [{ name: "r1" }, { name: "r2" }]
            : [{ x: url.pathname }],
      ),
    );
    const cfg = {
      client: base,
      resource_defaults: { endpoint: { paginator: "single_page" } },
      resources: [
        { name: "issues", endpoint: { path: "repos/{resources.repos.name}/issues" } },
        { name: "repos", endpoint: { path: "orgs/{resources.orgs.id}/repos" } },
        { name: "orgs", endpoint: { path: "orgs" } },
        { name: "members", endpoint: { path: "orgs/{resources.orgs.id}/members" } },
      ],
    };
    const run = await collect(cfg, api.fetch, { resources: ["issues"] });
    expect(run.of("run_start")[0]!.resources).toEqual(["orgs", "repos", "issues"]);
    expect(run.of("resource_start").map((e) => [e.resource, e.selected])).toEqual([
      ["orgs", false],
      ["repos", false],
      ["issues", undefined],
    ]);
    expect(api.urls()).toEqual([
      "https://api.test/orgs",
      "https://api.test/orgs/o1/repos",
      "https://api.test/repos/r1/issues",
      "https://api.test/repos/r2/issues",
    ]);
    const all = fakeFetch((_r, _n, url) => json(url.pathname === "/orgs" ? [{ id: "o1" }] : [{ name: "r1" }]));
    const full = await collect(cfg, all.fetch);
    expect(full.of("run_start")[0]!.resources).toEqual(["orgs", "repos", "issues", "members"]);
  });
  it("a missing parent field and a failed parent are reported (unknown parents, cycles: lib/config/resolve/rules.test.ts)", async () => {
    const missing = await collect(
      {
        client: base,
        resources: [
          { name: "posts", endpoint: { path: "posts", paginator: "single_page" } },
          { name: "c", endpoint: { path: "posts/{resources.posts.uid}/c", paginator: "single_page" } },
          { name: "d", include_from_parent: ["author"], endpoint: { path: "posts/{resources.posts.id}/d", paginator: "single_page" } },
        ],
      },
      blog().fetch,
    );
    // dlt forks a parent's page to its children last-configured first (`PipeIterator.from_pipes`).
    expect(missing.errors.map((e) => [e.resource, e.code, e.message])).toEqual([
      [
        "d",
        "placeholder_error",
        "Resource expects a field `author` to be present in the incoming data from resource `posts` in order to include it in child records under `_posts_author`. Available parent fields are: ['id', 'title', 'meta']",
      ],
      [
        "c",
        "placeholder_error",
        "Resource expects a field `uid` to be present in the incoming data from resource `posts` in order to bind it to `{resources.posts.uid}`. Available parent fields are: ['id', 'title', 'meta']",
      ],
    ]);
    const failed = await collect(
      {
        client: base,
        resources: [
          { name: "p", endpoint: { path: "fail", paginator: "single_page" } },
          { name: "c", endpoint: { path: "x/{resources.p.id}", paginator: "single_page" } },
        ],
      },
      blog().fetch,
    );
    expect(failed.errors.map((e) => [e.resource, e.code])).toEqual([
      ["p", "http_error"],
      ["c", "parent_failed"],
    ]);
    expect(failed.errors[1]!.message).toBe("The parent resource `p` failed, so `c` has no records to run for.");
  });
  it("max_pages applies per parent record and is reported once", async () => {
    const api = blog();
    const run = await collect(
      {
        client: base,
        resources: [
          { name: "posts", endpoint: { path: "posts", paginator: "single_page" } },
          {
            name: "comments",
            endpoint: { path: "posts/{resources.posts.id}/comments", data_selector: "data", paginator: { type: "offset", limit: 1 } },
          },
        ],
      },
      api.fetch,
      { limits: { maxPages: 2 } },
    );
    expect(
      api
        .urls()
        .slice(1)
        .map((u) => new URL(u).pathname + new URL(u).search),
    ).toEqual([
      "/posts/1/comments?offset=0&limit=1",
      "/posts/1/comments?offset=1&limit=1",
      "/posts/2/comments?offset=0&limit=1",
      "/posts/2/comments?offset=1&limit=1",
    ]);
    expect(run.of("limit").map((l) => [l.resource, l.limit])).toEqual([["comments", "max_pages"]]);
  });
});
