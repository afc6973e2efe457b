/**
 * A top-level resource's `yield_map` beside other top-level resources (decision 0044, thirtieth session): each
 * `yield_map`'s generator is a source of dlt's iterator, in one round robin with every resource's page generator, so the
 * steps of the resources interleave item by item, and an item forked to children reaches its own table at the fork's
 * turn. Each expectation is what dlt 1.26.0 loaded on the same loopback API (`pipeline.run` to DuckDB, the rows in the
 * order of the table; a step appending to a module-level list numbers the items as the steps met them).
 */
import { describe, expect, it } from "vitest";
import { run } from "../testing/steps";

/** `a`, `b`, `c`: `pages[name]` pages of two records, ids <1|2|3><page><1|2>; `a/<id>/subs`: `children` pages of two. */
const api = (pages: Record<string, number>, children = 1) =>
  async function served(input: RequestInfo | URL): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const page = Number(url.searchParams.get("page") ?? 1);
    const parts = url.pathname.split("/").filter(Boolean);
    const base = parts.length === 1 ? ("abc".indexOf(parts[0]!) + 1) * 100 : Number(parts[1]) * 100;
    const data = [1, 2].map((k) => ({ id: base + page * 10 + k }));
    const total = parts.length === 1 ? pages[parts[0]!] : children;
    return new Response(JSON.stringify({ data, total_pages: total }), { headers: { "content-type": "application/json" } });
  };

const TWICE = `{"yield_map": lambda x: [{**x, "k": 0}, {**x, "k": 1}]}`;
const source = (resources: string, head = "") => `${head}source = rest_api_source({
    "client": {"base_url": "https://api.example.com/",
        "paginator": {"type": "page_number", "base_page": 1, "page_param": "page", "total_path": "total_pages"}},
    "resources": [${resources}],
})\n`;
const resource = (name: string, steps: string, endpoint = "") =>
  `{"name": "${name}", "endpoint": {"path": "${name}", "data_selector": "data"${endpoint}}` +
  `${steps ? `, "processing_steps": [${steps}]` : ""}}`;

/** Each table's rows as dlt's oracle printed them (the values joined with dots), and the requests (path and query). */
async function loaded(text: string, served: ReturnType<typeof api>) {
  const r = await run(text, served);
  expect(r.errors).toEqual([]);
  const table = (name: string) => (r.rows(name) ?? []).map((x) => Object.values(x).join(".")).join(" ");
  const requests = r.events.flatMap((e) => (e.type === "request" ? [new URL(e.url).pathname + new URL(e.url).search] : []));
  return { table, requests: requests.join(" ") };
}

describe("a top-level resource's yield_map beside other top-level resources", () => {
  const MARK = `SEEN = []

def mark(x):
    SEEN.append(1)
    return {**x, "n": len(SEEN)}

`;
  const marked = source(
    [resource("a", `${TWICE}, {"map": mark}`), resource("b", `{"map": mark}`), resource("c", `${TWICE}, {"map": mark}`)].join(", "),
    MARK,
  );

  // `n`: the order the steps met the items across the three resources (restplay gave a's first four items before b's
  // page and c's, finishing a page's generator up to the next page's turn).
  it.each([
    [
      { a: 3, b: 3, c: 3 },
      "111.0.4 121.0.8 111.1.10 131.0.14 121.1.16 112.0.18 131.1.20 122.0.22 112.1.24 132.0.26 122.1.28 132.1.30",
      "211.1 212.2 221.5 222.6 231.11 232.12",
      "311.0.3 321.0.7 311.1.9 331.0.13 321.1.15 312.0.17 331.1.19 322.0.21 312.1.23 332.0.25 322.1.27 332.1.29",
    ],
    [
      { a: 2, b: 3, c: 1 },
      "111.0.4 121.0.7 111.1.9 121.1.12 112.0.14 122.0.15 112.1.17 122.1.18",
      "211.1 212.2 221.5 222.6 231.10 232.11",
      "311.0.3 311.1.8 312.0.13 312.1.16",
    ],
  ])("pages %o: each item's turn, dlt 1.26.0's rows and order of the steps", async (pages, a, b, c) => {
    const got = await loaded(marked, api(pages));
    expect([got.table("a"), got.table("b"), got.table("c")]).toEqual([a, b, c]);
  });

  it("a row_order incremental closes its pages while the other resource's items go on (dlt 1.26.0's rows and requests)", async () => {
    const inc = `, "incremental": {"cursor_path": "id", "initial_value": 0, "row_order": "asc", "end_value": 121}`;
    const got = await loaded(source([resource("a", TWICE, inc), resource("b", TWICE)].join(", ")), api({ a: 3, b: 3 }));
    expect(got.table("a")).toBe("111.0 111.1 112.0 112.1");
    expect(got.table("b")).toBe("211.0 221.0 211.1 231.0 221.1 212.0 231.1 222.0 212.1 232.0 222.1 232.1");
    expect(got.requests).toBe("/a?page=1 /b?page=1 /a?page=2 /b?page=2 /b?page=3");
  });
});

describe("a top-level resource's yield_map with a child, beside another resource", () => {
  // The map makes each item a list again: given a dict alone, dlt's child iterates its keys and fails.
  const family = source(
    [
      resource("a", `${TWICE}, {"map": lambda x: [x]}`),
      resource("b", ""),
      `{"name": "subs", "endpoint": {"path": "a/{resources.a.id}/subs", "data_selector": "data"}}`,
    ].join(", "),
  );

  // dlt 1.26.0: an item reaches `a` at its fork's turn, after the fork handed it to `subs` (restplay gave `a` the
  // items' order, 111.0 121.0 111.1 …, and made the child's requests later).
  it("parent pages of 3 and 2, child pages of 1 and 2: a's rows, the child's and the requests in dlt's order", async () => {
    const one = await loaded(family, api({ a: 3, b: 3 }));
    expect(one.table("a")).toBe("111.0 111.1 121.0 112.0 121.1 131.0 112.1 122.0 131.1 122.1 132.0 132.1");
    expect(one.table("b")).toBe("211 212 221 222 231 232");
    expect(one.table("subs")).toBe(
      "11111 11112 12111 12112 11111 11112 13111 13112 12111 12112 11211 11212 13111 13112 12211 12212 11211 11212 13211 13212 " +
        "12211 12212 13211 13212",
    );
    expect(one.requests).toBe(
      "/b?page=1 /a?page=1 /b?page=2 /a?page=2 /b?page=3 /a?page=3 /a/111/subs?page=1 /a/121/subs?page=1 /a/111/subs?page=1 " +
        "/a/131/subs?page=1 /a/121/subs?page=1 /a/112/subs?page=1 /a/131/subs?page=1 /a/122/subs?page=1 /a/112/subs?page=1 " +
        "/a/132/subs?page=1 /a/122/subs?page=1 /a/132/subs?page=1",
    );
    const two = await loaded(family, api({ a: 2, b: 3 }, 2));
    expect(two.table("a")).toBe("111.0 111.1 121.0 112.0 121.1 112.1 122.0 122.1");
    expect(two.table("subs")).toBe(
      "11111 11112 12111 12112 11111 11112 11121 11122 12111 12112 11211 11212 12121 12122 11121 11122 12211 12212 11211 11212 " +
        "12121 12122 11221 11222 12211 12212 12221 12222 11221 11222 12221 12222",
    );
    expect(two.requests).toBe(
      "/b?page=1 /a?page=1 /b?page=2 /a?page=2 /b?page=3 /a/111/subs?page=1 /a/121/subs?page=1 /a/111/subs?page=1 " +
        "/a/111/subs?page=2 /a/121/subs?page=1 /a/112/subs?page=1 /a/121/subs?page=2 /a/111/subs?page=2 /a/122/subs?page=1 " +
        "/a/112/subs?page=1 /a/121/subs?page=2 /a/112/subs?page=2 /a/122/subs?page=1 /a/122/subs?page=2 /a/112/subs?page=2 " +
        "/a/122/subs?page=2",
    );
  });
});

describe("a child's yield_map with a child of its own", () => {
  it("an item reaches the child's table at its fork's turn, after the grandchild got it (dlt 1.26.0's rows in order)", async () => {
    const text = source(
      [
        resource("a", ""),
        `{"name": "subs", "endpoint": {"path": "a/{resources.a.id}/subs", "data_selector": "data"},
         "processing_steps": [${TWICE}, {"map": lambda x: [x]}]}`,
        `{"name": "g", "endpoint": {"path": "s/{resources.subs.id}/g", "data_selector": "data"}}`,
      ].join(", "),
    );
    const got = await loaded(text, api({ a: 2 }));
    // restplay gave `subs` its items' order (11111.0 11211.0 12111.0 …) before the thirtieth session.
    expect(got.table("subs")).toBe(
      "11111.0 11112.0 12111.1 11211.1 12211.0 11111.1 12111.0 11211.0 11112.1 12112.0 11212.0 12211.1 12112.1 11212.1 12212.0 12212.1",
    );
    expect(got.table("g")).toBe(
      "1111111 1111112 1121111 1121112 1211111 1211112 1111111 1111112 1221111 1221112 1121111 1121112 1211111 1211112 1111211 " +
        "1111212 1211211 1211212 1111211 1111212 1121211 1121212 1221111 1221112 1221211 1221212 1121211 1121212 1211211 1211212 " +
        "1221211 1221212",
    );
  });
});
