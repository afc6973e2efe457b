/**
 * The spec mock's input: a small, strict description of an API as its OpenAPI document (or a sample
 * response) describes it — base URL, auth scheme, and per GET endpoint the record shape, examples, the
 * envelope and how the API pages. lib/importers derives it from the document; the run request carries
 * it (`mock_spec`, lib/run/contract.ts); the handlers in ./handlers.ts implement it server-side on their
 * own, never with the engine (ARCHITECTURE rule 4). Every list and string is bounded: it arrives from
 * the browser.
 */
import { z } from "zod";
import { MAX_ENDPOINT_VALUES, MAX_EXAMPLE_CHARS, MAX_MOCK_URL, MAX_RECORD_VALUES, mockPathProblem, recordValues } from "../../shared";

/** A field path inside a response body, e.g. `["meta", "total"]`; `[]` is the body itself. */
const FieldPath = z.array(z.string().min(1).max(100)).max(6);
const Name = z.string().min(1).max(100);
const Size = z.int().min(1).max(1000);

/** A record shape: the subset of JSON Schema the generator needs. */
export type MockShape =
  | { readonly type: "object"; readonly properties: Readonly<Record<string, MockShape>> }
  | { readonly type: "array"; readonly items: MockShape }
  | {
      readonly type: "string";
      readonly format?: string | undefined;
      readonly enum?: readonly string[] | undefined;
      readonly example?: string | undefined;
    }
  | {
      readonly type: "integer" | "number";
      readonly minimum?: number | undefined;
      readonly maximum?: number | undefined;
      readonly example?: number | undefined;
    }
  | { readonly type: "boolean" }
  | { readonly type: "null" };

export const MockShapeSchema: z.ZodType<MockShape> = z.lazy(() =>
  z.union([
    z.strictObject({
      type: z.literal("object"),
      properties: z.record(Name, MockShapeSchema).refine((p) => Object.keys(p).length <= 100, "at most 100 properties"),
    }),
    z.strictObject({ type: z.literal("array"), items: MockShapeSchema }),
    z.strictObject({
      type: z.literal("string"),
      format: z.string().max(40).optional(),
      enum: z.array(z.string().max(200)).max(50).optional(),
      example: z.string().max(500).optional(),
    }),
    z.strictObject({
      type: z.enum(["integer", "number"]),
      minimum: z.number().optional(),
      maximum: z.number().optional(),
      example: z.number().optional(),
    }),
    z.strictObject({ type: z.literal("boolean") }),
    z.strictObject({ type: z.literal("null") }),
  ]),
);

/** How the API pages, as the spec describes it; the mock pages exactly so. */
export const MockPagingSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("none") }),
  z.strictObject({
    kind: z.literal("offset"),
    offset_param: Name,
    limit_param: Name,
    default_limit: Size,
    total_path: FieldPath.optional(),
  }),
  z.strictObject({
    kind: z.literal("page"),
    page_param: Name,
    size_param: Name.optional(),
    default_size: Size,
    base_page: z.int().min(0).max(1),
    total_pages_path: FieldPath.optional(),
    total_items_path: FieldPath.optional(),
  }),
  z.strictObject({
    kind: z.literal("cursor"),
    cursor_param: Name,
    next_cursor_path: FieldPath.min(1),
    size_param: Name.optional(),
    default_size: Size,
  }),
  // Stripe's way: the page after the record whose key the parameter names, and `has_more`.
  z.strictObject({
    kind: z.literal("after_key"),
    cursor_param: Name,
    key: Name,
    has_more_path: FieldPath.min(1).optional(),
    size_param: Name.optional(),
    default_size: Size,
  }),
  z.strictObject({ kind: z.literal("next_url"), next_url_path: FieldPath.min(1), page_param: Name, default_size: Size }),
  z.strictObject({ kind: z.literal("link_header"), page_param: Name, size_param: Name.optional(), default_size: Size }),
]);
export type MockPaging = z.infer<typeof MockPagingSchema>;

const JsonRecord = z
  .record(z.string().max(200), z.json())
  .refine((r) => JSON.stringify(r).length <= MAX_EXAMPLE_CHARS, `an example is at most ${MAX_EXAMPLE_CHARS} characters of JSON`);

/** Records the mock builds for an endpoint (per parent for a nested path): an entity is one. */
export const recordsOf = (e: { readonly kind: "collection" | "entity"; readonly count: number }): number =>
  e.kind === "entity" ? 1 : e.count;

const MockEndpointFields = z.strictObject({
  /** Path below the base URL with `{name}` path parameters, e.g. `/users/{user_id}/posts`. */
  path: z.string().superRefine((path, ctx) => {
    const problem = mockPathProblem(path);
    if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
  }),
  /** `collection`: a list of records; `entity`: one record (a detail endpoint). */
  kind: z.enum(["collection", "entity"]),
  /** Where the records sit in the body (`[]`: the body is the list). */
  records_path: FieldPath,
  record: MockShapeSchema,
  /** Example records from the spec: used as templates, in order. */
  examples: z.array(JsonRecord).max(20),
  /** Records in the collection (per parent record for a nested path). */
  count: z.int().min(0).max(500),
  paging: MockPagingSchema,
  /** Query parameters that filter records, e.g. `since` → `updated_at >= since`. */
  filters: z.array(z.strictObject({ param: Name, field: FieldPath.min(1), op: z.enum(["gte", "lte"]) })).max(5),
});

/** An endpoint whose records the mock can build: a small body must not ask for gigabytes (bounded like every other input). */
export const MockEndpointSchema = MockEndpointFields.superRefine((e, ctx) => {
  const values = recordValues(e.record);
  if (values > MAX_RECORD_VALUES)
    ctx.addIssue({
      code: "custom",
      path: ["record"],
      message:
        `a record of this shape holds more than ${MAX_RECORD_VALUES} values ` + "(an array's items count twice), more than the mock builds",
    });
  else if (recordsOf(e) * values > MAX_ENDPOINT_VALUES)
    ctx.addIssue({
      code: "custom",
      path: ["count"],
      message: `${e.count} records of ${values} values each are more than the mock builds for one endpoint (${MAX_ENDPOINT_VALUES} values)`,
    });
});
export type MockEndpoint = z.infer<typeof MockEndpointSchema>;

export const MockAuthSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("none") }),
  z.strictObject({ kind: z.literal("bearer") }),
  z.strictObject({ kind: z.literal("basic") }),
  z.strictObject({ kind: z.literal("api_key"), name: Name, location: z.enum(["header", "query"]) }),
  z.strictObject({ kind: z.literal("oauth2"), token_url: z.url({ protocol: /^https?$/ }).max(500) }),
]);
export type MockAuth = z.infer<typeof MockAuthSchema>;

export const MockSpecSchema = z.strictObject({
  title: z.string().max(200),
  /** Absolute http(s) URL the endpoints' paths are joined to. */
  base_url: z.url({ protocol: /^https?$/ }).max(MAX_MOCK_URL),
  auth: MockAuthSchema,
  endpoints: z.array(MockEndpointSchema).min(1).max(200),
});
export type MockSpec = z.infer<typeof MockSpecSchema>;
