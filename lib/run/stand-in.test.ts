import { describe, expect, it } from "vitest";
import { prepareRun } from "./run";
import { resolveSecret } from "./secrets";

const FILE = `import dlt
from dlt.sources.rest_api import rest_api_source
from dlt.sources.helpers.rest_client.paginators import BasePaginator


class LinkPages(BasePaginator):
    pass


source = rest_api_source({
    "client": {"base_url": "https://lab.example.com"},
    "resources": [{"name": "items", "endpoint": {
        "path": "/header-link/items",
        "paginator": LinkPages(),  # restplay: run as header_link
    }}],
})
`;

describe("a Python class run through a stand-in", () => {
  it("runs the stand-in and says so in the trace, right after run_start", async () => {
    const run = prepareRun({ text: FILE, target: "mock" });
    if (!run.ok) throw new Error(run.message);
    const events = [];
    for await (const e of run.events) events.push(e);
    expect(events[0]?.type).toBe("run_start");
    expect(events[1]).toMatchObject({ type: "warning", code: "python_stand_in" });
    expect(events[1]?.type === "warning" && events[1].message).toMatch(/`LinkPages\(…\)` is your own paginator class.*header_link/);
    const records = events.reduce((n, e) => n + (e.type === "page" ? e.count : 0), 0);
    expect(records).toBe(45);
  });
});

describe("secret names as dlt looks them up", () => {
  it("a parameter's secret falls back to the shorter names, in the environment and among the mock's demo values", () => {
    const param = (name: string, inputs: Parameters<typeof resolveSecret>[1]) => resolveSecret(name, inputs, "secret", true);
    expect(param("sources.github.token", { given: {}, env: { SOURCES__TOKEN: "from-env" }, target: "live" })).toEqual({
      value: "from-env",
      source: "environment",
      // The variable it came from (the CLI names it, not the most specific one it did not find).
      variable: "SOURCES__TOKEN",
    });
    expect(param("sources.github.token", { given: {}, env: { SOURCES__GITHUB__TOKEN: "a", TOKEN: "b" }, target: "live" }).value).toBe("a");
    // A written `dlt.secrets["sources.github.token"]` is looked up under that name only (dlt 1.26.0's accessor).
    expect(resolveSecret("sources.github.token", { given: { token: "t" }, env: { TOKEN: "b" }, target: "live" }).source).toBe("missing");
    expect(resolveSecret("sources.github.access_token", { given: {}, target: "mock" })).toEqual({
      value: "demo-access-token",
      source: "mock_demo",
    });
    expect(resolveSecret("sources.github.access_token", { given: { "sources.github.access_token": "mine" }, target: "mock" }).value).toBe(
      "mine",
    );
  });
});
