/**
 * `restplay run` with a paginator `type` given as `dlt.config["pag_type"]`, as dlt 1.26.0 runs it (a loopback API):
 * with `PAG_TYPE=page_number` the source asked `/items?page=0` and `/items?page=1` (`maximum_page` 2) and loaded two
 * records; without a value Python raised ConfigFieldMissingException reading it, before any request.
 */
import { describe, expect, it } from "vitest";
import { cli, offsetItemsApi } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";

const { dir, write } = tempDir("type-ref");

write(
  "pages.py",
  `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.example.com"},
    "resources": [
        {
            "name": "items",
            "endpoint": {
                "path": "items",
                "paginator": {"type": dlt.config["pag_type"], "maximum_page": 2, "page_param": "page", "total_path": None},
            },
        }
    ],
})
`,
);

function api() {
  const seen: string[] = [];
  const fetch = async (req: Request) => {
    seen.push(new URL(req.url).search);
    return new Response(JSON.stringify([{ id: seen.length }]), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { seen, fetch };
}

describe("restplay run: a paginator type from dlt.config", () => {
  it("runs as the type its value names (from --secret or the environment)", async () => {
    for (const io of [
      { args: ["--secret", "pag_type=page_number"], env: {} },
      { args: [], env: { PAG_TYPE: "page_number" } },
    ]) {
      const { seen, fetch } = api();
      const r = await cli(["run", "pages.py", "--format", "json", ...io.args], { cwd: dir, fetch, env: io.env });
      expect(r.code).toBe(0);
      expect(seen).toEqual(["?page=0", "?page=1"]);
      expect(r.stderr).not.toContain("the config has no dlt.secrets");
    }
  });

  it("restplay check takes the value too: the first page, as the type it names", async () => {
    const { seen, fetch } = api();
    const r = await cli(["check", "pages.py", "--format", "json"], { cwd: dir, fetch, env: { PAG_TYPE: "page_number" } });
    expect(r.code).toBe(0);
    expect(seen).toEqual(["?page=0"]);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, rows: [{ resource: "items", status: "pass" }] });
    const without = await cli(["check", "pages.py"], { cwd: dir, fetch });
    expect(without.code).toBe(1);
    expect(without.stderr).toContain("set the environment variable PAG_TYPE");
    expect(seen).toEqual(["?page=0"]);
  });

  it("without a value stops before any request and names what to set", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "pages.py"], { cwd: dir, fetch });
    expect(r.code).toBe(1);
    expect(seen).toEqual([]);
    expect(r.stderr).toContain("ConfigFieldMissingException");
    expect(r.stderr).toContain(
      "pass --secret pag_type=VALUE, set the environment variable PAG_TYPE or add pag_type to .dlt/config.toml or .dlt/secrets.toml",
    );
  });
});

// dlt 1.26.0 (a loopback API, offset paginator, `total` 5): with `PAGE_SIZE=2` (or `page_size = 2` / `"2"` in
// config.toml) `dlt.config["page_size"]` is the int 2 and the source asks offset=0, 2, 4 with limit=2.
write(
  "offset.py",
  `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.example.com"},
    "resources": [{"name": "items", "endpoint": {"path": "items", "paginator": {"type": "offset", "limit": dlt.config["page_size"]}}}],
})
`,
);

describe("restplay run: a paginator limit from dlt.config", () => {
  it("runs with the int dlt reads from the value (--secret or the environment)", async () => {
    for (const io of [
      { args: ["--secret", "page_size=2"], env: {} },
      { args: [], env: { PAGE_SIZE: "2" } },
    ]) {
      const { seen, fetch } = offsetItemsApi();
      const r = await cli(["run", "offset.py", "--format", "json", ...io.args], { cwd: dir, fetch, env: io.env });
      expect(r.code).toBe(0);
      expect(seen).toEqual(["?offset=0&limit=2", "?offset=2&limit=2", "?offset=4&limit=2"]);
    }
  });

  it("without a value, or with one dlt refuses, stops before any request and says why", async () => {
    const { seen, fetch } = offsetItemsApi();
    const r = await cli(["run", "offset.py"], { cwd: dir, fetch });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "pass --secret page_size=VALUE, set the environment variable PAGE_SIZE or add page_size to .dlt/config.toml or .dlt/secrets.toml",
    );
    const text = await cli(["run", "offset.py"], { cwd: dir, fetch, env: { PAGE_SIZE: "abc" } });
    expect(text.code).toBe(1);
    expect(text.stderr).toContain("limit");
    expect(seen).toEqual([]);
  });
});

// dlt 1.26.0: `"https://h:" + dlt.config["port"]` with `PORT=8080` fails building the config (Python's TypeError).
write(
  "port.py",
  `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.example.com:" + dlt.config["port"] + "/"},
    "resources": [{"name": "items", "endpoint": {"path": "items", "paginator": "single_page"}}],
})
`,
);

describe("restplay run and check: a reference + joins whose value is a number", () => {
  it("is Python's TypeError at its place in the file (line:column), before any request", async () => {
    for (const command of ["run", "check"]) {
      const { seen, fetch } = api();
      const r = await cli([command, "port.py"], { cwd: dir, fetch, env: { PORT: "8080" } });
      expect(r.code).toBe(1);
      expect(seen).toEqual([]);
      expect(r.stderr).toContain("port.py:5:28  error  invalid_type");
      expect(r.stderr).toContain('TypeError: can only concatenate str (not "int") to str');
    }
  });
});
