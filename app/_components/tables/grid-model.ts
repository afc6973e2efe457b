/** The data grid's columns and filters as plain functions (tested without a browser). */
import type { PreviewColumn, RowChange } from "@/lib/preview";
import { cellText } from "./cells";

/** A grid column: its id, header name, and what the header says about it. */
export interface GridColumn {
  readonly id: string;
  readonly name: string;
  /** `bigint`, `text`, … (dlt's) or DuckDB's type for a query result. */
  readonly type: string;
  /** `not null`, `primary key`, `merge key`, … */
  readonly marks: readonly string[];
}

const HINT_LABELS: readonly [keyof PreviewColumn, string][] = [
  ["primary_key", "primary key"],
  ["merge_key", "merge key"],
  ["unique", "unique"],
  ["row_key", "row key"],
  ["parent_key", "parent key"],
  ["root_key", "root key"],
  ["hard_delete", "hard delete"],
  ["variant", "variant"],
  ["x-valid-from", "valid from"],
  ["x-valid-to", "valid to"],
  ["x-row-version", "row version"],
];

/** What a dlt column's header says: its nullability first, then its hints (`dedup_sort: desc`, `precision 10`, …). */
export function columnMarks(c: PreviewColumn): string[] {
  const marks = [c.nullable ? "nullable" : "not null"];
  for (const [key, label] of HINT_LABELS) if (c[key] === true) marks.push(label);
  if (c.dedup_sort) marks.push(`dedup_sort ${c.dedup_sort}`);
  if (c.precision !== undefined) marks.push(c.scale !== undefined ? `precision ${c.precision},${c.scale}` : `precision ${c.precision}`);
  if (c.timezone === false) marks.push("no timezone");
  return marks;
}

export const gridColumns = (columns: readonly PreviewColumn[]): GridColumn[] =>
  columns.map((c) => ({ id: c.name, name: c.name, type: c.data_type, marks: columnMarks(c) }));

/** Lower-cased cell text for search and filters. */
export const searchText = (v: unknown): string => cellText(v).toLowerCase();

/** Row indexes that match the search (any cell contains it) and the changed-only switch. */
export function visibleRows(
  count: number,
  cell: (row: number, column: number) => unknown,
  columns: number,
  search: string,
  marks: readonly RowChange[] | undefined,
  changedOnly: boolean,
): number[] {
  const needle = search.trim().toLowerCase();
  const out: number[] = [];
  for (let r = 0; r < count; r++) {
    if (changedOnly && (marks?.[r] ?? "unchanged") === "unchanged") continue;
    if (needle) {
      let hit = false;
      for (let c = 0; c < columns && !hit; c++) hit = searchText(cell(r, c)).includes(needle);
      if (!hit) continue;
    }
    out.push(r);
  }
  return out;
}

/**
 * SQL-like order of two cells: numbers by value (numeric strings too), else text; nulls last in either
 * direction (`desc`: the grid negates the result, so a null's place is negated here in advance).
 */
export function compareCells(a: unknown, b: unknown, desc = false): number {
  const na = a === null || a === undefined;
  const nb = b === null || b === undefined;
  if (na || nb) return (na === nb ? 0 : na ? 1 : -1) * (desc ? -1 : 1);
  const x = typeof a === "number" ? a : typeof a === "string" && /^-?\d+(\.\d+)?$/.test(a) ? Number(a) : NaN;
  const y = typeof b === "number" ? b : typeof b === "string" && /^-?\d+(\.\d+)?$/.test(b) ? Number(b) : NaN;
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y;
  const s = cellText(a);
  const t = cellText(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

/** A column filter or sort as the grid's header keeps them (TanStack Table's state). */
export interface ColumnFilter {
  readonly id: string;
  readonly value: unknown;
}
export interface ColumnSort {
  readonly id: string;
  readonly desc: boolean;
}

/**
 * The rows the grid shows, in order: `rows` (what `visibleRows` kept) that every column filter keeps (its cell
 * text contains the filter's, any case), sorted by each sort in turn (`compareCells`, nulls and missing cells
 * last either way; ties keep their order). Index arrays only: a table of 50,000 rows is filtered and sorted
 * without an object per row (TanStack's row models made one, with its closures, for every row on every refresh).
 */
export function orderRows(
  rows: readonly number[],
  cell: (row: number, column: number) => unknown,
  columnOf: (id: string) => number | undefined,
  filters: readonly ColumnFilter[],
  sorting: readonly ColumnSort[],
): readonly number[] {
  let out: readonly number[] = rows;
  for (const f of filters) {
    const c = columnOf(f.id);
    const needle = typeof f.value === "string" ? f.value.toLowerCase() : "";
    if (c === undefined || needle === "") continue;
    out = out.filter((r) => searchText(cell(r, c)).includes(needle));
  }
  const sorts = sorting.flatMap((s) => {
    const c = columnOf(s.id);
    // Each sorted column's cells read once, not once per comparison.
    return c === undefined ? [] : [{ desc: s.desc, values: new Map(out.map((r) => [r, cell(r, c)])) }];
  });
  if (sorts.length === 0) return out;
  return [...out].sort((a, b) => {
    for (const s of sorts) {
      const d = compareCells(s.values.get(a), s.values.get(b), s.desc);
      if (d !== 0) return s.desc ? -d : d;
    }
    return 0;
  });
}
