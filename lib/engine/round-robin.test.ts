/**
 * dlt's extraction order. The request orders below were recorded from real dlt 1.26.0 (the oracle,
 * tools/dlt-oracle) paging a loopback API: `P<n>` is the parent's page n (records `<n>0`, `<n>1`, …),
 * `k<id>` a child request for parent record `<id>` (`k<id>.2` its second page);
 * lib/testing/fixtures/round-robin-orders.json by scripts/record-round-robin.py.
 */
import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json } from "../testing/engine";
import { pipeTopology, staticOrder } from "./round-robin";
import ORDERS from "../testing/fixtures/round-robin-orders.json";

const base = { base_url: "https://api.test" };

/** A parent of `pages` pages of `perPage` records; each child sequence has `childPages` pages. */
function familyApi(pages: number, perPage: number, childPages = 1) {
  return fakeFetch((_r, _n, url) => {
    const page = Number(url.searchParams.get("page") ?? 1);
    if (url.pathname === "/parents") {
      const data = Array.from({ length: perPage }, (_, i) => ({ id: page * 10 + i }));
      return json({ data, next: page < pages ? `https://api.test/parents?page=${page + 1}` : null });
    }
    const id = url.pathname.split("/")[2];
    return json({ data: [{ kid: `${id}.${page}` }], next: page < childPages ? `https://api.test/kids/${id}?page=${page + 1}` : null });
  });
}

const family = {
  client: base,
  resources: [
    { name: "parents", endpoint: { path: "parents", data_selector: "data", paginator: { type: "json_link", next_url_path: "next" } } },
    {
      name: "kids",
      endpoint: { path: "kids/{resources.parents.id}", data_selector: "data", paginator: { type: "json_link", next_url_path: "next" } },
    },
  ],
};

const label = (u: string) => {
  const url = new URL(u);
  const page = url.searchParams.get("page");
  if (url.pathname === "/parents") return `P${page ?? 1}`;
  const head = `k${url.pathname.split("/")[2]}`;
  return page && page !== "1" ? `${head}.${page}` : head;
};

describe("dlt's round robin (PipeIterator)", () => {
  // scripts/record-round-robin.py: up to 40 parent pages and 25 child pages, dlt's switch to newest
  // first (`max_parallel_items`) included.
  it.each(ORDERS.cases.map((c) => [c.pages, c.per_page, c.child_pages, c.order] as const))(
    "a parent of %i pages of %i records, children of %i pages: requests in dlt's order",
    async (pages, perPage, childPages, order) => {
      const api = familyApi(pages, perPage, childPages);
      const run = await collect(family, api.fetch, { limits: { maxPages: 100, maxRequests: 10_000 } });
      expect(api.urls().map(label).join(" ")).toBe(order);
      expect(run.done).toMatchObject({ ok: true });
      // The child's rows arrive in that order too (its table's row order, and the columns' first appearance).
      const kids = run.of("page").filter((p) => p.resource === "kids");
      expect(kids.map((p) => `k${String(p.parent?.id)}`).join(" ")).toBe(
        order
          .split(" ")
          .filter((x) => x.startsWith("k"))
          .map((x) => x.split(".")[0])
          .join(" "),
      );
    },
  );

  it("top-level resources take turns, a page each, the first configured first", async () => {
    const api = fakeFetch((_r, _n, url) => {
      const page = Number(url.searchParams.get("page") ?? 1);
      const name = url.pathname.slice(1);
      return json({ data: [{ id: page }], next: page < 3 ? `https://api.test/${name}?page=${page + 1}` : null });
    });
    const paged = (name: string) => ({ name, endpoint: { path: name, data_selector: "data", paginator: "json_link" } });
    const run = await collect({ client: base, resources: [paged("a"), paged("b"), paged("c")] }, api.fetch);
    expect(api.urls().map((u) => `${new URL(u).pathname.slice(1)}${new URL(u).searchParams.get("page") ?? 1}`)).toEqual([
      "a1",
      "b1",
      "c1",
      "a2",
      "b2",
      "c2",
      "a3",
      "b3",
      "c3",
    ]);
    // Each resource is done with its last page (not a turn later, when dlt finds its generator exhausted).
    const order = run.events
      .filter((e) => e.type === "page" || e.type === "resource_done")
      .map((e) => `${e.type}:${"resource" in e ? e.resource : ""}`);
    expect(order.slice(-6)).toEqual(["page:a", "resource_done:a", "page:b", "resource_done:b", "page:c", "resource_done:c"]);
    expect(run.of("resource_done").every((d) => d.ok)).toBe(true);
  });

  it("a parent is done with its last page, while its children still run", async () => {
    const run = await collect(family, familyApi(3, 2).fetch);
    const seq = run.events
      .filter((e) => e.type === "page" || e.type === "resource_done")
      .map((e) => (e.type === "page" ? `${e.resource}:${e.page}` : `done:${e.resource}`));
    const at = seq.indexOf("done:parents");
    expect(seq[at - 1]).toBe("parents:3");
    expect(seq.slice(at + 1).filter((x) => x.startsWith("kids:"))).toHaveLength(5); // k20 k11 k30 k21 k31
    expect(seq.at(-1)).toBe("done:kids");
  });

  it("a parent that fails after some pages: its children run for the records that came, then say so", async () => {
    const api = fakeFetch((_r, _n, url) => {
      const page = Number(url.searchParams.get("page") ?? 1);
      if (url.pathname === "/parents") {
        if (page === 3) return json({}, 404);
        return json({ data: [{ id: page * 10 }], next: `https://api.test/parents?page=${page + 1}` });
      }
      return json({ data: [{ kid: url.pathname }], next: null });
    });
    const run = await collect(family, api.fetch);
    expect(api.urls().map(label)).toEqual(["P1", "P2", "k10", "P3", "k20"]);
    expect(run.errors.map((e) => [e.resource, e.code, e.message])).toEqual([
      ["parents", "http_error", expect.any(String)],
      [
        "kids",
        "parent_failed",
        "The parent resource `parents` failed, so `kids` ran for only the 2 parent records that came before the failure.",
      ],
    ]);
    expect(run.of("page").filter((p) => p.resource === "kids")).toHaveLength(2);
    expect(run.done).toMatchObject({ ok: false });
  });

  it("a parent not selected feeds its children without a turn of its own", async () => {
    const api = familyApi(2, 2);
    const run = await collect(family, api.fetch, { resources: ["kids"] });
    expect(api.urls().map(label).join(" ")).toBe("P1 P2 k10 k20 k11 k21");
    expect(run.of("resource_start").map((s) => [s.resource, s.selected])).toEqual([
      ["parents", false],
      ["kids", undefined],
    ]);
  });
});

/** Top-level resources of 2 pages (records `<page>0`), children of one page (record `<parent id>1`). */
const treeApi = () =>
  fakeFetch((_r, _n, url) => {
    const [name, parent] = url.pathname.slice(1).split("/");
    const page = Number(url.searchParams.get("page") ?? 1);
    if (parent) return json({ data: [{ id: Number(parent) * 10 + 1 }], next: null });
    return json({ data: [{ id: page * 10 }], next: page < 2 ? `https://api.test/${name}?page=${page + 1}` : null });
  });
const treeLabel = (u: string) => {
  const url = new URL(u);
  const [name, parent] = url.pathname.slice(1).split("/");
  return parent ? `${name}${parent}` : `${name}${url.searchParams.get("page") ?? 1}`;
};

describe("dlt's resource order (graphlib's static_order) decides who goes first", () => {
  // Recorded from real dlt 1.26.0 (`scripts/record-round-robin.py --tree "p c:p q" [selected]`): resources
  // `name:parent` in config order, the resources selected, the requests.
  it.each([
    ["p c:p q", "", "q1 p1 q2 p2 c10 c20"],
    ["x:p q p", "", "q1 p1 q2 p2 x10 x20"],
    ["p a:p b:p", "", "p1 p2 b10 b20 a10 a20"],
    ["p a:p g:a", "", "p1 p2 a10 a20 g101 g201"],
    ["p c:p q", "c", "p1 p2 c10 c20"],
    ["p a:p g:a q", "g,q", "q1 p1 q2 p2 a10 a20 g101 g201"],
    ["p a:p b:p q", "", "q1 p1 q2 p2 b10 b20 a10 a20"],
  ])("%s, selected %j: %s", async (tree, selected, order) => {
    const resources = tree.split(" ").map((spec) => {
      const [name, parent] = spec.split(":") as [string, string | undefined];
      const path = parent ? `${name}/{resources.${parent}.id}` : name;
      return { name, endpoint: { path, data_selector: "data", paginator: { type: "json_link", next_url_path: "next" } } };
    });
    const api = treeApi();
    const run = await collect({ client: base, resources }, api.fetch, selected ? { resources: selected.split(",") } : {});
    expect(api.urls().map(treeLabel).join(" ")).toBe(order);
    expect(run.done).toMatchObject({ ok: true });
  });
  it("staticOrder: roots in the order first named (a child names its parent), then level by level", () => {
    expect(
      staticOrder([
        { name: "x", parent: "p" },
        { name: "q", parent: null },
        { name: "p", parent: null },
      ]),
    ).toEqual(["p", "q", "x"]);
    expect(
      staticOrder([
        { name: "p", parent: null },
        { name: "a", parent: "p" },
        { name: "g", parent: "a" },
        { name: "q", parent: null },
      ]),
    ).toEqual(["p", "q", "a", "g"]);
  });
});

describe("pipeTopology (PipeIterator.from_pipes)", () => {
  const parents: Record<string, string | null> = { p: null, a: "p", b: "p", g: "a", q: null };
  const parentOf = (name: string) => parents[name] ?? null;
  it("heads in reverse order; a page goes to the last child first, then the parent itself, then the others", () => {
    const t = pipeTopology(["p", "a", "b", "q"], parentOf);
    expect(t.heads).toEqual(["q", "p"]);
    expect(t.forks.get("p")).toEqual(["b", null, "a"]);
  });
  it("grandchildren fork their parent; an unselected parent gets no turn of its own", () => {
    const t = pipeTopology(["g", "b"], parentOf);
    expect(t.heads).toEqual(["p"]);
    expect(t.forks.get("p")).toEqual(["b", "a"]);
    expect(t.forks.get("a")).toEqual(["g"]);
  });
});
