/**
 * Processing steps run as dlt 1.26.0 runs them: each expectation is the table real dlt loaded for the same
 * config against the same API (a loopback server, `pipeline.run` to jsonl files; dlt-rest-api.md §12).
 */
import { describe, expect, it } from "vitest";
import { fetchTransport } from ".";
import { runToEnd } from "../testing/run";
import { api, POSTS, run, source } from "../testing/steps";

describe("processing steps run as dlt runs them", () => {
  it("a filter then a map (a def of the file): the kept record, mapped", async () => {
    const r = await run(`def lower_title(record):
    record["title"] = record["title"].lower()
    return record

${source(`{"name": "posts", "endpoint": {"path": "posts"},
     "processing_steps": [{"filter": lambda x: x["id"] == 3}, {"map": lower_title}]}`)}`);
    expect(r.v.diagnostics.filter((d) => d.code.startsWith("python_")).map((d) => d.code)).toEqual(["python_executed", "python_executed"]);
    expect(r.rows("posts")).toEqual([{ id: 3, title: "post 3", updated: 103 }]);
    expect(r.rows("posts__tags")).toEqual([{ value: "t3" }, { value: "u3" }]);
    expect(r.notes).toContain(
      "python_executed: The processing steps ran as dlt runs them: `processing_steps[0].filter` kept 1 of 5 records (dropped 4); " +
        "`processing_steps[1].map` ran on 1 record.",
    );
  });

  it("a filter that changes its record keeps the change, as dlt passes the same dict on (no map in the resource)", async () => {
    const r = await run(`def keep(record):
    record["title"] = record["title"].upper()
    return record["id"] > 3

${source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"filter": keep}]}`)}`);
    expect(r.rows("posts")).toEqual([
      { id: 4, title: "POST 4", updated: 104 },
      { id: 5, title: "POST 5", updated: 105 },
    ]);
  });

  it("yield_map flattens the lists it returns, and a generator expression then a filter", async () => {
    const lists = await run(
      source(`{"name": "posts", "endpoint": {"path": "posts"},
        "processing_steps": [{"yield_map": lambda x: [{"post": x["id"], "tag": t} for t in x["tags"]]}]}`),
    );
    expect(lists.rows("posts")).toEqual(POSTS.flatMap((p) => p.tags.map((t) => ({ post: p.id, tag: t }))));
    const gen = await run(
      source(`{"name": "posts", "endpoint": {"path": "posts"},
        "processing_steps": [{"yield_map": lambda x: ({"v": v} for pair in x["nested"] for v in pair)},
                             {"filter": lambda r: r["v"] % 2 == 0}]}`),
    );
    expect(gen.rows("posts")).toEqual([2, 2, 4, 4, 4, 6, 6].map((v) => ({ v })));
  });

  it("a dict's filter runs before its map; Python's int and float: `/` makes a double column, `//` and `%` integers", async () => {
    const r = await run(
      source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{
        "map": lambda x: {"id": x["id"] * 10, "half": x["id"] / 2, "fl": x["id"] // 2, "m": -x["id"] % 3},
        "filter": lambda x: x["id"] < 3}]}`),
    );
    expect(r.rows("posts")).toEqual([
      { id: 10, half: 0.5, fl: 0, m: 2 },
      { id: 20, half: 1, fl: 1, m: 1 },
    ]);
    expect(r.columns("posts")).toEqual(["id:bigint", "half:double", "fl:bigint", "m:bigint"]);
  });

  it("the run's summary notes what each filter kept (lib/run)", async () => {
    const text = `from dlt.sources.rest_api import rest_api_source\n${source(`{"name": "posts", "endpoint": {"path": "posts"},
        "processing_steps": [{"filter": lambda x: x["id"] > 3}]}`)}`;
    const { summary } = await runToEnd({ text, format: "python", target: "live" }, { liveTransport: fetchTransport(api) });
    expect(summary.resources.map((x) => [x.name, x.status, x.notes])).toEqual([
      ["posts", "ok", ["The processing steps ran as dlt runs them: `processing_steps[0].filter` kept 2 of 5 records (dropped 3)."]],
    ]);
  });

  it("a map's None and a str are loaded as dlt loads bare values", async () => {
    const r = await run(source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"map": lambda x: x["title"]}]}`));
    expect(r.rows("posts")).toEqual(POSTS.map((p) => ({ value: p.title })));
  });

  it("steps run before the incremental filter", async () => {
    const r = await run(
      source(`{"name": "posts", "endpoint": {"path": "posts", "incremental": {"cursor_path": "id", "initial_value": 15}},
        "processing_steps": [{"map": lambda x: {**x, "id": x["id"] * 10}}]}`),
    );
    expect(r.rows("posts")?.map((x) => x.id)).toEqual([20, 30, 40, 50]);
  });

  it("children get the parent's records after its steps, and their own steps see `_posts_title`", async () => {
    const r = await run(
      source(`{"name": "posts", "endpoint": {"path": "posts"},
        "processing_steps": [{"filter": lambda x: x["id"] in (2, 3)}, {"map": lambda x: {**x, "title": x["title"].upper()}}]},
      {"name": "comments", "endpoint": {"path": "posts/{resources.posts.id}/comments"}, "include_from_parent": ["title"],
        "processing_steps": [{"map": lambda c: {**c, "t": c["_posts_title"].lower()}}]}`),
    );
    expect(r.requests).toEqual(["/posts", "/posts/2/comments", "/posts/3/comments"]);
    expect(r.rows("posts")).toEqual([
      { id: 2, title: "POST 2", updated: 102 },
      { id: 3, title: "POST 3", updated: 103 },
    ]);
    expect(r.rows("comments")).toEqual(
      [20, 21, 30, 31].map((id) => ({
        id,
        post_id: Math.floor(id / 10),
        body: `c${id % 10}`,
        _posts_title: `POST ${Math.floor(id / 10)}`,
        t: `post ${Math.floor(id / 10)}`,
      })),
    );
  });

  it("a step that raises fails the resource with dlt's message", async () => {
    const key = await run(
      source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"filter": lambda x: x["missing"] == 1}]}`),
    );
    expect(key.errors.map((e) => [e.code, e.message])).toEqual([
      [
        "step_failed",
        "In processing pipe `posts`: extraction of resource `posts` in `transform` `FilterItem` caused an exception: 'missing' " +
          "(KeyError in `processing_steps[0].filter`)",
      ],
    ]);
    const type = await run(
      source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"filter": lambda x: x.get("nope") > 1}]}`),
    );
    expect(type.errors[0]?.message).toMatch(
      /^In processing pipe `posts`: Unable to call `FilterItem`: '>' not supported between instances of 'NoneType' and 'int'\. The mapping/,
    );
    const gen = await run(source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"yield_map": lambda x: None}]}`));
    expect(gen.errors[0]?.message).toMatch(
      /^In processing pipe `posts`: extraction of resource `posts` in `generator` `__call__` caused an exception: 'NoneType' object is not/,
    );
  });

  it("a filter's result counts by Python's truth, and a map's set fails dlt's extract step", async () => {
    const r = await run(
      source(
        `{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"filter": lambda x: [] if x["id"] > 1 else {"a": 0}}]}`,
      ),
    );
    expect(r.rows("posts")?.map((x) => x.id)).toEqual([1]);
    const set = await run(
      source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"map": lambda x: {"s": {1, 2}}}]}`),
    );
    expect(set.errors.map((e) => e.message)).toEqual([
      "`{1, 2}` is not JSON serializable (TypeError: dlt's extract step cannot write a record `processing_steps[0].map` made)",
    ]);
    const keys = await run(
      source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"map": lambda x: {x["id"]: "a", "b": (1, 2)}}]}`),
    );
    expect(keys.rows("posts")).toEqual([1, 2, 3, 4, 5].map((i) => ({ [`_${i}`]: "a" })));
    // Python's dict order, not JavaScript's (which lists `"7"` first): dlt's columns come in the order keys are met.
    const order = await run(
      source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"map": lambda x: {"b": 1, "7": 2}}]}`),
    );
    expect(order.columns("posts")).toEqual(["b:bigint", "_7:bigint"]);
    expect(keys.rows("posts__b")?.map((x) => x.value)).toEqual([1, 2, 1, 2, 1, 2, 1, 2, 1, 2]);
  });

  it("a step that runs too long stops the resource at the playground's budget", async () => {
    const r = await run(`def spin(record):
    for i in range(1000000):
        record["i"] = i
    return record

${source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"map": spin}]}`)}`);
    expect(r.errors.map((e) => [e.code, e.message])).toEqual([
      [
        "step_failed",
        "`processing_steps[0].map` went past the playground's limits on one record (more than 200000 operations): the playground " +
          "stops a step there, where dlt has no such limit. Simplify the step, or run the pipeline with dlt.",
      ],
    ]);
  });

  it("module constants and helper functions the steps read run with them; meta is None (checked with dlt 1.26.0)", async () => {
    const r = await run(`EXCLUDED = {"Post 1", "Post 4"}
PREFIX = "p-"
BASE = 10
LIMIT = BASE * 2

def label(r, sep=":"):
    return PREFIX + sep + r["title"].lower()

def shape(r, meta):
    return {"id": r["id"], "label": label(r, sep="-"), "meta": repr(meta), "lim": LIMIT}

${source(`{"name": "posts", "endpoint": {"path": "posts"},
     "processing_steps": [{"filter": lambda x, meta=None: x["title"] not in EXCLUDED}, {"map": shape}]}`)}`);
    expect(r.v.diagnostics.filter((d) => d.code.startsWith("python_")).map((d) => d.code)).toEqual(["python_executed", "python_executed"]);
    expect(r.rows("posts")).toEqual([2, 3, 5].map((id) => ({ id, label: `p--post ${id}`, meta: "None", lim: 20 })));
  });

  it("the steps of a resource share one module: what one adds to a module set, the next record sees", async () => {
    const r = await run(`SEEN = set()

def first_of_pair(r):
    key = r["id"] // 2
    if key in SEEN:
        return False
    SEEN.add(key)
    return True

${source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"filter": first_of_pair}]}`)}`);
    expect(r.rows("posts")?.map((x) => x.id)).toEqual([1, 2, 4]);
  });

  it("an exception the step raises, and one a function with the wrong parameters meets, read as dlt's", async () => {
    const raised = await run(`def fail(r):
    if r["id"] == 2:
        raise ValueError("bad record", r["id"])
    return r

${source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"map": fail}]}`)}`);
    expect(raised.errors.map((e) => e.message)).toEqual([
      "In processing pipe `posts`: extraction of resource `posts` in `transform` `MapItem` caused an exception: ('bad record', 2) " +
        "(ValueError in `processing_steps[0].map`)",
    ]);
    const three = await run(`def three(r, meta, z):
    return r

${source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"map": three}]}`)}`);
    expect(three.errors[0]?.message).toMatch(
      /^In processing pipe `posts`: Unable to call `MapItem`: three\(\) missing 1 required positional argument: 'z'\. The mapping/,
    );
  });

  it("a map formatting text and returning datetimes: dlt loads timestamps in UTC, naive ones as UTC (dlt 1.26.0)", async () => {
    const r = await run(`from datetime import datetime, timezone, timedelta
def m(r):
    return {
        "id": r["id"],
        "when": datetime(2024, 3, r["id"], 10, 20, 30, tzinfo=timezone(timedelta(hours=2))),
        "naive": datetime.fromisoformat("2024-03-05T10:20:30.5"),
        "label": "{}-{:03d}".format(r["title"], r["id"]) + " %.1f%%" % (r["id"] * 12.5),
        "day": (datetime(2024, 3, 1) + timedelta(days=r["id"])).strftime("%d %b %Y"),
    }
${source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"filter": lambda x: x["id"] < 3}, {"map": m}]}`)}`);
    expect(r.columns("posts")).toEqual(["id:bigint", "when:timestamp", "naive:timestamp", "label:text", "day:text"]);
    // dlt: 2024-03-01 08:20:30+00, 2024-03-05 10:20:30.5+00, 'Post 1-001 12.5%', '02 Mar 2024'.
    expect(r.rows("posts")).toEqual(
      [1, 2].map((i) => ({
        id: i,
        when: `2024-03-0${i}T08:20:30+00:00`,
        naive: "2024-03-05T10:20:30.500000+00:00",
        label: `Post ${i}-00${i} ${(i * 12.5).toFixed(1)}%`,
        day: `0${i + 1} Mar 2024`,
      })),
    );
  });

  it("a module name assigned twice, or changed at module level, is no constant: the step is skipped and the note says why", async () => {
    const undefined_ = /outside the Python it runs: it uses `LIMIT`, which neither the function nor the file defines where/;
    for (const [module, why] of [
      ["LIMIT = 3\nLIMIT = 4\n", undefined_],
      ["LIMIT = [1]\nLIMIT.append(2)\n", undefined_],
      [
        "import os\nLIMIT = len(os.getcwd())\n",
        /it reads `LIMIT = len\(os.getcwd\(\)\)` of the file, where it calls `.getcwd\(\)`, a method the playground/,
      ],
    ] as const) {
      const steps = `"processing_steps": [{"filter": lambda x: x["id"] < LIMIT}]`;
      const r = await run(`${module}${source(`{"name": "posts", "endpoint": {"path": "posts"}, ${steps}}`)}`);
      expect(r.v.diagnostics.find((d) => d.code === "python_not_executed")?.message).toMatch(why);
      expect(r.rows("posts")).toHaveLength(5);
    }
  });

  it("a map that rewrites a record keeps the digits of ints past 2^53, as Python's ints (checked with dlt 1.26.0)", async () => {
    const r = await run(
      source(`{"name": "big", "endpoint": {"path": "big"}, "processing_steps": [{"map": lambda x: {**x, "next": x["id"] + 2}}]}`),
    );
    // The preview's rows spell a big int by its digits (the table column is bigint).
    expect(r.rows("big")).toEqual([{ id: "9007199254740993", next: "9007199254740995" }]);
    expect(r.columns("big")).toEqual(["id:bigint", "next:bigint"]);
  });

  it("a record a step nests 254 levels deep, or that holds itself, fails the resource as dlt's orjson does", async () => {
    // dlt 1.26.0: `nest(251)` loads, `nest(252)` (254 levels with the record) and a list holding itself fail the extract step
    // with `TypeError: Recursion limit reached`. 40,000 levels used to overflow JavaScript's stack (an internal error).
    for (const [made, fails] of [
      ["nest(251)", false],
      ["nest(252)", true],
      ["nest(40000)", true],
      ["selfish()", true],
    ] as const) {
      const r = await run(`def nest(n):
    x = []
    for i in range(n):
        x = [x]
    return x

def selfish():
    x = []
    x.append(x)
    return x

def step(r):
    r["v"] = ${made}
    return r

${source(`{"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"map": step}]}`)}`);
      expect(r.errors.map((e) => e.code)).toEqual(fails ? ["step_failed"] : []);
      if (fails) expect(r.errors[0]?.message).toContain("orjson, which stops at 255 levels");
      else expect(r.rows("posts")).toHaveLength(5);
    }
  });

  it("a map's None on a page is dropped by the incremental, as dlt's incremental drops a None item", async () => {
    // dlt-diff --steps, seed 28126 (dlt 1.26.0): the cursor a map computes, then a map that gives None for ids 1 and 2:
    // dlt loaded ids 3 and 4 (updated 30 and 40, initial_value 30); restplay failed the resource (cursor not found).
    const data = async () =>
      new Response(JSON.stringify({ data: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }] }), {
        headers: { "content-type": "application/json" },
      });
    const r = await run(
      `def some_none(item):
    if item["id"] > 2:
        return item

${source(`{"name": "items", "endpoint": {"path": "items", "data_selector": "data",
     "incremental": {"cursor_path": "updated", "initial_value": 30}},
     "processing_steps": [{"map": lambda x: {**x, "updated": x["id"] * 10}}, {"map": some_none}]}`)}`,
      data,
    );
    expect(r.errors).toEqual([]);
    expect(r.rows("items")).toEqual([
      { id: 3, updated: 30 },
      { id: 4, updated: 40 },
    ]);
  });

  it("a step outside the subset keeps being skipped, with the others of its list", async () => {
    const r = await run(
      `import os\n${source(`{"name": "posts", "endpoint": {"path": "posts"},
        "processing_steps": [{"filter": lambda x: x["id"] == 3}, {"map": lambda x: os.getcwd()}]}`)}`,
    );
    expect(r.v.diagnostics.filter((d) => d.code.startsWith("python_")).map((d) => d.code)).toEqual([
      "python_not_executed",
      "python_not_executed",
    ]);
    expect(r.rows("posts")).toHaveLength(5);
  });
});
