/**
 * The preview accumulator: engine events in, dlt-shaped tables out.
 *
 * Merge semantics (what dlt does, and what we show):
 * - `merge` with a primary key: dlt's default `delete-insert` strategy deduplicates the records
 *   of one load by primary key (`dedup_sort` picks the survivor; without it the destination's
 *   order decides) and then replaces the stored rows with the same key. The preview keeps the
 *   LAST version of each key — what an API that re-sends an updated record on a later page means —
 *   at the position where the key first appeared. Keys are strings in a Map: O(1) per record.
 * - records lacking a key column (or holding null there) are never merged and no key is
 *   invented: they are kept as they are, and a warning names the field that looks like the key.
 * - `merge` without a primary key: dlt appends (nothing to deduplicate on); so does the preview,
 *   with a warning. `append` keeps every row; `replace` keeps every row of this run.
 */
import type { DataRecord, EngineEvent } from "../engine/types";
import type { RestApiConfig } from "../config/schema";
import { ColumnTracker } from "./columns";
import { Normalizer } from "./flatten";
import { KeyCandidates, keyOf, type MergeKey } from "./keys";
import { normalizeIdentifier } from "./naming";
import { previewHints } from "./hints";
import type { PreviewChildTable, PreviewTable, TableHints } from "./types";
import { getOwn } from "../shared";

interface ChildState {
  readonly parent: string;
  readonly rows: DataRecord[];
  /** Number of the root record each row belongs to (parallel to `rows`). */
  readonly owners: number[];
  readonly columns: ColumnTracker;
}

/**
 * One resource's table. Root rows live in parallel arrays (`records`, `rows`, `numbers` = the
 * fetched record's number), no per-record objects beyond the rows themselves: 100,000 nested
 * records stay well under a second.
 */
class ResourceState {
  readonly table: string;
  private readonly merging: boolean;
  private readonly keyColumns: string[];
  private readonly notes: string[] = [];
  private readonly records: DataRecord[] = [];
  private readonly rows: DataRecord[] = [];
  private readonly numbers: number[] = [];
  private readonly index = new Map<MergeKey, number>();
  private readonly columns = new ColumnTracker();
  private readonly children = new Map<string, ChildState>();
  private readonly candidates: KeyCandidates | null;
  private readonly normalizer: Normalizer;
  /** Numbers of records replaced by a later version; their nested rows are dropped. */
  private readonly replaced = new Set<number>();
  private fetched = 0;
  private missing = 0;
  private cache: PreviewTable | null = null;

  constructor(
    readonly resource: string,
    private readonly writeDisposition: string,
    private readonly primaryKey: string[] | null,
    hints: TableHints,
  ) {
    this.table = normalizeIdentifier(hints.table_name ?? resource);
    const key = primaryKey && primaryKey.length > 0 ? primaryKey : null;
    const scd2 = writeDisposition.includes("scd2") || hints.merge_strategy === "scd2";
    const merge = writeDisposition.startsWith("merge") && !scd2;
    this.merging = merge && key !== null;
    this.keyColumns = key ? key.map(normalizeIdentifier) : [];
    this.candidates = this.merging && key ? new KeyCandidates(key, this.table) : null;
    this.normalizer = new Normalizer({ table: this.table, maxNesting: hints.max_table_nesting, rootKey: this.merging }, this.emit);
    if (merge && !key) this.notes.push(`\`${resource}\` uses write_disposition \`merge\` without a primary_key: dlt appends every record (nothing is deduplicated) — set \`primary_key\``);
    if (scd2) this.notes.push(`\`${resource}\` uses the scd2 merge strategy: dlt keeps every version, so the preview shows every fetched record`);
    if (writeDisposition === "skip") this.notes.push(`\`${resource}\` uses write_disposition \`skip\`: dlt does not load it; the preview shows what was fetched`);
  }

  private readonly emit = (table: string, parentTable: string, row: DataRecord, owner: number): void => {
    let child = this.children.get(table);
    if (!child) {
      child = { parent: parentTable, rows: [], owners: [], columns: new ColumnTracker() };
      this.children.set(table, child);
    }
    child.rows.push(row);
    child.owners.push(owner);
    child.columns.add(row);
  };

  add(records: readonly DataRecord[]): void {
    if (records.length === 0) return;
    this.cache = null;
    for (const record of records) {
      const n = this.fetched++;
      const row = this.normalizer.normalize(record, n);
      this.columns.add(row);
      const key = this.merging ? keyOf(row, this.keyColumns) : null;
      if (key === null) {
        if (this.merging) {
          this.missing++;
          this.candidates?.add(record);
        }
        this.push(record, row, n);
        continue;
      }
      const at = this.index.get(key);
      if (at === undefined) {
        this.index.set(key, this.rows.length);
        this.push(record, row, n);
      } else {
        this.replaced.add(this.numbers[at] as number);
        this.records[at] = record;
        this.rows[at] = row;
        this.numbers[at] = n;
      }
    }
  }

  private push(record: DataRecord, row: DataRecord, n: number): void {
    this.records.push(record);
    this.rows.push(row);
    this.numbers.push(n);
  }

  snapshot(): PreviewTable {
    if (this.cache) return this.cache;
    const children: PreviewChildTable[] = [];
    const warnings = [...this.notes];
    if (this.missing > 0 && this.candidates) warnings.push(this.candidates.message(this.resource, this.missing, this.fetched));
    warnings.push(...this.columns.conflicts(this.table));
    const untyped = this.columns.untyped().filter((c) => !c.startsWith("_dlt_"));
    if (untyped.length > 0 && this.fetched > 0) {
      warnings.push(`${untyped.map((c) => `\`${c}\``).join(", ")} ${untyped.length === 1 ? "is" : "are"} null in every record of \`${this.resource}\`: dlt creates no column until a value arrives`);
    }
    const replaced = this.replaced;
    for (const [table, c] of this.children) {
      const rows = replaced.size > 0 ? c.rows.filter((_, i) => !replaced.has(c.owners[i] as number)) : c.rows.slice();
      children.push({ table_name: table, parent_table: c.parent, rows, columns: c.columns.list() });
      warnings.push(...c.columns.conflicts(table));
    }
    this.cache = {
      resource: this.resource,
      table_name: this.table,
      write_disposition: this.writeDisposition,
      primary_key: this.primaryKey,
      records: this.records.slice(),
      rows: this.rows.slice(),
      columns: this.columns.list(),
      child_tables: children,
      stats: { fetched: this.fetched, merged: this.rows.length, duplicates_collapsed: this.fetched - this.rows.length },
      warnings,
    };
    return this.cache;
  }
}

export interface PreviewOptions {
  /** The validated config: supplies `table_name` and `max_table_nesting` per resource. */
  readonly config?: RestApiConfig | null;
  /** Hints by resource name (override those from `config`). */
  readonly hints?: Readonly<Record<string, TableHints>>;
}

export interface Preview {
  /** Feed every engine event; `run_start` starts over, `resource_start` and `page` build tables. */
  push(event: EngineEvent): void;
  /** One entry per resource, in the order the resources started. Cached until the next change. */
  tables(): PreviewTable[];
  table(resource: string): PreviewTable | undefined;
}

export function createPreview(options: PreviewOptions = {}): Preview {
  const hints: Record<string, TableHints> = { ...(options.config ? previewHints(options.config) : {}), ...options.hints };
  const resources = new Map<string, ResourceState>();
  let cached: PreviewTable[] | null = null;

  const state = (resource: string): ResourceState => {
    let s = resources.get(resource);
    if (!s) {
      // A page without a resource_start: nothing is known about keys, so rows are appended.
      s = new ResourceState(resource, "append", null, getOwn(hints, resource) ?? {});
      resources.set(resource, s);
    }
    return s;
  };

  return {
    push(event) {
      switch (event.type) {
        case "run_start":
          resources.clear();
          cached = null;
          break;
        case "resource_start":
          resources.set(event.resource, new ResourceState(event.resource, event.write_disposition, event.primary_key, getOwn(hints, event.resource) ?? {}));
          cached = null;
          break;
        case "page":
          if (event.records.length > 0) {
            state(event.resource).add(event.records);
            cached = null;
          }
          break;
        default:
          break;
      }
    },
    tables() {
      cached ??= [...resources.values()].map((r) => r.snapshot());
      return cached;
    },
    table(resource) {
      return resources.get(resource)?.snapshot();
    },
  };
}
