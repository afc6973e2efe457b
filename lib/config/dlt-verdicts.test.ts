/**
 * Configs scripts/dlt-diff-validate.ts found restplay's verdict differing on from dlt 1.26.0's (`rest_api_source(config)`,
 * scripts/validate-configs.py), with dlt's answer recorded beside each (twenty-ninth session, seeds 29290 to 29299, 40 mutants
 * a config): restplay too lenient, fixed; and where it stays stricter on purpose (docs/diagnostics.md), what dlt did instead.
 */
import { describe, expect, it } from "vitest";
import { validateText } from "./validate";
import type { SourceFormat } from "../formats";

const errors = (text: string, format: SourceFormat) =>
  validateText(text, format)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => [d.code, d.path]);
const withToken = (token: unknown) =>
  JSON.stringify({ client: { base_url: "https://api.example.com/", auth: { token } }, resources: ["issues"] });

describe("a reference with `$cast`, `$get` or `$param` and one key more", () => {
  // dlt 1.26.0 on {"token": {"$secret": "x", "$param": True, "columns": 1}}: DictValidationException, `token` "has invalid
  // type `dict` while `str` is expected" (the reference's two keys alone: built). restplay dropped the key of a number, a
  // null, a list or a dict, and read a plain reference.
  it.each([
    [{ $secret: "sources.github_source.github_token", $param: true, columns: 1 }, "columns"],
    [{ $secret: "token", $get: true, bogus: { a: 1 } }, "bogus"],
    [{ $config: "token", $param: true, headers: null }, "headers"],
    [{ $secret: "token", $get: "str", $cast: 5 }, "$cast"],
  ])("is no reference: the key is named (%j)", (token, key) => {
    expect(errors(withToken(token), "json")).toEqual([["unknown_key", `/client/auth/token/${key.replace("/", "~1")}`]]);
  });

  it("YAML alike; the reference and its one extra key alone stay a reference", () => {
    const yaml = (extra: string) =>
      "client:\n  base_url: https://api.example.com/\n  auth:\n    token:\n" +
      `      $secret: t\n      $param: true\n${extra}resources: [issues]\n`;
    expect(errors(yaml("      limit: 10\n"), "yaml")).toEqual([["unknown_key", "/client/auth/token/limit"]]);
    expect(errors(yaml(""), "yaml")).toEqual([]);
    expect(errors(withToken({ $secret: "t", $param: true }), "json")).toEqual([]);
  });
});

/** A config with one resource `items` (GET `items`), `patch` applied to its JSON. */
const items = (patch: (c: { client: Record<string, unknown>; resources: unknown[] }) => void) => {
  const config = { client: { base_url: "https://api.example.com/" } as Record<string, unknown>, resources: [] as unknown[] };
  config.resources.push({ name: "items", endpoint: { path: "items" } });
  patch(config);
  return JSON.stringify(config);
};
const endpoint = (c: { resources: unknown[] }) => (c.resources[0] as { endpoint: Record<string, unknown> }).endpoint;

describe("stricter than dlt on purpose (docs/diagnostics.md, checked with dlt 1.26.0 against a local API)", () => {
  it('an empty resource name: dlt names the resource `paginate_resource` (and GETs base_url for `""`)', () => {
    expect(
      errors(
        items((c) => ((c.resources[0] as { name: string }).name = "")),
        "json",
      ),
    ).toEqual([["invalid_value", "/resources/0/name"]]);
    expect(
      errors(
        items((c) => c.resources.push("")),
        "json",
      ),
    ).toEqual([["invalid_value", "/resources/1"]]);
  });

  it("a list or dict as an auth credential: dlt builds the source and sends `Bearer []`", () => {
    expect(errors(withToken([]), "json")).toEqual([["invalid_type", "/client/auth/token"]]);
    const basic = items((c) => (c.client.auth = { type: "http_basic", username: {}, password: "p" }));
    expect(errors(basic, "json")).toEqual([["invalid_type", "/client/auth/username"]]);
  });

  it("true/false as a column's precision or scale: dlt takes Python's bool as an int", () => {
    const hinted = items((c) => ((c.resources[0] as Record<string, unknown>).columns = { net: { data_type: "decimal", scale: false } }));
    expect(errors(hinted, "json")).toEqual([["invalid_type", "/resources/0/columns/net/scale"]]);
  });

  it("an incremental without cursor_path: dlt runs without it (no start_param; a param sends its dict's keys)", () => {
    const block = items((c) => (endpoint(c).incremental = { start_param: "since", initial_value: "2020-01-01" }));
    expect(errors(block, "json")).toEqual([["missing_key", "/resources/0/endpoint/incremental/cursor_path"]]);
    const param = items((c) => (endpoint(c).params = { since: { type: "incremental", initial_value: "2020-01-01" } }));
    expect(errors(param, "json")).toEqual([["missing_key", "/resources/0/endpoint/params/since/cursor_path"]]);
  });

  it("a column's data_type null: dlt builds the source, its normalize step fails (KeyError on the column)", () => {
    const hinted = items((c) => ((c.resources[0] as Record<string, unknown>).columns = { amount: { data_type: null } }));
    expect(errors(hinted, "json")).toEqual([["invalid_value", "/resources/0/columns/amount/data_type"]]);
  });

  // Found by scripts/dlt-diff-validate.ts (thirtieth session, seeds 30021 and 30521) and a sweep of `null` over every
  // paginator key; each run with dlt 1.26.0 against a local API whose pages 1–3 have a next page (`Link`, a `next` header).
  it.each([
    // dlt loads page 1 only (`response.links.get(None)`): no error, two pages missing.
    [{ type: "header_link", links_next_key: null }, "links_next_key", "first page only"],
    // dlt's extract fails on the first response: AttributeError, 'NoneType' object has no attribute 'lower'.
    [{ type: "header_cursor", cursor_key: null }, "cursor_key", "AttributeError"],
    // dlt sends `?None=c1`, `?None=c2` for the next pages.
    [{ type: "header_cursor", cursor_param: null }, "cursor_param", "?None="],
    // dlt asks `?limit=1` without an offset, then its extract fails: unsupported operand type(s) for +=: 'NoneType' and 'int'.
    [{ type: "offset", limit: 1, offset: null, total_path: null }, "offset", "TypeError"],
    // Alike without `page` (`?page` left out, then the TypeError); with `"page": 2` and no total, dlt pages on from 2.
    [{ type: "page_number", base_page: null, total_path: null }, "base_page", "TypeError"],
  ])("a paginator's %j: dlt builds the source, then fails or pages otherwise than written", (paginator, key, dltDoes) => {
    const config = items((c) => (endpoint(c).paginator = paginator));
    expect(errors(config, "json")).toEqual([["invalid_type", `/resources/0/endpoint/paginator/${key}`]]);
    // The message says what dlt does with it.
    const [problem] = validateText(config, "json").diagnostics;
    expect(problem?.message).toContain(dltDoes);
  });

  it("a paginator key's null where dlt's own default is None stays valid, as dlt takes it", () => {
    // dlt 1.26.0 builds these (scripts/validate-configs.py); None is the default of each key in dlt's paginator classes
    // (dlt/sources/helpers/rest_client/paginators.py), so dlt runs them as if the key were left out.
    for (const paginator of [
      { type: "page_number", page: null, page_param: null, maximum_page: null },
      { type: "offset", limit: 10, offset_param: null, limit_param: null, maximum_offset: null, has_more_path: null },
      { type: "cursor", cursor_path: "c", cursor_param: null },
    ])
      expect(
        errors(
          items((c) => (endpoint(c).paginator = paginator)),
          "json",
        ),
      ).toEqual([]);
  });
});
