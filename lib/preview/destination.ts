/**
 * The destination the preview loads into, kept across runs by its caller (the playground per
 * session, the CLI per `--state-dir`): dlt's schema (tables, columns, hints) and each table's rows
 * after the last successful load. The state is plain JSON (`state()`), so it can be stored, sent and
 * later mirrored into a real database (DuckDB); `reset()` empties it.
 */
import type { DataRecord } from "../engine/types";
import { getOwn, type SideTables } from "../shared";
import { Schema, type TableSchemaJson } from "./schema";
import { adoptSpelling } from "./values";
import { destinationFault } from "./destination-check";

export const DESTINATION_STATE_VERSION = 1;

/** Everything a destination holds, as JSON. Big integers beyond 2^53 are digit strings in bigint columns. */
export interface DestinationState {
  readonly version: typeof DESTINATION_STATE_VERSION;
  /** The identifier limit its names were made with (`null`: none, as duckdb's 65,536). */
  readonly max_identifier_length: number | null;
  /** Load ids of the successful loads, oldest first. */
  readonly loads: readonly string[];
  readonly schema: readonly TableSchemaJson[];
  /** Rows per table, in storage order. */
  readonly rows: Readonly<Record<string, readonly DataRecord[]>>;
  /**
   * The schema after each load that changed it, oldest first: dlt stores a new version of its schema
   * (a `_dlt_version` row) each time, and each load names the version it loaded with. Absent in states
   * written before it was kept: the schema above is then the one version.
   */
  readonly versions?: readonly SchemaVersion[];
}

export interface SchemaVersion {
  /** The load that made this version. */
  readonly load: string;
  readonly schema: readonly TableSchemaJson[];
}

export interface Destination {
  readonly maxIdentifierLength: number | null;
  /** A copy of the schema for a run to evolve (committed only if the run loads). */
  schema(): Schema;
  rows(): ReadonlyMap<string, readonly DataRecord[]>;
  lastLoadId(): string | null;
  /** Changes with every load and every reset (`destinationRevision`): a copy kept elsewhere names it. */
  revision(): string;
  /** A successful load: its schema and the tables' rows after it. */
  commit(schema: Schema, rows: ReadonlyMap<string, readonly DataRecord[]>, loadId: string): void;
  /** Whether committing `next` would store a new schema version (`versions`: dlt's `_dlt_version`). */
  schemaChangedBy(next: Schema): boolean;
  state(): DestinationState;
  reset(): void;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A stored state as the destination reads it back, or why it is not one (another version, damaged, hand-edited). */
export type StateRead =
  { readonly state: DestinationState; readonly fault?: undefined } | { readonly state?: undefined; readonly fault: string };

/** dlt's load ids as the destination makes them (`nextLoadId`): seconds, with a fraction. */
const LOAD_ID = /^\d{1,15}(?:\.\d{1,9})?$/;

/** The first fault of a list of tables (the schema, or a version's), or `null`. */
function tablesFault(tables: unknown, what: string): string | null {
  if (!Array.isArray(tables)) return `${what} is not a list of tables`;
  for (const [i, t] of tables.entries())
    if (!isRecord(t) || typeof t.name !== "string" || !Array.isArray(t.columns))
      return `${what}: table ${i + 1} is not a table (a \`name\` and a list of \`columns\`)`;
  return null;
}

/** Reads a stored state back: its shape, then every table, column and cell (`destinationFault`). */
export function readDestinationState(json: unknown): StateRead {
  if (!isRecord(json) || json.version !== DESTINATION_STATE_VERSION)
    return { fault: `it is not restplay's destination (version ${DESTINATION_STATE_VERSION})` };
  const limit = json.max_identifier_length;
  if (limit !== null && typeof limit !== "number") return { fault: "`max_identifier_length` is not a number or null" };
  // Each load id becomes a timestamp in `_dlt_loads` and `_dlt_version`: `1e400` or `abc` failed the SQL console's load.
  if (!Array.isArray(json.loads) || json.loads.some((l) => typeof l !== "string" || !LOAD_ID.test(l)))
    return { fault: "`loads` is not a list of load ids (seconds since 1970, as `1700000000.123456`)" };
  const schemaFault = tablesFault(json.schema, "`schema`");
  if (schemaFault !== null) return { fault: schemaFault };
  if (!isRecord(json.rows)) return { fault: "`rows` is not an object of tables" };
  for (const [name, rows] of Object.entries(json.rows))
    if (!Array.isArray(rows)) return { fault: `the rows of \`${name}\` are not a list` };
  const versions = json.versions;
  // A set: a client's state may list a million loads and versions (`includes` per version was quadratic).
  const loads = new Set(json.loads as readonly string[]);
  const badVersion = (v: unknown) => !isRecord(v) || typeof v.load !== "string" || !loads.has(v.load) || !Array.isArray(v.schema);
  if (versions !== undefined && (!Array.isArray(versions) || versions.some(badVersion)))
    return { fault: "`versions` is not a list of the schema after a load (`load`, `schema`)" };
  const state = json as unknown as DestinationState;
  // A version's schema is loaded into `_dlt_version` as the schema is: the same checks, so it cannot fail the load instead.
  for (const [i, v] of (state.versions ?? []).entries()) {
    const fault = tablesFault(v.schema, `version ${i + 1}'s schema`) ?? destinationFault(v.schema, {});
    if (fault !== null) return { fault: fault.startsWith("version") ? fault : `version ${i + 1}'s schema: ${fault}` };
  }
  const fault = destinationFault(state.schema, state.rows);
  return fault === null ? { state } : { fault };
}

/**
 * A state read back from text with the engine's lossless parse (`parseLossless`, its side `tables`): the
 * json cells take their number spellings (`46.0`, integers beyond 2^53) and key orders from it, as
 * `stringifyJson` wrote them.
 */
export function adoptStateSpellings(state: DestinationState, tables: SideTables): void {
  for (const t of state.schema) {
    const json = t.columns.filter((c) => c.data_type === "json").map((c) => c.name);
    if (json.length === 0) continue;
    for (const row of state.rows[t.name] ?? []) for (const c of json) adoptSpelling(getOwn(row, c), tables.texts, tables.orders);
  }
}

/**
 * The schema's tables after a load, in the order dlt's stored schema has them: the tables it had, then
 * the load's new root tables (dlt's extract step adds them) and then its new nested tables (added by
 * the normalize step, which runs after the whole extract).
 */
function loadOrder(had: ReadonlySet<string>, tables: readonly TableSchemaJson[]): TableSchemaJson[] {
  const fresh = tables.filter((t) => !had.has(t.name));
  return [...tables.filter((t) => had.has(t.name)), ...fresh.filter((t) => t.parent === null), ...fresh.filter((t) => t.parent !== null)];
}

export function createDestination(options: { state?: DestinationState | null; maxIdentifierLength?: number | null } = {}): Destination {
  const limit = options.state?.max_identifier_length ?? options.maxIdentifierLength ?? null;
  let schema = Schema.from(options.state?.schema ?? []);
  let rows = new Map<string, readonly DataRecord[]>(Object.entries(options.state?.rows ?? {}));
  let loads: string[] = [...(options.state?.loads ?? [])];
  let versions: SchemaVersion[] = [...(options.state?.versions ?? [])];
  const schemaChangedBy = (next: Schema): boolean => {
    const json = Schema.from(loadOrder(new Set(schema.tables.keys()), next.toJSON())).toJSON();
    const last = versions[versions.length - 1];
    return !last || JSON.stringify(last.schema) !== JSON.stringify(json);
  };
  return {
    maxIdentifierLength: limit,
    schema: () => Schema.from(schema.toJSON()),
    rows: () => rows,
    lastLoadId: () => loads[loads.length - 1] ?? null,
    revision: () => destinationRevision({ loads }),
    commit(next, nextRows, loadId) {
      const changed = schemaChangedBy(next);
      schema = Schema.from(loadOrder(new Set(schema.tables.keys()), next.toJSON()));
      rows = new Map(nextRows);
      loads = [...loads, loadId];
      if (changed) versions = [...versions, { load: loadId, schema: schema.toJSON() }];
    },
    schemaChangedBy,
    state: () => ({
      version: DESTINATION_STATE_VERSION,
      max_identifier_length: limit,
      loads,
      schema: schema.toJSON(),
      rows: Object.fromEntries(rows),
      versions,
    }),
    reset() {
      schema = new Schema();
      rows = new Map();
      loads = [];
      versions = [];
    },
  };
}

/** The revision of a destination: its loads (a new load and a reset always change it). */
export const destinationRevision = (state: Pick<DestinationState, "loads">): string =>
  `${state.loads.length}:${state.loads[state.loads.length - 1] ?? "-"}`;

/** dlt's load id: the load's start time in seconds with microseconds, always after the last one. */
export function nextLoadId(at: number, last: string | null): string {
  const seconds = Math.max(at / 1000, last === null ? 0 : Number(last) + 1e-6);
  return seconds.toFixed(6);
}
