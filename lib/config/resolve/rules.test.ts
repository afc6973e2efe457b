/**
 * dlt's build rules, reported by resolution as located diagnostics (decision 0021). Most of these
 * cases were engine tests that asserted an `invalid_config` error at run time (lib/engine's
 * prepare/paginators/incremental/parents tests); they moved here with the same meaning and dlt's text,
 * and the engine no longer checks them. The rest are checks only the engine made before.
 */
import { describe, expect, it } from "vitest";
import type { PlainValue } from "../../formats";
import { applyEdits, validateText, validateValue } from "../index";

const base = { base_url: "https://api.test" };
/** The error diagnostics of a config: `[code, path, message]`. */
const errors = (config: object) =>
  validateValue(config as PlainValue)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => [d.code, d.path, d.message] as const);
/** One resource `r` with the given endpoint settings (engine tests' `problem()`/`one()`). */
const endpoint = (ep: object, client: object = base) => ({
  client,
  resources: [{ name: "r", endpoint: { path: "/x", paginator: "single_page", ...ep } }],
});
/** The single error of a config, which must have exactly one. */
function only(config: object): readonly [string, string, string] {
  const all = errors(config);
  expect(all, JSON.stringify(all)).toHaveLength(1);
  return all[0]!;
}

describe("moved from the engine: dlt's texts for params, placeholders and paths (prepare.test.ts)", () => {
  it("a dict param that is not typed", () => {
    const [code, path, message] = only(endpoint({ params: { filter: { a: 1 } } }));
    expect([code, path]).toEqual(["invalid_param_value", "/resources/0/endpoint/params/filter"]);
    expect(message.startsWith("Received invalid value `filter['type']=None`. Valid values are: ['incremental', 'resolve']")).toBe(true);
  });
  it("an expression outside `resources.` (and `incremental.` without an incremental)", () => {
    const [code, path, message] = only(endpoint({ params: { q: "{unknown.posts.id}" } }));
    expect([code, path]).toEqual(["invalid_placeholder", "/resources/0/endpoint/params/q"]);
    expect(message).toBe(
      "Expression `unknown.posts.id` defined in `params` is not valid. Valid expressions must start with one of: `{'resources'}`. " +
        "If you need to use literal curly braces in your expression, escape them by doubling them: {{ and }}",
    );
    // incremental.test.ts: the same rule for `{unknown.x}`.
    expect(only(endpoint({ params: { q: "{unknown.x}" } }))[0]).toBe("invalid_placeholder");
  });
  it("a path param with no param, a dotted name that is no context, a malformed `resources.` expression", () => {
    const missing = only(endpoint({ path: "{org}/issues" }));
    expect([missing[0], missing[1]]).toEqual(["path_param_missing", "/resources/0/endpoint/path"]);
    expect(missing[2]).toContain(
      "The path '{org}/issues' defined in resource 'r' requires a param named 'org', but it was not found in 'endpoint.params': {}",
    );
    const dotted = only(endpoint({ path: "{foo.bar}/issues" }));
    expect(dotted[0]).toBe("invalid_placeholder");
    expect(dotted[2]).toContain(
      "The `path={foo.bar}/issues` defined in resource `r` contains a placeholder `foo.bar`. " +
        "This placeholder is not a valid name. Valid names are: ['resources', 'incremental'].",
    );
    const malformed = only(endpoint({ path: "posts/{resources.posts}" }));
    expect(malformed[0]).toBe("invalid_placeholder");
    expect(malformed[2]).toContain("Invalid definition of `resources.posts`. Expected format: 'resources.<resource>.<field>'");
  });
  it("escaped braces in a path: dlt unescapes them when it binds the path, then fails on them (probed: KeyError 'b')", () => {
    const [code, path, message] = only(endpoint({ path: "a/{{b}}/c" }));
    expect([code, path]).toEqual(["invalid_placeholder", "/resources/0/endpoint/path"]);
    expect(message).toContain("then fails on `{b}` (KeyError: 'b')");
    expect(errors(endpoint({ params: { q: "{{literal}}" } }))).toEqual([]);
  });
  it("duplicate names; a missing base_url; json and data together", () => {
    const dup = only({ client: base, resources: ["posts", "posts"] });
    expect([dup[0], dup[1]]).toEqual(["duplicate_resource_name", "/resources/1"]);
    expect(dup[2]).toContain("Resource `posts` is already defined.");
    const noBase = only({ client: {}, resources: ["items"] });
    expect([noBase[0], noBase[1]]).toEqual(["missing_base_url", "/resources/0"]);
    expect(noBase[2]).toContain("`client.base_url` is missing");
    const both = only(endpoint({ method: "POST", json: { a: 1 }, data: { b: 2 } }));
    expect([both[0], both[1]]).toEqual(["json_and_data", "/resources/0/endpoint/data"]);
    expect(both[2]).toContain(
      "Cannot use both 'json' and 'data' parameters simultaneously. Use 'json' for JSON payloads or 'data' for form-encoded/raw data.",
    );
  });
});

describe("moved from the engine: paginator constructor errors (paginators.test.ts)", () => {
  it("offset without limit, in both forms, with dlt's error for each", () => {
    const dict = errors(endpoint({ paginator: { type: "offset" } }));
    expect(dict.map(([c, p]) => [c, p])).toEqual([["offset_without_limit", "/resources/0/endpoint/paginator/limit"]]);
    expect(dict[0]![2]).toContain("missing 1 required positional argument: 'limit'");
    const shorthand = only(endpoint({ paginator: "offset" }));
    expect([shorthand[0], shorthand[1]]).toEqual(["offset_without_limit", "/resources/0/endpoint/paginator"]);
    expect(shorthand[2]).toContain("Paginator `offset` requires arguments to create an instance");
  });
  it("both a param and a body path; no way to stop", () => {
    const both = only(endpoint({ paginator: { type: "offset", limit: 1, offset_param: "o", offset_body_path: "o" } }));
    expect([both[0], both[1]]).toEqual(["param_and_body_path", "/resources/0/endpoint/paginator/offset_body_path"]);
    expect(both[2]).toContain("Either 'offset_param' or 'offset_body_path' must be provided, not both");
    const endless = only(endpoint({ paginator: { type: "offset", limit: 1, total_path: null, stop_after_empty_page: false } }));
    expect(endless[0]).toBe("paginator_never_stops");
    expect(endless[2]).toContain("One of `total_path`, `maximum_offset`, `has_more_path`, or `stop_after_empty_page` must be provided.");
  });
  it("an empty param name counts as given (only the engine refused it before)", () => {
    const [code, path, message] = only(endpoint({ paginator: { type: "page_number", page_param: "", total_path: null } }));
    expect([code, path]).toEqual(["page_param_and_body_path", "/resources/0/endpoint/paginator/page_param"]);
    expect(message).toContain("Either 'page_param' or 'page_body_path' must be provided, not both");
  });
});

describe("moved from the engine: parents and incremental params (parents.test.ts, incremental.test.ts)", () => {
  it("an unknown parent, a cycle, include_from_parent without a parent", () => {
    const unknown = only({
      client: base,
      resources: [{ name: "c", endpoint: { path: "x/{resources.postz.id}", paginator: "single_page" } }],
    });
    expect(unknown[0]).toBe("placeholder_unknown_resource");
    expect(unknown[2]).toContain("A dependent resource `c` refers to non existing parent resource `postz`.");
    const cycle = only({
      client: base,
      resources: [
        { name: "chicken", endpoint: { path: "c/{resources.egg.id}" } },
        { name: "egg", endpoint: { path: "e/{resources.chicken.id}" } },
      ],
    });
    expect(cycle[0]).toBe("resource_cycle");
    expect(cycle[2]).toContain("('nodes are in a cycle', ['chicken', 'egg', 'chicken'])");
    const orphan = only({
      client: base,
      resources: [{ name: "o", include_from_parent: ["id"], endpoint: { path: "o", paginator: "single_page" } }],
    });
    expect(orphan[0]).toBe("include_from_parent_without_parent");
    expect(orphan[2]).toContain("Resource `o` has `include_from_parent` but is not dependent on another resource");
  });
  it("two typed incremental params", () => {
    const params = { a: { type: "incremental", cursor_path: "x" }, b: { type: "incremental", cursor_path: "y" } };
    const [code, path, message] = only({ client: base, resources: [{ name: "r", endpoint: { path: "/items", params } }] });
    expect([code, path]).toEqual(["multiple_incremental_params", "/resources/0/endpoint/params/b"]);
    expect(message).toContain("Only a single incremental parameter is allower per endpoint. Found parameters: `['a', 'b']`");
  });
});

describe("checks only the engine made before", () => {
  it("a typed incremental param with end_value; an incremental without cursor_path; end_value without initial_value", () => {
    const end = only(endpoint({ params: { since: { type: "incremental", cursor_path: "u", end_value: 5 } } }));
    expect([end[0], end[1]]).toEqual(["incremental_param_end", "/resources/0/endpoint/params/since/end_value"]);
    expect(end[2]).toContain("Only `start_param` and `initial_value` are allowed in the configuration of param: `since`");
    expect(only(endpoint({ incremental: { initial_value: 1 } })).slice(0, 2)).toEqual([
      "missing_key",
      "/resources/0/endpoint/incremental/cursor_path",
    ]);
    expect(only(endpoint({ params: { since: { type: "incremental" } } })).slice(0, 2)).toEqual([
      "missing_key",
      "/resources/0/endpoint/params/since/cursor_path",
    ]);
    const range = only(endpoint({ incremental: { cursor_path: "u", end_value: 5 } }));
    expect([range[0], range[1]]).toEqual(["missing_key", "/resources/0/endpoint/incremental/initial_value"]);
  });
  it("a typed incremental param takes dlt.sources.incremental's arguments only (checked with dlt: TypeError)", () => {
    const param = (extra: object) => only(endpoint({ params: { since: { type: "incremental", cursor_path: "u", ...extra } } }));
    const start = param({ start_param: "since" });
    expect([start[0], start[1]]).toEqual(["unknown_key", "/resources/0/endpoint/params/since/start_param"]);
    expect(start[2]).toContain("Incremental.__init__() got an unexpected keyword argument 'start_param'");
    expect(start[2]).toContain("The param's own name, `since`, is the start parameter");
    // A falsy end_param passes dlt's first check and fails this one; a typo gets a guess.
    expect(param({ end_param: "" })[1]).toBe("/resources/0/endpoint/params/since/end_param");
    expect(param({ inital_value: "2024" })[2]).toContain("Did you mean `initial_value`?");
    for (const fine of [{ lag: 5 }, { convert: null }, { transform: null }, { row_order: "asc" }, { range_start: "open" }])
      expect(errors(endpoint({ params: { since: { type: "incremental", cursor_path: "u", ...fine } } }))).toEqual([]);
  });
  it("a resolve param without `field`", () => {
    const params = { id: { type: "resolve", resource: "p" } };
    const [code, path, message] = only({ client: base, resources: ["p", { name: "r", endpoint: { path: "p/{id}", params } }] });
    expect([code, path]).toEqual(["missing_key", "/resources/1/endpoint/params/id/field"]);
    expect(message).toContain("KeyError: 'field'");
  });
  it("an empty base_url with a relative path", () => {
    expect(only({ client: { base_url: "" }, resources: ["items"] }).slice(0, 2)).toEqual(["missing_base_url", "/resources/0"]);
  });
  it("merged with the defaults: their json beside a resource's data, their include_from_parent on a top-level resource", () => {
    const body = only({
      client: base,
      resource_defaults: { endpoint: { json: { a: 1 } } },
      resources: [{ name: "r", endpoint: { path: "x", data: "raw" } }],
    });
    expect([body[0], body[1]]).toEqual(["json_and_data", "/resources/0/endpoint/data"]);
    const include = errors({
      client: base,
      resource_defaults: { include_from_parent: ["id"] },
      resources: ["p", { name: "c", endpoint: "c/{resources.p.id}" }],
    });
    expect(include.map(([c, p]) => [c, p])).toEqual([["include_from_parent_without_parent", "/resource_defaults/include_from_parent"]]);
  });
  it("unknown paginator and auth types named after prototype keys (pollution.test.ts: the engine's side)", () => {
    for (const type of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const codes = (config: object) => errors(config).map(([c]) => c);
      expect(codes(endpoint({ paginator: { type } }))).toContain("invalid_paginator_type");
      const auth = codes({ client: { ...base, auth: { type, token: "t" } }, resources: ["x"] });
      expect(auth.length).toBeGreaterThan(0);
      expect(auth).not.toContain("internal_error");
    }
  });
});

describe("a body on a GET endpoint (get_with_body)", () => {
  const texts = {
    json: '{"client": {"base_url": "https://api.test"}, "resources": [{"name": "s", "endpoint": {"path": "search", "json": {"q": "x"}}}]}',
    yaml:
      "client:\n  base_url: https://api.test\nresources:\n" +
      "  - name: s\n    endpoint:\n      path: search\n      method: GET\n      data: q=x\n",
    python:
      'source = rest_api_source({\n    "client": {"base_url": "https://api.test"},\n' +
      '    "resource_defaults": {"endpoint": {"json": {"q": "x"}}},\n' +
      '    "resources": ["s", "t"],\n})\n',
  } as const;
  it.each(Object.entries(texts))("%s: a warning at the body, whose quick fix sends it with POST", (format, text) => {
    const r = validateText(text, format as keyof typeof texts);
    const found = r.diagnostics.filter((d) => d.code === "get_with_body");
    expect(found).toHaveLength(1);
    const d = found[0]!;
    expect(d.severity).toBe("warning");
    expect(text.slice(d.range.start, d.range.end).replace(/"/g, "")).toBe(format === "yaml" ? "data" : "json");
    const fixed = applyEdits(text, d.fixes![0]!.edits);
    const again = validateText(fixed, format as keyof typeof texts);
    expect(again.diagnostics.filter((x) => x.severity !== "info").map((x) => x.code)).toEqual([]);
    expect(again.source!.resources.every((x) => x.endpoint.method === "POST")).toBe(true);
  });
});
