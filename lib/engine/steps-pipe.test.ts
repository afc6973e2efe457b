/**
 * Long because each order case holds the rows dlt 1.26.0 loaded for it, written out (16–48 rows a case).
 * What scripts/dlt-diff.ts `--steps` found (twenty-seventh session), each expectation what dlt 1.26.0 loaded for the same
 * steps on a loopback API (`pipeline.run` to DuckDB): dlt's pipe hands a step the page as one list, but a `yield_map`'s
 * items one at a time — a map or filter given one item alone drops it on `None`, and a Python list it returns goes on as
 * a list (items_transform.py, pipe_iterator.py).
 */
import { describe, expect, it } from "vitest";
import { run, runSteps as steps, source, THREE as API } from "../testing/steps";
import { TraceBuilder } from "../run/trace";

describe("processing steps pass items as dlt's pipe passes them", () => {
  it("a map's None on the page is a row; after a yield_map it drops the item", async () => {
    const page = await steps(`{"map": lambda x: None}`);
    // dlt: three rows, no data column (`value` got no value it could type).
    expect(page.rows("items")).toHaveLength(3);
    expect(page.columns("items")).toEqual([]);
    const alone = await steps(`{"yield_map": lambda x: [x]}, {"map": lambda x: x if x["id"] > 1 else None}`);
    expect(alone.rows("items")).toEqual([{ id: 2, a: "y" }, { id: 3 }]);
    const none = await steps(`{"yield_map": lambda x: [x]}, {"map": lambda x: None}`);
    expect(none.rows("items")).toBeUndefined();
  });

  it("a None a yield_map gives is no record", async () => {
    const r = await steps(`{"yield_map": lambda x: [None, x]}`);
    expect(r.rows("items")).toEqual(API);
  });

  it("a list a map returns after a yield_map is several records, each filtered alone; on the page, one record's value", async () => {
    const alone = await steps(
      `{"yield_map": lambda x: [x]}, {"map": lambda x: [x, {"id": 10 + x["id"]}]}, {"filter": lambda x: x["id"] > 2}`,
    );
    expect(alone.rows("items")).toEqual([{ id: 11 }, { id: 12 }, { id: 3 }, { id: 13 }]);
    expect(alone.columns("items")).toEqual(["id:bigint"]);
    const page = await steps(`{"map": lambda x: [x, {"id": 10 + x["id"]}]}`);
    expect(page.rows("items__value")).toEqual([{ id: 1, a: "x" }, { id: 11 }, { id: 2, a: "y" }, { id: 12 }, { id: 3 }, { id: 13 }]);
    const empty = await steps(`{"yield_map": lambda x: [x]}, {"map": lambda x: []}`);
    expect(empty.rows("items")).toBeUndefined();
  });

  it("a tuple a map returns after a yield_map is one record's value (a list only is several)", async () => {
    const r = await steps(`{"yield_map": lambda x: [x]}, {"map": lambda x: (x["id"], 2)}`);
    expect(r.rows("items__value")).toEqual([1, 2, 2, 2, 3, 2].map((value) => ({ value })));
  });

  it("a method given too many arguments raises CPython's TypeError (list.pop(key, default) on a list)", async () => {
    const r = await steps(`{"map": lambda x: [x]}, {"yield_map": lambda x: [x.pop("a", None)]}`);
    expect(r.errors.map((e) => e.message)).toEqual([
      "In processing pipe `items`: extraction of resource `items` in `generator` `__call__` caused an exception: " +
        "pop expected at most 1 argument, got 2 (TypeError in `processing_steps[1].yield_map`)",
    ]);
    const typed = await steps(`{"map": lambda x: [x]}, {"yield_map": lambda x: [x.pop("a")]}`);
    expect(typed.errors[0]?.message).toContain("caused an exception: 'str' object cannot be interpreted as an integer (TypeError");
  });

  it("chained yield_maps interleave as dlt's pipe iterator reads its generators (round robin, newest first)", async () => {
    const r = await steps(
      `{"yield_map": lambda x: [x, {**x, "copy": True}]},
       {"yield_map": lambda x: [{"id": x["id"], "c": x.get("copy", False), "k": k} for k in range(2)]}`,
    );
    // dlt 1.26.0's rows, in the order it loaded them.
    const dlt: [number, boolean, number][] = [
      [1, false, 0],
      [1, true, 0],
      [1, false, 1],
      [2, false, 0],
      [1, true, 1],
      [2, true, 0],
      [2, false, 1],
      [3, false, 0],
      [2, true, 1],
      [3, true, 0],
      [3, false, 1],
      [3, true, 1],
    ];
    expect(r.rows("items")?.map((x) => [x.id, x.c, x.k])).toEqual(dlt);
    const none = await steps(`{"yield_map": lambda x: [None, x, None]}, {"yield_map": lambda x: [x["id"], x["id"] * 10]}`);
    expect(none.rows("items")?.map((x) => x.value)).toEqual([1, 10, 2, 20, 3, 30]);
  });

  it("a parent's records given alone (after a yield_map) fail its child as dlt's child fails: it iterates a dict's keys", async () => {
    // dlt 1.26.0: `In processing pipe `subs`: extraction of resource `subs` in `generator` `paginate_dependent_resource`
    // caused an exception: 'str' object has no attribute 'keys'`; a map giving a list after it hands the child a list.
    const family = (parent: string) =>
      run(
        source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [${parent}]},
        {"name": "comments", "endpoint": {"path": "posts/{resources.posts.id}/comments"}}`),
      );
    const alone = await family(`{"yield_map": lambda x: [x]}`);
    expect(alone.errors.map((e) => [e.resource, e.message.includes("'str' object has no attribute 'keys'")])).toEqual([["comments", true]]);
    const listed = await family(`{"yield_map": lambda x: [x]}, {"map": lambda x: [x, x]}`);
    expect(listed.errors).toEqual([]);
    expect(listed.rows("comments")?.length).toBe(20);
    const empty = await family(`{"yield_map": lambda x: [{}]}`);
    expect(empty.errors).toEqual([]);
    expect(empty.requests).toEqual(["/posts"]);
  });
});

describe("the steps' module is one for the run, as dlt's process imports the file once", () => {
  it("a list a step appends to is seen by the other resources' steps, in dlt's round robin order", async () => {
    const two = async () => new Response('[{"id": 1}, {"id": 2}]', { headers: { "content-type": "application/json" } });
    const r = await run(
      `SEEN = []

def mark(x):
    SEEN.append(x["id"])
    return {**x, "seen": len(SEEN)}

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [{"name": "a", "endpoint": {"path": "a"}, "processing_steps": [{"map": mark}]},
        {"name": "b", "endpoint": {"path": "b"}, "processing_steps": [{"map": mark}]},
        {"name": "c", "endpoint": {"path": "a/{resources.a.id}/c"}, "processing_steps": [{"map": mark}]}],
})\n`,
      two,
    );
    // dlt 1.26.0 (duckdb, twenty-eighth session): b [1, 2], a [3, 4], c [5, 6, 7, 8].
    expect(["a", "b", "c"].map((t) => r.rows(t)?.map((x) => x.seen))).toEqual([
      [3, 4],
      [1, 2],
      [5, 6, 7, 8],
    ]);
  });
});

describe("a step's deep recursion stops the resource, never the process", () => {
  it("past 200 calls inside one another, or past JavaScript's stack with big frames, the step fails saying so", async () => {
    const deep = (body: string) =>
      run(
        `def f(n):
${body}

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"map": lambda x: {**x, "d": f(x["id"] * 1000)}}]}],
})\n`,
      );
    const plain = await deep("    return 0 if n == 0 else 1 + f(n - 1)");
    expect(plain.errors.map((e) => [e.resource, e.code])).toEqual([["posts", "step_failed"]]);
    expect(plain.errors[0]?.message).toContain("more than 200 calls inside one another");
    const big = await deep(
      "    if n == 0:\n        return 0\n    try:\n        for i in [1]:\n" +
        "            x = [[{k: f(n - 1) for k in [1]} for _ in [1]][0][1] for _ in [1]][0]\n" +
        "    except KeyError:\n        pass\n    return x + 1",
    );
    expect(big.errors.map((e) => [e.resource, e.code])).toEqual([["posts", "step_failed"]]);
    expect(big.errors[0]?.message).toMatch(/more than 200 calls inside one another|nested deeper than JavaScript's stack/);
  });
});

describe("a yield_map over several pages", () => {
  it("gives its items as dlt's iterator does: the next page enters between them (round robin, newest first)", async () => {
    const pages = [[{ id: 1 }, { id: 2 }], [{ id: 3 }, { id: 4 }], [{ id: 5 }]];
    const served = async (input: RequestInfo | URL) => {
      const n = Number(new URL(input instanceof Request ? input.url : String(input)).searchParams.get("page") ?? "1");
      return new Response(JSON.stringify({ data: pages[n - 1], total: pages.length }), { headers: { "content-type": "application/json" } });
    };
    const paged = (list: string) =>
      run(
        `source = rest_api_source({
    "client": {"base_url": "https://api.example.com/"},
    "resources": [{"name": "items", "endpoint": {"path": "items", "data_selector": "data",
        "paginator": {"type": "page_number", "base_page": 1, "total_path": "total"}}, "processing_steps": [${list}]}],
})\n`,
        served,
      );
    // dlt 1.26.0's rows, in the order its resource gave them (twenty-eighth session).
    const one = await paged(`{"yield_map": lambda x: [{"id": x["id"], "k": k} for k in range(3)]}`);
    expect(one.rows("items")?.map((x) => [x.id, x.k])).toEqual([
      [1, 0],
      [3, 0],
      [1, 1],
      [5, 0],
      [3, 1],
      [1, 2],
      [5, 1],
      [3, 2],
      [2, 0],
      [5, 2],
      [4, 0],
      [2, 1],
      [4, 1],
      [2, 2],
      [4, 2],
    ]);
    const chained = await paged(
      `{"yield_map": lambda x: [x, {**x, "copy": True}]},
       {"yield_map": lambda x: [{"id": x["id"], "c": x.get("copy", False), "k": k} for k in range(2)]}`,
    );
    expect(chained.rows("items")?.map((x) => `${x.id}${x.c ? "c" : ""}${x.k}`)).toEqual([
      "10",
      "1c0",
      "30",
      "11",
      "20",
      "3c0",
      "50",
      "1c1",
      "31",
      "2c0",
      "40",
      "5c0",
      "21",
      "3c1",
      "51",
      "4c0",
      "2c1",
      "41",
      "5c1",
      "4c1",
    ]);
  });
});

describe("a child's yield_map over its pages", () => {
  // Parent `items`: one page, ids 11 and 12; child `subs`: two pages per parent record, ids <parent><page><1|2>.
  const served = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const page = Number(url.searchParams.get("page") ?? 1);
    const parts = url.pathname.split("/").filter(Boolean);
    if (url.pathname === "/items/12/subs" && ignore12) return new Response("{}", { status: 404 });
    const base = parts.length === 1 ? page * 10 : Number(parts[1]) * 100 + page * 10;
    const data = [1, 2].map((k) => ({ id: base + k }));
    return new Response(JSON.stringify({ data, total_pages: parts.length === 1 ? 1 : 2 }), {
      headers: { "content-type": "application/json" },
    });
  };
  let ignore12 = false;
  const children = () =>
    run(
      `source = rest_api_source({
    "client": {"base_url": "https://api.example.com/",
        "paginator": {"type": "page_number", "base_page": 1, "page_param": "page", "total_path": "total_pages"}},
    "resources": [{"name": "items", "endpoint": {"path": "items", "data_selector": "data"}},
        {"name": "subs", "endpoint": {"path": "items/{resources.items.id}/subs", "data_selector": "data",
            "response_actions": [{"status_code": 404, "action": "ignore"}]},
         "processing_steps": [{"yield_map": lambda x: [{**x, "k": 0}, {**x, "k": 1}]}]}],
})\n`,
      served,
    );

  it("gives its items as dlt's iterator does: the child's next page, the next parent record's too, enters between them", async () => {
    ignore12 = false;
    const r = await children();
    expect(r.errors).toEqual([]);
    // dlt 1.26.0's rows of `subs` on the same loopback API (`pipeline.run(source)` to DuckDB; `with_resources("subs")` the same,
    // twenty-ninth session): dlt's child generator for the parent's page is one source, each page's yield_map another.
    expect(r.rows("subs")?.map((x) => `${x.id}.${x.k}`)).toEqual([
      "1111.0",
      "1121.0",
      "1111.1",
      "1211.0",
      "1121.1",
      "1112.0",
      "1221.0",
      "1211.1",
      "1122.0",
      "1112.1",
      "1221.1",
      "1212.0",
      "1122.1",
      "1222.0",
      "1212.1",
      "1222.1",
    ]);
  });

  it("when the next parent record's response is ignored, the items under way still load (dlt 1.26.0's rows, in order)", async () => {
    ignore12 = true;
    const r = await children();
    expect(r.errors).toEqual([]);
    expect(r.rows("subs")?.map((x) => `${x.id}.${x.k}`)).toEqual([
      "1111.0",
      "1121.0",
      "1111.1",
      "1121.1",
      "1112.0",
      "1122.0",
      "1112.1",
      "1122.1",
    ]);
  });
});

describe("a yield_map whose next page's response is ignored", () => {
  it("gives the items under way to their end, as dlt's iterator reads them once the page generator ended", async () => {
    const served = async (input: RequestInfo | URL) => {
      const page = Number(new URL(input instanceof Request ? input.url : String(input)).searchParams.get("page") ?? 1);
      if (page === 2) return new Response("{}", { status: 404 });
      const data = [1, 2].map((k) => ({ id: (page - 1) * 2 + k }));
      return new Response(JSON.stringify({ data, total_pages: 3 }), { headers: { "content-type": "application/json" } });
    };
    const r = await run(
      `source = rest_api_source({
    "client": {"base_url": "https://api.example.com/",
        "paginator": {"type": "page_number", "base_page": 1, "page_param": "page", "total_path": "total_pages"}},
    "resources": [{"name": "items", "endpoint": {"path": "items", "data_selector": "data",
        "response_actions": [{"status_code": 404, "action": "ignore"}]},
        "processing_steps": [{"yield_map": lambda x: [{**x, "k": 0}, {**x, "k": 1}]}]}],
})\n`,
      served,
    );
    // dlt 1.26.0 on the same loopback API (twenty-ninth session): pages 1 and 2 requested, these rows (restplay gave 1.0 only).
    expect(r.errors).toEqual([]);
    expect(r.requests.length).toBe(2);
    expect(r.rows("items")?.map((x) => `${x.id}.${x.k}`)).toEqual(["1.0", "1.1", "2.0", "2.1"]);
  });
});

describe("a `row_order` incremental resource's yield_map over its pages", () => {
  // Three pages of two records, ids 1–6; the cursor `id`, ascending.
  const served = async (input: RequestInfo | URL) => {
    const page = Number(new URL(input instanceof Request ? input.url : String(input)).searchParams.get("page") ?? 1);
    const data = [1, 2].map((k) => ({ id: (page - 1) * 2 + k }));
    return new Response(JSON.stringify({ data, total_pages: 3 }), { headers: { "content-type": "application/json" } });
  };
  const paged = (end: number | null) =>
    run(
      `source = rest_api_source({
    "client": {"base_url": "https://api.example.com/",
        "paginator": {"type": "page_number", "base_page": 1, "page_param": "page", "total_path": "total_pages"}},
    "resources": [{"name": "items", "endpoint": {"path": "items", "data_selector": "data",
        "incremental": {"cursor_path": "id", "initial_value": 0, "row_order": "asc"${end === null ? "" : `, "end_value": ${end}`}}},
        "processing_steps": [{"yield_map": lambda x: [{**x, "k": 0}, {**x, "k": 1}]}]}],
})\n`,
      served,
    );

  // dlt 1.26.0 on the same loopback API (twenty-ninth session): the pages it requested and the rows it loaded, in order.
  // The incremental runs after the steps, on each item a yield_map gives; a record past `end_value` closes the page
  // generator there, and the yield_maps' items go on to their end (those in range load).
  it.each([
    [null, 3, ["1.0", "3.0", "1.1", "5.0", "3.1", "2.0", "5.1", "4.0", "2.1", "6.0", "4.1", "6.1"]],
    [4, 3, ["1.0", "3.0", "1.1", "3.1", "2.0", "2.1"]],
    [3, 2, ["1.0", "1.1", "2.0", "2.1"]],
    [2, 2, ["1.0", "1.1"]],
  ])("end_value %s: %s pages requested, the rows in dlt's order", async (end, pages, rows) => {
    const r = await paged(end);
    expect(r.errors).toEqual([]);
    expect(r.requests.length).toBe(pages);
    expect(r.rows("items")?.map((x) => `${x.id}.${x.k}`)).toEqual(rows);
  });
});

describe("a child's yield_map when its parent has several pages", () => {
  // Parent `items`: `parents` pages, ids <page>1 and <page>2; child `subs`: `pages` pages per parent record, ids
  // <parent><page><1|2>; the child's yield_map gives two items per record.
  const twice = `{"yield_map": lambda x: [{**x, "k": 0}, {**x, "k": 1}]}`;
  const family = (parents: number, pages: number, selected: string, steps = twice) =>
    run(
      `source = rest_api_source({
    "client": {"base_url": "https://api.example.com/",
        "paginator": {"type": "page_number", "base_page": 1, "page_param": "page", "total_path": "total_pages"}},
    "resources": [{"name": "items", "endpoint": {"path": "items", "data_selector": "data"}},
        {"name": "subs", "endpoint": {"path": "items/{resources.items.id}/subs", "data_selector": "data"},
         "processing_steps": [${steps}]}],
})${selected}\n`,
      async (input: RequestInfo | URL) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const page = Number(url.searchParams.get("page") ?? 1);
        const parts = url.pathname.split("/").filter(Boolean);
        const base = parts.length === 1 ? page * 10 : Number(parts[1]) * 100 + page * 10;
        const data = [1, 2].map((k) => ({ id: base + k }));
        return new Response(JSON.stringify({ data, total_pages: parts.length === 1 ? parents : pages }), {
          headers: { "content-type": "application/json" },
        });
      },
    );

  // dlt 1.26.0's rows of `subs` on the same loopback API (`pipeline.run` to DuckDB, twenty-ninth session): every
  // yield_map's generator is a source of dlt's iterator beside the parent's pages, its forks and the child's generators.
  it.each([
    [2, 1, "", "1111.0 1211.0 2111.0 1111.1 2211.0 1211.1 2111.1 1112.0 2211.1 1212.0 2112.0 1112.1 2212.0 1212.1 2112.1 2212.1"],
    [
      2,
      1,
      `.with_resources("subs")`,
      "1111.0 1211.0 2111.0 1111.1 2211.0 1211.1 2111.1 1112.0 2211.1 1212.0 2112.0 1112.1 2212.0 1212.1 2112.1 2212.1",
    ],
    [
      2,
      2,
      "",
      "1111.0 1121.0 2111.0 1111.1 1211.0 2121.0 1121.1 2111.1 1112.0 1221.0 2211.0 1211.1 2121.1 1122.0 2112.0 1112.1 " +
        "2221.0 1221.1 2211.1 1212.0 2122.0 1122.1 2112.1 2221.1 1222.0 2212.0 1212.1 2122.1 2222.0 1222.1 2212.1 2222.1",
    ],
    [
      3,
      2,
      "",
      "1111.0 1121.0 2111.0 1111.1 1211.0 2121.0 3111.0 1121.1 2111.1 1112.0 1221.0 2211.0 3121.0 1211.1 2121.1 3111.1 " +
        "1122.0 2112.0 1112.1 2221.0 3211.0 1221.1 2211.1 3121.1 1212.0 2122.0 3112.0 1122.1 2112.1 3221.0 2221.1 3211.1 " +
        "1222.0 2212.0 3122.0 1212.1 2122.1 3112.1 3221.1 2222.0 3212.0 1222.1 2212.1 3122.1 3222.0 2222.1 3212.1 3222.1",
    ],
  ])("%s parent pages, %s child pages%s: the rows in dlt's order", async (parents, pages, selected, rows) => {
    const r = await family(parents, pages, selected);
    expect(r.errors).toEqual([]);
    expect(
      r
        .rows("subs")
        ?.map((x) => `${x.id}.${x.k}`)
        .join(" "),
    ).toBe(rows);
    // Each request is one page; the records its yield_map gave later come under it (`continued`), counted once.
    const pagesOf = r.events.filter((e) => e.type === "page" && e.resource === "subs");
    expect(pagesOf.filter((e) => e.type === "page" && !e.continued).length).toBe(parents * 2 * pages);
    expect(pagesOf.reduce((n, e) => n + (e.type === "page" ? e.count : 0), 0)).toBe(parents * 2 * pages * 4);
    const trace = new TraceBuilder();
    for (const e of r.events) trace.push(e);
    const subs = trace.snapshot().resources.find((x) => x.name === "subs");
    expect([subs?.pages, subs?.records]).toEqual([parents * 2 * pages, parents * 2 * pages * 4]);
    expect(subs?.items.flatMap((i) => (i.kind === "request" ? [i.records] : []))).toEqual(Array(parents * 2 * pages).fill(4));
  });

  it("a filter and a second yield_map after the first: each item's own turns, dlt 1.26.0's rows in order", async () => {
    const r = await family(
      2,
      1,
      "",
      `${twice}, {"filter": lambda x: (x["id"] + x["k"]) % 3 != 0}, {"yield_map": lambda x: [x, {**x, "k": x["k"] + 10}]}`,
    );
    expect(r.errors).toEqual([]);
    expect(
      r
        .rows("subs")
        ?.map((x) => `${x.id}.${x.k}`)
        .join(" "),
    ).toBe(
      "1111.0 1111.1 2111.0 1211.0 1111.10 1112.0 1111.11 2111.10 1211.10 2211.1 1112.10 2112.1 1212.1 2212.0 2211.11 2212.1 " +
        "2112.11 1212.11 2212.10 2212.11",
    );
  });
});
