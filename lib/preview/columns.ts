/**
 * Column inference as dlt's schema inference does it: the type comes from the first non-null
 * value (Python type -> dlt data type; ISO timestamps in strings are detected, dlt's default
 * `iso_timestamp` detection), and every fetched row is seen, including versions that a merge
 * later collapses (dlt infers the schema while normalising, before the load deduplicates).
 *
 * Simplifications, stated: integers and floats in one column widen to `double` (dlt would put
 * the floats of an integer column into a variant column); `date` is detected for `YYYY-MM-DD`
 * strings (dlt has that detection off by default); any other type conflict keeps the first type
 * and produces a warning that names the variant column dlt would create.
 */
import type { Json } from "../engine/types";
import type { ColumnDataType, PreviewColumn } from "./types";

interface ColumnState {
  type: ColumnDataType | null;
  nonNull: number;
  /** Types seen that conflict with `type` (dlt: variant columns `<name>__v_<type>`). */
  variants: Set<ColumnDataType> | null;
}

const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  const month = (s.charCodeAt(5) - 48) * 10 + (s.charCodeAt(6) - 48);
  const day = (s.charCodeAt(8) - 48) * 10 + (s.charCodeAt(9) - 48);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** `timestamp` for ISO date-times, `date` for ISO dates, `text` for any other string. */
export function stringType(s: string): ColumnDataType {
  // Cheap pre-check first: most strings are not dates.
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return "text";
  if (s.length === 10) return DATE_RE.test(s) && validDate(s) ? "date" : "text";
  if (!TIMESTAMP_RE.test(s) || !validDate(s)) return "text";
  const hour = (s.charCodeAt(11) - 48) * 10 + (s.charCodeAt(12) - 48);
  const minute = (s.charCodeAt(14) - 48) * 10 + (s.charCodeAt(15) - 48);
  return hour < 24 && minute < 60 ? "timestamp" : "text";
}

/** The dlt data type of one value; `null` for null (no type information). */
export function valueType(v: Json | undefined): ColumnDataType | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case "string":
      return stringType(v);
    case "number":
      return Number.isInteger(v) ? "bigint" : "double";
    case "boolean":
      return "bool";
    default:
      return "json";
  }
}

/** Whether a value of type `next` fits a column of type `current` (possibly widening it). */
function combine(current: ColumnDataType, next: ColumnDataType): ColumnDataType | null {
  if (current === next) return current;
  if ((current === "bigint" && next === "double") || (current === "double" && next === "bigint")) return "double";
  if ((current === "date" && next === "timestamp") || (current === "timestamp" && next === "date")) return "timestamp";
  // A text column takes timestamp/date-looking strings as text (detection runs only on new columns).
  if (current === "text" && (next === "timestamp" || next === "date")) return "text";
  return null;
}

/** Collects column names (in order of first appearance), types and null counts of one table. */
export class ColumnTracker {
  private readonly columns = new Map<string, ColumnState>();
  private rows = 0;
  /** The previous row's column names and states: rows of one table mostly share their shape. */
  private readonly lastNames: string[] = [];
  private readonly lastStates: ColumnState[] = [];

  add(row: Readonly<Record<string, Json>>): void {
    this.rows++;
    let i = 0;
    for (const name in row) {
      const v = row[name];
      let state: ColumnState | undefined;
      if (this.lastNames[i] === name) state = this.lastStates[i];
      else {
        state = this.columns.get(name);
        if (!state) {
          state = { type: null, nonNull: 0, variants: null };
          this.columns.set(name, state);
        }
        this.lastNames[i] = name;
        this.lastStates[i] = state;
      }
      i++;
      if (state === undefined) continue;
      if (v === null || v === undefined) continue;
      state.nonNull++;
      // Once a column is text, every string is text: skip the date detection.
      const t = state.type === "text" && typeof v === "string" ? "text" : valueType(v);
      if (t === null) continue;
      if (state.type === null) state.type = t;
      else if (state.type !== t) {
        const merged = combine(state.type, t);
        if (merged) state.type = merged;
        else (state.variants ??= new Set()).add(t);
      }
    }
  }

  get rowCount(): number {
    return this.rows;
  }

  /**
   * Columns with a type. A column that only ever held null has no type, so dlt does not create
   * it; it is left out here too and reported by `untyped()`.
   */
  list(): PreviewColumn[] {
    const out: PreviewColumn[] = [];
    for (const [name, s] of this.columns) {
      if (s.type === null) continue;
      out.push({ name, data_type: s.type, nullable: s.nonNull < this.rows });
    }
    return out;
  }

  untyped(): string[] {
    return [...this.columns].filter(([, s]) => s.type === null).map(([n]) => n);
  }

  /** Warnings for type conflicts, naming the variant columns dlt would add. */
  conflicts(table: string): string[] {
    const out: string[] = [];
    for (const [name, s] of this.columns) {
      if (!s.variants || s.type === null) continue;
      const others = [...s.variants];
      out.push(
        `column \`${name}\` of \`${table}\` is ${s.type} but also holds ${others.join(", ")} values; ` +
          `dlt would store those in ${others.map((t) => `\`${name}__v_${t}\``).join(", ")}`,
      );
    }
    return out;
  }
}
