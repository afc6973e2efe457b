/** `restplay import`, `restplay check` and `--mock-spec` (issue #11), in-process. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";

const FIXTURES = join(__dirname, "../importers/fixtures");
const { dir, write } = tempDir("import");
beforeAll(async () => {
  await Promise.all([import("./import-command"), import("./check-command"), import("../importers"), import("../run")]);
}, 60_000);
const at = { cwd: dir };

describe("restplay import", () => {
  it("prints every GET collection as a config; guesses and their evidence go to stderr", async () => {
    const r = await cli(["import", join(FIXTURES, "bookshop.openapi.yaml"), "--from", "openapi", "--to", "json"], at);
    expect(r.code).toBe(0);
    const config = JSON.parse(r.stdout) as { resources: { name: string }[]; client: Record<string, unknown> };
    expect(config.resources.map((x) => x.name)).toEqual(["books", "authors", "author_books", "orders"]);
    expect(config.client.auth).toEqual({ type: "bearer", token: { $secret: "token" } });
    expect(r.stderr).toMatch(/paginator: query parameters `offset` and `limit`/);
    expect(r.stderr).toMatch(/note: GET \/health has no JSON success response/);
  });

  it("imports only the named resources (their parents come along), as a Python pipeline", async () => {
    const r = await cli(["import", join(FIXTURES, "tickets.swagger.json"), "--resource", "comments", "--to", "python"], at);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("source = rest_api_source(");
    expect(r.stdout).toContain('"selected": False');
    expect(r.stdout).toContain('dlt.secrets["api_key"]');
  });

  it("names the resources there are when asked for an unknown one (exit 2)", async () => {
    const r = await cli(["import", join(FIXTURES, "tickets.swagger.json"), "--resource", "nope"], at);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown resource `nope`; .* has `tickets` \(GET \/tickets\)/);
  });

  it("reads curl commands", async () => {
    write("req.sh", "curl 'https://lab.example.com/page-number/items?page=1' -H 'Authorization: Bearer abc123secret'\n");
    const r = await cli(["import", "req.sh", "--from", "curl"], at);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("base_url: https://lab.example.com");
    expect(r.stdout).not.toContain("abc123secret");
  });
});

describe("restplay check", () => {
  it("checks the first page of every resource against the spec's mock: a pass/fail matrix", async () => {
    const imported = await cli(["import", join(FIXTURES, "events.openapi.yaml")], at);
    write("events.yaml", imported.stdout);
    const r = await cli(["check", "events.yaml", "--mock", "--mock-spec", join(FIXTURES, "events.openapi.yaml")], at);
    expect(r.stdout).toMatch(/✓ pass {6}events {4}first page: 30 records at `\$`/);
    expect(r.stdout).toMatch(/auth: token ok/);
    expect(r.stdout).toMatch(/3 passed, 0 failed/);
    expect(r.code).toBe(0);
  });

  it("says a child it could not request (its parent's first page is empty) is untested, not passed", async () => {
    const config = {
      client: { base_url: "https://api.check.example" },
      resources: [
        { name: "users", endpoint: { path: "users", paginator: "single_page" } },
        { name: "posts", endpoint: { path: "users/{resources.users.id}/posts", paginator: "single_page" } },
      ],
    };
    write("empty-parent.json", JSON.stringify(config));
    const requested: string[] = [];
    const fetch = async (r: Request) => {
      requested.push(new URL(r.url).pathname);
      return new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
    };
    const r = await cli(["check", "empty-parent.json"], { ...at, fetch });
    expect(requested).toEqual(["/users"]);
    expect(r.stdout).toMatch(/– untested {2}posts {5}not checked: no request was made/);
    expect(r.stdout).toMatch(/✓ pass {6}users {5}first page: 0 records/);
    expect(r.stdout).toMatch(/1 passed, 0 failed, 1 untested/);
    expect(r.code).toBe(0);
  });

  it("fails a resource with its reason, and says so in JSON", async () => {
    const imported = await cli(["import", join(FIXTURES, "warehouse.openapi.json")], at);
    write("warehouse.yaml", imported.stdout);
    const r = await cli(["check", "warehouse.yaml", "--mock", "--format", "json", "--secret", "password=wrong"], { ...at, env: {} });
    const report = JSON.parse(r.stdout) as { ok: boolean; rows: { resource: string; status: string; reason: string }[] };
    expect(r.code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.rows[0]).toMatchObject({ resource: "warehouses", status: "fail", reason: expect.stringMatching(/^http_error/) });
  });

  it("runs an imported config with --mock-spec; --mock-spec needs --mock", async () => {
    const imported = await cli(["import", join(FIXTURES, "bookshop.openapi.yaml"), "--resource", "books"], at);
    write("books.yaml", imported.stdout);
    const run = await cli(["run", "books.yaml", "--mock", "--mock-spec", join(FIXTURES, "bookshop.openapi.yaml"), "--format", "json"], at);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).resources[0].stats).toMatchObject({ pages: 3, records_fetched: 45 });
    expect((await cli(["check", "books.yaml", "--mock-spec", join(FIXTURES, "bookshop.openapi.yaml")], at)).code).toBe(2);
  });

  it("--mock-spec - reads the spec from standard input; the config and the spec cannot both be -", async () => {
    const imported = await cli(["import", join(FIXTURES, "bookshop.openapi.yaml"), "--resource", "books"], at);
    write("books.yaml", imported.stdout);
    const spec = readFileSync(join(FIXTURES, "bookshop.openapi.yaml"), "utf8");
    const run = await cli(["run", "books.yaml", "--mock", "--mock-spec", "-", "--format", "json"], { ...at, stdin: async () => spec });
    expect([run.code, JSON.parse(run.stdout).resources[0].stats.records_fetched]).toEqual([0, 45]);
    const check = await cli(["check", "books.yaml", "--mock", "--mock-spec", "-"], { ...at, stdin: async () => spec });
    expect(check.code).toBe(0);
    const both = await cli(["run", "-", "--mock", "--mock-spec", "-"], { ...at, stdin: async () => imported.stdout });
    expect([both.code, both.stderr]).toEqual([2, "error: the config and --mock-spec cannot both be - (standard input)\n"]);
  });

  it("a sample response imported with --url mocks that address with --mock-spec and --sample-url (as import's --url)", async () => {
    write(
      "sample.json",
      JSON.stringify({
        data: [
          { id: 1, name: "a" },
          { id: 2, name: "b" },
        ],
      }),
    );
    const url = "https://api.sample.test/v1/things";
    const imported = await cli(["import", "sample.json", "--from", "sample", "--url", url], at);
    write("things.yaml", imported.stdout);
    const spec = ["--mock", "--mock-spec", "sample.json"];
    const run = await cli(["run", "things.yaml", ...spec, "--sample-url", url, "--format", "json"], at);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).resources[0].stats.records_fetched).toBeGreaterThan(0);
    // Without the address the sample is served at its placeholder host: the config's own host has no mock.
    expect((await cli(["check", "things.yaml", ...spec], at)).code).toBe(1);
    expect((await cli(["check", "things.yaml", ...spec, "--sample-url", url], at)).code).toBe(0);
    const openapi = ["--mock", "--mock-spec", join(FIXTURES, "bookshop.openapi.yaml"), "--sample-url", url];
    expect((await cli(["check", "things.yaml", ...openapi], at)).stderr).toMatch(/--sample-url is for a sample response/);
    expect((await cli(["run", "things.yaml", "--mock", "--sample-url", url], at)).code).toBe(2);
  });

  it("--url with a file that names its own address (an OpenAPI document) is a usage error, not silently ignored", async () => {
    const r = await cli(["import", join(FIXTURES, "bookshop.openapi.yaml"), "--url", "https://staging.example.test/v1"], at);
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(/--url is for a sample response; .*bookshop\.openapi\.yaml is read as openapi, which names its own address/);
  });
});
