/**
 * Numbers a request carries go out as dlt sends them (each request below recorded from dlt 1.26.0
 * against a loopback server): a whole float keeps its `.0`, an integer beyond 2^53 its digits, YAML
 * 1.1's `1e3` is text; a JSON body is written as requests' `json.dumps` writes it.
 */
import { describe, expect, it } from "vitest";
import { prepareRun } from "./index";
import { exportConfig, validateText } from "../config";
import { fetchTransport, type IncrementalState } from "../engine";

type State = Record<string, IncrementalState>;

/**
 * The requests a run of `text` makes; `answer`: the body for a request (its URL, the body sent); `state`:
 * the incremental state it starts from, which it leaves updated by its `incremental` events.
 */
async function sent(text: string, answer: (url: URL, body: string) => string = () => '[{"id": 1}]', state?: State): Promise<string[]> {
  const seen: string[] = [];
  const fetch = async (r: Request) => {
    const body = await r.text();
    seen.push(`${r.method} ${r.url.replace("http://127.0.0.1:8765", "")}${body ? ` ${body}` : ""}`);
    const reply = answer(new URL(r.url), body);
    return new Response(reply, { status: 200, headers: { "content-type": "application/json" } });
  };
  const prepared = prepareRun(
    { text, target: "live", ...(state ? { state: { ...state } } : {}) },
    { liveTransport: fetchTransport(fetch) },
  );
  if (!prepared.ok) throw new Error(`${prepared.code}: ${prepared.message}`);
  for await (const e of prepared.events) {
    if (e.type === "error") throw new Error(e.error.message);
    if (e.type === "incremental" && state && e.state) state[e.resource] = e.state;
  }
  return seen;
}

const JSON_CONFIG = `{"client": {"base_url": "http://127.0.0.1:8765"},
 "resource_defaults": {"endpoint": {"params": {"d": 2.0}}},
 "resources": [
  {"name": "a", "endpoint": {"path": "/a/{v}", "method": "POST", "paginator": "single_page",
    "params": {"v": 3.0, "x": 1.0, "y": 1.5, "big": 12345678901234567890, "l": [1.0, 2], "e": 1e3, "s": 1e16, "n": 7},
    "json": {"ver": 1.0, "nested": {"k": [2.0, 3]}, "big": 12345678901234567890, "i": 5, "f": 0.5, "t": "caf\u00e9"}}}
 ]}`;

describe("numbers in requests, as dlt sends them", () => {
  it("JSON: query, path and body", async () => {
    expect(await sent(JSON_CONFIG)).toEqual([
      "POST /a/3.0?d=2.0&x=1.0&y=1.5&big=12345678901234567890&l=1.0&l=2&e=1000.0&s=1e%2B16&n=7 " +
        '{"ver": 1.0, "nested": {"k": [2.0, 3]}, "big": 12345678901234567890, "i": 5, "f": 0.5, "t": "caf\\u00e9"}',
    ]);
  });

  it("a Python dict: the same", async () => {
    const py = `import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source(${JSON_CONFIG})\n`;
    expect(await sent(py)).toEqual(await sent(JSON_CONFIG));
  });

  it("YAML read as yaml.safe_load reads it: 1.0 a float, 1e3 text, 1.0e+3 a float", async () => {
    const yaml = [
      "client:",
      "  base_url: http://127.0.0.1:8765",
      "resources:",
      "  - name: a",
      "    endpoint:",
      "      path: /a",
      "      paginator: single_page",
      "      params: {v: 1.0, e: 1e3, f: 1.0e+3, n: 7}",
    ].join("\n");
    expect(await sent(yaml)).toEqual(["GET /a?v=1.0&e=1e3&f=1000.0&n=7"]);
  });

  it("numbers of responses a request carries: parent fields (path, query, JSON body) and cursors (query, body)", async () => {
    const config = `{"client": {"base_url": "http://127.0.0.1:8765"}, "resources": [
      {"name": "parents", "endpoint": {"path": "parents", "paginator": "single_page"}},
      {"name": "kids", "endpoint": {"path": "kids/{id}", "paginator": "single_page",
        "params": {"id": {"type": "resolve", "resource": "parents", "field": "id"}, "v": "{resources.parents.n.v}"}}},
      {"name": "kidsj", "endpoint": {"path": "kidsj", "method": "POST", "paginator": "single_page",
        "json": {"pid": "{resources.parents.id}", "s": "x{resources.parents.id}", "nv": "{resources.parents.n.v}"}}},
      {"name": "cur", "endpoint": {"path": "cur", "data_selector": "items",
        "paginator": {"type": "cursor", "cursor_path": "next", "cursor_param": "c"}}},
      {"name": "bcur", "endpoint": {"path": "bcur", "method": "POST", "json": {"q": 1}, "data_selector": "items",
        "paginator": {"type": "cursor", "cursor_path": "next", "cursor_body_path": "c"}}}]}`;
    const parents =
      '[{"id": 9007199254740993, "n": {"v": 2.0}}, {"id": 2.0, "n": {"v": 1e16}}, {"id": -0.0, "n": {"v": 3}}, {"id": 7, "n": {"v": 1.5}}]';
    const requests = await sent(config, (url, body) => {
      if (url.pathname === "/parents") return parents;
      if (url.pathname === "/cur") return `{"items": [{"a": 1}], "next": ${url.searchParams.has("c") ? "null" : "2.0"}}`;
      if (url.pathname === "/bcur") return `{"items": [{"a": 1}], "next": ${body.includes('"c"') ? "null" : "4.0"}}`;
      return '[{"x": 1}]';
    });
    // As dlt 1.26.0 sent them (round robin aside: each resource's own requests in dlt's order).
    const of = (prefix: string) => requests.filter((r) => r.startsWith(prefix));
    expect(of("GET /kids")).toEqual([
      "GET /kids/9007199254740993?v=2.0",
      "GET /kids/2.0?v=1e%2B16",
      "GET /kids/-0.0?v=3",
      "GET /kids/7?v=1.5",
    ]);
    expect(of("POST /kidsj")).toEqual([
      'POST /kidsj {"pid": 9007199254740993, "s": "x9007199254740993", "nv": 2.0}',
      'POST /kidsj {"pid": 2.0, "s": "x2.0", "nv": 1e+16}',
      'POST /kidsj {"pid": -0.0, "s": "x-0.0", "nv": 3}',
      'POST /kidsj {"pid": 7, "s": "x7", "nv": 1.5}',
    ]);
    expect(of("GET /cur")).toEqual(["GET /cur", "GET /cur?c=2.0"]);
    expect(of("POST /bcur")).toEqual(['POST /bcur {"q": 1}', 'POST /bcur {"q": 1, "c": 4.0}']);
  });

  it("a total that is not finite for Python: inf is Python's OverflowError, NaN dlt's own error (as dlt 1.26.0 failed)", async () => {
    const config = `{"client": {"base_url": "http://127.0.0.1:8765"}, "resources": [{"name": "a", "endpoint": {"path": "a",
      "data_selector": "items", "paginator": {"type": "offset", "limit": 1}}}]}`;
    const total = (t: string) => sent(config, () => `{"items": [{"id": 1}], "total": ${t}}`);
    for (const t of ["1e400", "-Infinity"])
      await expect(total(t)).rejects.toThrow("OverflowError: cannot convert float infinity to integer");
    await expect(total("NaN")).rejects.toThrow(
      "'total' is not an `int` in the response in `OffsetPaginator`. Expected an integer, got `nan`",
    );
    expect(await total("1.0")).toEqual(["GET /a?offset=0&limit=1"]);
  });

  it("Python's 1e400 and float('inf') are inf, as in JSON and YAML: sent as inf, refused in a JSON body and for an int", async () => {
    // As dlt 1.26.0 read the dict literal and sent it to a loopback server (scripts/dlt-diff-numbers.ts).
    const py = (endpoint: string) =>
      `import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source({"client": ` +
      `{"base_url": "http://127.0.0.1:8765"}, "resources": [{"name": "a", "endpoint": {"path": "a", ${endpoint}}}]})\n`;
    expect(await sent(py(`"paginator": "single_page", "params": {"v": 1e400, "w": -1e400}`))).toEqual(["GET /a?v=inf&w=-inf"]);
    // So are float("inf"), float("-inf") and float("nan") (Python's own float; a finite one stays Python left out).
    const floats = `"paginator": "single_page", "params": {"x": float("inf"), "y": float(" -Infinity"), "z": float('nan')}`;
    expect(await sent(py(floats))).toEqual(["GET /a?x=inf&y=-inf&z=nan"]);
    expect(await sent(`float = str\n${py(floats)}`)).toEqual(["GET /a"]);
    await expect(sent(py(`"paginator": "single_page", "method": "POST", "json": {"v": 1e400}`))).rejects.toThrow(
      /Out of range float values are not JSON compliant/,
    );
    await expect(sent(py(`"paginator": {"type": "offset", "limit": 10, "maximum_offset": 1e400, "total_path": None}`))).rejects.toThrow(
      /invalid_config/,
    );
  });

  it("a paginator's integers beyond 2^53, and a total beyond it: paged with Python's exact ints (JSON, Python, YAML)", async () => {
    const config = `{"client": {"base_url": "http://127.0.0.1:8765"}, "resources": [
      {"name": "o", "endpoint": {"path": "o", "paginator": {"type": "offset", "limit": 12345678901234567890,
        "offset": 9007199254740993, "maximum_offset": 24691357802469135781, "total_path": null}}},
      {"name": "p", "endpoint": {"path": "p", "paginator": {"type": "page_number", "base_page": 9007199254740993,
        "maximum_page": 9007199254740995, "total_path": null}}},
      {"name": "b", "endpoint": {"path": "b", "method": "POST", "json": {"q": 1}, "paginator": {"type": "offset",
        "limit": 12345678901234567890, "offset_body_path": "o", "limit_body_path": "l", "maximum_offset": 12345678901234567891,
        "total_path": null}}},
      {"name": "t", "endpoint": {"path": "t", "data_selector": "items", "paginator": {"type": "offset", "limit": 10,
        "offset": 12345678901234567880}}}]}`;
    const answer = (url: URL) => (url.pathname === "/t" ? '{"items": [{"id": 1}], "total": 12345678901234567895}' : '[{"id": 1}]');
    // As dlt 1.26.0 sent them to a loopback server.
    const dlt = [
      "GET /o?offset=9007199254740993&limit=12345678901234567890",
      "GET /o?offset=12354686100489308883&limit=12345678901234567890",
      "GET /p?page=9007199254740993",
      "GET /p?page=9007199254740994",
      'POST /b {"q": 1, "o": 0, "l": 12345678901234567890}',
      'POST /b {"q": 1, "o": 12345678901234567890, "l": 12345678901234567890}',
      "GET /t?offset=12345678901234567880&limit=10",
      "GET /t?offset=12345678901234567890&limit=10",
    ];
    // Each resource's own requests in dlt's order (restplay's round robin interleaves them).
    const byResource = (requests: string[]) => [...requests].sort((a, b) => a.split(/[ ?]/)[1]!.localeCompare(b.split(/[ ?]/)[1]!));
    expect(byResource(await sent(config, answer))).toEqual(byResource(dlt));
    // Each download runs the same (and writes the digits: the Python one is read back as a Python dict).
    for (const to of ["python", "yaml", "json"] as const) {
      const text = exportConfig(validateText(config, "json"), to)?.text ?? "";
      expect(text).toContain("24691357802469135781");
      expect(byResource(await sent(text, answer))).toEqual(byResource(dlt));
    }
  });

  it("numbers of responses not finite for Python (NaN, ±Infinity, 1e400): str() in paths, queries and text", async () => {
    const config = `{"client": {"base_url": "http://127.0.0.1:8765"}, "resources": [
      {"name": "parents", "endpoint": {"path": "parents", "paginator": "single_page"}},
      {"name": "kids", "endpoint": {"path": "kids/{id}", "paginator": "single_page",
        "params": {"id": {"type": "resolve", "resource": "parents", "field": "id"}, "v": "{resources.parents.n.v}"}}},
      {"name": "kidsj", "endpoint": {"path": "kidsj", "method": "POST", "paginator": "single_page",
        "json": {"s": "x{resources.parents.id}"}}},
      {"name": "cur", "endpoint": {"path": "cur", "data_selector": "items",
        "paginator": {"type": "cursor", "cursor_path": "next", "cursor_param": "c"}}},
      {"name": "cur2", "endpoint": {"path": "cur2", "data_selector": "items",
        "paginator": {"type": "cursor", "cursor_path": "next", "cursor_param": "c"}}}]}`;
    const parents = '[{"id": NaN, "n": {"v": Infinity}}, {"id": -Infinity, "n": {"v": 1e400}}, {"id": -1e400, "n": {"v": 1}}]';
    const requests = await sent(config, (url) => {
      if (url.pathname === "/parents") return parents;
      if (url.pathname === "/cur") return `{"items": [{"a": 1}], "next": ${url.searchParams.has("c") ? "null" : "NaN"}}`;
      if (url.pathname === "/cur2") return `{"items": [{"a": 1}], "next": ${url.searchParams.has("c") ? "null" : "1e400"}}`;
      return '[{"x": 1}]';
    });
    // As dlt 1.26.0 sent them (Python's `str()` of the floats).
    const of = (prefix: string) => requests.filter((r) => r.startsWith(prefix));
    expect(of("GET /kids")).toEqual(["GET /kids/nan?v=inf", "GET /kids/-inf?v=inf", "GET /kids/-inf?v=1"]);
    expect(of("POST /kidsj")).toEqual(['POST /kidsj {"s": "xnan"}', 'POST /kidsj {"s": "x-inf"}', 'POST /kidsj {"s": "x-inf"}']);
    expect(of("GET /cur?")).toEqual(["GET /cur?c=nan"]);
    expect(of("GET /cur2?")).toEqual(["GET /cur2?c=inf"]);
  });

  it("a JSON body that carries a float not finite for Python fails the resource, as requests refuses it in dlt", async () => {
    const config = (json: string, paginator = '"single_page"') => `{"client": {"base_url": "http://127.0.0.1:8765"}, "resources": [
      {"name": "parents", "endpoint": {"path": "parents", "paginator": "single_page"}},
      {"name": "b", "endpoint": {"path": "b", "method": "POST", "json": ${json}, "data_selector": "items", "paginator": ${paginator}}}]}`;
    const answer = (url: URL, body: string) =>
      url.pathname === "/parents" ? '[{"id": NaN}]' : `{"items": [{"a": 1}], "next": ${body.includes('"c"') ? "null" : "-Infinity"}}`;
    const refused = /Out of range float values are not JSON compliant/;
    await expect(sent(config('{"pid": "{resources.parents.id}"}'), answer)).rejects.toThrow(refused);
    const cursor = '{"type": "cursor", "cursor_path": "next", "cursor_body_path": "c"}';
    await expect(sent(config('{"q": 1}', cursor).replace(/\{"name": "parents"[^\n]*\n/, ""), answer)).rejects.toThrow(refused);
  });

  it("an incremental's values as Python holds them, over two runs: 2.0, 5.0, digits beyond 2^53, lag", async () => {
    const config = `{"client": {"base_url": "http://127.0.0.1:8765"}, "resources": [
      {"name": "f", "primary_key": "id", "endpoint": {"path": "f", "paginator": "single_page",
        "params": {"since": "{incremental.start_value}", "fmt": "{incremental.start_value:.2f}"},
        "incremental": {"cursor_path": "t", "initial_value": 2.0}}},
      {"name": "p", "primary_key": "id", "endpoint": {"path": "p", "paginator": "single_page",
        "params": {"since": {"type": "incremental", "cursor_path": "t", "initial_value": 0.0}}}},
      {"name": "b", "primary_key": "id", "endpoint": {"path": "b", "paginator": "single_page",
        "incremental": {"cursor_path": "t", "initial_value": 9007199254740993, "start_param": "since_id"}}},
      {"name": "l", "primary_key": "id", "endpoint": {"path": "l", "paginator": "single_page",
        "incremental": {"cursor_path": "t", "initial_value": 1, "start_param": "s", "lag": 2}}},
      {"name": "lb", "primary_key": "id", "endpoint": {"path": "lb", "paginator": "single_page",
        "incremental": {"cursor_path": "t", "initial_value": 1, "start_param": "s", "lag": 1}}}]}`;
    const bodies: Record<string, string> = {
      "/f": '[{"t": 3.0, "id": 1}, {"t": 5.0, "id": 2}, {"t": 4, "id": 3}]',
      "/b": '[{"t": 9007199254740993, "id": 1}, {"t": 9007199254740992, "id": 2}, {"t": 9007199254740995, "id": 3}]',
      "/l": '[{"t": 10.0, "id": 1}]',
      "/lb": '[{"t": 9007199254740995, "id": 1}]',
      "/p": '[{"t": 1, "id": 1}]',
    };
    const state: State = {};
    const answer = (url: URL) => bodies[url.pathname] ?? "[]";
    // As dlt 1.26.0 sent them, run after run (one pipeline, a loopback server).
    expect(await sent(config, answer, state)).toEqual([
      "GET /f?since=2.0&fmt=2.00",
      "GET /p?since=0.0",
      "GET /b?since_id=9007199254740993",
      "GET /l?s=1",
      "GET /lb?s=1",
    ]);
    expect(await sent(config, answer, state)).toEqual([
      "GET /f?since=5.0&fmt=5.00",
      "GET /p?since=1",
      "GET /b?since_id=9007199254740995",
      "GET /l?s=8.0",
      "GET /lb?s=9007199254740994",
    ]);
  });

  it("an incremental cursor NaN, ±Infinity or 1e400, two runs: the state keeps null (no start), NaN gives way to the next", async () => {
    const bodies: Record<string, [string, string]> = {
      incmax1: ["max", '[{"t": 3, "id": 1}, {"t": NaN, "id": 2}, {"t": 5, "id": 3}]'],
      incmax2: ["max", '[{"t": NaN, "id": 1}, {"t": 3, "id": 2}]'],
      incmax3: ["max", '[{"t": 3, "id": 1}, {"t": Infinity, "id": 2}, {"t": 5, "id": 3}]'],
      incmin1: ["min", '[{"t": 3, "id": 1}, {"t": -Infinity, "id": 2}, {"t": 5, "id": 3}]'],
      incmin2: ["min", '[{"t": 3, "id": 1}, {"t": NaN, "id": 2}, {"t": 1, "id": 3}]'],
      incmax4: ["max", '[{"t": 1e400, "id": 1}]'],
    };
    const resources = Object.entries(bodies).map(([name, [func]]) => ({
      name,
      primary_key: "id",
      endpoint: {
        path: name,
        paginator: "single_page",
        params: { since: "{incremental.start_value}", lv: "{incremental.last_value}" },
        incremental: { cursor_path: "t", initial_value: 2, last_value_func: func },
      },
    }));
    const config = JSON.stringify({ client: { base_url: "http://127.0.0.1:8765" }, resources });
    const state: State = {};
    const answer = (url: URL) => bodies[url.pathname.slice(1)]?.[1] ?? "[]";
    // As dlt 1.26.0 sent them, run after run (one pipeline, a loopback server).
    expect(await sent(config, answer, state)).toEqual(Object.keys(bodies).map((name) => `GET /${name}?since=2&lv=2`));
    expect(await sent(config, answer, state)).toEqual([
      "GET /incmax1?since=5&lv=5",
      "GET /incmax2?since=3&lv=3",
      "GET /incmax3?since=None&lv=None",
      "GET /incmin1?since=None&lv=None",
      "GET /incmin2?since=1&lv=1",
      "GET /incmax4?since=None&lv=None",
    ]);
    expect(state["incmax3"]?.last_value).toBeNull();
  });

  it("lag beside NaN: after each page dlt takes max(last, the state's last value), so a NaN does not move the state back", async () => {
    // Recorded from dlt 1.26.0 (orjson, as `pip install dlt` has it), three runs into one pipeline, `lag: 2`:
    //   l1: 10 | NaN, 9, 5 (one page) -> state 10, run 3 asks since=8 (restplay said 9 and since=7)
    //   l5: initial_value 5; NaN, 4, 6 | 3, 5, NaN, 2 -> state 6 after run 2 (restplay said 2)
    //   lz: no initial_value; 0 | -1 -> state -1 (the state's 0 is false to Python: no max), run 3 since=-3
    const runs: Record<string, string[]> = {
      l1: ['[{"id": 1, "t": 10}]', '[{"id": 2, "t": NaN}, {"id": 3, "t": 9}, {"id": 4, "t": 5}]', "[]"],
      l5: [
        '[{"id": 1, "t": NaN}, {"id": 2, "t": 4}, {"id": 3, "t": 6}]',
        '[{"id": 4, "t": 3}, {"id": 5, "t": 5}, {"id": 6, "t": NaN}, {"id": 7, "t": 2}]',
        "[]",
      ],
      lz: ['[{"id": 1, "t": 0}]', '[{"id": 2, "t": -1}]', "[]"],
    };
    const initial: Record<string, number> = { l1: 0, l5: 5 };
    const resources = Object.keys(runs).map((name) => ({
      name,
      primary_key: "id",
      endpoint: {
        path: name,
        paginator: "single_page",
        params: { since: "{incremental.start_value}" },
        incremental: { cursor_path: "t", lag: 2, ...(name in initial ? { initial_value: initial[name] } : {}) },
      },
    }));
    const config = JSON.stringify({ client: { base_url: "http://127.0.0.1:8765" }, resources });
    const state: State = {};
    let run = 0;
    const answer = (url: URL) => runs[url.pathname.slice(1)]?.[run] ?? "[]";
    expect(await sent(config, answer, state)).toEqual(["GET /l1?since=0", "GET /l5?since=5", "GET /lz?since=None"]);
    run = 1;
    expect(await sent(config, answer, state)).toEqual(["GET /l1?since=8", "GET /l5?since=5", "GET /lz?since=-2"]);
    expect([state["l1"]?.last_value, state["l5"]?.last_value, state["lz"]?.last_value]).toEqual([10, 6, -1]);
    run = 2;
    expect(await sent(config, answer, state)).toEqual(["GET /l1?since=8", "GET /l5?since=5", "GET /lz?since=-3"]);
  });

  it("a NaN record that is the page's last value is hashed by its primary key: without one dlt's extract fails", async () => {
    // dlt 1.26.0: [{"id": 1, "t": 1}, {"t": NaN}] with primary_key id fails with IncrementalPrimaryKeyMissing
    // (the NaN record is the last value, whose records dlt hashes); [{"t": NaN}, {"id": 2, "t": 3}] does not (3 is).
    const config = (body: string) =>
      [
        JSON.stringify({
          client: { base_url: "http://127.0.0.1:8765" },
          resources: [
            {
              name: "a",
              primary_key: "id",
              endpoint: { path: "a", paginator: "single_page", incremental: { cursor_path: "t", initial_value: 0 } },
            },
          ],
        }),
        () => body,
      ] as const;
    await expect(sent(...config('[{"id": 1, "t": 1}, {"t": NaN}]'))).rejects.toThrow(/Primary key column `id` was not found/);
    await expect(sent(...config('[{"t": NaN, "id": 1}, {"id": 2, "t": 3}]'))).resolves.toEqual(["GET /a"]);
  });

  it("an OAuth token request's access_token_request_data, from the client's auth or an endpoint's", async () => {
    const auth = `{"type": "oauth2_client_credentials", "access_token_url": "http://127.0.0.1:8765/token",
      "client_id": "c", "client_secret": "s", "access_token_request_data": {"v": 1.0, "big": 12345678901234567890, "l": [2.0, 3]}}`;
    const answer = (url: URL) => (url.pathname === "/token" ? '{"access_token": "t"}' : '[{"id": 1}]');
    const form = "POST /token client_id=c&client_secret=s&grant_type=client_credentials&v=1.0&big=12345678901234567890&l=2.0&l=3";
    const client = `{"client": {"base_url": "http://127.0.0.1:8765", "auth": ${auth}},
      "resources": [{"name": "a", "endpoint": {"path": "/a", "paginator": "single_page"}}]}`;
    expect(await sent(client, answer)).toEqual([form, "GET /a"]);
    const endpoint = `{"client": {"base_url": "http://127.0.0.1:8765"},
      "resources": [{"name": "a", "endpoint": {"path": "/a", "paginator": "single_page", "auth": ${auth}}}]}`;
    expect(await sent(endpoint, answer)).toEqual([form, "GET /a"]);
  });
});
