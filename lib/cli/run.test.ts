// Over 400 lines: the `run` command's behaviours share one seed directory and server set-up; split by theme when it grows further.
import stringWidth from "string-width";
import { beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { cli, seedFiles } from "../testing/cli";
import { createMockApi, MOCK_DEMO_SECRETS } from "../mocks";

const seeds = seedFiles();
// The commands load their modules lazily (fast CLI start); load them once here, outside the tests' timeouts.
beforeAll(async () => {
  await Promise.all([import("./run-command"), import("./export"), import("../run")]);
}, 60_000);
const at = { cwd: seeds.dir };

interface RunJson {
  ok: boolean;
  limits: { resource: string; limit: string; failed: boolean; message: string }[];
  resources: {
    name: string;
    primary_key: string[] | null;
    write_disposition: string;
    records: Record<string, unknown>[];
    stats: Record<string, number>;
    status: string;
    warnings: string[];
    notes: string[];
  }[];
  errors: { resource: string | null; code: string; message: string }[];
  refusal: string | null;
  tables: {
    name: string;
    parent: string | null;
    columns: { name: string; data_type: string; nullable: boolean }[];
    rows: Record<string, unknown>[];
  }[];
}

/** One page of seed 002's API (offset 0 has no injected fault), through a "live" fetch. */
const API_KEY_CONFIG = JSON.stringify({
  client: {
    base_url: "https://api.example.com",
    auth: { type: "api_key", name: "api_key", api_key: { $secret: "api_key" }, location: "query" },
  },
  resources: [
    {
      name: "items",
      primary_key: "id",
      write_disposition: "merge",
      endpoint: { path: "/v1/resource", data_selector: "data", paginator: { type: "offset", limit: 100 } },
    },
  ],
});

describe("restplay run --mock", () => {
  const expected: Record<string, [string, number, number][]> = {
    "000": [["generic_resource", 251, 250]],
    "001": [["resource_name", 251, 250]],
    "002": [["storage_data", 251, 250]],
    "003": [["resource_name", 251, 250]],
    "004": [
      ["bank_transactions", 251, 251],
      ["contacts", 251, 251],
    ],
  };
  for (const seed of seeds.files) {
    it(`seed ${seed.id}: --format json prints only JSON, in the documented shape`, async () => {
      const r = await cli(["run", seed.name, "--mock", "--format", "json"], at);
      // Seed 004's records have no `id`, its primary key: dlt's normalize step fails the run (UnboundColumnException).
      const refusal = seed.id === "004" ? "a record its normalize step fails on" : null;
      expect(r.code).toBe(refusal === null ? 0 : 1);
      const out = JSON.parse(r.stdout) as RunJson;
      expect(Object.keys(out)).toEqual(["ok", "resources", "limits", "errors", "refusal", "tables"]);
      expect([out.ok, out.errors, out.limits, out.refusal]).toEqual([refusal === null, [], [], refusal]);
      expect(out.resources.map((x) => [x.name, x.stats.records_fetched, x.stats.records_merged])).toEqual(expected[seed.id]);
      for (const res of out.resources) {
        expect(Object.keys(res)).toEqual(["name", "primary_key", "write_disposition", "records", "stats", "status", "warnings", "notes"]);
        expect(res.status).toBe("ok");
        expect(Object.keys(res.stats)).toEqual(["requests", "pages", "retries", "records_fetched", "records_merged"]);
        expect(res.records).toHaveLength(res.stats.records_merged!);
      }
      // The tables as dlt loads them: every column in every row, `_dlt` columns included.
      for (const t of out.tables) {
        expect(Object.keys(t)).toEqual(["name", "parent", "columns", "rows"]);
        expect(t.columns.map((c) => c.name)).toEqual(
          expect.arrayContaining(t.parent === null ? ["_dlt_load_id", "_dlt_id"] : ["_dlt_parent_id", "_dlt_list_idx", "_dlt_id"]),
        );
        for (const row of t.rows) expect(Object.keys(row)).toEqual(t.columns.map((c) => c.name));
      }
      const roots = out.tables.filter((t) => t.parent === null);
      expect(roots.map((t) => t.rows.length)).toEqual(out.resources.map((r) => r.stats.records_merged));
      // The trace went to stderr.
      expect(r.stderr).toMatch(/GET https:\/\/api\.example\.com\/v1\//);
    });
  }

  it("text mode keeps the rows it prints only, and its counts are the full destination's (--format json)", async () => {
    for (const seed of seeds.files) {
      const [text, json] = await Promise.all([
        cli(["run", seed.name, "--mock"], at),
        cli(["run", seed.name, "--mock", "--format", "json"], at),
      ]);
      const out = JSON.parse(json.stdout) as RunJson;
      const counted = [...text.stdout.matchAll(/^ {2}(\S+) {2}(\d+) rows? \((\d+) inserted\)/gm)].map((m) => [m[1], Number(m[2])]);
      expect(counted, seed.id).toEqual(out.tables.map((t) => [t.name, t.rows.length]));
      for (const t of out.tables.filter((x) => x.rows.length > 3))
        expect(text.stdout, seed.id).toContain(`… ${t.rows.length - 3} more (--format json prints every row)`);
      for (const r of out.resources)
        expect(text.stdout, seed.id).toMatch(new RegExp(`^${r.name}\\s+${r.stats.records_fetched}\\s+${r.stats.records_merged}\\s`, "m"));
    }
  });

  it("seed 004 reports the missing key with the real one", async () => {
    const out = JSON.parse(
      (await cli(["run", "seed-004.py", "--mock", "--format", "json", "--resource", "contacts"], at)).stdout,
    ) as RunJson;
    expect(out.resources.map((x) => x.name)).toEqual(["contacts"]);
    expect(out.resources[0]!.warnings).toContain(
      'primary_key `id` is missing in 251 of 251 records of `contacts`; the records carry `ContactID` — set `primary_key: "ContactID"`',
    );
  });

  it("text mode: a trace with masked URLs, statuses, pages, virtual waits, decisions, then the summary table", async () => {
    const r = await cli(["run", "seed-002.py", "--mock"], at);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/GET https:\/\/api\.example\.com\/v1\/resource\?offset=0&limit=100&api_key=\*\*\* {2}200 {2}\d+ ms/);
    expect(r.stdout).not.toContain(MOCK_DEMO_SECRETS.api_key);
    expect(r.stdout).toMatch(/page 1: 100 records/);
    expect(r.stdout).toMatch(/retry 1: .*waiting 2 s \(virtual\), from Retry-After/);
    expect(r.stdout).toMatch(/paginator: next — /);
    expect(r.stdout).toMatch(/secrets: api_key \(mock demo value\)/);
    expect(r.stdout).toMatch(
      /resource\s+fetched\s+merged\s+duplicates\s+pages\s+retries\s+result\nstorage_data\s+251\s+250\s+1\s+3\s+\d+\s+ok/,
    );
    expect(r.stdout).toMatch(/✔ 1 resource ran/);
  });

  it("--max-pages cuts each resource", async () => {
    const out = JSON.parse((await cli(["run", "seed-000.py", "--mock", "--format", "json", "--max-pages", "1"], at)).stdout) as RunJson;
    expect(out.resources[0]!.stats.pages).toBe(1);
    expect(out.resources[0]!.warnings.join("\n")).toMatch(/after 1 page /);
  });

  it("a wrong secret meets the mock's 401 and exits 1", async () => {
    const r = await cli(["run", "seed-000.py", "--mock", "--format", "json", "--secret", "client_secret=wrong-secret"], at);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as RunJson;
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]!.message).toContain("401");
    expect(r.stdout + r.stderr).not.toContain("wrong-secret");
  });

  it("an invalid config prints its diagnostics and runs nothing", async () => {
    const name = seeds.write(
      "bad.json",
      '{"client": {"base_url": "https://api.example.com"}, "resources": [{"name": "a", "endpoint": {"paht": "/x"}}]}',
    );
    const r = await cli(["run", name, "--mock", "--format", "json"], at);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      resources: [],
      limits: [],
      errors: [{ resource: null, code: "invalid_config", message: "bad.json has 1 error; nothing was run" }],
      refusal: null,
      tables: [],
    });
    expect(r.stderr).toMatch(/^bad\.json:1:\d+ {2}error {2}/m);
    // check answers a script the same way: JSON on stdout, `ok: false`, and why.
    const c = await cli(["check", name, "--mock", "--format", "json"], at);
    expect(c.code).toBe(1);
    expect(JSON.parse(c.stdout)).toEqual({
      ok: false,
      rows: [],
      error: { code: "invalid_config", message: "bad.json has 1 error; nothing was run" },
    });
  });

  it("a run a playground limit cut short says it failed, in text and in JSON, and exits 1", async () => {
    const name = seeds.write(
      "big.json",
      JSON.stringify({
        client: { base_url: "https://api.example.com" },
        resources: [{ name: "big", endpoint: { path: "/big", paginator: "single_page" } }],
      }),
    );
    const body = JSON.stringify(Array.from({ length: 50_001 }, (_, id) => ({ id })));
    const fetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    const text = await cli(["run", name], { ...at, fetch });
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^big\s+50000\s+50000\s+0\s+1\s+0\s+failed$/m);
    expect(text.stdout).toMatch(/✖ big \[max_records\]: /);
    expect(text.stdout).toContain("✖ 1 of 1 resource failed: nothing was loaded");
    expect(text.stdout).not.toContain("✔");
    const json = await cli(["run", name, "--format", "json"], { ...at, fetch });
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout) as RunJson;
    expect([out.ok, out.resources[0]?.status, out.errors]).toEqual([false, "failed", []]);
    expect(out.limits).toEqual([{ resource: "big", limit: "max_records", failed: true, message: expect.stringContaining("50000") }]);
    expect(out.resources[0]?.warnings.join("\n")).not.toContain("max_records");
  });

  it("reads a file saved with a byte order mark, and lines a wide resource name up in the summary", async () => {
    const config = {
      client: { base_url: "https://api.example.com" },
      resources: [{ name: "données_🚀_日本語", endpoint: { path: "/x", paginator: "single_page" } }],
    };
    const bom = seeds.write("bom.json", `\uFEFF${JSON.stringify(config)}`);
    const fetch = async () => new Response('[{"id": 1}]', { status: 200, headers: { "content-type": "application/json" } });
    expect((await cli(["validate", bom], at)).code).toBe(0);
    const r = await cli(["run", bom], { ...at, fetch });
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    const head = lines.find((l) => l.startsWith("resource "))!;
    const row = lines.find((l) => l.startsWith("données") && l.endsWith(" ok"))!;
    // "fetched" and its count end in the same terminal column (the name takes 17 cells, not its 14 characters).
    expect(stringWidth(row.slice(0, row.indexOf(" 1 ") + 2))).toBe(stringWidth(head.slice(0, head.indexOf("fetched") + 7)));
  });

  it("a credential written into a resource's name is masked in everything the text output prints, the table's name too", async () => {
    const config = { client: { base_url: "https://lab.example.com" }, resources: ["items?token=Tok-In-Name-991"] };
    const file = seeds.write("named.json", JSON.stringify(config));
    const fetch = async () => new Response('[{"id": 1}]', { status: 200, headers: { "content-type": "application/json" } });
    const r = await cli(["run", file], { ...at, fetch });
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/Tok-In-Name-991|tok_in_name_991/i);
    expect(r.stdout).toContain("items_token_t*****1  1 row");
    const lines = r.stdout.split("\n");
    const head = lines.find((l) => l.startsWith("resource "))!;
    const row = lines.find((l) => l.startsWith("items?token=T*****1 "))!;
    // The summary's columns are measured on the masked name.
    expect(row.indexOf(" 1 ") + 2).toBe(head.indexOf("fetched") + 7);
  });

  it("a --secret the config never reads (a misspelt name) is said on stderr; the run goes on", async () => {
    const r = await cli(["run", "seed-000.py", "--mock", "--secret", "client_secrt=x"], at);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      '--secret client_secrt is not used: the config has no dlt.secrets["client_secrt"] or dlt.config["client_secrt"] ' +
        "(it reads `client_id`, `client_secret`)",
    );
    const c = await cli(["check", "seed-000.py", "--mock", "--secret", "client_secrt=x"], at);
    expect(c.stderr).toContain("--secret client_secrt is not used");
  });

  it("an aborted signal (Ctrl-C) cancels cleanly with exit 130", async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await cli(["run", "seed-002.py", "--mock"], { ...at, signal: controller.signal });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain("cancelled");
    // check too: a cancelled check is not a failed one.
    const c = await cli(["check", "seed-002.py", "--mock"], { ...at, signal: controller.signal });
    expect(c.code).toBe(130);
    expect(c.stderr).toContain("cancelled");
  });
});

describe("restplay run (live)", () => {
  it("a missing secret is a clear error naming the environment variable; nothing is fetched", async () => {
    let calls = 0;
    const r = await cli(["run", "seed-000.py"], {
      ...at,
      fetch: async () => {
        calls++;
        return new Response("{}");
      },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error: missing secret client_id (dlt.secrets["client_id"]): pass --secret client_id=VALUE, ' +
        "set the environment variable CLIENT_ID or add client_id to .dlt/secrets.toml",
    );
    expect(r.stderr).toContain("CLIENT_SECRET");
    expect(calls).toBe(0);
  });

  it("a missing dlt.config value is named as the config reads it, by run and by check", async () => {
    const name = seeds.write(
      "config-base.py",
      seeds.files.find((f) => f.id === "002")!.code.replace('"https://api.example.com"', 'dlt.config["api_base"]'),
    );
    const run = await cli(["run", name, "--secret", "api_key=k"], at);
    expect([run.code, run.stderr]).toEqual([
      1,
      'error: missing config api_base (dlt.config["api_base"]): pass --secret api_base=VALUE, ' +
        "set the environment variable API_BASE or add api_base to .dlt/config.toml or .dlt/secrets.toml\n",
    ]);
    const check = await cli(["check", name, "--secret", "api_key=k", "--format", "json"], at);
    expect((JSON.parse(check.stdout) as { rows: { reason: string }[] }).rows[0]!.reason).toMatch(
      /^missing_secret: Missing dlt\.config\["api_base"\]: /,
    );
  });

  it("takes secrets from --secret or from the environment variable dlt reads, and uses the given fetch", async () => {
    const name = seeds.write("live.json", API_KEY_CONFIG);
    const mock = createMockApi();
    const viaFlag = await cli(["run", name, "--secret", "api_key=demo-api-key", "--max-pages", "1", "--format", "json"], {
      ...at,
      fetch: mock.fetch,
    });
    expect(viaFlag.code).toBe(0);
    expect((JSON.parse(viaFlag.stdout) as RunJson).resources[0]!.stats.records_merged).toBe(100);
    expect(viaFlag.stderr).toMatch(/secrets: api_key \(--secret\)/);
    const viaEnv = await cli(["run", name, "--max-pages", "1"], { ...at, fetch: mock.fetch, env: { API_KEY: "demo-api-key" } });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stdout).toMatch(/secrets: api_key \(\$API_KEY\)/);
    expect(viaEnv.stdout).toMatch(/— live API/);
    expect(mock.requests.map((q) => new URL(q.url).pathname)).toEqual(["/v1/resource", "/v1/resource"]);
    // A source parameter's fallback to a shorter name (dlt's injection): the line names the variable the value came from.
    const param = '{"$secret":"sources.lab.api_key","$param":true}';
    const nested = seeds.write("nested.json", API_KEY_CONFIG.replace('{"$secret":"api_key"}', param));
    const viaShort = await cli(["run", nested, "--max-pages", "1"], { ...at, fetch: mock.fetch, env: { API_KEY: "demo-api-key" } });
    expect(viaShort.code).toBe(0);
    expect(viaShort.stdout).toMatch(/secrets: sources\.lab\.api_key \(\$API_KEY\)/);
    // So does --secret: a shorter name fills it (a secrets.toml `api_key` fills `sources.lab.api_key` in dlt), with no warning.
    const flagShort = await cli(["run", nested, "--max-pages", "1", "--secret", "api_key=demo-api-key"], { ...at, fetch: mock.fetch });
    expect(flagShort.code).toBe(0);
    expect(flagShort.stdout).toMatch(/secrets: sources\.lab\.api_key \(--secret\)/);
    expect(flagShort.stderr).not.toContain("is not used");
    const wrong = await cli(["run", nested, "--max-pages", "1", "--secret", "sources.api_key=nope"], { ...at, fetch: mock.fetch });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout + wrong.stderr).toContain("403");
    // A written `dlt.secrets["sources.lab.api_key"]` is looked up under that name only, as dlt 1.26.0's accessor does.
    const written = seeds.write("written.json", API_KEY_CONFIG.replace('{"$secret":"api_key"}', '{"$secret":"sources.lab.api_key"}'));
    const notShort = await cli(["run", written, "--max-pages", "1"], { ...at, fetch: mock.fetch, env: { API_KEY: "demo-api-key" } });
    expect(notShort.code).toBe(1);
    expect(notShort.stderr).toMatch(/missing secret sources\.lab\.api_key .*SOURCES__LAB__API_KEY/);
    const flagFull = await cli(["run", written, "--max-pages", "1", "--secret", "sources.lab.api_key=demo-api-key"], {
      ...at,
      fetch: mock.fetch,
    });
    expect(flagFull.code).toBe(0);
  });
});

describe("restplay export", () => {
  it("--to python: dlt-canonical, secrets as dlt.secrets references, never their values", async () => {
    const r = await cli(["export", "seed-000.py", "--to", "python"], { ...at, env: { CLIENT_SECRET: "s3cr3t-value" } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"type": "oauth2_client_credentials"');
    expect(r.stdout).toContain('dlt.secrets["client_id"]');
    expect(r.stdout).toContain('dlt.secrets["client_secret"]');
    for (const v of [...Object.values(MOCK_DEMO_SECRETS), "s3cr3t-value"]) expect(r.stdout).not.toContain(v);
  });

  it("--to json writes the dict dlt takes (the reference left for the loading snippet), --secrets-toml prints names only", async () => {
    const json = await cli(["export", "seed-002.py", "--to", "json"], at);
    expect(JSON.parse(json.stdout).client.auth).not.toHaveProperty("api_key");
    expect(json.stdout).not.toContain("$secret");
    // What the download changed is said on stderr, as the playground announces it.
    expect(json.stderr).toContain("note: References are bound by the loading snippet");
    const toml = await cli(["export", "seed-002.py", "--secrets-toml"], at);
    expect(toml.stdout).toMatch(/^api_key = "<your api_key>"$/m);
  });

  it("a Markdown document downloads as its config block alone, as the playground's download, not the prose blanked", async () => {
    const code = seeds.files.find((f) => f.id === "004")!.code;
    const doc = seeds.write(
      "seed-004.md",
      `# Accounting API\n\nSome prose about it.\n\n\`\`\`python\n${code}\`\`\`\n\n## Auth\n\nMore prose.\n`,
    );
    const fromDoc = await cli(["export", doc, "--to", "python"], at);
    expect(fromDoc.code).toBe(0);
    expect(fromDoc.stdout.split("\n")[0]).toBe("import dlt");
    expect(fromDoc.stdout).toBe((await cli(["export", "seed-004.py", "--to", "python"], at)).stdout);
  });

  it("an invalid config: diagnostics on stderr, nothing on stdout, exit 1", async () => {
    const name = seeds.write("bad-export.json", '{"client": {}, "resources": [{"name": "a", "endpoint": {"paht": "/x"}}]}');
    const r = await cli(["export", name, "--to", "yaml"], at);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/bad-export\.json:1:\d+ {2}error {2}/);
  });
});

describe("bin/restplay.mjs", () => {
  it("runs as a real process", () => {
    const bin = resolve(__dirname, "../../bin/restplay.mjs");
    const p = spawnSync(process.execPath, [bin, "validate", "seed-004.py", "--format", "json"], {
      cwd: seeds.dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 60_000,
    });
    expect(p.stderr).toBe("");
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ valid: true, format: "python" });
  }, 90_000);

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s during a request cancels the run cleanly: it says so and exits %i",
    async (signal, status) => {
      // An API that never answers: the run waits on its first request until the signal comes.
      const server = createServer(() => undefined);
      const asked = new Promise<void>((seen) => {
        server.once("request", () => seen());
      });
      await new Promise<void>((up) => server.listen(0, "127.0.0.1", up));
      const dir = mkdtempSync(join(tmpdir(), "restplay-signal-"));
      const config = { client: { base_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, resources: ["items"] };
      writeFileSync(join(dir, "c.json"), JSON.stringify(config));
      const bin = resolve(__dirname, "../../bin/restplay.mjs");
      const child = spawn(process.execPath, [bin, "run", "c.json"], { cwd: dir, env: { ...process.env, NO_COLOR: "1" }, stdio: "pipe" });
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => void (stderr += c.toString()));
      const closed = new Promise<number | null>((done) => child.on("close", (code) => done(code)));
      await asked;
      child.kill(signal);
      expect(await closed).toBe(status);
      expect(stderr).toContain("cancelled");
      expect(stderr).not.toMatch(/Unhandled|node:internal/);
      server.closeAllConnections();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
    90_000,
  );

  it("stops quietly when its reader goes away (`restplay run … | head`): status 141, no stack trace", async () => {
    const bin = resolve(__dirname, "../../bin/restplay.mjs");
    const child = spawn(process.execPath, [bin, "run", "seed-000.py", "--mock", "--format", "json"], {
      cwd: seeds.dir,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => void (stderr += c.toString()));
    // Like `head -c 100`: read the first chunk, then close the pipe.
    child.stdout.once("data", () => child.stdout.destroy());
    const status = await new Promise<number | null>((done) => child.on("close", (code) => done(code)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|node:events/);
    expect(status).toBe(141);
  }, 90_000);
});
