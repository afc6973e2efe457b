/**
 * Values dlt's TOML providers hold as other than text (decision 0045, twenty-ninth session), run by `restplay run` as dlt
 * 1.26.0 ran the same dicts against a loopback API (python http.server), with this `.dlt/config.toml`:
 * `dlt.config.get(k)` handed over `3`, `True`, `2.0`, a `datetime`, `'10'` and `{'X-A': 'a'}` (`dlt.config[k]` the same, but
 * `s` the int 10). dlt sent `?lim=3&flag=True&ratio=2.0&d=2024-01-01+00%3A00%3A00%2B00%3A00&s=10` for both, `?offset=0&limit=3`
 * for an offset paginator's `limit` read with `get`, the header `X-A: a` for `"headers": dlt.config.get("hdrs")`, and the body
 * `{"lim": 3, "flag": true, "s": "10", "h": {"X-A": "a"}}`; a date in a `json` body failed the resource before any request
 * (`Object of type datetime is not JSON serializable`), so did a date or a bool read with `get` in an endpoint header
 * (requests' `InvalidHeader: Header part (True) from {'X-F': True} must be of type str or bytes, not <class 'bool'>`).
 */
import { describe, expect, it } from "vitest";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";
import { PY_NUMBER, readRef } from "../shared";

const { dir, write } = tempDir("toml-values");

write(
  ".dlt/config.toml",
  `lim = 3
flag = true
ratio = 2.0
d = 2024-01-01T00:00:00Z
s = "10"
[hdrs]
X-A = "a"
`,
);

const pipeline = (resource: string) => `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/"},
    "resources": [${resource}],
})
`;

write(
  "params.py",
  pipeline(`{"name": "a", "endpoint": {"path": "a", "paginator": "single_page", "params": {"lim": dlt.config.get("lim"),
        "flag": dlt.config.get("flag"), "ratio": dlt.config.get("ratio"), "d": dlt.config.get("d"), "s": dlt.config.get("s")}}},
    {"name": "b", "endpoint": {"path": "b", "paginator": "single_page", "params": {"lim": dlt.config["lim"],
        "flag": dlt.config["flag"], "ratio": dlt.config["ratio"], "d": dlt.config["d"], "s": dlt.config["s"]}}}`),
);
write(
  "typed.py",
  pipeline(`{"name": "a", "endpoint": {"path": "a", "headers": dlt.config.get("hdrs"),
        "paginator": {"type": "offset", "limit": dlt.config.get("lim"), "total_path": None, "maximum_offset": 3}}},
    {"name": "j", "endpoint": {"path": "j", "method": "POST", "paginator": "single_page",
        "json": {"lim": dlt.config.get("lim"), "flag": dlt.config.get("flag"), "s": dlt.config.get("s"), "h": dlt.config.get("hdrs")}}}`),
);
write(
  "dates.py",
  pipeline(`{"name": "j", "endpoint": {"path": "j", "method": "POST", "json": {"d": dlt.config["d"]}, "paginator": "single_page"}},
    {"name": "h", "endpoint": {"path": "h", "headers": {"X-D": dlt.config["d"]}, "paginator": "single_page"}},
    {"name": "f", "endpoint": {"path": "f", "headers": {"X-F": dlt.config.get("flag")}, "paginator": "single_page"}},
    {"name": "q", "endpoint": {"path": "q", "paginator": "single_page",
        "params": {"q": f"{dlt.config.get('flag')}-{dlt.config.get('ratio')}-{dlt.config['d']}"}}}`),
);

function api() {
  const seen: { url: string; header: string | null; body: string }[] = [];
  const fetch = async (req: Request) => {
    const url = new URL(req.url);
    seen.push({ url: url.pathname + url.search, header: req.headers.get("x-a"), body: await req.text() });
    return new Response(JSON.stringify([{ id: 1 }]), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { seen, fetch };
}

describe("restplay run: values .dlt/config.toml holds as other than text", () => {
  it("hands numbers, bools and dates to a query as dlt does, get and [] alike", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "params.py"], { cwd: dir, fetch });
    expect(r.stderr).not.toContain("error");
    expect(r.code).toBe(0);
    const sent = "?lim=3&flag=True&ratio=2.0&d=2024-01-01+00%3A00%3A00%2B00%3A00&s=10";
    expect(seen.map((s) => s.url)).toEqual([`/a${sent}`, `/b${sent}`]);
  });

  it("takes a TOML int read with an untyped get as a paginator's limit, a table as headers, and keeps both types in a body", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "typed.py"], { cwd: dir, fetch });
    expect(r.stdout + r.stderr).not.toContain("invalid_type");
    expect(r.code).toBe(0);
    expect(seen).toEqual([
      { url: "/a?offset=0&limit=3", header: "a", body: "" },
      { url: "/j", header: null, body: '{"lim": 3, "flag": true, "s": "10", "h": {"X-A": "a"}}' },
    ]);
  });

  it("fails a date in a json body and a date or bool in a header before any request, and writes a date in an f-string", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "dates.py"], { cwd: dir, fetch });
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain("TypeError: Object of type datetime is not JSON serializable");
    expect(out).toContain("not <class 'datetime.datetime'>");
    expect(out).toContain("Header part (True) from {'X-F': True} must be of type str or bytes, not <class 'bool'>");
    expect(seen.map((s) => s.url)).toEqual(["/q?q=True-2.0-2024-01-01+00%3A00%3A00%2B00%3A00"]);
  });
});

describe("restplay validate and check: values .dlt/config.toml holds as other than text", () => {
  it("checks an untyped get of a TOML int where dlt wants an int as that int, and of the environment's text as text", async () => {
    const withToml = await cli(["validate", "typed.py"], { cwd: dir });
    expect(withToml.stdout + withToml.stderr).not.toContain("invalid_type");
    expect(withToml.code).toBe(0);
    // The same value from the environment is text for `get` (dlt: '3'), which dlt's offset paginator refuses.
    const { dir: bare, write: put } = tempDir("toml-values-env");
    put("typed.py", pipeline(`{"name": "a", "endpoint": {"path": "a", "paginator": {"type": "offset", "limit": dlt.config.get("lim")}}}`));
    const fromEnv = await cli(["validate", "typed.py"], { cwd: bare, env: { LIM: "3" } });
    expect(fromEnv.code).toBe(1);
    expect(fromEnv.stdout).toContain("invalid_type");
  });

  it("check runs the same values as run", async () => {
    const { seen, fetch } = api();
    const r = await cli(["check", "typed.py"], { cwd: dir, fetch });
    expect(r.code).toBe(0);
    expect(seen[0]).toEqual({ url: "/a?offset=0&limit=3", header: "a", body: "" });
  });
});

describe("a TOML date is a Python datetime", () => {
  write(
    "date-reads.py",
    pipeline(`{"name": "a", "endpoint": {"path": "a", "paginator": "single_page",
        "params": {"d": dlt.config.get("d", str), "b": bool(dlt.config["d"])}}}`),
  );
  write(
    "date-int.py",
    pipeline(`{"name": "a", "endpoint": {"path": "a", "paginator": "single_page", "params": {"n": int(dlt.config["d"])}}}`),
  );
  write(
    "date-plus.py",
    pipeline(`{"name": "a", "endpoint": {"path": "a", "paginator": "single_page", "params": {"q": "x" + dlt.config["d"]}}}`),
  );

  // dlt 1.26.0 sent ?d=2024-01-01T00%3A00%3A00%2B00%3A00&b=True
  it("is written as its isoformat by get(k, str), and is True for bool()", async () => {
    const { seen, fetch } = api();
    const r = await cli(["run", "date-reads.py"], { cwd: dir, fetch });
    expect(r.code).toBe(0);
    expect(seen.map((s) => s.url)).toEqual(["/a?d=2024-01-01T00%3A00%3A00%2B00%3A00&b=True"]);
  });

  it("makes int() and + raise Python's TypeError building the config, as they did with dlt 1.26.0", async () => {
    const cast = await cli(["validate", "date-int.py"], { cwd: dir });
    expect(cast.code).toBe(1);
    expect(cast.stdout).toContain(
      "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'datetime.datetime'",
    );
    const plus = await cli(["validate", "date-plus.py"], { cwd: dir });
    expect(plus.code).toBe(1);
    expect(plus.stdout).toContain('TypeError: can only concatenate str (not "datetime.datetime") to str');
  });
});

describe("readRef: dlt's get(k, str) of a TOML table", () => {
  it('is orjson\'s compact text, as dlt 1.26.0 gave \'{"X-A":"a"}\'', () => {
    expect(readRef({ name: "hdrs", get: "str" }, '{"X-A": "a"}', { value: { "X-A": "a", n: { [PY_NUMBER]: "2.0" } } })).toEqual({
      value: '{"X-A":"a","n":2.0}',
    });
  });
});
