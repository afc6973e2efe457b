/**
 * Named time zones in a step (lib/shared/pystep/zones.ts): zoneinfo's `ZoneInfo` with datetime, and pendulum's named
 * zones. Every answer in python-step-zones.cases.json was recorded from CPython 3.11 (zoneinfo; pendulum 3.2, dlt
 * 1.26's) at the clock below by scripts/record-zones.py: the `repr()` of the value, or the exception's class and message
 * — offsets and DST, wall times in a gap or an overlap (`fold`), same-zone arithmetic and comparisons, `tzname()`.
 * The run's tables were loaded by dlt 1.26.0 from the same file and API (values written in each test).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluatePython } from "../testing/python-eval";
import { run } from "../testing/steps";

type Case = [string, "ok" | "err", string];
const cases = JSON.parse(readFileSync(new URL("./python-step-zones.cases.json", import.meta.url), "utf8")) as {
  zoneinfo: Case[];
  pendulum: Case[];
};
const NOW = Date.UTC(2026, 11, 5, 3, 17, 20, 880);
const IMPORTS = ["datetime", "timedelta", "timezone"]
  .map((c) => `from datetime import ${c}`)
  .concat("from zoneinfo import ZoneInfo", "import zoneinfo", "import pendulum");

const evaluate = (code: string): [string, string] => evaluatePython(code, IMPORTS, { now: () => NOW });

describe("named time zones in the Python subset, as CPython 3.11 answers", () => {
  it.each(cases.zoneinfo)("zoneinfo: %s", (code, kind, value) => {
    expect(evaluate(code)).toEqual([kind, value]);
  });
  it.each(cases.pendulum)("pendulum: %s", (code, kind, value) => {
    expect(evaluate(code)).toEqual([kind, value]);
  });
});

const POSTS = [
  { id: 1, title: "Hello   World", email: "Joe@Example.com", at: "2024-03-31T00:30:00Z" },
  { id: 2, title: "Tabs\tand  spaces", email: "ann@site.org", at: "2024-10-27T00:30:00Z" },
  { id: 3, title: "Ünïcode   wörds", email: "nobody", at: "2024-10-27T01:30:00Z" },
];
const posts = async () => new Response(JSON.stringify(POSTS), { headers: { "content-type": "application/json" } });

describe("a pipeline with re.sub and Europe/Berlin, as dlt 1.26.0 loaded it", () => {
  it("tidies text with re and converts the instant into Berlin's time: the same rows and column types", async () => {
    const r = await run(
      `import re
from datetime import datetime
from zoneinfo import ZoneInfo
import pendulum

USER = re.compile(r"(?P<user>[\\w.]+)@(?P<host>[\\w.]+)")

def tidy(post):
    m = USER.fullmatch(post["email"])
    return {
        "id": post["id"],
        "title": re.sub(r"\\s+", " ", post["title"]).strip(),
        "slug": re.sub(r"\\W+", "-", post["title"].lower()).strip("-"),
        "user": m.group("user").lower() if m else None,
        "masked": USER.sub(r"\\g<user>@***", post["email"]),
        "words": len(re.findall(r"\\w+", post["title"])),
        "at": post["at"],
    }

def berlin(post):
    at = datetime.fromisoformat(post["at"].replace("Z", "+00:00"))
    local = at.astimezone(ZoneInfo("Europe/Berlin"))
    return {**post, "local": local, "local_text": local.isoformat(), "zone": local.tzname(), "hour": local.hour,
            "wall": local.replace(tzinfo=None), "p": pendulum.parse(post["at"]).in_timezone("Europe/Berlin").to_iso8601_string()}

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [
        {"name": "posts", "endpoint": {"path": "posts"}, "processing_steps": [{"map": tidy}, {"map": berlin}]},
    ],
})
`,
      posts,
    );
    expect(r.errors).toEqual([]);
    expect(r.v.diagnostics.filter((d) => d.code === "python_not_executed")).toEqual([]);
    // dlt: id BIGINT, title/slug/user/masked VARCHAR, words BIGINT, at/local/local_text TIMESTAMPTZ, zone VARCHAR,
    // hour BIGINT, wall/p TIMESTAMPTZ (an aware datetime loads as its instant, a naive one as UTC, ISO text detected).
    expect(r.columns("posts")).toEqual(
      ["id:bigint", "title:text", "slug:text", "user:text", "masked:text", "words:bigint", "at:timestamp"].concat([
        "local:timestamp",
        "local_text:timestamp",
        "zone:text",
        "hour:bigint",
        "wall:timestamp",
        "p:timestamp",
      ]),
    );
    const instant = (v: unknown) => new Date(String(v)).toISOString();
    const rows = r.rows("posts")!.map((x: Record<string, unknown>) => ({
      ...x,
      local: instant(x.local),
      local_text: instant(x.local_text),
      wall: instant(x.wall),
    })) as Record<string, unknown>[];
    // dlt's rows (DuckDB, UTC): (1, 'Hello World', 'hello-world', 'joe', 'Joe@***', 2, 00:30Z, 00:30Z, 00:30Z, 'CET', 1, 01:30Z, 00:30Z) …
    expect(rows.map((x) => [x.id, x.title, x.slug, x.user, x.masked, x.words, x.local, x.local_text, x.zone, x.hour, x.wall])).toEqual([
      [1, "Hello World", "hello-world", "joe", "Joe@***", 2, "2024-03-31T00:30:00.000Z", "2024-03-31T00:30:00.000Z", "CET", 1].concat([
        "2024-03-31T01:30:00.000Z",
      ]),
      [
        2,
        "Tabs and spaces",
        "tabs-and-spaces",
        "ann",
        "ann@***",
        3,
        "2024-10-27T00:30:00.000Z",
        "2024-10-27T00:30:00.000Z",
        "CEST",
        2,
      ].concat(["2024-10-27T02:30:00.000Z"]),
      [3, "Ünïcode wörds", "ünïcode-wörds", null, "nobody", 2, "2024-10-27T01:30:00.000Z", "2024-10-27T01:30:00.000Z", "CET", 2].concat([
        "2024-10-27T02:30:00.000Z",
      ]),
    ]);
    expect(rows.map((x) => instant(x.p))).toEqual(["2024-03-31T00:30:00.000Z", "2024-10-27T00:30:00.000Z", "2024-10-27T01:30:00.000Z"]);
  });

  it("an unknown zone fails the step with zoneinfo's own error (dlt's message), caught where the step catches it", async () => {
    const r = await run(
      `from zoneinfo import ZoneInfo
import zoneinfo

def safe(post):
    try:
        ZoneInfo("Mars/Olympus")
        return post
    except zoneinfo.ZoneInfoNotFoundError as e:
        return {"id": post["id"], "error": str(e)}

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [
        {"name": "safe", "endpoint": {"path": "posts"}, "processing_steps": [{"map": safe}]},
        {"name": "bad", "endpoint": {"path": "posts"}, "processing_steps": [{"map": lambda p: {**p, "z": str(ZoneInfo("Mars/Olympus"))}}]},
    ],
})
`,
      posts,
    );
    expect(r.rows("safe")?.[0]).toEqual({ id: 1, error: "'No time zone found with key Mars/Olympus'" });
    expect(r.errors.map((e) => [e.resource, e.code])).toEqual([["bad", "step_failed"]]);
    // dlt: "In processing pipe `bad`: extraction of resource `bad` in `transform` `MapItem` caused an exception: 'No time …'".
    expect(r.errors[0]?.message).toContain(
      "In processing pipe `bad`: extraction of resource `bad` in `transform` `MapItem` caused an exception: " +
        "'No time zone found with key Mars/Olympus'",
    );
  });
});
