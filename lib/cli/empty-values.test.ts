/**
 * An empty value in the environment or dlt's settings files is the empty text, as dlt 1.26.0 takes it: with `P=` and
 * `SOURCES__SHOP__K=` (or `p = ""` in .dlt/config.toml and `k = ""` under `[sources.shop]` in .dlt/secrets.toml) dlt sent
 * `?a=&b=` to a loopback API for `{"a": dlt.config["p"], "b": dlt.secrets["sources.shop.k"]}`. `--secret p=` stays
 * no value (restplay's own flag: an empty one is left unsaid), as an empty field of the Secrets panel is.
 */
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";

const { dir, write } = tempDir("empty");
write(
  "e.py",
  `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/"},
    "resources": [{"name": "p", "endpoint": {"path": "items",
        "params": {"a": dlt.config["p"], "b": dlt.secrets["sources.shop.k"]}, "paginator": "single_page"}}],
})
`,
);

function api() {
  const seen: string[] = [];
  const fetch = async (req: Request) => {
    seen.push(new URL(req.url).search);
    return new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
  };
  return { seen, fetch };
}

describe("restplay run: empty values, as dlt takes them", () => {
  it("takes the environment's empty text", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "e.py"], { cwd: dir, fetch, env: { P: "", SOURCES__SHOP__K: "" } });
    expect(r.code).toBe(0);
    expect(seen).toEqual(["?a=&b="]);
  });

  it("takes an empty string of .dlt/config.toml and .dlt/secrets.toml", async () => {
    const project = join(dir, "project");
    write("project/.dlt/config.toml", 'p = ""\n');
    write("project/.dlt/secrets.toml", '[sources.shop]\nk = ""\n');
    const { seen, fetch } = api();
    const r = await cli(["run", join(dir, "e.py")], { cwd: project, fetch });
    expect(r.code).toBe(0);
    expect(seen).toEqual(["?a=&b="]);
  });

  it("takes no empty --secret: the value is missing", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "e.py", "--secret", "p=", "--secret", "sources.shop.k="], { cwd: dir, fetch });
    expect(r.code).toBe(1);
    expect(seen).toEqual([]);
    expect(r.stderr).toContain("missing");
  });
});
