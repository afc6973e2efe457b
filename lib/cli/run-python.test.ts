/** `restplay run` with an incremental `initial_value` written as Python: computed as Python computes it (decision 0035). */
import { beforeAll, describe, expect, it } from "vitest";
import { resolve } from "node:path";
import { cli, seedFiles } from "../testing/cli";

const seeds = seedFiles();
beforeAll(async () => {
  await Promise.all([import("./run-command"), import("../run")]);
}, 60_000);
const at = { cwd: seeds.dir };

interface RunJson {
  ok: boolean;
  resources: { name: string; stats: Record<string, number>; warnings: string[]; notes: string[] }[];
}

describe("restplay run: a Python initial_value", () => {
  it("a Python date expression as initial_value is computed at the run's time; other Python leaves the start at None", async () => {
    const block = (initial: string) => [
      '        "params": {"since": "{incremental.start_value}"},',
      `        "incremental": {"cursor_path": "id", "initial_value": ${initial}}}}],`,
    ];
    // The incremental as a param of its own (dlt's other form).
    const param = (initial: string) => [
      `        "params": {"since": {"type": "incremental", "cursor_path": "id", "initial_value": ${initial}}}}}],`,
    ];
    const py = (initial: string, form: (initial: string) => string[]) =>
      [
        "import dlt, pendulum, time",
        "from datetime import date, timedelta",
        "from dlt.sources.rest_api import rest_api_source",
        "source = rest_api_source({",
        '    "client": {"base_url": "https://api.example.com"},',
        '    "resources": [{"name": "r", "endpoint": {"path": "/r", "paginator": "single_page",',
        ...form(initial),
        "})",
        "",
      ].join("\n");
    const run = async (initial: string, form = block) => {
      const file = seeds.write("computed.py", py(initial, form));
      const urls: string[] = [];
      const fetch = async (r: Request) => {
        urls.push(r.url);
        return new Response('[{"id": 1}]', { status: 200, headers: { "content-type": "application/json" } });
      };
      const out = JSON.parse((await cli(["run", file, "--format", "json"], { ...at, fetch })).stdout) as RunJson;
      return { urls, warnings: out.resources[0]?.warnings.join("\n") ?? "", notes: out.resources[0]?.notes.join("\n") ?? "" };
    };
    // The `dlt init rest_api` template's form: pendulum's today at midnight UTC, as dlt computes it.
    const today = await run("pendulum.today().subtract(days=30).to_iso8601_string()");
    const since = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - 30));
    expect(today.urls).toEqual([`https://api.example.com/r?since=${since.toISOString().slice(0, 10)}T00%3A00%3A00Z`]);
    expect(today.notes).toContain("is Python: restplay computed it as dlt would at this run's time, '");
    expect(today.warnings).toBe("");
    const week = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() - 7));
    const asParam = await run("str(date.today() - timedelta(days=7))", param);
    const day = week.toISOString().slice(0, 10);
    expect(asParam.urls).toEqual([`https://api.example.com/r?since=${day}`]);
    expect([asParam.warnings, asParam.notes]).toEqual([
      "",
      `\`endpoint.params.since.initial_value\` is Python: restplay computed it as dlt would at this run's time, '${day}'.`,
    ]);
    const other = await run("since_of(settings)");
    expect(other.urls).toEqual(["https://api.example.com/r?since=None"]);
    expect(other.warnings).toContain("This run starts without it (`{incremental.start_value}` is None)");
  });

  it("dlt's advanced course `__6` (names local to a marimo cell): validate says python_computed, a run sends the value", async () => {
    const cell = [
      "import dlt, os",
      "from dlt.sources.rest_api import rest_api_source",
      "def _(dlt, os, rest_api_source):",
      "    from datetime import datetime, timedelta, timezone",
      "    one_month_ago = datetime.now(timezone.utc) - timedelta(days=30)",
      '    initial_from = one_month_ago.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")',
      '    config = {"client": {"base_url": "https://newsapi.org/v2/"}, "resources": [{"name": "news", "endpoint": {',
      '        "path": "everything", "paginator": "single_page",',
      '        "params": {"from": {"type": "incremental", "cursor_path": "publishedAt", "initial_value": initial_from}}}}]}',
      "    return rest_api_source(config)",
      "",
    ].join("\n");
    const file = seeds.write("course.py", cell);
    const checked = await cli(["validate", file], at);
    expect(checked.stdout + checked.stderr).toMatch(/info {2}python_computed {2}`resources\[0\]\.endpoint\.params\.from\.initial_value`/);
    const urls: string[] = [];
    const fetch = async (r: Request) => {
      urls.push(decodeURIComponent(r.url));
      return new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
    };
    const before = Math.floor(Date.now() / 1000) * 1000;
    const out = JSON.parse((await cli(["run", file, "--format", "json"], { ...at, fetch })).stdout) as RunJson;
    const after = Date.now();
    // Thirty days before the run's time, to the second, as Python's strftime writes it; the note says the value sent.
    const sent = /from=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)/.exec(urls[0] ?? "")?.[1];
    const month = 30 * 86_400_000;
    expect(Date.parse(sent ?? "") >= before - month && Date.parse(sent ?? "") <= after - month).toBe(true);
    expect(out.resources[0]?.notes).toEqual([
      `\`endpoint.params.from.initial_value\` is Python: restplay computed it as dlt would at this run's time, '${sent}'.`,
    ]);
  });

  it("the `dlt init rest_api` template runs on the mock: its token is a demo token, its last 30 days are the mock clock's", async () => {
    const file = resolve(__dirname, "../testing/fixtures/python/dlt_init_rest_api_pipeline.py");
    const r = await cli(["run", file, "--mock", "--format", "json"], at);
    const out = JSON.parse(r.stdout) as RunJson;
    expect([r.code, out.ok]).toEqual([0, true]);
    const issues = out.resources.find((x) => x.name === "issues");
    // Issues updated since 2025-12-02 (the mock's today, 2026-01-01, less 30 days): every 36 hours from 2025-11-16.
    expect(issues?.stats.records_fetched).toBe(19);
    // A note, not a warning: in the trace (`note python_computed`), the summary's `ℹ` lines and `notes`.
    expect(issues?.notes).toEqual([
      "`endpoint.incremental.initial_value` is Python: restplay computed it as dlt would at this run's time, '2025-12-02T00:00:00Z'.",
    ]);
    expect(issues?.warnings.join("\n")).not.toContain("computed");
    const text = await cli(["run", file, "--mock"], at);
    expect(text.stderr + text.stdout).toContain("  note python_computed: `endpoint.incremental.initial_value` is Python");
    expect(text.stdout).toContain("ℹ issues: `endpoint.incremental.initial_value` is Python: restplay computed it");
  });
});
