import { z } from "zod";
import { RestApiConfigSchema } from "./schema";

export const SCHEMA_ID = "https://restplay.local/schema/rest_api_config.schema.json";

let cached: Record<string, unknown> | null = null;

/** The editors' JSON Schema, generated from the zod schema (decision 0001). */
export function getJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...(z.toJSONSchema(RestApiConfigSchema, { target: "draft-2020-12", unrepresentable: "any", io: "input" }) as Record<string, unknown>),
    $id: SCHEMA_ID,
    title: "dlt rest_api_source config (restplay)",
  };
  return cached;
}
