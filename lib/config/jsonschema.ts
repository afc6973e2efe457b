import { z } from "zod";
import { RestApiConfigSchema } from "./schema";

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

/** The editors' JSON Schema, generated from the zod schema (decision 0001). */
export function getJsonSchema(): Record<string, unknown> {
  if (cached) return cached;
  const generated = z.toJSONSchema(RestApiConfigSchema, { target: "draft-2020-12", unrepresentable: "any", io: "input" }) as Json;
  listUnionTypes(generated);
  cached = { ...generated, $id: SCHEMA_ID, title: "dlt rest_api_source config (restplay)" };
  return cached;
}
