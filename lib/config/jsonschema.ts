import { z } from "zod";
import { isDialect, RestApiConfigSchema } from "./schema";

export const SCHEMA_ID = "https://restplay.local/schema/rest_api_config.schema.json";

let cached: Record<string, unknown> | null = null;

type Json = { [k: string]: unknown };
const isJson = (v: unknown): v is Json => typeof v === "object" && v !== null;

/**
 * Every `type` of a union of dicts told apart by their `type` (paginators, auth), listed on the union
 * itself: an editor completes `"type": "` from the alternatives that already match the dict, so in
 * `{"type": ""}` it would leave out those with a required key (`offset` needs `limit`). Validation means
 * the same either way.
 */
function listUnionTypes(node: unknown): void {
  if (Array.isArray(node)) node.forEach(listUnionTypes);
  if (!isJson(node)) return;
  const alternatives = node.oneOf;
  if (Array.isArray(alternatives)) {
    const types = alternatives.map((a) =>
      isJson(a) && isJson(a.properties) && isJson(a.properties.type) ? a.properties.type.const : undefined,
    );
    if (types.every((t) => typeof t === "string") && node.properties === undefined) node.properties = { type: { enum: types } };
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
  const generated = z.toJSONSchema(RestApiConfigSchema, { target: "draft-2020-12", unrepresentable: "any", io: "input" }) as Json;
  listUnionTypes(generated);
  typeProperties(generated);
  cached = { ...generated, $id: SCHEMA_ID, title: "dlt rest_api_source config (restplay)" };
  return cached;
}
