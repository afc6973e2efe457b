/**
 * What the preview shows: the destination's tables after this run's load (root tables with their
 * nested tables, only tables that exist in the destination: those that ever received rows).
 */
import type { DataRecord } from "../engine/types";
import type { LoadResult } from "./load";
import type { PendingLoad } from "./pending";
import { COLUMN_HINTS as HINTS, type ColumnSchema, type TableSchema } from "./schema";
import type { PreviewChildTable, PreviewColumn, PreviewTable, PreviewTableData, RowChange, TableChanges } from "./types";
import { absentMessage, addedNotNullMessage, namelessColumnMessage } from "./failures";

/**
 * What a table's `changes.updated` counts, in words: an scd2 root table's load updates only the
 * "valid to" of the versions it retires; every other table's updates replace rows.
 */
export const updatedWord = (columns: readonly PreviewColumn[]): "retired" | "updated" =>
  columns.some((c) => c["x-valid-to"] === true) ? "retired" : "updated";

/** Complete columns (with a data type) as `PreviewColumn`s: `nullable` spelled out, other hints when set. */
export function previewColumns(columns: Iterable<ColumnSchema>): PreviewColumn[] {
  const out: PreviewColumn[] = [];
  for (const c of columns) {
    if (c.data_type === undefined) continue;
    const col: Record<string, unknown> = { name: c.name, data_type: c.data_type, nullable: c.nullable ?? true };
    // Hints at their default are left out, as dlt leaves them out; `timezone` defaults to true.
    for (const h of HINTS) if (c[h] !== undefined && c[h] !== null && c[h] !== (h === "timezone")) col[h] = c[h];
    out.push(col as unknown as PreviewColumn);
  }
  return out;
}

function tableData(t: TableSchema, result: LoadResult, pending: PendingLoad): PreviewTableData {
  const rows = result.rows.get(t.name) ?? [];
  const marks = result.marks.get(t.name) ?? rows.map((): RowChange => "unchanged");
  // A windowed load (onto a destination without the table's rows) counts what it does not keep.
  const count = pending.counts.get(t.name);
  const changes: TableChanges = count
    ? { inserted: count.kept, updated: 0, deleted: 0, unchanged: 0 }
    : (result.changes.get(t.name) ?? { inserted: 0, updated: 0, deleted: 0, unchanged: rows.length });
  return {
    table_name: t.name,
    parent_table: t.parent,
    rows,
    row_changes: marks,
    columns: previewColumns(t.columns.values()),
    changes,
    normalized_rows: count ? count.staged : (pending.pkg.rows.get(t.name)?.length ?? 0),
    ...(count && count.kept > rows.length ? { total_rows: count.kept } : {}),
  };
}

function warningsOf(root: TableSchema, pending: PendingLoad, chain: readonly TableSchema[]): string[] {
  const out: string[] = [];
  for (const r of pending.resources.values()) {
    if (r.table !== root.name) continue;
    out.push(...r.warnings);
    if (r.missingKey > 0 && r.candidates) out.push(r.candidates.message(r.resource, r.missingKey, r.fetched));
  }
  for (const t of chain) {
    for (const p of pending.problems.byTable.get(t.name) ?? []) out.push(`${t.name}: ${p}`);
    for (const column of pending.loadedTypes.addedNotNull(t)) out.push(addedNotNullMessage(t.name, column));
    // A column named "" with values (a hint on a blank key names one too, which gets none).
    if (pending.nameless.has(t.name)) out.push(namelessColumnMessage(t.name));
    for (const [column, rows] of pending.absent(t.name)) {
      const c = t.columns.get(column);
      if (c?.nullable === false) out.push(absentMessage(t.name, column, rows, c.data_type !== undefined));
    }
    // A key that is null in some records and a dict (flattened) or a list (a nested table) in others is not null-only.
    const flattened = (c: string) =>
      [...t.columns.keys()].some((name) => name.startsWith(`${c}__`)) || pending.schema.table(`${t.name}__${c}`) !== undefined;
    const nulls = [...(pending.nullOnly.get(t.name) ?? [])].filter(
      // A not-null column among them is told above, as absent (dlt fails on it the same way).
      (c) => t.columns.get(c)?.data_type === undefined && t.columns.get(c)?.nullable !== false && !c.startsWith("_dlt_") && !flattened(c),
    );
    if (nulls.length > 0) {
      const list = nulls.map((c) => `\`${c}\``).join(", ");
      out.push(
        `${list} ${nulls.length === 1 ? "is" : "are"} null in every record of \`${t.name}\` so far: ` +
          "dlt creates no column until a value arrives",
      );
    }
  }
  return out;
}

/** This run's records (of one resource, or all) behind the rows it loaded into a root table. */
export function loadedRecords(pending: PendingLoad, result: LoadResult, table: PreviewTableData, resource: string | null): DataRecord[] {
  const records: DataRecord[] = [];
  const name = table.table_name;
  const sources = result.sources.get(name);
  const marks = table.row_changes;
  // The rows this load wrote are the ones not `unchanged`, in the order of `sources`.
  for (let i = 0, j = 0; i < marks.length; i++) {
    if (marks[i] === "unchanged") continue;
    const at = sources === undefined ? j : (sources[j] as number);
    j++;
    const record = pending.origins.record(name, at);
    if (record !== undefined && (resource === null || pending.origins.resource(name, at) === resource)) records.push(record);
  }
  return records;
}

/** The root tables of the destination after this run's load, each with its nested tables. */
export function buildTables(pending: PendingLoad, result: LoadResult, loaded: boolean): PreviewTable[] {
  const out: PreviewTable[] = [];
  for (const root of pending.schema.tables.values()) {
    if (root.parent !== null || !root.seen_data) continue;
    const chain = pending.schema.chain(root.name).filter((t) => t.seen_data);
    const data = tableData(root, result, pending);
    const children: PreviewChildTable[] = chain
      .slice(1)
      .map((t) => ({ ...tableData(t, result, pending), parent_table: t.parent as string }));
    const records = loadedRecords(pending, result, data, null);
    const staged = data.normalized_rows;
    const pk = previewColumns(root.columns.values())
      .filter((c) => c.primary_key)
      .map((c) => c.name);
    const merge = root.write_disposition === "merge";
    out.push({
      ...data,
      resource: root.resource ?? root.name,
      write_disposition: root.write_disposition ?? "append",
      merge_strategy: root.write_disposition === "merge" ? root.merge_strategy : null,
      primary_key: pk.length > 0 ? pk : null,
      schema_contract: root.schema_contract ?? null,
      records,
      child_tables: children,
      stats: {
        fetched: staged,
        merged: data.total_rows ?? data.rows.length,
        duplicates_collapsed: merge ? Math.max(0, staged - data.changes.inserted - data.changes.updated) : 0,
      },
      warnings: warningsOf(root, pending, chain),
      load_id: pending.loadId,
      loaded,
    });
  }
  return out;
}
