import { describe, expect, it } from "vitest";
import { parseDocument, toPlain, writeJson, writePythonLiteral, writeYaml, type PlainValue, type SourceFormat } from "../formats";
import { validateText } from "./index";
import { PROTOTYPE_KEYS } from "../shared";
import { keySegments, unsafeKeys, unsafeSegment, type KeyPathKind } from "./key-paths";

const FORMATS = ["json", "yaml", "python"] as const;
const write = (v: PlainValue, f: SourceFormat) =>
  f === "json" ? writeJson(v) : f === "yaml" ? writeYaml(v) : `source = rest_api_source(${writePythonLiteral(v)})\n`;

/** A config whose second resource `r` has `resource` merged in and `ep` merged into its endpoint. */
const config = (ep: Record<string, PlainValue>, resource: Record<string, PlainValue> = {}): PlainValue => ({
  client: { base_url: "https://api.example.com/" },
  resources: [
    { name: "p", endpoint: "p" },
    { name: "r", ...resource, endpoint: { path: "x", ...ep } },
  ],
});
const EP = "/resources/1/endpoint";

/**
 * Every place a key path or name is read from, with `S` standing for the segment planted there (and
 * the kind of string it is, `name` unless given).
 */
const PLACES: [string, (s: string) => PlainValue, string | ((s: string) => string), KeyPathKind?][] = [
  ["data_selector", (s) => config({ data_selector: `$.${s}.items` }), `${EP}/data_selector`],
  [
    "offset limit_body_path",
    (s) => config({ method: "POST", paginator: { type: "offset", limit: 10, limit_body_path: `${s}.polluted`, total_path: null } }),
    `${EP}/paginator/limit_body_path`,
  ],
  [
    "offset offset_body_path",
    (s) => config({ method: "POST", paginator: { type: "offset", limit: 10, offset_body_path: `a.${s}`, total_path: null } }),
    `${EP}/paginator/offset_body_path`,
  ],
  [
    "page_body_path",
    (s) => config({ method: "POST", paginator: { type: "page_number", page_body_path: s, total_path: null } }),
    `${EP}/paginator/page_body_path`,
  ],
  [
    "cursor_body_path",
    (s) => config({ method: "POST", paginator: { type: "cursor", cursor_body_path: `q.${s}` } }),
    `${EP}/paginator/cursor_body_path`,
  ],
  ["total_path", (s) => config({ paginator: { type: "page_number", total_path: `meta.${s}` } }), `${EP}/paginator/total_path`],
  ["next_url_path", (s) => config({ paginator: { type: "json_link", next_url_path: `$['${s}']` } }), `${EP}/paginator/next_url_path`],
  ["cursor_path", (s) => config({ paginator: { type: "cursor", cursor_path: `$..${s}` } }), `${EP}/paginator/cursor_path`],
  ["has_more_path", (s) => config({ paginator: { type: "cursor", has_more_path: s } }), `${EP}/paginator/has_more_path`],
  ["links_next_key", (s) => config({ paginator: { type: "header_link", links_next_key: s } }), `${EP}/paginator/links_next_key`],
  ["incremental cursor_path", (s) => config({ incremental: { cursor_path: `${s}.at` } }), `${EP}/incremental/cursor_path`],
  ["placeholder in params", (s) => config({ params: { id: `{resources.p.${s}}` } }), `${EP}/params/id`],
  ["placeholder in path", (s) => config({ path: `x/{resources.p.${s}}` }), `${EP}/path`],
  [
    "incremental placeholder",
    (s) => config({ incremental: { cursor_path: "u" }, json: { since: `{incremental.${s}}` } }),
    `${EP}/json/since`,
  ],
  [
    "resolve field",
    (s) => config({ path: "x/{id}", params: { id: { type: "resolve", resource: "p", field: s } } }),
    `${EP}/params/id/field`,
  ],
  [
    "incremental param cursor_path",
    (s) => config({ params: { since: { type: "incremental", cursor_path: s } } }),
    `${EP}/params/since/cursor_path`,
  ],
  [
    "include_from_parent",
    (s) => config({ params: { id: "{resources.p.id}" } }, { include_from_parent: ["id", s] }),
    "/resources/1/include_from_parent/1",
  ],
  ["primary_key", (s) => config({}, { primary_key: s }), "/resources/1/primary_key", "column"],
  ["merge_key list", (s) => config({}, { merge_key: ["id", s] }), "/resources/1/merge_key/1", "column"],
  ["table_name", (s) => config({}, { table_name: s }), "/resources/1/table_name"],
  ["column name", (s) => config({}, { columns: [{ name: s, data_type: "text" }] }), "/resources/1/columns/0/name", "column"],
  ["columns key", (s) => config({}, { columns: { [s]: { data_type: "text" } } }), (s) => `/resources/1/columns/${s}`, "column"],
];

describe("unsafe_path_segment", () => {
  it.each(FORMATS)(
    "%s: key paths and names refuse __proto__, constructor and prototype (column names __proto__ only); Object.prototype untouched",
    (format) => {
      const before = [Object.getOwnPropertyNames(Object.prototype), Object.getOwnPropertyNames(Array.prototype)];
      const missing: string[] = [];
      for (const [name, make, at, kind = "name"] of PLACES) {
        for (const segment of PROTOTYPE_KEYS) {
          const path = typeof at === "string" ? at : at(segment);
          const r = validateText(write(make(segment), format), format);
          if (!unsafeKeys(kind).has(segment)) {
            if (!r.valid) missing.push(`${name} ${segment} refused: ${r.diagnostics.map((x) => `${x.code} ${x.path}`).join("; ")}`);
            continue;
          }
          const d = r.diagnostics.find((x) => x.code === "unsafe_path_segment" && x.path === path);
          if (!d || r.valid || r.diagnostics.some((x) => x.code === "internal_error"))
            missing.push(`${name} ${segment}: ${r.diagnostics.map((x) => `${x.code} ${x.path}`).join("; ")}`);
          else if (!d.message.includes(`\`${segment}\``)) missing.push(`${name} ${segment}: message ${d.message}`);
        }
      }
      expect(missing).toEqual([]);
      expect([Object.getOwnPropertyNames(Object.prototype), Object.getOwnPropertyNames(Array.prototype)]).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it("accepts names that only contain the words", () => {
    const ok = config(
      { data_selector: "data.constructors", paginator: { type: "offset", limit: 10, total_path: "meta.prototype_count" } },
      { primary_key: "__proto___id" },
    );
    for (const format of FORMATS)
      expect(validateText(write(ok, format), format).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("reads the names of a JSONPath, a dot path and a name", () => {
    expect(keySegments("$.a['b'][\"c\"].d[0]", "jsonpath")).toEqual(["a", "d", "b", "c"]);
    expect(keySegments("$..items[?(@.x)]", "jsonpath")).toEqual(["items", "x"]);
    expect(keySegments("a.b.c", "dotpath")).toEqual(["a", "b", "c"]);
    expect(unsafeSegment("$['a', 'constructor']", "jsonpath")).toBe("constructor");
    expect(unsafeSegment("a.__proto__x", "dotpath")).toBeNull();
  });
});

describe("user keys are data, never prototypes", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "prototype"])(
    "paginator and auth type %s: the located unknown-type error",
    (type) => {
      for (const [key, code] of [
        ["paginator", "invalid_paginator_type"],
        ["auth", "invalid_auth_type"],
      ] as const) {
        const text = JSON.stringify({ client: { base_url: "https://api.example.com/", [key]: { type } }, resources: ["r"] });
        const r = validateText(text, "json");
        expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([[code, `/client/${key}/type`]]);
        expect(r.diagnostics[0]?.message).toMatch(/Valid types: `/);
      }
    },
  );

  it.each(FORMATS)("%s: a `__proto__` key stays an own key of the plain value", (format) => {
    const text = {
      json: '{"a": {"__proto__": {"polluted": 1}, "b": 2}}',
      yaml: "a:\n  __proto__:\n    polluted: 1\n  b: 2\n",
      python: 'x = {"a": {"__proto__": {"polluted": 1}, "b": 2}}',
    }[format];
    const a = (toPlain(parseDocument(text, format).root!) as Record<string, Record<string, unknown>>).a!;
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(Object.keys(a)).toEqual(["__proto__", "b"]);
    expect(Object.getOwnPropertyDescriptor(a, "__proto__")?.value).toEqual({ polluted: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // …and the writers keep it.
    for (const to of FORMATS) expect(toPlain(parseDocument(write({ a } as PlainValue, to), to).root!)).toEqual({ a });
  });

  it("a header_cursor key must be a header name", () => {
    const text = (key: string) =>
      JSON.stringify({
        client: { base_url: "https://api.example.com/", paginator: { type: "header_cursor", cursor_key: key } },
        resources: ["r"],
      });
    for (const bad of ["X Next", "a:b", "é", "", "x\n"])
      expect(
        validateText(text(bad), "json").diagnostics.map((d) => d.code),
        bad,
      ).toContain("invalid_value");
    expect(validateText(text("X-Next-Cursor"), "json").valid).toBe(true);
  });
});
