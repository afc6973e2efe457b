/**
 * `run`, `check` and `validate` read dlt's `.dlt/secrets.toml` and `.dlt/config.toml` as dlt 1.26.0 does (decision 0045):
 * `--secret` > the environment > secrets.toml > config.toml, names with their sections dropped one at a time, the
 * project's files over the global ones, values masked as `--secret` values are. In-process fetch: no network.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";
import { dltGlobalDir, tomlValueText, type HostFacts } from "./dlt-settings";
import { parse } from "smol-toml";

beforeAll(async () => {
  await Promise.all([import("./run-command"), import("./check-command"), import("./validate"), import("../run")]);
}, 60_000);

const temp = tempDir("dlt-settings");
let projects = 0;

/** A dlt project (a folder of its own): the config, and `.dlt/<name>` for each file given. */
function project(config: string, files: Record<string, string> = {}, name = "shop.json"): string {
  const dir = `p${++projects}`;
  temp.write(join(dir, name), config);
  for (const [file, text] of Object.entries(files)) temp.write(join(dir, ".dlt", file), text);
  return join(temp.dir, dir);
}

/** An API that answers every request with one record echoing the key it was sent (a secret an API echoes is masked). */
function api() {
  const seen: URL[] = [];
  const fetch = async (r: Request) => {
    const url = new URL(r.url);
    seen.push(url);
    const body = [{ id: 1, echo: url.searchParams.get("key"), org: url.searchParams.get("org") }];
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { seen, fetch };
}

const SHOP = JSON.stringify({
  client: {
    base_url: "https://api.test/",
    auth: { type: "api_key", name: "key", location: "query", api_key: { $secret: "api_key" } },
  },
  resources: [{ name: "items", endpoint: { path: "items", params: { org: { $config: "org" } }, paginator: "single_page" } }],
});

describe("values from .dlt/secrets.toml and .dlt/config.toml", () => {
  it("--secret, then the environment, then secrets.toml, then config.toml (dlt.config only), as dlt's providers are asked", async () => {
    const dir = project(SHOP, {
      "secrets.toml": 'api_key = "key-from-secrets-toml"\norg = "org-from-secrets"\n',
      "config.toml": 'api_key = "key-from-config-toml"\norg = "org-from-config"\n',
    });
    const files = api();
    const r = await cli(["run", "shop.json"], { cwd: dir, fetch: files.fetch });
    expect(r.code).toBe(0);
    // dlt.config reads secrets.toml before config.toml; dlt.secrets never reads config.toml.
    expect(files.seen[0]!.searchParams.get("key")).toBe("key-from-secrets-toml");
    expect(files.seen[0]!.searchParams.get("org")).toBe("org-from-secrets");
    expect(r.stdout).toContain("secrets: api_key (.dlt/secrets.toml), org (.dlt/secrets.toml)");
    expect(r.stderr).toContain("note: values from dlt's settings files: api_key, org from .dlt/secrets.toml\n");

    const env = api();
    const e = await cli(["run", "shop.json"], { cwd: dir, fetch: env.fetch, env: { API_KEY: "key-from-env" } });
    expect(e.code).toBe(0);
    expect(env.seen[0]!.searchParams.get("key")).toBe("key-from-env");
    expect(e.stdout).toContain("secrets: api_key ($API_KEY), org (.dlt/secrets.toml)");

    const flag = api();
    const f = await cli(["run", "shop.json", "--secret", "api_key=key-from-flag"], { cwd: dir, fetch: flag.fetch, env: { API_KEY: "x" } });
    expect(f.code).toBe(0);
    expect(flag.seen[0]!.searchParams.get("key")).toBe("key-from-flag");

    // config.toml alone: the setting is read, the secret is not (and the note says why).
    const cfg = project(SHOP, { "config.toml": 'api_key = "key-from-config-toml"\norg = "org-from-config"\n' });
    const c = await cli(["run", "shop.json"], { cwd: cfg, fetch: api().fetch });
    expect(c.code).toBe(1);
    expect(c.stderr).toContain(
      'error: missing secret api_key (dlt.secrets["api_key"]): pass --secret api_key=VALUE, set the environment variable API_KEY ' +
        "or add api_key to .dlt/secrets.toml\n",
    );
    expect(c.stderr).toContain(
      "note: api_key from .dlt/config.toml is not read as a secret: dlt never reads dlt.secrets[...] from config.toml",
    );
    expect(c.stderr).toContain("note: values from dlt's settings files: org from .dlt/config.toml");
    expect(c.stdout + c.stderr).not.toContain("key-from-config-toml");
  });

  it("a source parameter's name is looked up with its sections dropped one at a time, each source under every name first", async () => {
    const py = [
      "import dlt",
      "from dlt.sources.rest_api import rest_api_source",
      "",
      "@dlt.source",
      "def shop(api_key=dlt.secrets.value):",
      '    return rest_api_source({"client": {"base_url": "https://api.test/", "auth": {"type": "api_key", "name": "key",',
      '        "location": "query", "api_key": api_key}}, "resources": [{"name": "items", "endpoint": {"path": "items",',
      '        "paginator": "single_page"}}]})',
      "",
    ].join("\n");
    for (const [toml, want] of [
      ['api_key = "top"\n[sources]\napi_key = "sources"\n[sources.shop]\napi_key = "compact"\n', "compact"],
      ['api_key = "top"\n[sources]\napi_key = "sources"\n', "sources"],
      ['sources.other.api_key = "other"\napi_key = "top"\n', "top"],
    ] as const) {
      const dir = project(py, { "secrets.toml": toml }, "shop.py");
      const a = api();
      const r = await cli(["run", "shop.py"], { cwd: dir, fetch: a.fetch });
      expect([r.code, a.seen[0]?.searchParams.get("key")]).toEqual([0, want]);
      expect(r.stdout).toContain("secrets: sources.shop.api_key (.dlt/secrets.toml)");
    }
    // The environment under the shortest name wins over the file under the longest (dlt asks the environment first).
    const dir = project(py, { "secrets.toml": '[sources.shop]\napi_key = "compact"\n' }, "shop.py");
    const a = api();
    expect((await cli(["run", "shop.py"], { cwd: dir, fetch: a.fetch, env: { API_KEY: "env" } })).code).toBe(0);
    expect(a.seen[0]!.searchParams.get("key")).toBe("env");
  });

  it("values are what dlt reads: an int stays an int, a quoted number is cast, a table is a dict", async () => {
    const config = JSON.stringify({
      client: { base_url: "https://api.test/", auth: { $secret: "shop_auth" } },
      resources: [
        {
          name: "items",
          endpoint: {
            path: "items",
            params: { org: { $config: "org" } },
            paginator: { type: "offset", limit: { $config: "page_size" }, total_path: null, maximum_offset: 1 },
          },
        },
      ],
    });
    const dir = project(config, {
      "secrets.toml": '[shop_auth]\ntype = "api_key"\nname = "key"\nlocation = "query"\napi_key = "table-key-123"\n',
      "config.toml": 'page_size = 25\norg = "12345"\n',
    });
    const a = api();
    const r = await cli(["run", "shop.json", "--format", "json"], { cwd: dir, fetch: a.fetch });
    expect(r.code).toBe(0);
    const url = a.seen[0]!;
    expect([url.searchParams.get("key"), url.searchParams.get("limit"), url.searchParams.get("org")]).toEqual([
      "table-key-123",
      "25",
      "12345",
    ]);
    expect(r.stdout + r.stderr).not.toContain("table-key-123");
  });

  it("a value from the files is masked wherever it would show: stdout, stderr, --format json, --state-dir files", async () => {
    const dir = project(SHOP, { "secrets.toml": 'api_key = "file-secret-8841"\n', "config.toml": 'org = "acme"\n' });
    const text = await cli(["run", "shop.json", "--state-dir", "state"], { cwd: dir, fetch: api().fetch });
    const json = await cli(["run", "shop.json", "--format", "json"], { cwd: dir, fetch: api().fetch });
    const check = await cli(["check", "shop.json", "--format", "json"], { cwd: dir, fetch: api().fetch });
    for (const r of [text, json, check]) expect(r.code).toBe(0);
    const out = [text, json, check].map((r) => r.stdout + r.stderr).join("\n");
    expect(out).toContain("f*****1");
    expect(out).not.toContain("file-secret-8841");
    // The API echoed the key into a record: the table keeps it masked (settings are not secrets: `acme` stays).
    expect((JSON.parse(json.stdout) as { tables: { rows: Record<string, unknown>[] }[] }).tables[0]!.rows[0]).toMatchObject({
      echo: "f*****1",
      org: "acme",
    });
    const kept = readdirSync(join(dir, "state"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(kept.length).toBeGreaterThan(0);
    for (const f of kept) expect(readFileSync(join(f.parentPath, f.name), "utf8")).not.toContain("file-secret-8841");
  });

  it("check reads them too, and says what is still missing", async () => {
    const dir = project(SHOP, { "config.toml": 'org = "acme"\n' });
    const missing = await cli(["check", "shop.json"], { cwd: dir, fetch: api().fetch });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("missing_secret");
    writeFileSync(join(dir, ".dlt", "secrets.toml"), 'api_key = "k-123"\n');
    const a = api();
    const ok = await cli(["check", "shop.json"], { cwd: dir, fetch: a.fetch });
    expect(ok.code).toBe(0);
    expect(a.seen[0]!.searchParams.get("key")).toBe("k-123");
    expect(ok.stderr).toContain("note: values from dlt's settings files: api_key from .dlt/secrets.toml; org from .dlt/config.toml");
  });

  it("a malformed file is a located error (file:line:col, what is wrong), never its text, for run, check and validate", async () => {
    const dir = project(SHOP, { "secrets.toml": 'org = "fine"\napi_key = "broken-secret-5521\n' });
    for (const command of ["run", "check", "validate"]) {
      const text = await cli([command, "shop.json"], { cwd: dir, fetch: api().fetch });
      expect(text.code).toBe(1);
      expect(text.stderr).toMatch(/^error: \.dlt\/secrets\.toml:2:\d+: not valid TOML: .+TomlProviderReadException/);
      expect(text.stderr).not.toMatch(/broken-secret|at |\n {4}/);
      const json = await cli([command, "shop.json", "--format", "json"], { cwd: dir, fetch: api().fetch });
      expect(json.code).toBe(1);
      expect(json.stdout).toContain('"code": "invalid_settings"');
      expect(json.stdout + json.stderr).not.toContain("broken-secret");
    }
    // dlt fails on a redefined table too, before any value is read.
    const twice = project(SHOP, { "config.toml": "[a]\nx = 1\n[a]\ny = 2\n" });
    expect((await cli(["run", "shop.json", "--secret", "api_key=k"], { cwd: twice, fetch: api().fetch })).stderr).toMatch(
      /^error: \.dlt\/config\.toml:3:\d+: not valid TOML: /,
    );
  });

  it("validate checks the files' values as run reads them, and says where they came from", async () => {
    const py = [
      "import dlt",
      "from dlt.sources.rest_api import rest_api_source",
      'source = rest_api_source({"client": {"base_url": "https://api.test:" + dlt.config["port"]},',
      '    "resources": [{"name": "items", "endpoint": {"path": "items", "paginator": "single_page"}}]})',
      "",
    ].join("\n");
    const dir = project(py, { "config.toml": "port = 8080\n" }, "shop.py");
    // 8080 is an int in dlt: Python's `+` refuses it (TypeError), as it would running the file.
    const r = await cli(["validate", "shop.py"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("can only concatenate str");
    expect(r.stderr).toContain("note: values from dlt's settings files: port from .dlt/config.toml\n");
    writeFileSync(join(dir, ".dlt", "config.toml"), 'port = "x"\n');
    expect((await cli(["validate", "shop.py"], { cwd: dir })).code).toBe(0);
  });

  it("a dlt workspace's profile files are not read, and a note says so", async () => {
    const dir = project(SHOP, { "secrets.toml": 'api_key = "k"\norg = "o"\n', ".workspace": "" });
    const r = await cli(["run", "shop.json"], { cwd: dir, fetch: api().fetch });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("note: .dlt/.workspace makes this a dlt workspace: restplay reads secrets.toml and config.toml as a plain");
  });

  it("without a .dlt dir nothing is said about it, and a missing secret names every way to give it", async () => {
    const dir = project(SHOP);
    const r = await cli(["run", "shop.json", "--secret", "org=acme"], { cwd: dir, fetch: api().fetch });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: missing secret api_key (dlt.secrets["api_key"]): pass --secret api_key=VALUE, set the environment variable API_KEY ' +
        "or add api_key to .dlt/secrets.toml\n",
    );
  });

  it("--mock: the mock's demo values win over the files (the mock takes only its own), the files fill what it has none for", async () => {
    const dir = project(SHOP, { "secrets.toml": 'api_key = "real-key-7731"\n', "config.toml": 'org = "acme"\n' });
    const r = await cli(["run", "shop.json", "--mock"], { cwd: dir });
    expect(r.stdout).toContain("secrets: api_key (mock demo value), org (.dlt/config.toml)");
    expect(r.stderr).toContain("note: --mock uses the mock API's demo values, not api_key from .dlt/secrets.toml");
    expect(r.stdout + r.stderr).not.toContain("real-key-7731");
  });

  it("the global dir's files are merged under the project's, as dlt merges them; DLT_PROJECT_DIR, DLT_CONFIG_FOLDER move it", async () => {
    const dir = project(SHOP, { "secrets.toml": '[creds]\napi_key = "project-key"\n' });
    const home = join(temp.dir, "global");
    temp.write("global/secrets.toml", '[creds]\napi_key = "global-key"\norg = "global-org"\n');
    const config = SHOP.replace('"api_key"}', '"creds.api_key"}').replace('{"$config":"org"}', '{"$config":"creds.org"}');
    writeFileSync(join(dir, "merged.json"), config);
    const a = api();
    const r = await cli(["run", "merged.json"], { cwd: dir, fetch: a.fetch, dltGlobalDir: home });
    expect(r.code).toBe(0);
    expect([a.seen[0]!.searchParams.get("key"), a.seen[0]!.searchParams.get("org")]).toEqual(["project-key", "global-org"]);
    expect(r.stderr).toContain(`creds.api_key from .dlt/secrets.toml; creds.org from ${join(home, "secrets.toml")}`);

    const elsewhere = project("{}", { "secrets.toml": 'api_key = "elsewhere-key"\norg = "o"\n' }, "unused.json");
    mkdirSync(join(elsewhere, "conf"));
    writeFileSync(join(elsewhere, "conf", "secrets.toml"), 'api_key = "folder-key"\norg = "o"\n');
    const b = api();
    expect((await cli(["run", "shop.json"], { cwd: dir, fetch: b.fetch, env: { DLT_PROJECT_DIR: elsewhere } })).code).toBe(0);
    const c = api();
    const env = { DLT_PROJECT_DIR: elsewhere, DLT_CONFIG_FOLDER: "conf" };
    expect((await cli(["run", "shop.json"], { cwd: dir, fetch: c.fetch, env })).code).toBe(0);
    expect([b.seen[0]!.searchParams.get("key"), c.seen[0]!.searchParams.get("key")]).toEqual(["elsewhere-key", "folder-key"]);
  });
});

describe("dlt's global settings dir and TOML values", () => {
  const host = (over: Partial<HostFacts> = {}): HostFacts => ({
    root: false,
    home: "/home/u",
    isWritableDir: () => true,
    isDir: () => false,
    tmp: "/tmp",
    ...over,
  });
  it("is ~/.dlt, /var/dlt for root, $XDG_DATA_HOME/dlt without ~/.dlt, the temp dir's without a writable home", () => {
    expect(dltGlobalDir({}, host())).toBe("/home/u/.dlt");
    expect(dltGlobalDir({ DLT_CONFIG_FOLDER: "cfg" }, host())).toBe("/home/u/cfg");
    expect(dltGlobalDir({}, host({ root: true }))).toBe("/var/dlt");
    expect(dltGlobalDir({ XDG_DATA_HOME: "/x" }, host())).toBe("/x/dlt");
    expect(dltGlobalDir({ XDG_DATA_HOME: "/x" }, host({ isDir: (p) => p === "/home/u/.dlt" }))).toBe("/home/u/.dlt");
    expect(dltGlobalDir({}, host({ isWritableDir: () => false }))).toBe("/tmp/dlt");
    // DLT_DATA_DIR is where dlt keeps pipelines, not settings.
    expect(dltGlobalDir({ DLT_DATA_DIR: "/data" }, host())).toBe("/home/u/.dlt");
  });

  it("each TOML value is text dlt's auto_cast reads as the value dlt has", () => {
    const doc = parse(
      'i = 50\nf = 2.0\nb = true\ns = "x"\nd = 2024-01-02T03:04:05Z\nday = 2024-01-02\n[t]\nq = [1, 2.5, "12345", inf]\nn = { a = 1.0 }\n',
      { integersAsBigInt: true },
    );
    const text = (k: string) => tomlValueText(doc[k]);
    expect(["i", "f", "b", "s", "d", "day"].map(text)).toEqual(["50", "2.0", "true", "x", "2024-01-02 03:04:05+00:00", "2024-01-02"]);
    expect(text("t")).toBe('{"q": [1, 2.5, "12345", Infinity], "n": {"a": 1.0}}');
  });
});
