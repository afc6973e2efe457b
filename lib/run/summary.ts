/**
 * Folds a run's events into per-resource results: the preview (the destination's tables after this
 * run), the engine's stats, every warning (engine, limits, preview) and every error with its literal
 * code. The CLI's `--format json` prints exactly this shape; other consumers can reuse it.
 */
import type { DataRecord, EngineErrorCode, EngineEvent, ResourceStats } from "../engine";
import { createPreview, tablesJson, type Destination, type Preview, type TableJson } from "../preview";

export interface ResourceSummary {
  readonly name: string;
  readonly primary_key: string[] | null;
  readonly write_disposition: string;
  /** This run's records that were loaded (after merge dedup), as the API sent them. */
  readonly records: readonly DataRecord[];
  readonly stats: ResourceStats & { readonly records_merged: number };
  readonly warnings: string[];
}

export interface RunError {
  /** `null` for a failure of the whole run. */
  readonly resource: string | null;
  readonly code: EngineErrorCode;
  readonly message: string;
}

export interface RunSummary {
  readonly resources: ResourceSummary[];
  readonly errors: RunError[];
  /** The destination's tables after this run (root tables, each followed by its nested tables). */
  readonly tables: TableJson[];
}

export interface RunCollector {
  push(event: EngineEvent): void;
  readonly preview: Preview;
  summary(): RunSummary;
  /** `true` once `done` arrived and every resource ran without an error. */
  ok(): boolean;
}

interface Pending {
  name: string;
  primary_key: string[] | null;
  write_disposition: string;
  stats: ResourceStats;
  warnings: string[];
}

/** `destination`: the caller's destination, kept across runs (default: a fresh one). */
export function createRunCollector(options: { readonly destination?: Destination } = {}): RunCollector {
  const preview = createPreview(options.destination ? { destination: options.destination } : {});
  const resources = new Map<string, Pending>();
  const errors: RunError[] = [];
  let done: { ok: boolean } | null = null;

  const entry = (name: string): Pending => {
    let r = resources.get(name);
    if (!r) {
      r = { name, primary_key: null, write_disposition: "append", stats: { requests: 0, pages: 0, retries: 0, records_fetched: 0 }, warnings: [] };
      resources.set(name, r);
    }
    return r;
  };

  return {
    preview,
    push(event) {
      preview.push(event);
      switch (event.type) {
        case "resource_start": {
          const r = entry(event.resource);
          r.primary_key = event.primary_key;
          r.write_disposition = event.write_disposition;
          break;
        }
        case "warning":
          if (event.resource) entry(event.resource).warnings.push(event.message);
          break;
        case "limit":
          entry(event.resource).warnings.push(event.message);
          break;
        case "error":
          errors.push({ resource: event.resource ?? event.error.resource ?? null, code: event.error.code, message: event.error.message });
          break;
        case "resource_done": {
          const { requests, pages, retries, records_fetched } = event.stats;
          entry(event.resource).stats = { requests, pages, retries, records_fetched };
          break;
        }
        case "done":
          done = { ok: event.ok };
          break;
        default:
          break;
      }
    },
    summary() {
      const tables = preview.tables();
      const byResource = new Map(preview.resources().map((r) => [r.resource, r]));
      return {
        resources: [...resources.values()].map((r) => {
          const p = byResource.get(r.name);
          const table = tables.find((t) => t.table_name === p?.table_name);
          return {
            name: r.name,
            primary_key: r.primary_key,
            write_disposition: r.write_disposition,
            records: p?.records ?? [],
            stats: { ...r.stats, records_merged: p?.records.length ?? 0 },
            warnings: [...r.warnings, ...(p?.warnings ?? []), ...(table?.warnings.filter((w) => !p?.warnings.includes(w)) ?? [])],
          };
        }),
        errors: [...errors],
        tables: tablesJson(tables),
      };
    },
    ok() {
      return done !== null && done.ok && errors.length === 0;
    },
  };
}
