/**
 * Tables as plain JSON for the CLI and files: `{"name", "parent", "columns": [{"name", "data_type",
 * "nullable"}], "rows"}`, every row with every column (null where the row has no value), and
 * integers beyond 2^53 written with their exact digits (`stringifyJson`).
 */
import type { Json } from "../engine/types";
import { hasSpelling, pyJsonText } from "./values";
import type { PreviewTable, PreviewTableData } from "./types";
import { getOwn } from "../shared";

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

const DIGITS = /^-?\d+$/;

/** A table's rows with every column in column order. */
export function materialize(t: PreviewTableData): Record<string, Cell>[] {
  const bigints = new Set(t.columns.filter((c) => c.data_type === "bigint").map((c) => c.name));
  return t.rows.map((row) => {
    const out: Record<string, Cell> = {};
    for (const c of t.columns) {
      const v = getOwn(row, c.name) ?? null;
      // Digits in a bigint column are an integer beyond 2^53 (a nameless column may hold other text: infer.ts).
      out[c.name] = typeof v === "string" && bigints.has(c.name) && DIGITS.test(v) ? new ExactInt(v) : v;
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
const SPELLED_MARK = "\u0000spelled:";

/**
 * `JSON.stringify`, except that `ExactInt`s are written as numbers with all their digits, and json
 * cells whose number spellings the preview kept (`46.0`, integers beyond 2^53) as dlt writes them.
 */
export function stringifyJson(value: unknown, space?: number): string {
  let spelled = false;
  const text = JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, v: unknown) {
      const raw = this[key];
      if (raw instanceof ExactInt) return `${MARK}${raw.digits}`;
      if (typeof raw === "object" && raw !== null && hasSpelling(raw)) {
        spelled = true;
        return `${SPELLED_MARK}${pyJsonText(raw as Json)}`;
      }
      return v;
    },
    space,
  );
  const exact = text.replace(/"\\u0000exact-int:(-?\d+)"/g, "$1");
  return spelled ? exact.replace(/"\\u0000spelled:(?:[^"\\]|\\.)*"/g, (m) => (JSON.parse(m) as string).slice(SPELLED_MARK.length)) : exact;
}

/**
 * A value as `JSON.stringify` sees it in a container: after `toJSON`, `ExactInt`s left for
 * `stringifyJson`. (A `toJSON` whose result has a `toJSON` of its own would be called twice; no value
 * the preview or the CLI writes has one.)
 */
function jsonValue(v: unknown, key: string): unknown {
  if (v instanceof ExactInt) return v;
  if (typeof v === "object" && v !== null && typeof (v as { toJSON?: unknown }).toJSON === "function")
    return (v as { toJSON(key: string): unknown }).toJSON(key);
  return v;
}

/** Values (containers and what they hold) written by one `stringifyJson` call at most. */
const PIECE = 16_384;

const isContainer = (v: unknown): v is object => typeof v === "object" && v !== null && !(v instanceof ExactInt);

/** How many values `v` holds, itself included, or -1 past `budget` (a walk that stops early). */
function sizeOf(v: unknown, budget: number): number {
  if (!isContainer(v)) return 1;
  let n = 0;
  const stack: object[] = [v];
  while (stack.length > 0) {
    const cur = stack.pop() as object;
    const values: unknown[] = Array.isArray(cur) ? cur : Object.values(cur);
    n += 1 + values.length;
    if (n > budget) return -1;
    for (const x of values) if (isContainer(x)) stack.push(x);
  }
  return n;
}

/**
 * `stringifyJson(value, space)` in pieces, for documents larger than a string can be (V8 stops at
 * about 512 MiB): a container holding more than `PIECE` values is written piece by piece, runs of
 * smaller ones (rows, records, columns) with one `stringifyJson` each. The pieces joined are exactly
 * `stringifyJson(value, space)`.
 */
export function* jsonPieces(value: unknown, space = 0, indent = ""): Generator<string> {
  const v = jsonValue(value, "");
  // `stringifyJson`'s text indents from column 0: its lines move to this value's depth.
  const pad = (text: string) => (space > 0 && indent !== "" ? text.replace(/\n/g, `\n${indent}`) : text);
  // A json cell with kept spellings is written whole (as dlt writes it), however large.
  if (!isContainer(v) || hasSpelling(v) || sizeOf(v, PIECE) >= 0) {
    yield pad(stringifyJson(v, space));
    return;
  }
  const inner = space > 0 ? indent + " ".repeat(space) : "";
  const open = space > 0 ? `\n${inner}` : "";
  const close = space > 0 ? `\n${indent}` : "";
  if (Array.isArray(v)) {
    if (v.length === 0) return void (yield "[]");
    yield "[";
    let first = true;
    for (let i = 0; i < v.length;) {
      const x = jsonValue(v[i], String(i));
      let size = sizeOf(x, PIECE);
      if (size < 0) {
        yield first ? open : `,${open}`;
        yield* jsonPieces(x, space, inner);
        first = false;
        i++;
        continue;
      }
      // A run of smaller elements (rows, records) written by one `stringifyJson`, its brackets dropped.
      let j = i + 1;
      for (; j < v.length; j++) {
        const next = sizeOf(v[j], PIECE);
        if (next < 0 || size + next > PIECE) break;
        size += next;
      }
      const text = pad(stringifyJson(v.slice(i, j), space));
      const body = text.slice(1, text.length - close.length - 1);
      yield first ? body : `,${body}`;
      first = false;
      i = j;
    }
    yield `${close}]`;
    return;
  }
  let first = true;
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    const x = jsonValue((v as Record<string, unknown>)[k], k);
    if (x === undefined || typeof x === "function" || typeof x === "symbol") continue;
    yield `${first ? "{" : ","}${open}${JSON.stringify(k)}:${space > 0 ? " " : ""}`;
    first = false;
    yield* jsonPieces(x, space, inner);
  }
  yield first ? "{}" : `${close}}`;
}
