/**
 * The preview: engine events in, the destination's tables out, as dlt would leave them after this
 * run. The table hints come from the `resource_start` events (the preview needs no config); the
 * destination (`destination.ts`) is the caller's, so run 2 shows the tables after both loads.
 * A run is loaded (committed to the destination) when its `done` event says `ok` and dlt's load does not
 * fail it (a `schema_contract` freeze, a NOT NULL column DuckDB cannot add): when extraction or the load
 * fails, dlt loads nothing, and the next run starts from the last successful load (its cursors from the failed
 * run's when only a load job failed: `cursorsMoved`).
 */
import type { EngineEvent, IncrementalState } from "../engine/types";
import { createDestination, nextLoadId, type Destination } from "./destination";
import { applyLoad, type LoadResult } from "./load";
import { PendingLoad } from "./pending";
import { buildTables, loadedRecords } from "./view";
import type { PreviewResource, PreviewTable } from "./types";
import type { RecordFinding } from "../config/findings";
import { recordFindings } from "./findings";
import { LOAD_REFUSALS } from "./failures";
import { setOwn } from "../shared";

export interface PreviewOptions {
  /** Where the loads go; keep it across runs. Default: a fresh, empty destination. */
  readonly destination?: Destination;
  /**
   * Keep at most this many rows per table, and count the rest exactly (`PreviewTableData.total_rows`,
   * `changes`, `stats`; the schema is inferred from every row). For a caller that shows the first rows
   * of one run and keeps nothing (the CLI's text output): the destination it loads into keeps the
   * window only, so it takes no `destination` and one run. A table merged with `dedup_sort` keeps every
   * row (its winners are known only at the end). `findings()` covers the rows kept.
   */
  readonly window?: number;
  /**
   * The incremental state this run starts from (what the engine was given). With it, a run that ends ok but extracts
   * nothing, truncates no `replace` table and changes neither the schema nor that state makes no load, as dlt makes no
   * load package then (no `_dlt_loads` row; checked with dlt 1.26.0): `packageless()`. Without it every such run loads.
   */
  readonly incrementalBefore?: Readonly<Record<string, IncrementalState>>;
}

export interface Preview {
  /** Feed every engine event: `run_start` begins a load, `resource_start` and `page` fill it, `done` loads it. */
  push(event: EngineEvent): void;
  /** The destination's tables after this run's load, root tables in the order they were created. Cached until the next change. */
  tables(): PreviewTable[];
  table(name: string): PreviewTable | undefined;
  /** The resources of this run, in the order they started. */
  resources(): PreviewResource[];
  /** Whether this run was loaded into the destination (its `done` event said `ok`, and dlt's load does not fail it: `refusal`). */
  loaded(): boolean;
  /**
   * Why dlt's load fails this run though it ran to the end, `null` when it does not: a `schema_contract`
   * freeze the data breaks, or a NOT NULL column DuckDB cannot add to a loaded table. Said as the end of
   * "dlt fails the load on …". A refused run loads nothing, as a failed one.
   */
  refusal(): string | null;
  /**
   * The incremental state for the next run: `before` with this run's `incremental` events applied when
   * dlt's next `pipeline.run` extracts from them, else `before` itself (`cursorsMoved`).
   */
  incrementalState(before: Readonly<Record<string, IncrementalState>>): Record<string, IncrementalState>;
  /**
   * Whether this run moves the cursors for the next one: it was loaded, or dlt's load step failed on a value DuckDB
   * refuses (`LOAD_REFUSALS.load`). dlt commits a source's state with its extract step; a failed load job aborts the
   * package, so the next run asks from the cursor the failed one reached (its records are never loaded; checked with
   * dlt 1.26.0 on DuckDB). A run whose extract fails (or is cancelled) keeps the state it had. One whose normalize step
   * or schema migration fails leaves the package pending in dlt: its next run sends no request, retries the package and
   * fails the same way, or, when nothing was ever loaded, wipes the pipeline and starts from `initial_value`; keeping
   * the cursors where they were is the nearest a run that requests again can come (the same records fail the same way).
   */
  cursorsMoved(): boolean;
  /** Whether this run ended ok with nothing for dlt to load (`PreviewOptions.incrementalBefore`): no load was committed. */
  packageless(): boolean;
  /** What this run's records say about the config (primary key, cursor, type hints), for Problems. */
  findings(): RecordFinding[];
  readonly destination: Destination;
}

/**
 * Why dlt fails a run that ran to the end before it loads anything: its contract; a record its extract
 * step (an integer beyond 64 bits, a lone surrogate) or its normalize step (null in a not-null column,
 * a value a column cannot hold and no variant may take, a key with no name, a missing key hash) fails
 * on; a table with rows in it that gets a NOT NULL column an earlier load did not make (dlt migrates
 * the tables a load has jobs for first, in one transaction: DuckDB refuses `ADD COLUMN … NOT NULL`); or a
 * value DuckDB refuses in the load step (its table's job fails and the load is not completed: no
 * `_dlt_loads` row, the package pending; decision 0033, amended).
 */
function loadRefusal(p: PendingLoad): string | null {
  if (p.contracts.loadFails) return LOAD_REFUSALS.schema_contract;
  if (p.problems.failedSteps.has("extract")) return LOAD_REFUSALS.extract;
  const jobs = [...p.schema.tables.values()].filter((t) => (p.pkg.rows.get(t.name)?.length ?? 0) > 0);
  // A not-null column rows have no value in: dlt's normalize step fails on it when no row gives it a type
  // (seed 004's `primary_key: "id"`: `UnboundColumnException`), DuckDB refuses the rows when one does.
  let absentTyped = false;
  for (const t of jobs)
    for (const column of p.absent(t.name).keys()) {
      const c = t.columns.get(column);
      if (c?.nullable !== false) continue;
      if (c.data_type === undefined) return LOAD_REFUSALS.normalize;
      absentTyped = true;
    }
  if (p.problems.failedSteps.has("normalize") || p.nameless.size > 0) return LOAD_REFUSALS.normalize;
  if (jobs.some((t) => p.loadedTypes.addedNotNull(t).length > 0)) return LOAD_REFUSALS.not_null_column;
  if (p.problems.failedSteps.has("load") || absentTyped) return LOAD_REFUSALS.load;
  return null;
}

/**
 * Whether dlt makes a load package of this run (`Pipeline.extract`: items extracted, or a new schema or state to
 * store; checked with dlt 1.26.0): the first load always; a resource that yielded records; a `replace` root whose
 * resource yielded nothing, which dlt empties with an empty file's job once its table has columns; a schema
 * that differs from the stored one; an incremental state that differs from the one the run started from.
 */
function makesPackage(
  p: PendingLoad,
  destination: Destination,
  incremental: ReadonlyMap<string, IncrementalState | null>,
  before: Readonly<Record<string, IncrementalState>> | undefined,
): boolean {
  if (before === undefined || destination.lastLoadId() === null || p.pkg.yielded.size > 0) return true;
  for (const root of p.pkg.roots)
    if (p.schema.table(root)?.write_disposition === "replace" && p.schema.chain(root).some((t) => t.seen_data)) return true;
  if (destination.schemaChangedBy(p.schema)) return true;
  for (const [resource, state] of incremental) {
    if (state === null) continue;
    const was = Object.hasOwn(before, resource) ? before[resource] : undefined;
    if (was === undefined || stateKey(was) !== stateKey(state)) return true;
  }
  return false;
}

/** An incremental state as dlt compares it (its fields, the boundary digests as a set). */
const stateKey = (s: IncrementalState): string =>
  JSON.stringify([s.cursor_path, s.initial_value, s.last_value, [...(s.unique_hashes ?? [])].sort()]);

export function createPreview(options: PreviewOptions = {}): Preview {
  const window = options.window ?? null;
  if (window !== null && options.destination) throw new Error("a windowed preview loads into a destination of its own");
  const destination = options.destination ?? createDestination();
  let pending: PendingLoad | null = null;
  let result: LoadResult | null = null;
  let cached: PreviewTable[] | null = null;
  let loaded = false;
  let packageless = false;
  let refusal: string | null = null;
  /** Each resource's incremental `cursor_path` (from its `incremental` event). */
  const cursors = new Map<string, string>();
  /** This run's incremental state by resource (`null`: the resource keeps none), applied once the run is loaded. */
  const incremental = new Map<string, IncrementalState | null>();

  const cursorsMoved = () => loaded || refusal === LOAD_REFUSALS.load;
  const current = (at = 0): PendingLoad => {
    pending ??= new PendingLoad(destination, nextLoadId(at, destination.lastLoadId()), window);
    return pending;
  };
  const changed = () => {
    result = null;
    cached = null;
  };
  const loadResult = (p: PendingLoad): LoadResult => {
    result ??= applyLoad(p.schema, destination.rows(), p.pkg);
    return result;
  };

  return {
    destination,
    push(event) {
      switch (event.type) {
        case "run_start":
          if (window !== null && destination.lastLoadId() !== null) throw new Error("a windowed preview holds one run");
          cursors.clear();
          incremental.clear();
          pending = new PendingLoad(destination, nextLoadId(event.at, destination.lastLoadId()), window);
          loaded = false;
          packageless = false;
          refusal = null;
          changed();
          break;
        case "resource_start":
          current().start(event);
          changed();
          break;
        case "page":
          current().add(event.resource, event.records, event.number_text, event.key_order);
          if (event.records.length > 0) changed();
          break;
        case "incremental":
          cursors.set(event.resource, event.cursor_path);
          incremental.set(event.resource, event.state);
          break;
        case "done": {
          const p = current();
          // A run dlt's load fails (a `schema_contract` freeze, a column DuckDB cannot add) loads nothing, as a failed run.
          refusal = event.ok ? loadRefusal(p) : null;
          if (event.ok && !loaded && refusal === null) {
            packageless = !makesPackage(p, destination, incremental, options.incrementalBefore);
            if (!packageless) destination.commit(p.schema, loadResult(p).rows, p.loadId);
            loaded = true;
            cached = null;
          }
          break;
        }
        default:
          break;
      }
    },
    tables() {
      if (cached) return cached;
      const p = current();
      cached = buildTables(p, loadResult(p), loaded);
      return cached;
    },
    table(name) {
      return this.tables().find((t) => t.table_name === name);
    },
    resources() {
      const tables = new Map(this.tables().map((t) => [t.table_name, t]));
      return [...current().resources.values()].map((r) => {
        const table = r.table === null ? undefined : tables.get(r.table);
        const records = table ? loadedRecords(current(), loadResult(current()), table, r.resource) : [];
        const warnings = [...r.warnings];
        if (r.missingKey > 0 && r.candidates) warnings.push(r.candidates.message(r.resource, r.missingKey, r.fetched));
        // A table that got no rows (a contract dropped them all) is not shown: what its tables met is told here.
        if (r.table !== null && table === undefined)
          for (const t of current().schema.chain(r.table))
            for (const p of current().problems.byTable.get(t.name) ?? []) warnings.push(`${t.name}: ${p}`);
        const loaded = r.table !== null && current().counts.has(r.table) ? r.kept : records.length;
        return { resource: r.resource, table_name: r.table, fetched: r.fetched, records, loaded, warnings };
      });
    },
    loaded: () => loaded,
    packageless: () => packageless,
    refusal: () => refusal,
    cursorsMoved,
    incrementalState(before) {
      if (!cursorsMoved()) return { ...before };
      const out: Record<string, IncrementalState> = {};
      // A resource whose run kept no state (`end_value`: a backfill range) leaves its stored cursor alone, as dlt does.
      for (const [resource, state] of Object.entries(before)) if (!incremental.get(resource)) setOwn(out, resource, state);
      for (const [resource, state] of incremental) if (state !== null) setOwn(out, resource, state);
      return out;
    },
    findings: () => recordFindings(current(), cursors),
  };
}
