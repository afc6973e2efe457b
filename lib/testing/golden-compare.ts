/**
 * Test helper: the preview's tables in the golden files' canonical form (their README, "Comparing
 * in a test"): rows sorted by `order_by`, `_dlt_id` replaced by `@row:<table>#<n>`, parent and root
 * ids by their rows' refs, load ids by `@load:<run>`, numbers compared by their exact value.
 */
import type { DataRecord, Json, NumberText } from "../engine";
import { materialize, type Cell, type PreviewTable, type PreviewTableData } from "../preview";
import type { GoldenTable } from "./golden";

type Canon = string | boolean | null | Json;

/** `null < false < true < numbers < strings` (code points); refs by their number. */
function rank(v: Cell | undefined): [number, number | string] {
  if (v === null || v === undefined) return [0, 0];
  if (typeof v === "boolean") return [v ? 2 : 1, 0];
  if (typeof v === "number") return [3, v];
  if (typeof v === "string") return [4, v];
  return [4, JSON.stringify(v)];
}

function cmp(a: Cell | undefined, b: Cell | undefined): number {
  const [ra, va] = rank(a);
  const [rb, vb] = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof va === "number" && typeof vb === "number") return va - vb;
  const [x, y] = [[...String(va)], [...String(vb)]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** A cell in comparable form: ints as exact digits, doubles by value (`-0` kept), the rest as is. */
export function canon(v: Cell | undefined, dataType: string | undefined, lexeme?: string): Canon {
  if (v === null || v === undefined) return null;
  if (typeof v === "object" && "digits" in v) return `int:${v.digits}`;
  if (typeof v === "number" || lexeme !== undefined) {
    const text = lexeme ?? String(v);
    const integral = lexeme !== undefined ? /^-?\d+$/.test(lexeme) : Number.isInteger(v);
    if ((dataType === "bigint" && integral) || (dataType === undefined && !/[.eE]/.test(text) && lexeme !== undefined))
      return `int:${BigInt(lexeme ?? BigInt(v as number).toString())}`;
    const n = lexeme !== undefined ? Number(lexeme) : (v as number);
    return Object.is(n, -0) ? "float:-0" : `float:${n}`;
  }
  // (A nameless column holds a value its type could not take as the value was: dlt's `is_complete_column`.)
  if (dataType === "bigint" && typeof v === "string" && /^-?\d+$/.test(v)) return `int:${BigInt(v)}`;
  return v as Json;
}

export interface CanonTable {
  readonly name: string;
  readonly parent: string | null;
  readonly rows: Record<string, Canon>[];
}

/**
 * Canonical rows of the preview's tables, parents first. `loads` maps the preview's load ids to run
 * numbers; `extractOrder` is used where `order_by` says `@extract_order` (storage order).
 */
export function canonicalRows(
  expected: readonly GoldenTable[],
  actual: readonly PreviewTableData[],
  loads: ReadonlyMap<string, number>,
): Map<string, CanonTable> {
  const refs = new Map<string, { ref: string; n: number }>();
  const out = new Map<string, CanonTable>();
  for (const exp of expected) {
    const table = actual.find((t) => t.table_name === exp.name);
    if (!table) continue;
    const types = new Map(table.columns.map((c) => [c.name, c.data_type]));
    const rows = materialize(table).map((row, i) => ({ row, i }));
    const key = (r: { row: Record<string, Cell>; i: number }, col: string): Cell | undefined => {
      if (col === "@extract_order") return r.i;
      const v = r.row[col];
      if (col === "_dlt_parent_id" || col === "_dlt_root_id") return refs.get(String(v))?.n ?? -1;
      if (col === "_dlt_load_id") return loads.get(String(v)) ?? -1;
      return v;
    };
    const order = exp.order_by ?? [];
    rows.sort((a, b) => {
      for (const c of order) {
        const d = cmp(key(a, c), key(b, c));
        if (d !== 0) return d;
      }
      return a.i - b.i;
    });
    rows.forEach((r, n) => refs.set(String(r.row._dlt_id), { ref: `@row:${exp.name}#${n + 1}`, n: n + 1 }));
    out.set(exp.name, {
      name: exp.name,
      parent: table.parent_table,
      rows: rows.map(({ row }) => {
        const c: Record<string, Canon> = {};
        for (const [col, v] of Object.entries(row)) {
          if (col === "_dlt_id" || col === "_dlt_parent_id" || col === "_dlt_root_id") c[col] = refs.get(String(v))?.ref ?? `?${String(v)}`;
          else if (col === "_dlt_load_id") c[col] = `@load:${loads.get(String(v)) ?? "?"}`;
          else c[col] = canon(v, types.get(col));
        }
        return c;
      }),
    });
  }
  return out;
}

/** An expected row in canonical form, without `@` keys and the columns it marks `@unasserted`. */
export function canonicalExpected(
  row: DataRecord,
  columns: readonly { name: string; data_type: string }[],
  numberText: WeakMap<object, NumberText>,
): Record<string, Canon> {
  const skip = new Set(Array.isArray(row["@unasserted"]) ? (row["@unasserted"] as string[]) : []);
  const text = numberText.get(row);
  const types = new Map(columns.map((c) => [c.name, c.data_type]));
  const out: Record<string, Canon> = {};
  for (const [col, v] of Object.entries(row)) {
    if (col.startsWith("@") || skip.has(col)) continue;
    const lexeme = text?.[col];
    out[col] =
      col.startsWith("_dlt_") && typeof v === "string" ? v : canon(v, types.get(col), typeof lexeme === "string" ? lexeme : undefined);
  }
  return out;
}

/** The preview's tables, root tables followed by their nested tables. */
export const flatTables = (tables: readonly PreviewTable[]): PreviewTableData[] => tables.flatMap((t) => [t, ...t.child_tables]);
