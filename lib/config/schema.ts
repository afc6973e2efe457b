/**
 * Long because it is one declaration of one language (see the end of this comment).
 * The config language of dlt's `rest_api_source`, as one zod schema: THE source of truth.
 * TypeScript types, the JSON Schema given to editors, hover docs and completions all derive
 * from here (ARCHITECTURE rule 1). Keys and `type` strings are spelled exactly as dlt spells
 * them (rule 10). Seed-dialect forms (shared/spec/seed-dialect.md) are accepted here and
 * reported as warnings by the rules in `dialect.ts`.
 *
 * This file is long because it is a single declaration of one language; splitting it would
 * scatter the cross-references between paginator, auth and endpoint shapes.
 */
import { z } from "zod";
import { HTTP_TOKEN, keyPath } from "./key-paths";
import { CASTS, GET_TYPES } from "../shared";

const DOCS = "https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api/basic";

/**
 * Whether a key's description marks it as the seed dialect (decision 0004): validated and run with a
 * warning, never offered by completion (dlt refuses it).
 */
export const isDialect = (description: string | undefined): boolean => description?.startsWith("Seed dialect") ?? false;

/**
 * `"$get": true` beside a reference: read with dlt's `get` (`dlt.secrets.get("name")`: text, or None when not set); `"str"`:
 * `get("name", str)`. A `get` of another type (`"$get": "int"`) is dealt with before zod sees the config (get-refs.ts).
 */
const textGet = {
  $get: z
    .union([z.literal(true), z.literal("str")])
    .optional()
    .describe('Read with dlt\'s get: the value uncast, None when it is not set (true), or read as text ("str").'),
  $param: z
    .union([z.literal(true), z.string().regex(/^[^.\s]+$/)])
    .optional()
    .describe("A @dlt.source parameter (sources.<source>.<key>): dlt also reads it under its module's section and shorter names."),
};
/** `{"$secret": "name"}`: a value that comes from `dlt.secrets["name"]`. */
export const SecretRefSchema = z
  .strictObject({ $secret: z.string().min(1).describe('Name of the secret, as in `dlt.secrets["name"]`.'), ...textGet })
  .describe("A reference to a secret. Its value is supplied at run time, never stored in the config.");
/** `{"$config": "name"}`: a value that comes from `dlt.config["name"]`. */
export const ConfigRefSchema = z
  .strictObject({ $config: z.string().min(1).describe('Name of the config value, as in `dlt.config["name"]`.'), ...textGet })
  .describe("A reference to a config value, supplied at run time.");
/** A Python expression that is not a literal (function, lambda, class instance). Validated, never executed. */
export const PythonExprSchema = z
  .strictObject({ $python: z.string().describe("Python source text.") })
  .describe("A Python callable or object: validated structurally, not executed in the playground.");

/**
 * `{"$format": ["Bearer ", {"$secret": "token"}]}`: text made of literal parts and references, as a Python
 * f-string builds it (`f"Bearer {dlt.secrets['token']}"`); the parts are joined when the run binds them.
 */
/** A part's cast (`f"v{int(dlt.config['v'])}"`, decision 0047): Python's str() of the cast value is the part. */
const castPart = { $cast: z.enum(CASTS).optional(), $get: z.union([z.literal(true), z.enum(GET_TYPES)]).optional() };
export const FormatRefSchema = z
  .strictObject({
    $format: z
      .array(z.union([z.string(), SecretRefSchema.extend(castPart), ConfigRefSchema.extend(castPart)]))
      .describe("The parts in order: literal text, and references whose values are put in their place."),
  })
  .describe("Text made of literal parts and references (a Python f-string of dlt.secrets/dlt.config), joined at run time.");

/** A reference, or text made with references: a value a run supplies. */
const Ref = z.union([SecretRefSchema, ConfigRefSchema, FormatRefSchema]);
/** A string, or a reference whose value is a string. */
const str = (description: string) => z.union([z.string(), Ref]).describe(description);
/** A JSONPath, a dot path into a JSON body, a field/column/table name: strings used as object keys (key-paths.ts). */
const jsonPath = (description: string) => keyPath(z.string().describe(description), "jsonpath");
/** A JSONPath dlt compiles when it builds the source (a paginator's): an empty one fails there (JsonPathParserError). */
const compiledPath = (description: string) => keyPath(z.string().min(1).describe(description), "jsonpath");
const dotPath = (description: string) => keyPath(z.string().describe(description), "dotpath");
const keyName = <T extends z.ZodType>(schema: T) => keyPath(schema, "name");
/** The name of a table's column (only `__proto__` refused: key-paths.ts). */
const columnName = <T extends z.ZodType>(schema: T) => keyPath(schema, "column");
/**
 * Python's `int`, which has no bound: dlt takes `"limit": 12345678901234567890` where zod's `z.int()` stops at
 * 2^53 − 1. A whole number of any size, with `z.int()`'s issue for any other (`expected: "int"`); the JSON
 * Schema says `integer` (jsonschema.ts), the exact digits are the document's (resolve/numbers.ts), and a
 * float spelled whole (`10.0`) is rules/integers.ts's.
 */
export const PY_INT = z.check<number>((ctx) => {
  if (!Number.isInteger(ctx.value)) ctx.issues.push({ code: "invalid_type", expected: "int", input: ctx.value, continue: false });
});
/** A Python `int` (see `PY_INT`). */
export const pyInt = () => z.number().check(PY_INT);
const int = (description: string) => pyInt().describe(description);

// ---------------------------------------------------------------------------------------------
// Paginators (dlt-rest-api.md §7). One strict object per `type`: keys of another type are errors (but under `auto`).

/** The stop keys of page_number and offset (dlt's default: stop on an empty page) and cursor (default: do not). */
const stopKeys = (stopsByDefault: boolean) => ({
  stop_after_empty_page: z.boolean().describe(`Stop when a page has no records. Default \`${stopsByDefault}\`.`),
  has_more_path: jsonPath("JSONPath to a boolean that says whether more pages exist; it overrides the total/maximum decision."),
});

export const paginatorSchemas = {
  single_page: z.strictObject({ type: z.literal("single_page") }).describe("One request, no paging."),
  // dlt ignores the other keys of an `auto` dict (`create_paginator`): a warning (rules/paginator.ts), not an error.
  auto: z.looseObject({ type: z.literal("auto") }).describe("Detect the paginator from the first response (dlt's detection order)."),
  page_number: z
    .strictObject({
      type: z.literal("page_number"),
      base_page: int("Number of the first page. Default `0`."),
      page: int("Page to start from. Default `base_page`."),
      page_param: z.string().describe("Query parameter for the page number. Default `page`."),
      page_body_path: dotPath("Dot path in the JSON body for the page number (instead of `page_param`)."),
      total_path: jsonPath("JSONPath to the total number of **pages**. Default `total`; set `null` when the API has none.").nullable(),
      maximum_page: int("Stop before this page number (exclusive)."),
      ...stopKeys(true),
      limit: int("Seed dialect (not dlt): page size, sent as `limit_param` on every page."),
      limit_param: z.string().describe("Seed dialect (not dlt): query parameter for the page size."),
    })
    .partial({
      base_page: true,
      page: true,
      page_param: true,
      page_body_path: true,
      total_path: true,
      maximum_page: true,
      stop_after_empty_page: true,
      has_more_path: true,
      limit: true,
      limit_param: true,
    })
    .describe("Page-number paging: `page=0,1,2…`. Stops on an empty page, at `total` pages, or before `maximum_page`."),
  offset: z
    .strictObject({
      type: z.literal("offset"),
      limit: int("Page size, sent as `limit_param` on every request. Required."),
      offset: int("Offset of the first request. Default `0`."),
      offset_param: z.string().describe("Query parameter for the offset. Default `offset`."),
      offset_body_path: dotPath("Dot path in the JSON body for the offset."),
      limit_param: z.string().describe("Query parameter for the page size. Default `limit`."),
      limit_body_path: dotPath("Dot path in the JSON body for the page size."),
      total_path: jsonPath("JSONPath to the total number of **items**. Default `total`; set `null` when the API has none.").nullable(),
      maximum_offset: int("Stop before this offset (exclusive)."),
      ...stopKeys(true),
    })
    .partial({
      offset: true,
      offset_param: true,
      offset_body_path: true,
      limit_param: true,
      limit_body_path: true,
      total_path: true,
      maximum_offset: true,
      stop_after_empty_page: true,
      has_more_path: true,
    })
    .describe("Offset paging: `offset=0,limit,2·limit…`. Stops on an empty page, when `offset >= total`, or at `maximum_offset`."),
  json_link: z
    .strictObject({ type: z.literal("json_link"), next_url_path: compiledPath("JSONPath to the next page's URL. Default `next`.") })
    .partial({ next_url_path: true })
    .describe("Follow a next-page URL found in the JSON body."),
  json_response: z
    .strictObject({ type: z.literal("json_response"), next_url_path: compiledPath("JSONPath to the next page's URL. Default `next`.") })
    .partial({ next_url_path: true })
    .describe("Deprecated alias of `json_link`."),
  header_link: z
    .strictObject({
      type: z.literal("header_link"),
      links_next_key: keyName(z.string().describe("`rel` of the next link in the `Link` header. Default `next`.")),
    })
    .partial({ links_next_key: true })
    .describe('Follow the `Link: <url>; rel="next"` response header (RFC 8288).'),
  cursor: z
    .strictObject({
      type: z.literal("cursor"),
      cursor_path: compiledPath("JSONPath to the next cursor in the body. Default `cursors.next`."),
      cursor_param: z.string().describe("Query parameter that carries the cursor. Default `cursor`."),
      cursor_body_path: dotPath("Dot path in the JSON body for the cursor (instead of `cursor_param`)."),
      ...stopKeys(false),
    })
    .partial({ cursor_path: true, cursor_param: true, cursor_body_path: true, stop_after_empty_page: true, has_more_path: true })
    .describe("Cursor paging: send the cursor found in each response with the next request; a missing or empty cursor stops."),
  header_cursor: z
    .strictObject({
      type: z.literal("header_cursor"),
      cursor_key: z
        .string()
        .regex(HTTP_TOKEN, {
          error: "must be an HTTP header name: letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ only (no spaces, colons or quotes)",
        })
        .describe("Response header with the next cursor. Default `next`."),
      cursor_param: z.string().describe("Query parameter that carries the cursor. Default `cursor`."),
    })
    .partial({ cursor_key: true, cursor_param: true })
    .describe("Cursor paging with the cursor in a response header."),
} as const;

export type PaginatorType = keyof typeof paginatorSchemas;
export const PAGINATOR_TYPES = Object.keys(paginatorSchemas) as PaginatorType[];

export const PaginatorConfigSchema = z
  .discriminatedUnion("type", [
    paginatorSchemas.single_page,
    paginatorSchemas.auto,
    paginatorSchemas.page_number,
    paginatorSchemas.offset,
    paginatorSchemas.json_link,
    paginatorSchemas.json_response,
    paginatorSchemas.header_link,
    paginatorSchemas.cursor,
    paginatorSchemas.header_cursor,
  ])
  .describe(`How to fetch the next page. See ${DOCS}#pagination`);

export const PaginatorSchema = z
  .union([z.enum(PAGINATOR_TYPES as [PaginatorType, ...PaginatorType[]]), PaginatorConfigSchema, PythonExprSchema])
  .describe(`A paginator: a type name, a dict with \`type\`, or (Python) a paginator object. See ${DOCS}#pagination`);

// ---------------------------------------------------------------------------------------------
// Auth (§9). `oauth2` is the seed dialect of `oauth2_client_credentials`.

export const authSchemas = {
  bearer: z
    .strictObject({ type: z.literal("bearer"), token: str('The bearer token. Use `dlt.secrets["token"]`.') })
    .partial({ token: true })
    .describe("`Authorization: Bearer <token>` on every request."),
  api_key: z
    .strictObject({
      type: z.literal("api_key"),
      name: z.string().describe("Header or query parameter name. Default `Authorization`."),
      api_key: str('The key. Use `dlt.secrets["api_key"]`.'),
      location: z
        .enum(["header", "query", "param", "cookie"])
        .describe("Where the key goes. Default `header`; `cookie` is not supported by dlt."),
    })
    .partial({ name: true, api_key: true, location: true })
    .describe("An API key in a header or the query string."),
  http_basic: z
    .strictObject({ type: z.literal("http_basic"), username: str("User name."), password: str('Password. Use `dlt.secrets["password"]`.') })
    .describe("`Authorization: Basic base64(username:password)`."),
  oauth2_client_credentials: z
    .strictObject({
      type: z.literal("oauth2_client_credentials"),
      access_token_url: str("Token endpoint (POST, form-encoded, `grant_type=client_credentials`)."),
      client_id: str('Client id. Use `dlt.secrets["client_id"]`.'),
      client_secret: str('Client secret. Use `dlt.secrets["client_secret"]`.'),
      access_token: str("A pre-set access token. dlt counts it as expired and fetches a new one for the first request."),
      access_token_request_data: z
        .record(z.string(), z.unknown())
        .describe('Extra form fields for the token request, e.g. `{"scope": "read"}`.'),
      default_token_expiration: int("Token lifetime in seconds when the response has no `expires_in`. Default `3600`."),
      session: PythonExprSchema.describe("(Python) a requests session for the token request."),
    })
    .partial({
      access_token_url: true,
      client_id: true,
      client_secret: true,
      access_token: true,
      access_token_request_data: true,
      default_token_expiration: true,
      session: true,
    })
    .describe(
      "OAuth2 client-credentials flow: fetch a token, send it as a bearer token, fetch a new one when it expires " +
        "(restplay also once after a 401; dlt does not).",
    ),
  oauth2: z
    .strictObject({
      type: z.literal("oauth2"),
      token_url: str("Seed dialect (not dlt): the token endpoint. dlt calls it `access_token_url`."),
      client_id: str('Client id. Use `dlt.secrets["client_id"]`.'),
      client_secret: str('Client secret. Use `dlt.secrets["client_secret"]`.'),
      scope: z.string().describe("Seed dialect: scope for the token request."),
    })
    .partial({ scope: true })
    .describe("Seed dialect: dlt rejects `oauth2`; it is run as `oauth2_client_credentials`."),
} as const;

export type AuthType = keyof typeof authSchemas;
export const AUTH_TYPES = Object.keys(authSchemas) as AuthType[];
/** The auth shorthand strings dlt accepts. */
export const AUTH_SHORTHANDS = ["bearer", "api_key", "http_basic", "oauth2_client_credentials"] as const;

/** `{"token": "..."}` with no `type` is a bearer token in dlt. */
export const TypelessBearerSchema = z
  .strictObject({ token: str("The bearer token.") })
  .partial({ token: true })
  .describe("A bearer token (dict without `type`).");

export const AuthConfigSchema = z.discriminatedUnion("type", [
  authSchemas.bearer,
  authSchemas.api_key,
  authSchemas.http_basic,
  authSchemas.oauth2_client_credentials,
  authSchemas.oauth2,
]);

export const AuthSchema = z
  .union([z.enum(AUTH_SHORTHANDS), AuthConfigSchema, TypelessBearerSchema, PythonExprSchema])
  .describe(`Authentication. See ${DOCS}#authentication`);

// ---------------------------------------------------------------------------------------------
// Endpoint (§5), incremental (§10), response actions (§13), seed error_handler.

export const IncrementalSchema = z
  .strictObject({
    cursor_path: jsonPath("Field (JSONPath) in each record that holds the cursor, e.g. `updated_at`."),
    initial_value: z.unknown().describe("Cursor value to start from on the first run."),
    end_value: z.unknown().describe("Stop at this cursor value (a backfill range; state is not kept)."),
    last_value_func: z.union([z.enum(["max", "min"]), PythonExprSchema]).describe("`max` (default) or `min`."),
    primary_key: z
      .union([columnName(z.string()), z.array(columnName(z.string()))])
      .describe("De-duplication key; overrides the resource's."),
    row_order: z.enum(["asc", "desc"]).describe("Order of records, lets dlt stop early."),
    allow_external_schedulers: z
      .boolean()
      .describe("Let an external scheduler (Airflow) set the range from its data interval. Default `false`."),
    lag: z.number().describe("Re-read this much before the last value (seconds, days or units)."),
    on_cursor_value_missing: z
      .enum(["raise", "include", "exclude"])
      .describe("What to do with a record without a cursor. Default `raise`."),
    range_start: z.enum(["open", "closed"]).describe("Include (`closed`, default) or exclude records equal to the start value."),
    range_end: z.enum(["open", "closed"]).describe("Exclude (`open`, default) or include records equal to the end value."),
    convert: PythonExprSchema.describe("(Python) converts cursor values before they go into the request."),
    start_param: z
      .string()
      .describe("Query parameter that receives the start value. Deprecated in dlt: write `{incremental.start_value}` in `params`."),
    end_param: z
      .string()
      .describe("Query parameter that receives the end value. Deprecated in dlt: write `{incremental.end_value}` in `params`."),
  })
  .partial()
  .describe(`Incremental loading. See ${DOCS}#incremental-loading`);

export const ResponseActionSchema = z.union([
  z
    .strictObject({
      status_code: z.union([pyInt(), z.string()]).describe("HTTP status to match (an integer; dlt never matches a string)."),
      content: z.string().describe("Substring of the body to match."),
      action: z.union([z.string(), PythonExprSchema, z.array(PythonExprSchema)]).describe("`ignore`, or (Python) callables."),
    })
    .partial(),
  PythonExprSchema,
]);

export const ErrorHandlerSchema = z
  .strictObject({
    retry_on_status_codes: z.array(z.int().min(100).max(599)).describe("Statuses that are retried."),
    max_retries: z.int().min(0).max(20).describe("Retries after the first try."),
    backoff_factor: z.number().min(0).max(3600).describe("Wait `backoff_factor × 2^(k-1)` s before retry k; `Retry-After` wins."),
  })
  .partial()
  .describe("Seed dialect (not dlt): per-endpoint retries. dlt's retries are global runtime settings.");

/**
 * A query parameter's value: anything (scalars, lists, references; dlt sends it as it is), and the two
 * typed dicts dlt reads, described here for hover and completion. The resolve rules check them
 * (resolve/params.ts); the union ends in `unknown`, so it refuses nothing itself.
 */
const ResolveParamSchema = z
  .strictObject({
    type: z.literal("resolve"),
    resource: z.string().describe("The parent resource: one request per parent record."),
    field: z.string().describe("The parent record's field (JSONPath) whose value this parameter takes."),
  })
  .describe("A parent's field as this parameter (dlt's older form of `{resources.<parent>.<field>}`).");
const IncrementalParamSchema = IncrementalSchema.omit({ start_param: true, end_param: true })
  .extend({ type: z.literal("incremental") })
  .describe(
    "The incremental cursor's start value as this parameter. Deprecated in dlt: write an endpoint `incremental` and " +
      "`{incremental.start_value}` in `params`.",
  );
const ParamValue = z.union([ResolveParamSchema, IncrementalParamSchema, Ref, PythonExprSchema, z.unknown()]);

export const EndpointSchema = z
  .strictObject({
    path: z
      .string()
      .describe(
        "Path joined to `base_url`, or a full URL. May contain `{resources.<parent>.<field>}` placeholders. Default: the resource name.",
      ),
    method: z.enum(["GET", "POST"]).describe("HTTP method: `GET` (default) or `POST`, upper case.").nullable(),
    // dlt fails on `None` for `path`, `params` and `json` (TypeError when it builds the source): not nullable.
    params: z
      .record(z.string(), ParamValue)
      .describe("Query parameters. Values may be scalars, lists, references, or `{type: resolve|incremental}` dicts."),
    json: z.record(z.string(), z.unknown()).describe("JSON body (a dict)."),
    data: z.unknown().describe("Form body (dict or list of pairs) or raw string body.").nullable(),
    headers: z.record(z.string(), z.unknown()).describe("Request headers for this endpoint; override client headers.").nullable(),
    paginator: PaginatorSchema.nullable(),
    data_selector: jsonPath(
      "JSONPath to the list of records in the response, e.g. `data`, `$.results[*]` or `$.data[?(@.active == true)]` " +
        "(dlt's jsonpath-ng syntax: quote a name that starts with `true`/`false` or is `where`, `$.'true_count'`). " +
        "Detected when absent.",
    ).nullable(),
    response_actions: z
      .array(ResponseActionSchema)
      .describe("What to do with special responses, e.g. `{status_code: 404, action: ignore}`.")
      .nullable(),
    incremental: IncrementalSchema.nullable(),
    auth: AuthSchema.nullable().describe("Auth for this endpoint; overrides the client's. `null` disables auth."),
    error_handler: ErrorHandlerSchema,
  })
  .partial()
  .describe(`The request that fetches a resource. See ${DOCS}#endpoint-configuration`);

// ---------------------------------------------------------------------------------------------
// Resources (§4).

export const COLUMN_DATA_TYPES = [
  "text",
  "double",
  "bool",
  "timestamp",
  "bigint",
  "binary",
  "json",
  "decimal",
  "wei",
  "date",
  "time",
] as const;

// dlt takes `None` for a column hint's properties as not given; not for `data_type` (its load then fails).
export const ColumnSchema = z
  .strictObject({
    name: columnName(z.string()),
    data_type: z.enum(COLUMN_DATA_TYPES).describe("dlt data type."),
    nullable: z.boolean().nullable(),
    primary_key: z.boolean().nullable(),
    merge_key: z.boolean().nullable(),
    unique: z.boolean().nullable(),
    partition: z.boolean().nullable(),
    cluster: z.boolean().nullable(),
    sort: z.boolean().nullable(),
    row_key: z.boolean().nullable(),
    parent_key: z.boolean().nullable(),
    root_key: z.boolean().nullable(),
    hard_delete: z.boolean().nullable(),
    dedup_sort: z.enum(["asc", "desc"]).nullable(),
    incremental: z.boolean().nullable().describe("Marks the column as an incremental cursor (dlt sets it on `cursor_path`'s column)."),
    precision: z.int().nullable(),
    scale: z.int().nullable(),
    timezone: z.boolean().nullable(),
    description: z.string().nullable(),
    variant: z.boolean().nullable(),
  })
  .partial()
  .describe("Column hints.");

const MergeStrategy = z.enum(["delete-insert", "scd2", "upsert", "insert-only"]);
export const WriteDispositionSchema = z
  .union([
    z.enum(["append", "replace", "merge", "skip"]),
    z.strictObject({
      disposition: z.enum(["append", "replace", "merge", "skip"]),
      strategy: MergeStrategy.describe("How `merge` writes: `delete-insert` (default), `scd2`, `upsert` or `insert-only`.").optional(),
      validity_column_names: z.array(columnName(z.string())).optional(),
      active_record_timestamp: z.unknown().optional(),
      boundary_timestamp: z.unknown().optional(),
      row_version_column_name: columnName(z.string()).optional(),
      deduplicated: z.boolean().optional(),
    }),
    PythonExprSchema,
  ])
  .describe("How records are written: `append` (dlt's default), `replace`, `merge` (by `primary_key`), `skip`.");

const KeySchema = z.union([columnName(z.string()), z.array(columnName(z.string())), PythonExprSchema]);
export const SchemaContractMode = z.enum(["evolve", "discard_value", "freeze", "discard_row"]);

/** A table's hints as a resource and a nested hint (`TResourceNestedHints`) both take them. */
const tableHintShape = {
  write_disposition: WriteDispositionSchema.nullable(),
  primary_key: KeySchema.describe("Column(s) that identify a record; `merge` keeps the last version per key.").nullable(),
  merge_key: KeySchema.describe("Column(s) used by merge (delete-insert).").nullable(),
  columns: z
    .union([keyPath(z.record(z.string(), ColumnSchema), "column", true), z.array(ColumnSchema), PythonExprSchema])
    .describe("Column hints by name.")
    .nullable(),
  schema_contract: z
    .union([
      SchemaContractMode,
      z.strictObject({ tables: SchemaContractMode, columns: SchemaContractMode, data_type: SchemaContractMode }).partial(),
    ])
    .nullable(),
  table_format: z.enum(["iceberg", "delta", "hive", "native"]).nullable(),
  file_format: z.enum(["preferred", "jsonl", "typed-jsonl", "insert_values", "parquet", "csv", "reference", "model"]).nullable(),
  references: z.array(z.unknown()).describe("References from this table's columns to other tables (dlt's `TTableReference`)."),
};

/**
 * One entry of `nested_hints`: those keys and `parent_table_name` (which `dlt.resource` itself does not
 * take), and no other — dlt's config validation refuses any other — or a Python call.
 */
const NestedHintSchema = z.union([
  z
    .strictObject({ ...tableHintShape, parent_table_name: keyName(z.string()) })
    .partial()
    .describe("Hints for the nested table of one list field (dlt's `make_nested_hints`)."),
  PythonExprSchema,
]);

const resourceBaseShape = {
  // dlt fails on `None` for `endpoint` and `processing_steps` when it builds the source: not nullable.
  endpoint: z.union([z.string(), EndpointSchema]).describe("The endpoint: a path string or a dict."),
  include_from_parent: z
    .array(keyName(z.string()))
    .describe("Parent fields copied into each child record as `_<parent>_<field>`.")
    .nullable(),
  processing_steps: z
    .array(z.strictObject({ filter: PythonExprSchema, map: PythonExprSchema, yield_map: PythonExprSchema }).partial())
    .describe("(Python) filter/map steps; validated, not executed in the playground."),
  table_name: z
    .union([keyName(z.string()), PythonExprSchema])
    .describe("Destination table. Default: the resource name.")
    .nullable(),
  ...tableHintShape,
  nested_hints: keyPath(z.record(z.string(), NestedHintSchema), "name", true).describe(
    "Hints for the nested tables of list fields, by path (`purchases`, `purchases__items`).",
  ),
  max_table_nesting: pyInt().describe("Depth after which nested data is stored as JSON instead of child tables.").nullable(),
  selected: z.boolean().describe("`false`: not loaded unless needed as a parent.").nullable(),
  parallelized: z.boolean().describe("`true`: extract this resource in parallel with the others (dlt's thread pool).").nullable(),
};

export const ResourceDefaultsSchema = z
  // dlt asserts that the defaults' endpoint is a dict (a string there fails its source build).
  .strictObject({ ...resourceBaseShape, endpoint: EndpointSchema.describe("Endpoint defaults: a dict.") })
  .partial()
  .describe("Defaults merged into every resource (resource keys win; `params`, `json` and `columns` merge one level deep).");

export const EndpointResourceSchema = z
  .strictObject({ name: keyName(z.string().min(1).describe("Resource name; also the default table name and path.")), ...resourceBaseShape })
  .partial()
  .describe("A resource: a name and an endpoint.");

export const ResourceEntrySchema = z.union([
  keyName(z.string().min(1).describe("Shorthand: the name, also used as the path.")),
  EndpointResourceSchema,
  PythonExprSchema,
]);

export const ClientSchema = z
  .strictObject({
    base_url: str("Base URL every endpoint path is joined to, e.g. `https://api.example.com`."),
    headers: z
      .record(z.string(), z.union([z.string(), Ref]))
      .describe("Headers sent with every request (never interpolated).")
      .nullable(),
    auth: AuthSchema.nullable(),
    paginator: PaginatorSchema.nullable(),
    session: PythonExprSchema.describe("(Python) a custom requests session."),
  })
  .partial()
  .describe(`The HTTP client shared by all resources. See ${DOCS}#client`);

export const RestApiConfigSchema = z
  .strictObject({
    client: ClientSchema,
    resource_defaults: ResourceDefaultsSchema.nullable().optional(),
    resources: z.array(ResourceEntrySchema).describe("The resources to extract: names or dicts."),
  })
  .describe(`A dlt rest_api_source config. See ${DOCS}`);

export type RestApiConfig = z.infer<typeof RestApiConfigSchema>;
export type ClientConfig = z.infer<typeof ClientSchema>;
export type EndpointConfig = z.infer<typeof EndpointSchema>;
export type EndpointResource = z.infer<typeof EndpointResourceSchema>;
export type ResourceDefaults = z.infer<typeof ResourceDefaultsSchema>;
export type ResourceEntry = z.infer<typeof ResourceEntrySchema>;
export type AuthConfig = z.infer<typeof AuthSchema>;
export type PaginatorConfig = z.infer<typeof PaginatorSchema>;
export type PaginatorTypedConfig = z.infer<typeof PaginatorConfigSchema>;
export type AuthTypedConfig = z.infer<typeof AuthConfigSchema>;
export type IncrementalConfig = z.infer<typeof IncrementalSchema>;
export type ErrorHandlerConfig = z.infer<typeof ErrorHandlerSchema>;
export type ResponseActionConfig = z.infer<typeof ResponseActionSchema>;
export type WriteDisposition = z.infer<typeof WriteDispositionSchema>;
export type ColumnConfig = z.infer<typeof ColumnSchema>;
export type SecretRef = z.infer<typeof SecretRefSchema>;
export type ConfigRef = z.infer<typeof ConfigRefSchema>;
export type PythonExpr = z.infer<typeof PythonExprSchema>;
export type FormatRef = z.infer<typeof FormatRefSchema>;
export type StrOrRef = string | SecretRef | ConfigRef | FormatRef;
