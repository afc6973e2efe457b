/**
 * Where dlt 1.26.0 looks a value up (decision 0045, twenty-eighth session): a `@dlt.source` parameter defaulting to
 * `dlt.secrets.value` under `sources.<module>.<source>.<key>`, `sources.<module>.<key>`, `sources.<source>.<key>`,
 * `sources.<key>`, `<key>` (the module is the file's name, or the decorator's `section=`); a written
 * `dlt.secrets["sources.shop.api_key"]` under that name only. Each answer below is what dlt sent to a loopback API
 * (`python shop_pipeline.py`, the same secrets.toml). In-process fetch: no network.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";

beforeAll(async () => {
  await Promise.all([import("./run-command"), import("./validate"), import("../run")]);
}, 60_000);

const temp = tempDir("source-params");
let projects = 0;

/** A dlt project (a folder of its own): the file and its `.dlt/secrets.toml`. */
function project(file: string, text: string, secrets: string): string {
  const dir = `p${++projects}`;
  temp.write(join(dir, file), text);
  temp.write(join(dir, ".dlt", "secrets.toml"), secrets);
  return join(temp.dir, dir);
}

function api() {
  const keys: (string | null)[] = [];
  const fetch = async (r: Request) => {
    keys.push(new URL(r.url).searchParams.get("key"));
    return new Response('[{"id": 1}]', { status: 200, headers: { "content-type": "application/json" } });
  };
  return { keys, fetch };
}

const config = (key: string) =>
  `rest_api_source({"client": {"base_url": "https://api.test/", "auth": {"type": "api_key", "name": "key", "location": "query", ` +
  `"api_key": ${key}}}, "resources": [{"name": "items", "endpoint": {"path": "items", "paginator": "single_page"}}]})`;

const source = (decorator: string, params = "api_key=dlt.secrets.value") =>
  [
    "import dlt",
    "from dlt.sources.rest_api import rest_api_source",
    "",
    decorator,
    `def shop(${params}):`,
    `    return ${config("api_key")}`,
    "",
  ]
    .filter((l) => l !== "-")
    .join("\n");

const ALL = [
  'api_key = "top"',
  "[sources]",
  'api_key = "sources"',
  "[sources.shop]",
  'api_key = "compact"',
  "[sources.shop_pipeline]",
  'api_key = "module"',
  "[sources.shop_pipeline.shop]",
  'api_key = "full"',
  "[sources.sect]",
  'api_key = "sect"',
  "",
].join("\n");
const without = (...values: string[]) =>
  ALL.split("\n")
    .filter((l) => !values.some((v) => l.includes(`"${v}"`)))
    .join("\n");

async function sent(file: string, text: string, secrets: string, env: Record<string, string> = {}) {
  const dir = project(file, text, secrets);
  const a = api();
  const r = await cli(["run", file], { cwd: dir, fetch: a.fetch, env });
  return { code: r.code, key: a.keys[0] ?? null, out: r.stdout + r.stderr };
}

describe("a source parameter is looked up as dlt injects it", () => {
  it("under the module's section first: the file's name without .py (dlt 1.26.0 sent full, module, compact)", async () => {
    const py = source("@dlt.source");
    expect((await sent("shop_pipeline.py", py, ALL)).key).toBe("full");
    expect((await sent("shop_pipeline.py", py, without("full"))).key).toBe("module");
    expect((await sent("shop_pipeline.py", py, without("full", "module"))).key).toBe("compact");
    // The environment under the shortest name wins over the file under the longest (dlt asks each provider under every name).
    expect((await sent("shop_pipeline.py", py, ALL, { API_KEY: "env" })).key).toBe("env");
    expect((await sent("shop_pipeline.py", py, ALL, { SOURCES__SHOP_PIPELINE__SHOP__API_KEY: "env-full" })).key).toBe("env-full");
  });

  it("a decorator's section= stands for the module (dlt 1.26.0 sent sect for @dlt.source(section='sect', name='nm'))", async () => {
    const py = source('@dlt.source(section="sect", name="nm")');
    expect((await sent("shop_pipeline.py", py, ALL)).key).toBe("sect");
  });

  it("validate names the parameter and says nothing of a --secret under a name dlt injects it from", async () => {
    const dir = project("shop_pipeline.py", source("@dlt.source"), "");
    const r = await cli(["validate", "shop_pipeline.py", "--secret", "sources.shop_pipeline.api_key=x"], { cwd: dir });
    expect(r.stderr).not.toContain("is not used");
  });
});

describe("a written sectioned name is looked up under that name only", () => {
  it("dlt.secrets['sources.shop.api_key'] is not filled by api_key (dlt 1.26.0: ConfigFieldMissingException)", async () => {
    const py = [
      "import dlt",
      "from dlt.sources.rest_api import rest_api_source",
      "",
      `source = ${config('dlt.secrets["sources.shop.api_key"]')}`,
      "",
    ];
    const text = py.join("\n");
    const missing = await sent("shop_pipeline.py", text, 'api_key = "top"\n[sources]\napi_key = "sources"\n', { API_KEY: "env" });
    expect(missing.code).toBe(1);
    expect(missing.out).toContain("missing secret sources.shop.api_key");
    expect((await sent("shop_pipeline.py", text, ALL)).key).toBe("compact");
  });
});

describe("a plain function's dlt.secrets.value parameter is not injected", () => {
  it("is a located warning, and the value is left out (dlt 1.26.0 sent ?key=dlt.secrets.value)", async () => {
    const py = source("-");
    const dir = project("shop_pipeline.py", py, ALL);
    const r = await cli(["validate", "shop_pipeline.py", "--format", "json"], { cwd: dir });
    const report = JSON.parse(r.stdout) as { diagnostics: { code: string; line: number; message: string }[] };
    const found = report.diagnostics.find((d) => d.code === "param_not_injected");
    expect(found?.line).toBe(5);
    expect(found?.message).toContain("`shop` is a plain function");
  });
});

describe("validate with values: a get without one", () => {
  it("says where no value was found and what None does, not 'in this run'", async () => {
    const py = ["import dlt", "from dlt.sources.rest_api import rest_api_source", "", `source = ${config('dlt.secrets["k"]')}`, ""];
    const text = py
      .join("\n")
      .replace('"paginator": "single_page"', '"paginator": "single_page", "params": {"since": dlt.config.get("since")}');
    const dir = project("p.py", text, 'k = "v"\n');
    const r = await cli(["validate", "p.py", "--secret", "k=x"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("get_gives_none");
    expect(r.stdout).toContain('dlt.config.get("since"), which has no value here (no `--secret`, environment variable or .dlt/*.toml');
    expect(r.stdout).not.toContain("in this run");
  });
});

describe("a conditional on a value (AUTH if TOKEN else None)", () => {
  it("takes the else branch without TOKEN, as dlt 1.26.0 did (no Authorization sent), and says so", async () => {
    const auth = 'TOKEN = dlt.secrets.get("token")\nAUTH = {"type": "bearer", "token": TOKEN}\n';
    const text = ["import dlt", "from dlt.sources.rest_api import rest_api_source", auth, `source = ${config('"k"')}`, ""]
      .join("\n")
      .replace('"auth": {"type": "api_key", "name": "key", "location": "query", "api_key": "k"}', '"auth": AUTH if TOKEN else None');
    const dir = project("p.py", text, "");
    const r = await cli(["validate", "p.py"], { cwd: dir });
    expect(r.stdout).toContain("python_conditional");
    expect(r.stdout).toContain("the value it tests is false (none, or empty) in this run, so restplay reads the `else` branch (`None`)");
  });
});
