import { z } from "zod";
import { isDialect, RestApiConfigSchema } from "./schema";
import { isIntegerSchema } from "./schema-walk";

export const SCHEMA_ID = "https://restplay.local/schema/rest_api_config.schema.json";

let cached: Record<string, unknown> | null = null;

type Json = { [k: string]: unknown };
const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null;

const NOT_OBJECT = ["string", "number", "boolean", "null", "array"];
const typeConst = (a: unknown): unknown =>
  isJson(a) && isJson(a.properties) && isJson(a.properties.type) ? a.properties.type.const : undefined;
/** An alternative that takes anything (`z.unknown()`: `{}`, perhaps described). */
const isOpen = (a: unknown): boolean => isJson(a) && Object.keys(a).every((k) => k === "description");

/**
 * Every `type` of a union of dicts told apart by their `type` (paginators, auth, typed params), listed on
 * the union itself: an editor completes `"type": "` from the alternatives that already match the dict, so
 * in `{"type": ""}` it would leave out those with a required key (`offset` needs `limit`). The seed
 * dialect's types (`oauth2`) are left out: they validate, with their warning, but are never offered.
 * A union that also takes anything (a param's value) takes anything but a dict: a dict there is one of the
 * typed ones or a reference (`{$secret: …}`, `{$python: …}`), as in dlt (any other dict is
 * `invalid_param_value`), and an editor completes its keys instead of matching the open alternative.
 * zod's own union stays open: the resolve rules say what is wrong, in dlt's words.
 */
function listUnionTypes(node: unknown): void {
  if (Array.isArray(node)) node.forEach(listUnionTypes);
  if (!isJson(node)) return;
  const alternatives = node.oneOf ?? node.anyOf;
  if (Array.isArray(alternatives) && node.properties === undefined) {
    const typed = alternatives.filter((a) => typeof typeConst(a) === "string");
    // Besides the typed dicts: references and Python objects (`{$secret: …}`, `{$python: …}`), and anything.
    const keyed = (a: unknown) => isJson(a) && (a.anyOf !== undefined || (isJson(a.properties) && a.properties.type === undefined));
    if (typed.length > 1 && alternatives.every((a) => typed.includes(a) || isOpen(a) || keyed(a))) {
      // The dialect's types are matched by a pattern, which no editor offers (both offer every `const` and `enum`).
      const unoffered = (a: unknown) => ({ type: "string", pattern: `^${String(typeConst(a))}$` });
      const dialect = typed.filter((a) => isDialect((a as Json).description as string | undefined));
      const offered = { enum: typed.filter((a) => !dialect.includes(a)).map(typeConst) };
      node.properties = { type: dialect.length > 0 ? { type: "string", anyOf: [offered, ...dialect.map(unoffered)] } : offered };
      for (const a of dialect) ((a as Json).properties as Json).type = unoffered(a);
      for (const a of alternatives) if (isOpen(a)) (a as Json).type = NOT_OBJECT;
    }
  }
  Object.values(node).forEach(listUnionTypes);
}

const ANY_TYPE = ["string", "number", "object", "array", "boolean", "null"];

/** The JSON types a schema node takes, in its alternatives' order (`null`: not told, such as a `$ref`). */
function typesOf(node: Json): string[] | null {
  if (typeof node.type === "string") return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((t): t is string => typeof t === "string");
  if (Object.keys(node).every((k) => k === "description")) return ANY_TYPE;
  const alternatives = node.anyOf ?? node.oneOf;
  if (!Array.isArray(alternatives)) return null;
  const types = alternatives.map((a) => (isJson(a) ? typesOf(a) : null));
  return types.every((t) => t !== null) ? [...new Set(types.flat())] : null;
}

/** The first description among a node's alternatives (a `.describe()` inside `.nullable()` lands on the inner one). */
function innerDescription(node: Json): string | undefined {
  const alternatives = node.anyOf ?? node.oneOf;
  if (!Array.isArray(alternatives)) return undefined;
  for (const a of alternatives)
    if (isJson(a)) {
      const d = typeof a.description === "string" ? a.description : innerDescription(a);
      if (d !== undefined) return d;
    }
  return undefined;
}

/**
 * Every property gets a `type` and its description on the property itself: an editor inserts a key's
 * value from its first type (`"key": {…}` or `"key": "…"`; without one it inserts the bare key, which is
 * not JSON) and shows the property's description. A union's types are its alternatives' in their order
 * (the same values validate), null last; a property that takes anything lists every type, text first.
 */
function typeProperties(node: unknown): void {
  if (Array.isArray(node)) node.forEach(typeProperties);
  if (!isJson(node)) return;
  if (isJson(node.properties))
    for (const property of Object.values(node.properties)) {
      if (!isJson(property)) continue;
      // The seed dialect validates (with a warning) but is never offered: dlt refuses it.
      if (isDialect((property.description ?? innerDescription(property)) as string | undefined)) property.doNotSuggest = true;
      if (property.type !== undefined || property.const !== undefined || property.enum !== undefined) continue;
      const types = typesOf(property);
      if (types) property.type = [...types.filter((t) => t !== "null"), ...types.filter((t) => t === "null")];
      if (property.description === undefined) {
        const description = innerDescription(property);
        if (description !== undefined) property.description = description;
      }
    }
  Object.values(node).forEach(typeProperties);
}

/** The editors' JSON Schema, generated from the zod schema (decision 0001). */
export function getJsonSchema(): Record<string, unknown> {
  if (cached) return cached;
  const generated = z.toJSONSchema(RestApiConfigSchema, {
    target: "draft-2020-12",
    unrepresentable: "any",
    io: "input",
    // Python's unbounded `int` (schema.ts's `PY_INT`): an integer, without `z.int()`'s 2^53 bounds.
    override: (ctx) => {
      if (ctx.jsonSchema.type === "number" && isIntegerSchema(ctx.zodSchema as unknown as z.ZodType)) ctx.jsonSchema.type = "integer";
    },
  }) as Json;
  listUnionTypes(generated);
  typeProperties(generated);
  cached = { ...generated, $id: SCHEMA_ID, title: "dlt rest_api_source config (restplay)" };
  return cached;
}
