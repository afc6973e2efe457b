import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020";
import { parseDocument, toPlain } from "../formats";
import { seedBlocks } from "../testing/seeds";
import { getJsonSchema, SCHEMA_ID, validateText } from "./index";
import { CASES } from "../testing/diagnostics";

const schema = getJsonSchema();
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
const SCHEMA_CODES = new Set([
  "unknown_key",
  "missing_key",
  "invalid_type",
  "invalid_value",
  "invalid_paginator_type",
  "invalid_auth_type",
]);

/** Refused by a rule (zod's union stays open, for dlt's own message) and by the schema (a dict param that is not typed). */
const REFUSED_BY_RULE_AND_SCHEMA = new Set(["invalid_param_value"]);

describe("JSON Schema (generated from the zod schema)", () => {
  it("the published file is in sync with zod (if this fails, run `npm run schema`)", () => {
    const file: unknown = JSON.parse(readFileSync("public/schema/rest_api_config.schema.json", "utf8"));
    expect(file, "public/schema/rest_api_config.schema.json is out of date: run `npm run schema`").toEqual(
      JSON.parse(JSON.stringify(schema)),
    );
  });

  it("has its id, title and draft", () => {
    expect(schema.$id).toBe(SCHEMA_ID);
    expect(schema.$id).toBe("https://restplay.local/schema/rest_api_config.schema.json");
    expect(schema.title).toMatch(/rest_api_source/);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("describes every paginator and auth type, the dialect and the docs", () => {
    const text = JSON.stringify(schema);
    for (const t of [
      "single_page",
      "auto",
      "page_number",
      "offset",
      "json_link",
      "json_response",
      "header_link",
      "cursor",
      "header_cursor",
      "bearer",
      "api_key",
      "http_basic",
      "oauth2_client_credentials",
      "token_url",
      "error_handler",
      "$secret",
      "$config",
      "$python",
    ]) {
      expect(text).toContain(`"${t}"`);
    }
    expect(text).toContain('"pattern":"^oauth2$"');
    expect(text).toContain("JSONPath to the list of records");
    expect(text).toContain("Seed dialect (not dlt)");
    expect(text).toContain("https://dlthub.com/docs/");
  });

  it('lists every paginator and auth type on its union, so an editor completes `"type": "` with all of them', () => {
    const client = (schema.properties as Record<string, { properties: Record<string, unknown> }>).client!.properties;
    type Listed = { enum?: string[]; anyOf?: Listed[] };
    const unionTypes = (v: unknown): string[] => {
      if (typeof v !== "object" || v === null) return [];
      const o = v as { oneOf?: unknown; properties?: { type?: Listed } };
      if (Array.isArray(o.oneOf)) return o.properties?.type?.enum ?? o.properties?.type?.anyOf?.[0]?.enum ?? [];
      return Object.values(o).flatMap(unionTypes);
    };
    expect(unionTypes(client.paginator)).toEqual(expect.arrayContaining(["offset", "page_number", "cursor", "single_page"]));
    // The seed dialect's `oauth2` validates (the seeds use it) but is matched by a pattern: no editor offers it.
    expect(unionTypes(client.auth)).toEqual(["bearer", "api_key", "http_basic", "oauth2_client_credentials"]);
    expect(JSON.stringify(client.auth)).not.toMatch(/"(?:const|enum)":\[?"oauth2"/);
  });

  it("takes a param's value as anything but a dict, or a typed (resolve / incremental) dict, as dlt does", () => {
    const config = (params: unknown) => ({ client: { base_url: "https://x.io" }, resources: [{ name: "a", endpoint: { params } }] });
    expect(validate(config({ page: 1, tags: ["a", "b"], since: null, q: "x" }))).toBe(true);
    // References and Python objects are dicts a param takes (the hardcoded_secret fix writes the first).
    expect(validate(config({ api_key: { $secret: "api_key" }, region: { $config: "region" }, day: { $python: "today()" } }))).toBe(true);
    expect(validate(config({ id: { type: "resolve", resource: "posts", field: "id" } }))).toBe(true);
    expect(validate(config({ since: { type: "incremental", cursor_path: "updated_at", initial_value: "2024-01-01" } }))).toBe(true);
    // dlt refuses any other dict (`invalid_param_value`); so does the schema, where zod leaves it to the resolve rules.
    expect(validate(config({ filter: { status: "open" } }))).toBe(false);
    expect(validate(config({ id: { type: "other" } }))).toBe(false);
  });

  it('types every property, null last, and describes it on itself, so completing a key inserts `"key": ` and its doc', () => {
    // Without a `type`, Monaco's JSON completion inserts the bare `"key"` (not JSON) with no documentation.
    const untyped: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (typeof node !== "object" || node === null) return;
      const n = node as Record<string, unknown>;
      for (const [key, p] of Object.entries((n.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        const typed = p.type !== undefined || p.const !== undefined || p.enum !== undefined || p.$ref !== undefined;
        const types = Array.isArray(p.type) ? p.type : [];
        if (!typed || (types.includes("null") && types[types.length - 1] !== "null")) untyped.push(`${at}.${key}`);
      }
      for (const [k, v] of Object.entries(n)) walk(v, `${at}/${k}`);
    };
    walk(schema, "");
    expect(untyped).toEqual([]);
    expect(JSON.stringify(schema)).toContain(
      '"type":["string","null"],"description":"HTTP method: `GET` (default) or `POST`, upper case."',
    );
  });

  it("marks the seed dialect's keys doNotSuggest for the editors' completion, and only those", () => {
    const hidden: string[] = [];
    const offered: string[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== "object" || node === null) return;
      const n = node as Record<string, unknown>;
      for (const [key, p] of Object.entries((n.properties ?? {}) as Record<string, Record<string, unknown>>))
        (p.doNotSuggest === true ? hidden : offered).push(key);
      for (const v of Object.values(n)) walk(v);
    };
    walk(schema);
    expect([...new Set(hidden)].sort()).toEqual(["error_handler", "limit", "limit_param", "scope", "token_url"]);
    // Offset's own `limit` and `limit_param` are dlt's: offered.
    expect(offered).toEqual(expect.arrayContaining(["limit", "limit_param"]));
  });

  it("accepts the five seed configs (as JSON)", () => {
    const seeds = seedBlocks();
    expect(seeds).toHaveLength(5);
    for (const { file, code } of seeds) {
      const value = toPlain(parseDocument(code).root!);
      expect(validate(value), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("agrees with zod on the diagnostics table: schema-level errors are rejected, valid documents accepted", () => {
    let rejected = 0;
    for (const [title, format, text, code] of CASES) {
      const r = validateText(text, format);
      if (r.value === null || r.document.diagnostics.some((d) => d.severity === "error")) continue;
      const zodRejects = r.diagnostics.some((d) => d.severity === "error" && SCHEMA_CODES.has(d.code));
      if (SCHEMA_CODES.has(code)) {
        expect(validate(r.value), title).toBe(false);
        rejected++;
      } else if (!zodRejects && !REFUSED_BY_RULE_AND_SCHEMA.has(code))
        expect(validate(r.value), `${title}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(rejected).toBeGreaterThan(25);
  });
});
