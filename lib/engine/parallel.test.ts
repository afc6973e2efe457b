/** `parallelized`: concurrent against live APIs (dlt's pool of 5), in order against the virtual clock. */
import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json } from "../testing/engine";
import type { EngineDeps } from "./types";

/** A real clock for the live mode (the per-request timeout races a real timer). */
const realClock: Partial<EngineDeps> = {
  virtualClock: false,
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(resolve, ms);
      signal?.addEventListener(
        "abort",
        () => {
          clearTimeout(t);
          reject(new Error("aborted"));
        },
        { once: true },
      );
    }),
};

/** Resolves when `name` is called, or after a short fallback so a sequential engine fails instead of hanging. */
function rendezvous() {
  const arrived = new Map<string, () => void>();
  const waits = new Map<string, Promise<"met" | "alone">>();
  const at = (name: string) => {
    if (!waits.has(name)) {
      let resolve: (v: "met" | "alone") => void = () => {};
      waits.set(name, new Promise((r) => (resolve = r)));
      arrived.set(name, () => resolve("met"));
      setTimeout(() => resolve("alone"), 500);
    }
    return waits.get(name)!;
  };
  return { arrive: (name: string) => (at(name), arrived.get(name)!()), wait: at };
}

const top = (parallelized: boolean) => ({
  client: { base_url: "https://api.test" },
  resource_defaults: { parallelized, endpoint: { paginator: "single_page" } },
  resources: [
    { name: "a", endpoint: { path: "/a" } },
    { name: "b", endpoint: { path: "/b" } },
    { name: "c", parallelized: false, endpoint: { path: "/c" } },
  ],
});

describe("parallelized top-level resources", () => {
  it("run concurrently against a live API, every event attributed to its resource, same records as in order", async () => {
    const meet = rendezvous();
    const seen: string[] = [];
    const api = fakeFetch(async (_r, _n, url) => {
      seen.push(url.pathname);
      if (url.pathname === "/a") seen.push(`/a met b: ${await meet.wait("b")}`);
      if (url.pathname === "/b") meet.arrive("b");
      return json([{ id: url.pathname }]);
    });
    const run = await collect(top(true), api.fetch, { deps: realClock });
    // a waits inside its request until b's request arrives: only concurrent resources meet. c (not
    // parallelized) runs in the main sequence alongside, as in dlt.
    expect(seen.slice(0, 2)).toEqual(["/a", "/b"]);
    expect(seen).toContain("/a met b: met");
    expect([...seen].sort()).toEqual(["/a", "/a met b: met", "/b", "/c"]);
    expect(run.of("resource_start").map((s) => [s.resource, s.parallelized])).toEqual([
      ["a", "concurrent"],
      ["b", "concurrent"],
      ["c", undefined],
    ]);
    for (const p of run.of("page")) expect(p.records).toEqual([{ id: `/${p.resource}` }]);
    const sequential = await collect(top(false), fakeFetch((_r, _n, url) => json([{ id: url.pathname }])).fetch);
    expect(new Set(run.records.map((r) => r.id))).toEqual(new Set(sequential.records.map((r) => r.id)));
    expect(run.done).toMatchObject({ type: "done", ok: true });
  });

  it("run in order against the mocks' virtual clock, and say so", async () => {
    const api = fakeFetch((_r, _n, url) => json([{ id: url.pathname }]));
    const run = await collect(top(true), api.fetch);
    expect(api.urls()).toEqual(["https://api.test/a", "https://api.test/b", "https://api.test/c"]);
    expect(run.of("resource_start").map((s) => s.parallelized)).toEqual(["in_order", "in_order", undefined]);
    const types = run.events
      .filter((e) => e.type === "resource_start" || e.type === "resource_done")
      .map((e) => `${e.type}:${"resource" in e ? e.resource : ""}`);
    // dlt's round robin, a page each in turn; each is done with its last page (single_page: its first).
    expect(types).toEqual([
      "resource_start:a",
      "resource_done:a",
      "resource_start:b",
      "resource_done:b",
      "resource_start:c",
      "resource_done:c",
    ]);
  });
});

describe("a parallelized child", () => {
  const config = {
    client: { base_url: "https://api.test" },
    resources: [
      { name: "posts", endpoint: { path: "/posts", paginator: "single_page" } },
      {
        name: "comments",
        parallelized: true,
        include_from_parent: ["title"],
        endpoint: {
          path: "/posts/{resources.posts.id}/comments",
          data_selector: "data",
          paginator: { type: "page_number", base_page: 1, total_path: "pages" },
        },
      },
    ],
  };
  const handler = (meet?: ReturnType<typeof rendezvous>, log?: string[]) => async (_r: Request, _n: number, url: URL) => {
    if (url.pathname === "/posts") return json([1, 2, 3].map((id) => ({ id, title: `post ${id}` })));
    const post = Number(url.pathname.split("/")[2]);
    const page = Number(url.searchParams.get("page"));
    log?.push(`${post}:${page}`);
    if (meet && post === 1 && page === 1) log?.push(`1 met 3: ${await meet.wait("3")}`);
    if (meet && post === 3) meet.arrive("3");
    return json({ data: [{ id: post * 10 + page }], pages: 2 });
  };

  it("fetches every parent record's pages as its own task, concurrently, with a fresh paginator each", async () => {
    const log: string[] = [];
    const run = await collect(config, fakeFetch(handler(rendezvous(), log)).fetch, { deps: realClock });
    expect(log.slice(0, 4)).toEqual(["1:1", "2:1", "3:1", "1 met 3: met"]);
    expect(log.filter((l) => l.includes(":")).length).toBe(7);
    const comments = run
      .of("page")
      .filter((p) => p.resource === "comments")
      .flatMap((p) => p.records);
    expect(comments.map((c) => c.id).sort()).toEqual([11, 12, 21, 22, 31, 32]);
    for (const c of comments) expect(c._posts_title).toBe(`post ${Math.floor(Number(c.id) / 10)}`);
    expect(run.done).toMatchObject({ type: "done", ok: true });
  });

  it("keeps the playground's record limit", async () => {
    const run = await collect(config, fakeFetch(handler()).fetch, { deps: realClock, limits: { maxRecords: 3 } });
    expect(
      run
        .of("page")
        .filter((p) => p.resource === "posts")
        .flatMap((p) => p.records),
    ).toHaveLength(3);
    expect(run.of("limit").map((l) => l.limit)).toContain("max_records");
    const comments = run
      .of("page")
      .filter((p) => p.resource === "comments")
      .flatMap((p) => p.records);
    expect(comments.length).toBeLessThanOrEqual(3);
  });

  it("stops the other tasks after the first failure and reports it once", async () => {
    const api = fakeFetch(async (_r, _n, url) =>
      url.pathname === "/posts"
        ? json([1, 2, 3, 4, 5, 6, 7].map((id) => ({ id, title: `post ${id}` })))
        : url.pathname.startsWith("/posts/2/")
          ? json({ error: "gone" }, 404)
          : json({ data: [], pages: 1 }),
    );
    const run = await collect(config, api.fetch, { deps: realClock });
    const errors = run.of("error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ resource: "comments", error: { code: "http_error", status: 404 } });
    expect(api.urls().filter((u) => u.includes("/comments")).length).toBeLessThan(7);
  });
});

describe("the run's pool", () => {
  it("holds every parallelized request of the run to dlt's 5 workers: parents' pages and children's records together", async () => {
    let inFlight = 0;
    let most = 0;
    const api = fakeFetch(async (_r, _n, url) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      const page = Number(url.searchParams.get("page") ?? 1);
      if (url.pathname.startsWith("/kids")) return json({ data: [{ kid: url.pathname }] });
      const data = Array.from({ length: 6 }, (_, i) => ({ id: page * 10 + i }));
      return json({ data, next: page < 3 ? `https://api.test${url.pathname}?page=${page + 1}` : null });
    });
    const paged = { data_selector: "data", paginator: { type: "json_link", next_url_path: "next" } };
    const config = {
      client: { base_url: "https://api.test" },
      resource_defaults: { parallelized: true },
      resources: [
        ...["p", "q", "r", "s", "t", "u"].map((name) => ({ name, endpoint: { path: `/${name}`, ...paged } })),
        { name: "kids", endpoint: { path: "/kids/{resources.p.id}", data_selector: "data", paginator: "single_page" } },
      ],
    };
    const run = await collect(config, api.fetch, { deps: realClock });
    expect(run.done).toMatchObject({ ok: true });
    expect(api.calls).toHaveLength(6 * 3 + 18);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(5);
  });
});
