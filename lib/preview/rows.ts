/**
 * Tables as plain JSON for the CLI and files: `{"name", "parent", "columns": [{"name", "data_type",
 * "nullable"}], "rows"}`, every row with every column (null where the row has no value), and
 * integers beyond 2^53 written with their exact digits (`stringifyJson`).
 */
import type { Json } from "../engine/types";
import type { PreviewTable, PreviewTableData } from "./types";

/** An exact integer of a bigint column; `JSON.stringify` writes its digits as a string, `stringifyJson` as a number. */
export class ExactInt {
  constructor(readonly digits: string) {}
  toJSON(): string {
    return this.digits;
  }
}

export type Cell = Json | ExactInt;

export interface TableJson {
  readonly name: string;
  readonly parent: string | null;
  readonly columns: readonly { readonly name: string; readonly data_type: string; readonly nullable: boolean }[];
  readonly rows: readonly Record<string, Cell>[];
}

/** A table's rows with every column in column order. */
export function materialize(t: PreviewTableData): Record<string, Cell>[] {
  const bigints = new Set(t.columns.filter((c) => c.data_type === "bigint").map((c) => c.name));
  return t.rows.map((row) => {
    const out: Record<string, Cell> = {};
    for (const c of t.columns) {
      const v = row[c.name] ?? null;
      out[c.name] = typeof v === "string" && bigints.has(c.name) ? new ExactInt(v) : v;
    }
    return out;
  });
}

/** Root tables followed by their nested tables. */
export function tablesJson(tables: readonly PreviewTable[]): TableJson[] {
  return tables
    .flatMap((t) => [t, ...t.child_tables])
    .map((t) => ({
      name: t.table_name,
      parent: t.parent_table,
      columns: t.columns.map((c) => ({ name: c.name, data_type: c.data_type, nullable: c.nullable })),
      rows: materialize(t),
    }));
}

const MARK = "\u0000exact-int:";

/** `JSON.stringify`, except that `ExactInt`s are written as numbers with all their digits. */
export function stringifyJson(value: unknown, space?: number): string {
  const text = JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, v: unknown) {
      const raw = this[key];
      return raw instanceof ExactInt ? `${MARK}${raw.digits}` : v;
    },
    space,
  );
  return text.replace(/"\\u0000exact-int:(-?\d+)"/g, "$1");
}
