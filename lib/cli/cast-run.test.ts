/**
 * `restplay run` with casts on references, as dlt 1.26.0 ran the same file against a loopback API (python http.server):
 * `int(dlt.config["lim"])` with `lim = 2.7` in .dlt/config.toml (dlt reads the float 2.7; int() makes 2) or `LIM=2`,
 * `float(dlt.config["n"])` with `n = 2` sent as `n=2.0` (`N=1e3`: `n=1000.0`), `bool(dlt.config["b"])` with `b = "false"`
 * (dlt reads the bool False) or `B=0` sent as `b=False`; `int(os.environ["LIM"])` with `LIM=" 3 "` pages by 3, with
 * `LIM=1.5` Python raised `ValueError: invalid literal for int() with base 10: '1.5'` before any request.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { cli, offsetItemsApi } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";

const { dir, write } = tempDir("casts");

const file = (name: string, limit: string) =>
  write(
    name,
    `import os
import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/"},
    "resources": [
        {
            "name": "items",
            "endpoint": {
                "path": "items",
                "params": {"n": float(dlt.config["n"]), "b": bool(dlt.config["b"])},
                "paginator": {"type": "offset", "limit": ${limit}},
            },
        }
    ],
})
`,
  );
file("config.py", 'int(dlt.config["lim"])');
file("environ.py", 'int(os.environ["LIM"])');

describe("restplay run: int(), float(), bool() around dlt.config[...]", () => {
  it("casts what dlt reads from .dlt/config.toml (lim = 2.7 is the float 2.7: int() makes 2)", async () => {
    const project = join(dir, "toml");
    write("toml/.dlt/config.toml", 'lim = 2.7\nn = 2\nb = "false"\n');
    const { seen, fetch } = offsetItemsApi();
    const r = await cli(["run", join(dir, "config.py"), "--format", "json"], { cwd: project, fetch });
    expect(r.stderr).not.toContain("is not used");
    expect(r.code).toBe(0);
    expect(seen).toEqual(["?n=2.0&b=False&offset=0&limit=2", "?n=2.0&b=False&offset=2&limit=2", "?n=2.0&b=False&offset=4&limit=2"]);
  });

  it("casts what dlt reads from the environment and from --secret (no 'not used' warning for them)", async () => {
    for (const io of [
      { args: [], env: { LIM: "2", N: "1e3", B: "0" } },
      { args: ["--secret", "lim=2", "--secret", "n=1e3", "--secret", "b=0"], env: {} },
    ]) {
      const { seen, fetch } = offsetItemsApi();
      const r = await cli(["run", "config.py", "--format", "json", ...io.args], { cwd: dir, fetch, env: io.env });
      expect(r.stderr).not.toContain("is not used");
      expect(r.code).toBe(0);
      expect(seen[0]).toBe("?n=1000.0&b=False&offset=0&limit=2");
      expect(seen).toHaveLength(3);
    }
  });

  it("without a value stops before any request with dlt's ConfigFieldMissingException", async () => {
    const { seen, fetch } = offsetItemsApi();
    const r = await cli(["run", "config.py"], { cwd: dir, fetch, env: { N: "1", B: "1" } });
    expect(r.code).toBe(1);
    expect(seen).toEqual([]);
    expect(r.stderr).toContain("ConfigFieldMissingException");
    expect(r.stderr).toContain("set the environment variable LIM");
  });
});

describe("restplay run: int() around os.environ[...] (text whatever it holds)", () => {
  it("reads ' 3 ' as Python's int() does", async () => {
    const { seen, fetch } = offsetItemsApi();
    const r = await cli(["run", "environ.py", "--format", "json"], { cwd: dir, fetch, env: { LIM: " 3 ", N: "2", B: "x" } });
    expect(r.code).toBe(0);
    expect(seen).toEqual(["?n=2.0&b=True&offset=0&limit=3", "?n=2.0&b=True&offset=3&limit=3"]);
  });

  it("a value int() refuses is a located error before any request, in Python's words", async () => {
    const { seen, fetch } = offsetItemsApi();
    const r = await cli(["run", "environ.py"], { cwd: dir, fetch, env: { LIM: "1.5", N: "2", B: "x" } });
    expect(r.code).toBe(1);
    expect(seen).toEqual([]);
    expect(r.stderr).toContain("invalid_value");
    expect(r.stderr).toContain('int(os.environ["LIM"]) fails on this run\'s value');
    expect(r.stderr).toContain("ValueError: invalid literal for int() with base 10:");
  });
});
