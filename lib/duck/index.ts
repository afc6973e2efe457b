/**
 * lib/duck: the destination in a real DuckDB, laid out as dlt's duckdb destination lays it out
 * (decision 0019). Node only (`@duckdb/node-api`): the server's SQL console and downloads, the CLI's
 * `--duckdb`, tests. The browser imports its types only.
 */
export { DATASET, PIPELINE_FILE, createStatements, ident, qualified } from "./ddl";
export { duckType, dltType } from "../preview";
export { DuckLoadError, loadIntoDuckDb, versionHash, type LoadOptions } from "./load";
export {
  duckDbFileBytes,
  openLockedDatabase,
  replaceableByDuckDb,
  tableFileBytes,
  writeDuckDbFile,
  type LockedDatabase,
  type TableFormat,
} from "./database";
export {
  MAX_RESULT_BYTES,
  MAX_RESULT_ROWS,
  checkReadOnly,
  runReadOnly,
  SQL_ERROR_CODES,
  type SqlError,
  type SqlErrorCode,
  type SqlOutcome,
  type SqlResult,
} from "./console";
export { readLayout, readRows, type DuckColumn, type DuckTable } from "./inspect";
export { splitStatements, lineColumn, type StatementSpan } from "./statements";
export {
  DEFAULT_SYNC_MAX_BYTES,
  DUCK_ERROR_CODES,
  FILE_FORMATS,
  FILE_TYPES,
  FileBody,
  QueryBody,
  SMALL_BODY_BYTES,
  SyncBody,
  checkBody,
  fileName,
  type DuckApiError,
  type DuckErrorCode,
  type FileFormat,
  type FileRequest,
  type QueryRequest,
  type QueryResponse,
  type SyncRequest,
} from "./contract";
export { DuckSession, DuckSessions, type SessionLimits } from "./sessions";
