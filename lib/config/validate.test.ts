import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { validateText, applyEdits, exportConfig, secretsTomlTemplate, listSecrets, getJsonSchema, toDltCanonical } from "./index";
import { positionAt, parseDocument, toPlain, writeJson, writeYaml } from "../formats";
import { seedBlocks } from "../testing/seeds";

const seeds = seedBlocks();
const json = (v: unknown) => JSON.stringify(v);
const base = (extra: object = {}, resource: object = { name: "posts", endpoint: { path: "/posts" } }) =>
  ({ client: { base_url: "https://api.example.com" }, resources: [resource], ...extra });

/** [title, text, expected code, expected path, expected token at the range start] */
const CASES: [string, string, string, string, string][] = [
  ["unknown client key", json({ client: { base_url: "https://x", invalid_key: 1 }, resources: [] }), "unknown_key", "/client/invalid_key", '"invalid_key"'],
  ["missing resources", json({ client: { base_url: "https://x" } }), "missing_key", "/resources", "{"],
  ["missing client", json({ resources: [] }), "missing_key", "/client", "{"],
  ["params outside endpoint", json(base({}, { name: "p", params: { a: 1 } })), "unknown_key", "/resources/0/params", '"params"'],
  ["method lower case", json(base({}, { name: "p", endpoint: { method: "get" } })), "invalid_value", "/resources/0/endpoint/method", '"get"'],
  ["method PUT", json(base({}, { name: "p", endpoint: { method: "PUT" } })), "invalid_value", "/resources/0/endpoint/method", '"PUT"'],
  ["paginator unknown string", json(base({}, { name: "p", endpoint: { paginator: "invalid_paginator" } })), "invalid_paginator_type", "/resources/0/endpoint/paginator", '"invalid_paginator"'],
  ["paginator unknown type", json(base({}, { name: "p", endpoint: { paginator: { type: "foo" } } })), "invalid_paginator_type", "/resources/0/endpoint/paginator/type", '"foo"'],
  ["json_link with limit", json(base({}, { name: "p", endpoint: { paginator: { type: "json_link", limit: 10 } } })), "unknown_key", "/resources/0/endpoint/paginator/limit", '"limit"'],
  ["offset without limit", json(base({}, { name: "p", endpoint: { paginator: { type: "offset" } } })), "offset_without_limit", "/resources/0/endpoint/paginator/limit", '"offset"'],
  ["limit as string", json(base({}, { name: "p", endpoint: { paginator: { type: "offset", limit: "100" } } })), "invalid_type", "/resources/0/endpoint/paginator/limit", '"100"'],
  ["auth unknown type", json(base({ client: { base_url: "https://x", auth: { type: "foo" } } })), "invalid_auth_type", "/client/auth/type", '"foo"'],
  ["auth unknown shorthand", json(base({ client: { base_url: "https://x", auth: "foo" } })), "invalid_auth_type", "/client/auth", '"foo"'],
  ["bearer with location", json(base({ client: { base_url: "https://x", auth: { type: "bearer", location: "header" } } })), "unknown_key", "/client/auth/location", '"location"'],
  ["basic without password", json(base({ client: { base_url: "https://x", auth: { type: "http_basic", username: { $secret: "u" } } } })), "missing_key", "/client/auth/password", '"auth"'],
  ["hard-coded token", json(base({ client: { base_url: "https://x", auth: { type: "bearer", token: "sensitive-secret" } } })), "hardcoded_secret", "/client/auth/token", '"sensitive-secret"'],
  ["cookie api key", json(base({ client: { base_url: "https://x", auth: { type: "api_key", location: "cookie", api_key: { $secret: "k" } } } })), "auth_cookie_unsupported", "/client/auth/location", '"cookie"'],
  ["header value int", json(base({ client: { base_url: "https://x", headers: { X: 1 } } })), "invalid_type", "/client/headers/X", "1"],
  ["json list body", json(base({}, { name: "p", endpoint: { json: [1, 2] } })), "invalid_type", "/resources/0/endpoint/json", "["],
  ["json and data", json(base({}, { name: "p", endpoint: { json: { a: 1 }, data: { b: 2 } } })), "json_and_data", "/resources/0/endpoint/data", '"data"'],
  ["write_disposition bad", json(base({}, { name: "p", write_disposition: "upsert" })), "invalid_value", "/resources/0/write_disposition", '"upsert"'],
  ["replace strategy", json(base({}, { name: "p", write_disposition: { disposition: "replace", strategy: "truncate-and-insert" } })), "invalid_value", "/resources/0/write_disposition/strategy", '"truncate-and-insert"'],
  ["name in defaults", json({ client: { base_url: "https://x" }, resource_defaults: { name: "x" }, resources: [] }), "unknown_key", "/resource_defaults/name", '"name"'],
  ["duplicate names", json({ client: { base_url: "https://x" }, resources: ["posts", { name: "posts" }] }), "duplicate_resource_name", "/resources/1", '"posts"'],
  ["missing base_url", json({ client: {}, resources: ["posts"] }), "missing_base_url", "/resources/0", '"client"'],
  ["resource without name", json(base({}, { endpoint: { path: "/x" } })), "missing_resource_name", "/resources/0", "{"],
  ["unknown parent", json({ client: { base_url: "https://x" }, resources: ["posts", { name: "c", endpoint: { path: "posts/{resources.postz.id}/c" } }] }), "placeholder_unknown_resource", "/resources/1/endpoint", "{"],
  ["include_from_parent alone", json(base({}, { name: "p", include_from_parent: ["id"] })), "include_from_parent_without_parent", "/resources/0/include_from_parent", '"include_from_parent"'],
  ["column data type", json(base({}, { name: "p", columns: { a: { data_type: "string" } } })), "invalid_value", "/resources/0/columns/a/data_type", '"string"'],
  ["resource a number", json({ client: { base_url: "https://x" }, resources: [5] }), "invalid_type", "/resources/0", "5"],
  ["json syntax", `{"client": {"base_url": "x"} "resources": []}`, "syntax_error", "", '"resources"'],
  ["python syntax", `rest_api_source({"client": {"base_url": "x"}\n "resources": []})`, "syntax_error", "", '"resources"'],
  ["yaml unknown key", `client:\n  base_url: https://x\n  paginatr: single_page\nresources: []\n`, "unknown_key", "/client/paginatr", "paginatr"],
  ["python typo key", `rest_api_source({"client": {"base_url": "x"}, "resources": [{"name": "a", "endpoint": {"pth": "/a"}}]})`, "unknown_key", "/resources/0/endpoint/pth", '"pth"'],
];

describe("diagnostics: code, path and exact location", () => {
  it.each(CASES)("%s", (_title, text, code, path, token) => {
    const r = validateText(text);
    const d = r.diagnostics.find((x) => x.code === code);
    expect(d, JSON.stringify(r.diagnostics.map((x) => [x.code, x.path]))).toBeDefined();
    expect(d!.path).toBe(path);
    expect(text.slice(d!.range.start, d!.range.start + token.length)).toBe(token);
    expect(d!.message.length).toBeGreaterThan(20);
  });

  it("never dumps union variants and masks secrets", () => {
    const text = json(base({ client: { base_url: "https://x", auth: { type: "bearer", token: "sensitive-secret", location: "h" } } }));
    const r = validateText(text);
    for (const d of r.diagnostics) {
      expect(d.message).not.toContain("sensitive-secret");
      expect(d.message).not.toMatch(/expects the following types/);
    }
  });

  it("did-you-mean with a quick fix that re-validates clean", () => {
    const text = json(base({}, { name: "p", endpoint: { paginator: { type: "offset", limt: 100 } } }));
    const r = validateText(text);
    const unknown = r.diagnostics.find((d) => d.code === "unknown_key")!;
    expect(unknown.message).toContain("Did you mean `limit`?");
    const fixed = applyEdits(text, unknown.fixes![0]!.edits);
    expect(validateText(fixed).valid).toBe(true);
    expect(r.diagnostics.map((d) => d.code)).toContain("offset_without_limit");
  });

  it("reports line and column as editors count them", () => {
    const text = `{\n  "client": {\n    "base_url": "https://x",\n    "headerz": {}\n  },\n  "resources": []\n}`;
    const d = validateText(text).diagnostics.find((x) => x.code === "unknown_key")!;
    expect(positionAt(text, d.range.start)).toEqual({ line: 4, column: 5 });
  });
});

describe("seeds", () => {
  const expected: Record<string, string[]> = {
    "000": ["dialect_oauth2", "default_total_path"],
    "001": ["dialect_oauth2", "default_total_path"],
    "002": ["default_total_path"],
    "003": ["default_total_path"],
    "004": ["dialect_oauth2", "default_total_path", "dialect_page_number_limit", "dialect_page_number_limit", "dialect_error_handler", "default_total_path", "dialect_page_number_limit", "dialect_page_number_limit", "dialect_error_handler", "js_comment"],
  };
  for (const { file, code } of seeds) {
    it(`${file} is valid with the expected warnings`, () => {
      const r = validateText(code);
      expect(r.valid).toBe(true);
      expect(r.format).toBe("python");
      expect(r.diagnostics.map((d) => d.code)).toEqual(expected[file.slice(0, 3)]);
    });
    it(`${file}: applying every quick fix leaves a config dlt accepts`, () => {
      let text = code;
      for (let i = 0; i < 20; i++) {
        const fix = validateText(text).diagnostics.find((d) => d.fixes?.length);
        if (!fix) break;
        text = applyEdits(text, fix.fixes![0]!.edits);
      }
      const r = validateText(text);
      expect(r.valid).toBe(true);
      expect(r.diagnostics.filter((d) => d.severity === "warning").map((d) => d.code)).toEqual(file.startsWith("004") ? ["dialect_error_handler", "dialect_error_handler"] : []);
      if (file.startsWith("004")) expect(text).toContain('"params": {\n');
    });
  }
  it("the page_number fix works in JSON and YAML too", () => {
    const value = toPlain(parseDocument(seeds[4]!.code).root!);
    for (const [format, text] of [["json", writeJson(value)], ["yaml", writeYaml(value)]] as const) {
      const d = validateText(text, format).diagnostics.find((x) => x.code === "dialect_page_number_limit")!;
      const fixed = applyEdits(text, d.fixes![0]!.edits);
      const r = validateText(fixed, format);
      expect(r.valid, fixed).toBe(true);
      const params = (toPlain(parseDocument(fixed, format).root!) as { resources: { endpoint: { params?: object } }[] }).resources[0]!.endpoint.params;
      expect(params).toEqual({ page_size: 100 });
    }
  });
});

describe("exports", () => {
  it("python export is dlt-canonical and holds references only", () => {
    const r = validateText(seeds[4]!.code);
    const py = exportConfig(r, "python")!.text;
    expect(py).toContain('"type": "oauth2_client_credentials"');
    expect(py).toContain('"access_token_url": "https://identity.example.com/connect/token"');
    expect(py).toContain('dlt.secrets["client_id"]');
    expect(py.slice(py.indexOf("source = rest_api_source("))).not.toMatch(/"oauth2"|"token_url"|error_handler|limit_param/);
    expect(py).toContain('"params": {');
    expect(py).toContain('os.environ.setdefault("RUNTIME__REQUEST_MAX_ATTEMPTS", "4")');
    expect(py).toContain("Client(status_codes=(401, 403, 429)");
    expect(py).toContain('"session": retry_session');
    // The script parses back as Python and yields the canonical config.
    const back = validateText(py);
    expect(back.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });
  it("json export round-trips and keeps references", () => {
    const r = validateText(seeds[0]!.code);
    const file = exportConfig(r, "json")!;
    expect(file.filename).toBe("rest_api_config.json");
    const v = JSON.parse(file.text);
    expect(v.client.auth.client_id).toEqual({ $secret: "client_id" });
    expect(validateText(file.text).valid).toBe(true);
  });
  it("hard-coded secrets never reach the Python export", () => {
    const r = validateText(json(base({ client: { base_url: "https://x", auth: { type: "bearer", token: "sensitive-secret" } } })));
    expect(r.valid).toBe(true);
    const py = exportConfig(r, "python")!.text;
    expect(py).not.toContain("sensitive-secret");
    expect(py).toContain('dlt.secrets["token"]');
  });
  it("no export while invalid", () => expect(exportConfig(validateText(`{"client": 1}`), "json")).toBeNull());
  it("secrets.toml lists names with placeholders", () => {
    const r = validateText(seeds[2]!.code);
    expect(listSecrets(r.value)).toEqual([{ name: "api_key", kind: "secret", paths: ["/client/auth/api_key"] }]);
    expect(secretsTomlTemplate(r.value!)).toContain('api_key = "<your api_key>"');
  });
  it("canonical form notes every rewrite", () => {
    expect(toDltCanonical(validateText(seeds[0]!.code).value!).notes.join("\n")).toMatch(/oauth2_client_credentials/);
  });
});

describe("JSON Schema", () => {
  it("the published file is in sync with zod (run `npm run schema` if this fails)", () => {
    const file = JSON.parse(readFileSync("public/schema/rest_api_config.schema.json", "utf8"));
    expect(file).toEqual(JSON.parse(JSON.stringify(getJsonSchema())));
  });
  it("describes paginators, auth and the dialect", () => {
    const s = JSON.stringify(getJsonSchema());
    for (const t of ["page_number", "header_cursor", "oauth2_client_credentials", "token_url", "error_handler"]) expect(s).toContain(t);
    expect(s).toContain("JSONPath to the list of records");
  });
});
