/**
 * Whatever text is imported — a sample response, an OpenAPI/Swagger document, curl commands — the import either says
 * why it cannot read it or gives a config that validates: never an internal error ("Please report it"), never a config
 * the editor then marks wrong (literal braces in a body's keys were one: dlt formats keys as it formats values).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildConfig, importText } from ".";
import { validateValue } from "../config";
import type { PlainValue } from "../formats";

function outcome(text: string): string {
  const r = importText(text);
  if (!r.ok) return r.message.includes("Please report") ? `internal error: ${r.message}` : "refused";
  const built = buildConfig(r.draft, { selected: r.draft.endpoints.map((e) => e.id) });
  const errors = validateValue(built.config, "json").diagnostics.filter((d) => d.severity === "error");
  return errors.length === 0 ? "ok" : `invalid: ${errors.map((e) => `${e.code} at ${e.path}`).join("; ")}`;
}

const key = fc.oneof(
  fc.constantFrom("id", "data", "items", "next", "results", "__proto__", "constructor", "", " ", "a b", "$ref", "{x}", "page", "1"),
  fc.string({ maxLength: 6 }),
);
const json = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 8 }),
    fc.constantFrom("https://api.x.com/v1/items?page=2", "2024-01-01T00:00:00Z", "/a/{id}", ""),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(key, tie("v"), { maxKeys: 5 }),
  ),
})).v;
const path = fc.constantFrom("/items", "/items/{id}", "/users/{user_id}/posts", "/", "items", "/a/{}", "/a/{{b}}", "/{x}/{y}", "/v1/");
const parameter = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom("page", "cursor", "limit", "offset", "since", "id")),
    in: fc.constantFrom("query", "path", "header", "body", 1),
    required: fc.boolean(),
    schema: json,
  },
  { requiredKeys: [] },
);
const operation = fc.record(
  {
    operationId: fc.string({ maxLength: 8 }),
    parameters: fc.array(parameter, { maxLength: 4 }),
    responses: fc.dictionary(fc.constantFrom("200", "201", "default", "2XX"), json, { maxKeys: 3 }),
    security: json,
  },
  { requiredKeys: [] },
);
const openapi = fc.record(
  {
    openapi: fc.constantFrom("3.0.0", "3.1.0", "2.0", 3),
    servers: fc.array(fc.record({ url: fc.constantFrom("https://api.x.com/v1", "/api", "{s}://x.com", "", "https://x.com/{v}") }), {
      maxLength: 2,
    }),
    paths: fc.oneof(
      fc.dictionary(path, fc.dictionary(fc.constantFrom("get", "post", "parameters"), fc.oneof(operation, json)), { maxKeys: 4 }),
      json,
    ),
    components: json,
  },
  { requiredKeys: ["openapi"] },
);
const curlWord = fc.oneof(
  fc.constantFrom("-H", "'Authorization: Bearer abc'", "-X", "POST", "--data", `'{"a":1}'`, `'{"{k}":"{v}"}'`, "-d", "'{}=1'"),
  fc.constantFrom("https://api.x.com/items?page=1", "'https://api.x.com/a?{p}={q}'", "-u", "user:pw", "--json", "-G", "'", "\\\n"),
  fc.string({ maxLength: 5 }),
);

describe("importing never fails inside and never gives a config the editor marks wrong", () => {
  it("sample responses", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(json, { maxLength: 5 }), fc.dictionary(key, json)),
        (v) => void expect(outcome(JSON.stringify(v))).toMatch(/^(ok|refused)$/),
      ),
      {
        numRuns: 300,
      },
    );
  });

  it("OpenAPI and Swagger documents, references that are no references among them", () => {
    fc.assert(
      fc.property(openapi, (d) => void expect(outcome(JSON.stringify(d))).toMatch(/^(ok|refused)$/)),
      { numRuns: 300 },
    );
    const emptyRef = {
      openapi: "3.0.0",
      paths: { "/items": { get: { responses: { "200": { content: { "application/json": { schema: { $ref: "" } } } } } } } },
    };
    const r = importText(JSON.stringify(emptyRef));
    expect(r.ok && r.draft.notes.join(" ")).toContain(
      "the `$ref` at /paths/~1items/get/responses/200/content/application~1json/schema/$ref",
    );
  });

  it("curl commands, braces in a body's keys and a query's names among them", () => {
    fc.assert(
      fc.property(
        fc.array(curlWord, { minLength: 1, maxLength: 8 }),
        (w) => void expect(outcome(`curl ${w.join(" ")}`)).toMatch(/^(ok|refused)$/),
      ),
      {
        numRuns: 400,
      },
    );
    const r = importText(`curl -X POST https://api.x.com/search -H 'Content-Type: application/json' -d '{"{k}":{"{n}":"{v}"}}'`);
    const built = r.ok ? buildConfig(r.draft) : null;
    expect(built?.config.resources).toEqual([
      { name: "search", endpoint: { path: "search", method: "POST", json: { "{{k}}": { "{{n}}": "{{v}}" } } } },
    ]);
  });

  it("HAR files, braces and prototype names in headers, queries and bodies among them", () => {
    const word = fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom("", "{x}", "__proto__", "constructor", "Authorization", "a b"));
    const entry = fc.record({
      request: fc.record({
        method: fc.constantFrom("GET", "POST", "PUT"),
        url: fc.constantFrom("https://api.x.com/items?page=1", "https://api.x.com/items/12", "https://api.x.com/a?{k}=v", "nonsense"),
        headers: fc.array(fc.record({ name: word, value: word }), { maxLength: 3 }),
        postData: fc.record({ mimeType: fc.constantFrom("application/json", ""), text: json.map((j) => JSON.stringify(j)) }),
      }),
      response: fc.record({
        status: fc.constantFrom(200, 404),
        headers: fc.array(fc.record({ name: word, value: word }), { maxLength: 2 }),
        content: fc.record({ mimeType: fc.constant("application/json"), text: json.map((j) => JSON.stringify(j)) }),
      }),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 3 }), (entries) => {
        expect(outcome(JSON.stringify({ log: { version: "1.2", entries } }))).toMatch(/^(ok|refused)$/);
      }),
      { numRuns: 300 },
    );
    const har = {
      log: {
        version: "1.2",
        entries: [
          {
            request: {
              method: "POST",
              url: "https://api.x.com/search?__proto__=1&{k}=v",
              headers: [
                { name: "X-Tmpl", value: "{v}" },
                { name: "__proto__", value: "x" },
              ],
              postData: { mimeType: "application/json", text: '{"__proto__": {"a": 1}, "q": {"constructor": 1, "b": "{c}"}}' },
            },
            response: { status: 200, headers: [], content: { mimeType: "application/json", text: '[{"id": 1}]' } },
          },
        ],
      },
    };
    const r = importText(JSON.stringify(har));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const built = buildConfig(r.draft);
    expect(built.config.client).toMatchObject({ headers: { "X-Tmpl": "{{v}}" } });
    expect((built.config.resources as PlainValue[])[0]).toMatchObject({
      endpoint: { params: { "{{k}}": "v" }, json: { q: { b: "{{c}}" } } },
    });
    expect(r.draft.notes.filter((n) => n.includes("prototype"))).toHaveLength(4);
  });
});
