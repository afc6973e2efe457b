/**
 * `restplay run` with references read by dlt's `get`, as dlt 1.26.0 ran the same file against a loopback API (python
 * http.server): without values `dlt.config.get("p")` is None — the query parameter `a` and the endpoint header are left
 * out, the `json` body sends `{"a": null, "n": null}`, the f-string `vNone` — and the run goes on; with `P=x LIM=" 12 "`
 * it sent `?a=x&n=12&f=vx` and `{"a": "x", "n": " 12 "}` (`get` without a type hands the text over uncast); `LIM=abc` made
 * `get("lim", int)` raise ConfigValueCannotBeCoercedException before any request; a bearer token read by `get` without a
 * value failed with ConfigFieldMissingException before any request.
 */
import { describe, expect, it } from "vitest";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";

const { dir, write } = tempDir("get");

write(
  "get.py",
  `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/"},
    "resources": [
        {"name": "p", "endpoint": {"path": "items", "headers": {"X-H": dlt.config.get("h")},
            "params": {"a": dlt.config.get("p"), "n": dlt.config.get("lim", int), "f": f"v{dlt.config.get('p')}"},
            "paginator": "single_page"}},
        {"name": "j", "endpoint": {"path": "items", "method": "POST", "json": {"a": dlt.config.get("p"), "n": dlt.config.get("lim")},
            "paginator": "single_page"}},
    ],
})
`,
);
write(
  "token.py",
  `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "auth": {"type": "bearer", "token": dlt.secrets.get("tok")}},
    "resources": [{"name": "p", "endpoint": {"path": "items", "paginator": "single_page"}}],
})
`,
);

write(
  "environ.py",
  `import os
import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/"},
    "resources": [{"name": "p", "endpoint": {"path": "items", "params": {"a": os.getenv("OA"), "c": f"v{os.getenv('OA')}"},
        "paginator": "single_page"}}],
})
`,
);

function api() {
  const seen: { url: string; header: string | null; body: string }[] = [];
  const fetch = async (req: Request) => {
    seen.push({ url: new URL(req.url).search, header: req.headers.get("x-h"), body: await req.text() });
    return new Response(JSON.stringify([{ id: 1 }]), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { seen, fetch };
}

describe("restplay run: dlt.config.get(...)", () => {
  it("runs with None where no value is given, as dlt does, and says so", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "get.py"], { cwd: dir, fetch });
    expect(r.code).toBe(0);
    expect(seen).toEqual([
      { url: "?f=vNone", header: null, body: "" },
      { url: "", header: null, body: '{"a": null, "n": null}' },
    ]);
    expect(r.stdout + r.stderr).toContain('get_gives_none  `resources[0].endpoint.params.a` is dlt.config.get("p")');
    expect(r.stdout + r.stderr).toContain("secrets: p (not set: dlt's get gives None)");
  });

  it("hands the environment's text over uncast, and casts it to the type given", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "get.py"], { cwd: dir, fetch, env: { P: "x", LIM: " 12 ", H: "hh" } });
    expect(r.code).toBe(0);
    expect(seen).toEqual([
      { url: "?a=x&n=12&f=vx", header: "hh", body: "" },
      { url: "", header: null, body: '{"a": "x", "n": " 12 "}' },
    ]);
    expect(r.stdout + r.stderr).not.toContain("get_gives_none");
  });

  it("refuses a value the type given to get cannot be read as, before any request", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "get.py"], { cwd: dir, fetch, env: { LIM: "abc" } });
    expect(r.code).toBe(1);
    expect(seen).toEqual([]);
    expect(r.stderr).toContain(
      "ConfigValueCannotBeCoercedException: Configured value for field `lim` cannot be coerced into type `<class 'int'>`",
    );
  });

  it("reads os.getenv as Python does: None where X is not set, its text as it is (dlt: ?c=vNone, ?a=1e2&c=v1e2)", async () => {
    const none = api();
    expect((await cli(["run", "environ.py"], { cwd: dir, fetch: none.fetch })).code).toBe(0);
    expect(none.seen.map((s) => s.url)).toEqual(["?c=vNone"]);
    const set = api();
    expect((await cli(["run", "environ.py"], { cwd: dir, fetch: set.fetch, env: { OA: "1e2" } })).code).toBe(0);
    expect(set.seen.map((s) => s.url)).toEqual(["?a=1e2&c=v1e2"]);
  });

  it("fails an auth whose token get gives None, before any request", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "token.py"], { cwd: dir, fetch });
    expect(r.code).toBe(1);
    expect(seen).toEqual([]);
    expect(r.stderr).toContain('`client.auth.token` is dlt.secrets.get("tok")');
    const ok = await cli(["run", "token.py"], { cwd: dir, fetch, env: { TOK: "t" } });
    expect(ok.code).toBe(0);
  });
});
