/**
 * A run's results for the CLI's `--format json` (and anyone who wants them as data): per resource
 * its settings, the engine's stats, the records loaded, every warning (engine, limits, preview); every
 * error with its literal code; the destination's tables. A view over the one fold (`./trace.ts`) and
 * the preview — nothing here folds events a second time.
 */
import {
  isNoteCode,
  LIMIT_FAILS,
  type DataRecord,
  type EngineErrorCode,
  type EngineEvent,
  type LimitKind,
  type ResourceStats,
} from "../engine";
import { createPreview, tablesJson, type Destination, type Preview, type PreviewOptions, type TableJson } from "../preview";
import { TraceBuilder, type ResourceStatus, type RunTrace } from "./trace";

export interface ResourceSummary {
  readonly name: string;
  readonly primary_key: string[] | null;
  readonly write_disposition: string;
  /** This run's records that were loaded (after merge dedup), as the API sent them. */
  readonly records: readonly DataRecord[];
  readonly stats: ResourceStats & { readonly records_merged: number };
  /** How it ended: `ok`, `failed` (an error, or a limit that fails it), `running` when the run was cancelled. */
  readonly status: ResourceStatus;
  readonly warnings: string[];
  /** What the run tells without warning (`isNoteCode`): an `initial_value` computed from its Python code, the processing steps that ran. */
  readonly notes: string[];
}

/** A playground limit a resource reached; `failed`: it failed the resource and the run (`LIMIT_FAILS`). */
export interface RunLimit {
  readonly resource: string;
  readonly limit: LimitKind;
  readonly failed: boolean;
  readonly message: string;
}

export interface RunError {
  /** `null` for a failure of the whole run. */
  readonly resource: string | null;
  readonly code: EngineErrorCode;
  readonly message: string;
}

export interface RunSummary {
  /** The run ended and was loaded into the destination: no error, no limit that fails it, not cancelled. */
  readonly ok: boolean;
  readonly resources: ResourceSummary[];
  readonly limits: RunLimit[];
  readonly errors: RunError[];
  /** Why dlt's load fails the run though every resource ran (`Preview.refusal`): nothing of it was loaded. */
  readonly refusal: string | null;
  /** The destination's tables after this run (root tables, each followed by its nested tables). */
  readonly tables: TableJson[];
}

export interface RunCollector {
  push(event: EngineEvent): void;
  readonly preview: Preview;
  /** The fold of the events so far. */
  trace(): RunTrace;
  /** `rows: false` leaves `tables` empty: a caller that prints counts only does not copy every row (1M rows: GBs). */
  summary(options?: { readonly rows?: boolean }): RunSummary;
  /** `true` once `done` arrived and every resource ran without an error. */
  ok(): boolean;
}

const NO_STATS: ResourceStats = { requests: 0, pages: 0, retries: 0, records_fetched: 0 };

/**
 * `destination`: the caller's destination, kept across runs (default: a fresh one). `window`: the
 * preview keeps that many rows per table and counts the rest (`PreviewOptions.window`; no
 * `destination` then): for a caller that prints the first rows, and every count, of one run.
 */
export function createRunCollector(
  options: {
    readonly destination?: Destination;
    readonly window?: number;
    readonly incrementalBefore?: PreviewOptions["incrementalBefore"];
  } = {},
): RunCollector {
  const preview = createPreview({
    ...(options.destination ? { destination: options.destination } : {}),
    ...(options.incrementalBefore ? { incrementalBefore: options.incrementalBefore } : {}),
    ...(options.window !== undefined ? { window: options.window } : {}),
  });
  // The summary reads no response bodies (keeping them would hold every page until the run ends) and
  // no requests or paginator decisions (their URLs and headers would be masked for nothing).
  const builder = new TraceBuilder({ bodies: false, exchanges: false });
  // A run dlt's load fails (a `schema_contract` freeze, a column DuckDB cannot add) is not ok either: nothing of it loads.
  const ok = () => {
    const phase = builder.snapshot().phase;
    return (phase === "done" || phase === "capped") && preview.loaded();
  };

  return {
    preview,
    push(event) {
      preview.push(event);
      builder.push(event);
    },
    trace: () => builder.snapshot(),
    summary({ rows = true } = {}) {
      const trace = builder.snapshot();
      const tables = preview.tables();
      const byResource = new Map(preview.resources().map((r) => [r.resource, r]));
      return {
        ok: ok(),
        resources: trace.resources
          .filter((r) => r.started)
          .map((r) => {
            const p = byResource.get(r.name);
            const table = tables.find((t) => t.table_name === p?.table_name);
            // A limit that fails the resource is in `limits` and is not a warning.
            const own = r.items.flatMap((i) =>
              (i.kind === "warning" && !isNoteCode(i.code)) || (i.kind === "limit" && !LIMIT_FAILS[i.limit]) ? [i.message] : [],
            );
            const notes = r.items.flatMap((i) => (i.kind === "warning" && isNoteCode(i.code) ? [i.message] : []));
            const { requests, pages, retries, records_fetched } = r.stats ?? NO_STATS;
            return {
              name: r.name,
              primary_key: r.primary_key ? [...r.primary_key] : null,
              write_disposition: r.write_disposition ?? "append",
              records: p?.records ?? [],
              stats: { requests, pages, retries, records_fetched, records_merged: p?.loaded ?? 0 },
              status: r.status,
              warnings: [...own, ...(p?.warnings ?? []), ...(table?.warnings.filter((w) => !p?.warnings.includes(w)) ?? [])],
              notes,
            };
          }),
        limits: trace.limits.map((l) => ({ resource: l.resource, limit: l.limit, failed: LIMIT_FAILS[l.limit], message: l.message })),
        errors: trace.errors.map((e) => ({ resource: e.resource ?? null, code: e.code, message: e.message })),
        refusal: preview.refusal(),
        tables: rows ? tablesJson(tables) : [],
      };
    },
    ok,
  };
}
