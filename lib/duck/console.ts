/**
 * The SQL console's one query: a single read-only statement (DuckDB says whether it is a SELECT:
 * `WITH`, `FROM`, `DESCRIBE`, `SHOW`, `SUMMARIZE`, `VALUES`, `PRAGMA table_info` all are), run with
 * a time limit and a row cap, on a database that can reach no file or network (`database.ts`).
 * Anything else is refused before it runs, and every error says where in the query it is.
 */
import { DuckDBBlobValue, JsonDuckDBValueConverter, StatementType, type DuckDBConnection } from "@duckdb/node-api";
import type { DuckDBValueConverter } from "@duckdb/node-api";
import type { Json } from "../engine";
import { blobText } from "./ddl";
import { errorOffset, errorText } from "./errors";
import { splitStatements } from "./statements";
import { rowWeight } from "./weigh";

export const MAX_RESULT_ROWS = 50_000;
export const QUERY_TIMEOUT_MS = 10_000;

/** First words of statements that may be reads; DuckDB's statement type decides (`EXPLAIN` and most `PRAGMA`s are not). */
const READING_KEYWORDS = new Set([
  "SELECT",
  "WITH",
  "FROM",
  "VALUES",
  "TABLE",
  "DESCRIBE",
  "DESC",
  "SHOW",
  "SUMMARIZE",
  "PRAGMA",
  "PIVOT",
  "UNPIVOT",
  "(",
]);

/** Every code a refused or failed SQL console query answers with (docs/diagnostics.md lists them). */
export const SQL_ERROR_CODES = ["empty_query", "one_statement", "not_read_only", "sql_error", "timeout"] as const;
export type SqlErrorCode = (typeof SQL_ERROR_CODES)[number];

export interface SqlError {
  readonly code: SqlErrorCode;
  readonly message: string;
  /** Offsets into the query (UTF-16), when DuckDB or the check knows the spot. */
  readonly start?: number;
  readonly end?: number;
}

export interface SqlResult {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** Values as JSON: big integers, decimals and timestamps as DuckDB spells them. */
  readonly rows: readonly (readonly Json[])[];
  /** More rows than `MAX_RESULT_ROWS`, or more than `MAX_RESULT_BYTES` of values, matched; only the first are here. */
  readonly truncated: boolean;
  readonly elapsed_ms: number;
}

export type SqlOutcome = { readonly ok: true; readonly result: SqlResult } | { readonly ok: false; readonly error: SqlError };

const fail = (code: SqlErrorCode, message: string, start?: number, end?: number): SqlOutcome => ({
  ok: false,
  error: { code, message, ...(start !== undefined ? { start, end: end ?? start + 1 } : {}) },
});

function located(e: unknown, sql: string, code: SqlErrorCode = "sql_error"): SqlOutcome {
  const message = e instanceof Error ? e.message : String(e);
  const at = errorOffset(message, sql);
  const word = at === null ? null : /^[\w."]+/.exec(sql.slice(at));
  return fail(
    code,
    errorText(message.replace(/^Failed to extract statements: /, "")),
    at ?? undefined,
    at === null ? undefined : at + Math.max(1, word?.[0].length ?? 1),
  );
}

/** Checks that `sql` is one read-only statement (nothing runs), or says what is wrong and where. */
export async function checkReadOnly(conn: DuckDBConnection, sql: string): Promise<SqlOutcome | null> {
  const spans = splitStatements(sql);
  const first = spans[0];
  if (!first) return fail("empty_query", "Type a SELECT statement to query the destination's tables.");
  const second = spans[1];
  if (second) return fail("one_statement", "Run one statement at a time: the console runs a single SELECT.", second.start, second.end);
  const notReadOnly = (kind: string) =>
    fail(
      "not_read_only",
      `${first.keyword} is not allowed: the console only reads — use SELECT, WITH, DESCRIBE, SHOW or SUMMARIZE` +
        (kind === first.keyword ? "." : ` (DuckDB reads this as a ${kind} statement).`),
      first.start,
      first.start + first.keyword.length,
    );
  // Statements that cannot read are refused by their first word (DuckDB may not even prepare them here).
  if (!READING_KEYWORDS.has(first.keyword)) return notReadOnly(first.keyword);
  let type: StatementType;
  try {
    const extracted = await conn.extractStatements(sql);
    const prepared = await extracted.prepare(0);
    type = prepared.statementType;
    prepared.destroySync();
  } catch (e) {
    return located(e, sql);
  }
  if (type !== StatementType.SELECT) return notReadOnly(StatementType[type] ?? first.keyword);
  return null;
}

/** Bytes of the result's values as JSON text, at most: a result past it is cut (a few long values are enough). */
export const MAX_RESULT_BYTES = 8 * 1024 * 1024;

/** The size of a row's values as JSON text, about (strings by their length, the rest as written). */
const rowBytes = (row: readonly Json[]): number => {
  let n = 2;
  for (const v of row)
    n += (typeof v === "string" ? v.length + 2 : v === null || typeof v !== "object" ? String(v).length : JSON.stringify(v).length) + 1;
  return n;
};

/** DuckDB's JSON of a value, a BLOB (in a list or struct too) as `blobText`, as the grid shows binary cells. */
const toJson: DuckDBValueConverter<Json> = (value, type, converter) =>
  value instanceof DuckDBBlobValue ? blobText(value.bytes) : JsonDuckDBValueConverter(value, type, converter);

/**
 * Runs one read-only query and returns at most `MAX_RESULT_ROWS` rows and `MAX_RESULT_BYTES` of values,
 * chunk by chunk: the time limit holds between chunks too (DuckDB's interrupt stops the query, not the
 * conversion of what it returned), and the result is cut as soon as a limit is passed.
 */
export async function runReadOnly(
  conn: DuckDBConnection,
  sql: string,
  limits = { rows: MAX_RESULT_ROWS, ms: QUERY_TIMEOUT_MS, bytes: MAX_RESULT_BYTES },
): Promise<SqlOutcome> {
  const started = performance.now();
  let timedOut = false;
  // Armed before the check: preparing folds constants, and `SELECT length(list_transform(range(0, 8000000), …))`
  // spent seconds there, outside the limit (the interrupt stops a prepare too).
  const timer = setTimeout(() => {
    timedOut = true;
    conn.interrupt();
  }, limits.ms);
  const late = () => fail("timeout", `The query ran longer than ${limits.ms / 1000} s and was stopped: add a LIMIT or a WHERE clause.`);
  try {
    const refused = await checkReadOnly(conn, sql);
    if (timedOut) return late();
    if (refused) return refused;
    const result = await conn.stream(sql);
    const columns = result.columnNames().map((name, i) => ({ name, type: String(result.columnType(i)) }));
    const rows: Json[][] = [];
    let bytes = 0;
    let truncated = false;
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      if (timedOut || performance.now() - started > limits.ms) return late();
      // Row by row, each weighed on DuckDB's vectors first (`weigh.ts`): a chunk or one cell too big
      // for the limit is cut before it is converted, on the thread every other request needs.
      const vectors = columns.map((_, i) => chunk.getColumnVector(i));
      for (let r = 0; r < chunk.rowCount; r++) {
        if (rows.length >= limits.rows || bytes + rowWeight(vectors, r, limits.bytes - bytes) > limits.bytes) {
          truncated = true;
          break;
        }
        const row = chunk.convertRowValues(r, toJson) as Json[];
        bytes += rowBytes(row);
        if (bytes > limits.bytes) {
          truncated = true;
          break;
        }
        rows.push(row);
      }
      if (truncated) break;
    }
    return { ok: true, result: { columns, rows, truncated, elapsed_ms: Math.round(performance.now() - started) } };
  } catch (e) {
    if (timedOut) return late();
    return located(e, sql);
  } finally {
    clearTimeout(timer);
  }
}
