/**
 * A stored destination read back (the CLI's `--state-dir`, the SQL console's sync) is checked cell by
 * cell before a run loads onto it: a hand-edited or damaged `destination.json` is refused with the
 * place of its first fault, not merged into the next run's tables (where it showed as rows of nulls and
 * was blamed on dlt's load step). The checks accept everything the preview stores: a value of a column's
 * JavaScript shape (digit strings in `bigint` columns beyond 2^53, text for dates, times and decimals),
 * nulls anywhere (a `nullable: false` hint added to a loaded column leaves them; decision 0033), and a
 * null under a key with no column (a value that was null in every record has none).
 */
import type { Json } from "../engine/types";
import { isDataType } from "./duck-types";
import type { ColumnSchema, TableSchemaJson } from "./schema";
import type { ColumnDataType } from "./types";

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const INTEGER_TEXT = /^-?\d+$/;
const DECIMAL_TEXT = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$|^-?(?:NaN|Infinity|sNaN)$/;

/** Whether `v` is a value the preview stores in a column of `type`. */
function fits(type: ColumnDataType, v: unknown): boolean {
  switch (type) {
    case "json":
      return true;
    case "bigint":
      return (typeof v === "number" && Number.isInteger(v)) || (typeof v === "string" && INTEGER_TEXT.test(v));
    case "double":
      return typeof v === "number";
    case "bool":
      return typeof v === "boolean";
    case "decimal":
    case "wei":
      return (typeof v === "string" && DECIMAL_TEXT.test(v)) || typeof v === "number";
    default:
      return typeof v === "string";
  }
}

const shown = (v: unknown): string => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

/** The first fault of a table's schema entry, or `null`. */
function tableFault(t: TableSchemaJson, names: ReadonlySet<string>): string | null {
  if (t.parent !== null && (typeof t.parent !== "string" || !names.has(t.parent)))
    return `table \`${t.name}\`: its parent ${shown(t.parent)} is not a table of the schema`;
  const seen = new Set<string>();
  for (const [i, c] of (t.columns as unknown[]).entries()) {
    if (!isRecord(c) || typeof c.name !== "string") return `table \`${t.name}\`: column ${i + 1} has no name`;
    if (seen.has(c.name)) return `table \`${t.name}\`: column \`${c.name}\` is listed twice`;
    seen.add(c.name);
    if (c.data_type !== undefined && !isDataType(c.data_type))
      return `table \`${t.name}\`, column \`${c.name}\`: ${shown(c.data_type)} is not one of dlt's data types`;
    for (const flag of ["nullable", "timezone"] as const)
      if (c[flag] !== undefined && typeof c[flag] !== "boolean")
        return `table \`${t.name}\`, column \`${c.name}\`: \`${flag}\` is ${shown(c[flag])}, not true or false`;
    // Both go into the table's DDL (`DECIMAL(p,s)`): anything but a whole number is refused here, never written into SQL.
    for (const size of ["precision", "scale"] as const)
      if (c[size] !== undefined && !(Number.isSafeInteger(c[size]) && (c[size] as number) >= 0))
        return `table \`${t.name}\`, column \`${c.name}\`: \`${size}\` is ${shown(c[size])}, not a whole number`;
  }
  return null;
}

/**
 * The first fault of a stored state whose shape is a destination's (`parseDestinationState`), or
 * `null`: tables and columns the schema cannot hold, rows of a table it does not have, and cells that are
 * not values of their column's type (`table \`t\`, row 3, column \`id\`: "x" is not a bigint value`).
 */
export function destinationFault(schema: readonly TableSchemaJson[], rows: Readonly<Record<string, readonly unknown[]>>): string | null {
  const names = new Set<string>();
  for (const t of schema) {
    if (names.has(t.name)) return `table \`${t.name}\` is listed twice in the schema`;
    names.add(t.name);
  }
  const columns = new Map<string, Map<string, ColumnSchema>>();
  for (const t of schema) {
    const fault = tableFault(t, names);
    if (fault) return fault;
    columns.set(t.name, new Map(t.columns.map((c) => [c.name, c])));
  }
  for (const table of Object.keys(rows)) {
    const cols = columns.get(table);
    if (!cols) return `rows of table \`${table}\`, which the schema does not have`;
    const list = rows[table] as readonly unknown[];
    for (let i = 0; i < list.length; i++) {
      const row = list[i];
      if (!isRecord(row)) return `table \`${table}\`, row ${i + 1}: ${shown(row)} is not a row (an object of columns)`;
      for (const key of Object.keys(row)) {
        const v = row[key] as Json;
        if (v === null) continue;
        const c = cols.get(key);
        if (!c) return `table \`${table}\`, row ${i + 1}: \`${key}\` is not a column of the table`;
        if (c.data_type !== undefined && !fits(c.data_type, v))
          return `table \`${table}\`, row ${i + 1}, column \`${key}\`: ${shown(v)} is not a ${c.data_type} value`;
      }
    }
  }
  return null;
}
