/**
 * The `/api/duckdb/*` contract: the playground keeps its destination in the page; the server holds a
 * copy per session (`sessions.ts`) for the SQL console and the downloads. A request names the
 * session and the destination's revision; when the server does not hold that revision (a new run,
 * a restart, an evicted session) it answers 409 `destination_unknown` and the page sends the state
 * again (`sync`). Request bodies are checked here; responses are typed for the page.
 */
import { z } from "zod";
import type { SqlOutcome } from "./console";

export const DUCK_ERROR_CODES = [
  "bad_request",
  "payload_too_large",
  "destination_unknown",
  "unknown_table",
  "server_busy",
  "cross_site_request",
  "unsupported_media_type",
  "host_not_allowed",
  "load_fails",
  "internal_error",
] as const;
export type DuckErrorCode = (typeof DUCK_ERROR_CODES)[number];

export interface DuckApiError {
  readonly code: DuckErrorCode;
  readonly message: string;
}

/** The state may be large (every row of every table): 64 MB by default (RESTPLAY_DUCKDB_MAX_BYTES). */
export const DEFAULT_SYNC_MAX_BYTES = 64 * 1024 * 1024;
export const SMALL_BODY_BYTES = 64 * 1024;

const Session = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "a session id of 8–64 letters, digits, - or _");
const Revision = z.string().max(200);

export const SyncBody = z.strictObject({ session: Session, revision: Revision, state: z.unknown() });
export const QueryBody = z.strictObject({ session: Session, revision: Revision, sql: z.string().max(20_000) });
export const FILE_FORMATS = ["duckdb", "csv", "parquet", "jsonl"] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];
export const FileBody = z.strictObject({
  session: Session,
  revision: Revision,
  format: z.enum(FILE_FORMATS),
  /** The table, for csv / parquet / jsonl. */
  table: z.string().max(10_000).optional(),
});

export type SyncRequest = z.infer<typeof SyncBody>;
export type QueryRequest = z.infer<typeof QueryBody>;
export type FileRequest = z.infer<typeof FileBody>;

/** What `/api/duckdb/query` answers (200): the outcome of the one statement. */
export type QueryResponse = SqlOutcome;

/** A body as one of the contract's requests, or the message that names what is wrong. */
export function checkBody<T>(schema: z.ZodType<T>, json: unknown): { ok: true; body: T } | { ok: false; message: string } {
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, body: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `The request body is not valid: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` };
}

/** The download's file name. */
export function fileName(format: FileFormat, table?: string): string {
  if (format === "duckdb") return "rest_api_pipeline.duckdb";
  return `${(table ?? "table").replace(/[^\w.-]+/g, "_")}.${format}`;
}

export const FILE_TYPES: Readonly<Record<FileFormat, string>> = {
  duckdb: "application/octet-stream",
  csv: "text/csv; charset=utf-8",
  parquet: "application/vnd.apache.parquet",
  jsonl: "application/x-ndjson; charset=utf-8",
};
