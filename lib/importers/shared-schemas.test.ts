/**
 * OpenAPI documents whose schemas share each other through `$ref` (thirtieth session): the parser dereferences
 * them into shared objects, so a few KB can describe billions of fields. A 15 KB document (six schemas of 60
 * properties, each referring to the next) ran the importer out of memory (4 GB, the process aborted); a 9 KB one
 * took 28 s and wrote a 317 MB mock plan. An import reads such a document in bounded time and writes a plan the
 * spec mock accepts.
 */
import { describe, expect, it } from "vitest";
import { buildConfig, importText } from "./index";
import { MockSpecSchema } from "../mocks";
import { MAX_RECORD_VALUES, recordValues } from "../shared";
import { validateValue } from "../config";

/** `levels` schemas of `width` properties, S0 → S1 → …, each property of one referring to the next. */
function chained(width: number, levels: number, schema: (properties: Record<string, object>) => object): Record<string, object> {
  const schemas: Record<string, object> = {};
  for (let d = 0; d < levels; d++) {
    const next = (i: number) => (d + 1 < levels ? { $ref: `#/components/schemas/S${d + 1}` } : { type: "string", example: `v${i}` });
    schemas[`S${d}`] = schema(Object.fromEntries(Array.from({ length: width }, (_, i) => [`f${i}`, next(i)])));
  }
  return schemas;
}

const doc = (schemas: Record<string, object>, response: object = {}) =>
  JSON.stringify({
    openapi: "3.0.0",
    info: { title: "shared", version: "1" },
    servers: [{ url: "https://api.shared.example/v1" }],
    paths: {
      "/items": {
        get: {
          responses: {
            "200": {
              description: "ok",
              content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/S0" } }, ...response } },
            },
          },
        },
      },
    },
    components: { schemas },
  });

function imported(text: string) {
  const started = Date.now();
  const r = importText(text);
  if (!r.ok) throw new Error(r.message);
  const built = buildConfig(r.draft, { selected: r.draft.endpoints.map((e) => e.id) });
  const ms = Date.now() - started;
  const plan = MockSpecSchema.safeParse(built.mock);
  return { ms, built, plan, bytes: JSON.stringify(built.mock).length };
}

describe("importing schemas that share each other", () => {
  it("properties referring to the next schema: a bounded record shape, a plan the mock accepts", () => {
    const text = doc(chained(60, 6, (properties) => ({ type: "object", properties })));
    expect(text.length).toBeLessThan(16_000);
    const { ms, built, plan, bytes } = imported(text);
    expect(ms).toBeLessThan(10_000);
    expect(plan.success, plan.error?.message).toBe(true);
    expect(bytes).toBeLessThan(1_000_000);
    const record = plan.data?.endpoints[0]?.record;
    expect(record && recordValues(record, Number.MAX_SAFE_INTEGER)).toBeLessThanOrEqual(MAX_RECORD_VALUES);
    // The first level is whole: every top-level field is there.
    expect(record?.type === "object" && Object.keys(record.properties).length).toBe(60);
    expect(validateValue(built.config, "json").diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("`allOf`s of `allOf`s: each schema merged once", () => {
    const { ms, plan } = imported(doc(chained(20, 6, (properties) => ({ allOf: Object.values(properties) }))));
    expect(ms).toBeLessThan(10_000);
    expect(plan.success, plan.error?.message).toBe(true);
  });

  it("an example that refers to a schema chain: copied within bounds", () => {
    const schemas = chained(60, 6, (properties) => ({ type: "object", properties }));
    const { ms, plan, bytes } = imported(doc(schemas, { example: [{ $ref: "#/components/schemas/S0" }] }));
    expect(ms).toBeLessThan(10_000);
    expect(plan.success, plan.error?.message).toBe(true);
    expect(bytes).toBeLessThan(1_000_000);
  });

  it("a path the mock cannot serve stays out of its plan, said; the others are served", () => {
    const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { type: "object" } } } } } };
    const text = JSON.stringify({
      openapi: "3.0.0",
      info: { title: "paths", version: "1" },
      servers: [{ url: "https://api.paths.example" }],
      paths: {
        "/files/{name}{ext}": { get: { responses: ok } },
        [`/${"x".repeat(600)}`]: { get: { responses: ok } },
        items: { get: { responses: ok } },
      },
    });
    const r = importText(text);
    if (!r.ok) throw new Error(r.message);
    const built = buildConfig(r.draft, { selected: r.draft.endpoints.map((e) => e.id) });
    const plan = MockSpecSchema.safeParse(built.mock);
    expect(plan.success, plan.error?.message).toBe(true);
    expect(plan.data?.endpoints.map((e) => e.path)).toEqual(["/items"]);
    expect(r.draft.notes.filter((n) => n.startsWith("The mock does not serve"))).toHaveLength(2);
  });
});
