/**
 * An incremental's `initial_value` written as Python, and pendulum in a processing step, computed by lib/shared/pystep
 * (decision 0035, amended): the value a run sends is the one Python computes at the run's time (here the virtual clock,
 * 2026-01-01T00:00:00Z), with what the expression reads of the file. Expected values as Python 3.11 with pendulum 3.2
 * computes them at that time.
 */
import { describe, expect, it } from "vitest";
import { validateText } from "../config";
import { findNode, parseDocument } from "../formats";
import { createVirtualClock, extract, fetchTransport, type EngineEvent } from ".";
import { createPreview } from "../preview";

async function api(input: RequestInfo | URL): Promise<Response> {
  void input;
  const rows = [{ id: 1, publishedAt: "2026-01-01T00:00:00Z", at: "2024-01-31T10:00:00+02:00" }];
  return new Response(JSON.stringify(rows), { headers: { "content-type": "application/json" } });
}

async function run(text: string, secrets: Record<string, string> = {}) {
  const v = validateText(text, "python");
  expect(v.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const preview = createPreview();
  const events: EngineEvent[] = [];
  const clock = createVirtualClock();
  for await (const e of extract({ source: v.source!, secrets }, { transport: fetchTransport(api), ...clock, virtualClock: true })) {
    preview.push(e);
    events.push(e);
  }
  const urls = events.flatMap((e) => (e.type === "request" ? [decodeURIComponent(e.url)] : []));
  const notes = events.flatMap((e) => (e.type === "warning" ? [`${e.code}: ${e.message}`] : []));
  const rows = preview.tables()[0]?.rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith("_dlt"))));
  const infos = v.diagnostics.filter((d) => d.code.startsWith("python_")).map((d) => `${d.code} ${d.path}`);
  return { urls, notes, rows, infos };
}

/** dlt's advanced course, lesson 1 (`__6`, tag 1.26.0): a marimo cell, its names local to the cell's function. */
const COURSE = `import dlt
import os
from dlt.sources.rest_api import rest_api_source


def _(dlt, os, rest_api_source):
    from datetime import datetime, timedelta, timezone

    one_month_ago = datetime.now(timezone.utc) - timedelta(days=30)
    initial_from = one_month_ago.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    api_key_5 = os.getenv("NEWS_API_KEY")
    _news_config = {
        "client": {
            "base_url": "https://newsapi.org/v2/",
            "auth": {"type": "api_key", "name": "apiKey", "api_key": api_key_5, "location": "query"},
            "paginator": {"base_page": 1, "type": "page_number", "page_param": "page", "total_path": None, "maximum_page": 1},
        },
        "resources": [
            {
                "name": "news_articles",
                "endpoint": {
                    "path": "everything",
                    "params": {
                        "q": "python",
                        "from": {"type": "incremental", "cursor_path": "publishedAt", "initial_value": initial_from},
                    },
                },
            }
        ],
    }
    _news_source = rest_api_source(_news_config)
`;

describe("an initial_value written as Python", () => {
  it("computes the advanced course's `__6`: names local to the function that builds the config, imports there too", async () => {
    const r = await run(COURSE, { NEWS_API_KEY: "k" });
    expect(r.infos).toEqual(["python_computed /resources/0/endpoint/params/from/initial_value"]);
    expect(r.urls[0]).toContain("from=2025-12-02T00:00:00Z");
    expect(r.notes.join("\n")).toContain("restplay computed it as dlt would at this run's time, '2025-12-02T00:00:00Z'");
  });

  it("computes the `dlt init rest_api` template's pendulum expression, imported as the template does", async () => {
    const text = [
      "from dlt.common.pendulum import pendulum",
      "from dlt.sources.rest_api import rest_api_source",
      'rest_api_source({"client": {"base_url": "https://api.example.com"}, "resources": [{"name": "issues", "endpoint": {',
      '    "path": "issues", "paginator": "single_page", "params": {"since": "{incremental.start_value}"},',
      '    "incremental": {"cursor_path": "publishedAt", "initial_value": pendulum.today().subtract(days=30).to_iso8601_string()}}}]})',
    ].join("\n");
    const r = await run(text);
    expect(r.infos).toEqual(["python_computed /resources/0/endpoint/incremental/initial_value"]);
    expect(r.urls).toEqual(["https://api.example.com/issues?since=2025-12-02T00:00:00Z"]);
  });

  it("computes a module constant's value through the names it reads", async () => {
    const text = [
      "import pendulum",
      "from dlt.sources.rest_api import rest_api_source",
      "DAYS = 7",
      "SINCE = pendulum.datetime(2025, 3, 31).subtract(months=1, days=DAYS)",
      "def source():",
      '    return rest_api_source({"client": {"base_url": "https://api.example.com"}, "resources": [{"name": "r", "endpoint": {',
      '        "path": "r", "paginator": "single_page", "params": {"since": "{incremental.start_value}"},',
      '        "incremental": {"cursor_path": "id", "initial_value": SINCE.int_timestamp}}}]})',
    ].join("\n");
    const r = await run(text);
    // pendulum: 2025-02-28 (March 31 less a month, clamped) less 7 days, 2025-02-21T00:00:00Z.
    expect(r.urls).toEqual(["https://api.example.com/r?since=1740096000"]);
  });
});

describe("what an initial_value reads of the file", () => {
  const reads = (text: string, pointer = "/resources/0/endpoint/incremental/initial_value") => {
    const node = findNode(parseDocument(text, "python").root!, pointer);
    return node?.kind === "python" ? (node.module ?? []).map((m) => m.text) : null;
  };
  const config = (initial: string) =>
    `rest_api_source({"resources": [{"name": "r", "endpoint": {"incremental": {"cursor_path": "id", "initial_value": ${initial}}}}]})`;

  it("gives each statement once, what it reads before it; keyword names are no reads", () => {
    const text = `import pendulum\ndays = 3\nA = pendulum.now()\nB = A.add(days=days)\n${config("B.to_date_string()")}\n`;
    expect(reads(text)).toEqual(["import pendulum", "A = pendulum.now()", "days = 3", "B = A.add(days=days)"]);
    expect(reads(`import pendulum\ndef f():\n    days = 1\n    return ${config("pendulum.now().add(days=2).isoformat()")}\n`)).toEqual([
      "import pendulum",
    ]);
  });

  it("reads, for a name the file binds nowhere, the import its download adds (a pasted dict)", () => {
    expect(reads(`${config("pendulum.today().subtract(days=30).to_iso8601_string()")}\n`)).toEqual(["import pendulum"]);
    expect(reads(`${config("datetime.now().isoformat()")}\n`)).toEqual([]);
  });

  it("reads a parameter's default, as a config value's name reads it", () => {
    const body = `    return ${config("pendulum.now().subtract(days=days).isoformat()")}\n`;
    const text = `import pendulum\ndef source(days=30, key=dlt.secrets.value):\n${body}`;
    expect(reads(text)).toEqual(["import pendulum", "days = 30"]);
  });

  it("reads nothing when two of its names are bound two ways (a local shadowing the module's): not computed", () => {
    const body = `    Y = pendulum.now().add(days=X)\n    X = 2\n    return ${config("Y.isoformat() + str(X)")}\n`;
    const text = `import pendulum\nX = 1\ndef f(y):\n${body}`;
    expect(reads(text)).toEqual([]);
  });
});

describe("pendulum in a processing step", () => {
  it("runs with `import pendulum` at module level, as dlt runs it", async () => {
    const text = [
      "import pendulum",
      "from dlt.sources.rest_api import rest_api_source",
      'rest_api_source({"client": {"base_url": "https://api.example.com"}, "resources": [{"name": "r",',
      '    "endpoint": {"path": "r", "paginator": "single_page"},',
      '    "processing_steps": [{"map": lambda r: {"id": r["id"], "due": pendulum.parse(r["at"]).add(months=1).to_iso8601_string(),',
      '        "month": pendulum.parse(r["at"]).in_timezone("UTC").start_of("month").to_date_string(),',
      '        "now": pendulum.now().int_timestamp}}]}]})',
    ].join("\n");
    const r = await run(text);
    expect(r.infos).toEqual(["python_executed /resources/0/processing_steps/0/map"]);
    // Python: 2024-01-31T10:00:00+02:00 plus a month is 2024-02-29T10:00:00+02:00 (which dlt loads as a timestamp, in UTC);
    // now is the run's clock, 2026-01-01.
    expect(r.notes).toEqual(["python_executed: The processing steps ran as dlt runs them: `processing_steps[0].map` ran on 1 record."]);
    expect(r.rows).toEqual([{ id: 1, due: "2024-02-29T08:00:00+00:00", month: "2024-01-01", now: 1767225600 }]);
  });
});
