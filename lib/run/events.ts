/**
 * The engine's events as they cross the wire (NDJSON from /api/run to the browser), checked at the
 * boundary. The TypeScript type stays the engine's (`EngineEvent`, zod-free); this schema is its
 * runtime mirror, and the two assertions at the bottom make the compiler refuse any drift between them.
 *
 * Values that are JSON by construction (records, body previews, cursor values) are not walked: a
 * parsed line is JSON already, and walking every record of every page would cost more than the run.
 */
import { z } from "zod";
import { SchemaContractMode } from "../config/schema";
import { ENGINE_ERROR_CODES, LIMIT_FAILS, type ColumnHint, type EngineEvent, type Json, type LimitKind, type NumberText } from "../engine";
import { isKeyOrder, type KeyOrder } from "../shared";

const json = z.custom<Json>(() => true);
const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
const record = z.record(z.string(), json);
const headers = z.record(z.string(), z.string());
const stats = z.object({ requests: z.number(), pages: z.number(), retries: z.number(), records_fetched: z.number() });
const contract = z.union([
  SchemaContractMode,
  z.object({ tables: SchemaContractMode, columns: SchemaContractMode, data_type: SchemaContractMode }).partial(),
]);
const limitKind = z.enum(Object.keys(LIMIT_FAILS) as [LimitKind, ...LimitKind[]]);

export const IncrementalStateSchema = z
  .object({ cursor_path: z.string(), last_value: json, initial_value: json, unique_hashes: z.array(z.string()).readonly().optional() })
  .strict();

export const EngineErrorJsonSchema = z.object({
  code: z.enum(ENGINE_ERROR_CODES),
  message: z.string(),
  resource: z.string().optional(),
  status: z.number().optional(),
  url: z.string().optional(),
});

/** The scd2 settings of a dict `write_disposition` (a resource's, a nested hint's). */
const scd2 = z.object({
  validity_column_names: z.tuple([z.string(), z.string()]).nullable(),
  active_record_timestamp: z.union([z.string(), z.number()]).nullable(),
  boundary_timestamp: z.union([z.string(), z.number()]).nullable(),
  row_version_column_name: z.string().nullable(),
});

export const EngineEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("run_start"), resources: z.array(z.string()), at: z.number() }),
  z.object({
    type: z.literal("resource_start"),
    resource: z.string(),
    paginator: z.string(),
    data_selector: z.string().nullable(),
    primary_key: z.array(z.string()).nullable(),
    write_disposition: z.string(),
    parent: z.string().nullable(),
    selected: z.boolean().optional(),
    parallelized: z.enum(["concurrent", "in_order"]).optional(),
    table_name: z.string(),
    max_table_nesting: z.number().nullable(),
    merge_key: z.array(z.string()).nullable(),
    merge_strategy: z.string().nullable(),
    scd2: scd2.optional(),
    columns: z.array(z.custom<ColumnHint>(isObject)),
    nested_hints: z
      .array(
        z.object({
          path: z.string(),
          columns: z.array(z.custom<ColumnHint>(isObject)),
          schema_contract: contract.optional(),
          primary_key: z.array(z.string()).optional(),
          merge_key: z.array(z.string()).optional(),
          write_disposition: z.string().optional(),
          merge_strategy: z.string().optional(),
          scd2: scd2.optional(),
        }),
      )
      .optional(),
    schema_contract: contract.optional(),
  }),
  z.object({
    type: z.literal("auth"),
    resource: z.string(),
    step: z.enum(["token_request", "token_ok", "token_cached", "token_refresh"]),
    detail: z.string(),
  }),
  z.object({
    type: z.literal("request"),
    resource: z.string(),
    request_id: z.number(),
    attempt: z.number(),
    page: z.number(),
    method: z.string(),
    url: z.string(),
    headers,
    body: z.string().optional(),
    redirect: z.number().optional(),
  }),
  z.object({
    type: z.literal("response"),
    resource: z.string(),
    request_id: z.number(),
    attempt: z.number(),
    status: z.number(),
    duration_ms: z.number(),
    size: z.number(),
    headers,
    body_preview: json.optional(),
    body_truncated: z.boolean().optional(),
  }),
  z.object({
    type: z.literal("retry"),
    resource: z.string(),
    request_id: z.number(),
    attempt: z.number(),
    status: z.number().nullable(),
    reason: z.string(),
    wait_ms: z.number(),
    wait_source: z.enum(["retry-after", "backoff"]),
    virtual: z.boolean(),
  }),
  z.object({
    type: z.literal("page"),
    resource: z.string(),
    page: z.number(),
    request_id: z.number(),
    records: z.array(record),
    count: z.number(),
    selector: z.string(),
    selector_source: z.enum(["configured", "detected", "single_entity"]),
    parent: record.optional(),
    number_text: z.array(z.custom<NumberText>(isObject).nullable()).optional(),
    key_order: z.array(z.custom<KeyOrder>(isKeyOrder).nullable()).optional(),
    later: z.literal(true).optional(),
    continued: z.literal(true).optional(),
    settled: z.literal(true).optional(),
  }),
  z.object({
    type: z.literal("paginator"),
    resource: z.string(),
    page: z.number(),
    paginator: z.string(),
    decision: z.enum(["next", "stop"]),
    reason: z.string(),
  }),
  z.object({ type: z.literal("warning"), resource: z.string().optional(), code: z.string(), message: z.string() }),
  z.object({
    type: z.literal("incremental"),
    resource: z.string(),
    cursor_path: z.string(),
    before: json,
    start_value: json,
    end_value: json,
    after: json,
    filtered: z.number(),
    state: IncrementalStateSchema.nullable(),
  }),
  z.object({ type: z.literal("limit"), resource: z.string(), limit: limitKind, message: z.string() }),
  z.object({ type: z.literal("error"), resource: z.string().optional(), error: EngineErrorJsonSchema }),
  z.object({ type: z.literal("resource_done"), resource: z.string(), ok: z.boolean(), stats }),
  z.object({ type: z.literal("done"), ok: z.boolean(), duration_ms: z.number(), stats: z.record(z.string(), stats) }),
]);

// The schema and the engine's type must describe the same events (a compile error otherwise).
type Parsed = z.infer<typeof EngineEventSchema>;
const _schemaFitsEngine = (e: Parsed): EngineEvent => e;
const _engineFitsSchema = (e: EngineEvent): Parsed => e;
void _schemaFitsEngine;
void _engineFitsSchema;
// …with the same keys (an optional key the schema lacks would be stripped on the wire, unnoticed by the above).
type KeysOf<U, K> = keyof Extract<U, { type: K }>;
type SameKeys = {
  [K in EngineEvent["type"]]: [KeysOf<EngineEvent, K>] extends [KeysOf<Parsed, K>]
    ? [KeysOf<Parsed, K>] extends [KeysOf<EngineEvent, K>]
      ? true
      : K
    : K;
};
const _sameKeys: { readonly [K in EngineEvent["type"]]: true } = null as unknown as SameKeys;
void _sameKeys;
// …and so must a nested hint's (its optional keys would be stripped the same way).
type EngineNested = NonNullable<Extract<EngineEvent, { type: "resource_start" }>["nested_hints"]>[number];
type ParsedNested = NonNullable<Extract<Parsed, { type: "resource_start" }>["nested_hints"]>[number];
type SameNestedKeys = [keyof EngineNested] extends [keyof ParsedNested]
  ? [keyof ParsedNested] extends [keyof EngineNested]
    ? true
    : false
  : false;
const _sameNestedKeys: true = null as unknown as SameNestedKeys;
void _sameNestedKeys;
