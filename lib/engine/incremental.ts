/**
 * Incremental loading (dlt-rest-api.md §10): the start value from the previous run's state (or
 * `initial_value`), request params and `{incremental.*}` placeholders, and dlt's record filter, with its
 * boundary de-duplication: a record equal to the start value whose key's digest the previous run kept
 * (`unique_hashes`) is dropped (decision 0042).
 *
 * `row_order` (dlt's `can_close`): with "asc" the resource stops paging once a record is past
 * `end_value`; with "desc", once a record is before the start value. As in dlt the rule is literal —
 * "past the end" and "before the start" are in `last_value_func`'s direction — and the page that
 * showed it is still processed whole.
 */
import type { ResolvedIncremental } from "../config/resolved";
import { EngineError, type DataRecord, type IncrementalState, type Json } from "./types";
import { compilePath, firstMatch, firstMatchAsSent } from "./jsonpath";
import {
  digest128,
  isPyNumber,
  jsonShown,
  pyNumberValue,
  pyStr,
  pyTruthy,
  pyTypeOf,
  setOwn,
  spellable,
  type HeldDate,
  type PyValue,
} from "../shared";
import { lagCursor } from "./lag";
import { wrappedValues } from "./sequence";
import type { NumberTexts } from "./number-text";

/** The resolved incremental with its references bound (lib/config checked it: a `cursor_path`, an `initial_value` for an `end_value`). */
export type BoundIncremental = Omit<ResolvedIncremental, "initial_value" | "end_value"> & {
  readonly initial_value?: Json;
  readonly end_value?: Json;
  /** Which of the two is a TOML date from dlt's settings files (a Python `datetime`, its `str()` above), and how it was read. */
  readonly dates?: Readonly<Partial<Record<"initial_value" | "end_value", BoundDate>>>;
};

/** A bound value that is a TOML date (lib/shared `HeldDate`), `read` its reference as the config spells it. */
export interface BoundDate {
  readonly date: HeldDate;
  readonly read: string;
}

/**
 * dlt's `IncrementalCursorInvalidCoercion` when a record's cursor meets a start or end value that is a Python date (a TOML
 * date from dlt's settings files): Python's `max((row, start))` compares `start > row` and raises, and dlt fails the
 * resource on the first record with a cursor (checked with dlt 1.26.0: `'>' not supported between instances of
 * 'datetime.datetime' and 'str'`, `… and 'int'`; `'<'` for `min`). A resource without records, or whose records have no
 * cursor (`on_cursor_value_missing`), does not compare, as in dlt.
 */
function dateCoercion(
  resource: string,
  cursorPath: string,
  what: "start_value/initial_value" | "end_value",
  bound: BoundDate,
  text: Json,
  row: Json,
  min: boolean,
): EngineError {
  const rowType = pyTypeOf(row);
  const error = `'${min ? "<" : ">"}' not supported between instances of '${bound.date.type}' and '${rowType}'`;
  return new EngineError(
    "paginator_error",
    `In processing pipe \`${resource}\`: Could not coerce \`${what}\` with value \`${pyStr(text as PyValue)}\` and type ` +
      `\`<class '${bound.date.type}'>\` to actual data item \`${pyStr(row as PyValue)}\` at path \`${cursorPath}\` ` +
      `with type \`${rowType}\`: ` +
      `${error}. You need to use different data type for \`${what}\` or cast your data ie. by using \`.add_map()\` on this ` +
      `resource. (dlt's IncrementalCursorInvalidCoercion: the incremental's \`${what === "end_value" ? "end_value" : "initial_value"}\`, ` +
      `${bound.read}, is a date in dlt's settings files, which dlt hands over as a Python ${bound.date.type.slice(9)}; quote it ` +
      "in the .toml file to compare it with text cursors.)",
    { resource },
  );
}

export interface IncrementalRun {
  readonly cursorPath: string;
  readonly startValue: Json;
  readonly endValue: Json;
  readonly initialValue: Json;
  readonly before: Json;
  /** The `incremental.*` placeholder context (`start_value` and `last_value` are read live: `currentStart`, `liveLast`). */
  readonly context: Record<string, Json>;
  filter(records: DataRecord[]): FilterResult;
  /** Why the resource may stop paging after the records filtered so far (`row_order`), or null. */
  closeReason(): string | null;
  /** The largest (or smallest, `min`) cursor value the run kept: the state's `last_value`. */
  lastValue(): Json;
  /** dlt's `Incremental.last_value`: the state's value lagged (`apply_lag_with_suppression`); `initial_value` with `end_value`. */
  liveLast(): Json;
  /** The start the filter keeps records from: the run's, until a child's parent page binds it again. */
  currentStart(): Json;
  /**
   * dlt binds a child's incremental again each time the child is called for a parent page (after the
   * first): its start becomes `last_value` as it is then, and the filter starts from there.
   */
  rebind(): void;
  state(): IncrementalState | null;
}

export interface FilterResult {
  readonly kept: DataRecord[];
  readonly dropped: number;
}

/**
 * A cursor number as Python holds it, for comparing: an integer beyond 2^53 (`{"$number": digits}`: the
 * config's, or a record's read `asSent`) exact as a `bigint`, a whole float as its value.
 */
function numeric(v: Json): number | bigint | null {
  return typeof v === "number" ? v : isPyNumber(v) ? pyNumberValue(v) : null;
}

/**
 * A record's cursor read as Python holds it (`firstMatchAsSent`), a float not finite for Python (`NaN`,
 * `1e400`: null in the record, a `nan`/`inf` marker here) as that float, which compares as Python's does.
 */
function cursorAsPython(v: Json | undefined): Json | undefined {
  if (!isPyNumber(v)) return v;
  const n = pyNumberValue(v);
  return typeof n === "number" && !Number.isFinite(n) ? n : v;
}

/** Whether `v` is a NaN cursor, which Python's `max`, `min` and `==` treat as no other value. */
const isNan = (v: Json | undefined): boolean => typeof v === "number" && Number.isNaN(v);

function compare(a: Json, b: Json, cursorPath: string): number {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== null && y !== null) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  throw new EngineError(
    "paginator_error",
    `Could not coerce the cursor \`${cursorPath}\` value ${jsonShown(a)} and ${jsonShown(b)} to one type for comparison.`,
  );
}

/** Python's `max((a, b))` (`min`): `a` unless `b` is greater (smaller); a NaN on either side is never. */
function pyLast(a: Json, b: Json, min: boolean, cursorPath: string): Json {
  if (isNan(a) || isNan(b) || a === null || b === null) return a;
  return (min ? -1 : 1) * compare(b, a, cursorPath) > 0 ? b : a;
}

function scalarSettings(cfg: BoundIncremental): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(cfg))
    if (k !== "initial_value_python" && (v === null || ["string", "number", "boolean"].includes(typeof v))) setOwn(out, k, v as Json);
  return out;
}

/**
 * The key dlt's incremental de-duplicates by: its own `primary_key` (a hint written on the incremental wins over the
 * resource's, `set_deduplication_key`), else the resource's; `null`: none, so the whole record is hashed.
 */
function dedupKey(cfg: BoundIncremental, resourceKey: readonly string[] | null): readonly string[] | null {
  const own = cfg.primary_key;
  return own === undefined || own === null ? resourceKey : typeof own === "string" ? [own] : own;
}

/** dlt de-duplicates at the boundary unless `range_start` is open, an `end_value` or a `lag` is set, or the key is empty. */
const deduplicates = (cfg: BoundIncremental, key: readonly string[] | null): boolean =>
  !(cfg.range_start === "open" || cfg.end_value != null || cfg.lag || (key !== null && key.length === 0));

/** Object keys sorted, as dlt's `json.dumps(…, sort_keys=True)` writes them before it digests a record. */
const sortedKeys = (_: string, v: unknown): unknown =>
  typeof v === "object" && v !== null && !Array.isArray(v)
    ? Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, (v as Record<string, unknown>)[k]]),
      )
    : v;

/**
 * dlt's `compute_unique_value`: the digest of the key's values (one column: its value; several: their list), or of the
 * whole record without a key. A record at the boundary without a key column fails dlt's extract step
 * (`IncrementalPrimaryKeyMissing`).
 */
function boundaryHash(key: readonly string[] | null, r: DataRecord, resource: string): string {
  if (key === null) return digest128(JSON.stringify(r, sortedKeys));
  const missing = key.find((k) => !Object.hasOwn(r, k));
  if (missing !== undefined)
    throw new EngineError(
      "paginator_error",
      `Primary key column \`${missing}\` was not found in extracted data item. All data items must contain this column. ` +
        "Use the same names of fields as in your JSON document. (dlt's incremental keeps a hash of the primary key of each " +
        "record at the cursor's boundary: IncrementalPrimaryKeyMissing in its extract step.)",
      { resource },
    );
  return digest128(JSON.stringify(key.length === 1 ? r[key[0] as string] : key.map((k) => r[k]), sortedKeys));
}

const finiteOrNull = (v: Json): Json => (typeof v === "number" && !Number.isFinite(v) ? null : v);

/** `texts`: the run's number spellings (records' cursors that `JSON.parse` changed are read as Python holds them). */
export function startIncremental(
  cfg: BoundIncremental,
  prior: IncrementalState | undefined,
  resource: string,
  primaryKey: readonly string[] | null = null,
  texts?: NumberTexts,
): IncrementalRun {
  const key = dedupKey(cfg, primaryKey);
  const dedup = deduplicates(cfg, key);
  const cursorPath = cfg.cursor_path;
  const path = compilePath(cursorPath);
  const min = cfg.last_value_func === "min";
  const initial = cfg.initial_value ?? null;
  const end = cfg.end_value ?? null;
  // With end_value every run starts from initial_value and keeps no state (a backfill range).
  // A state's null `last_value` (a cursor that was `inf` or NaN, which dlt's state writes as null) is kept: no start.
  const stored = end === null && prior && prior.cursor_path === cursorPath ? prior.last_value : undefined;
  const before = stored !== undefined ? stored : initial;
  // dlt applies `lag` only with a stored or initial value and without `end_value` (`apply_lag_with_suppression`),
  // and a lagged value does not cross `initial_value` (`apply_lag`). Without lag a stored value wins, whatever
  // `initial_value` says now (an `initial_value` changed after a run is read only when there is no state).
  const sign = min ? -1 : 1;
  /** dlt's `last_value` of a state holding `v`: lagged, never past `initial_value`; with `end_value` the throwaway state's. */
  const lagged = (v: Json): Json => {
    if (end !== null) return initial;
    if (!cfg.lag || v === null) return v;
    const l = lagCursor(v, cfg.lag, min, cursorPath);
    return initial !== null && compare(l, initial, cursorPath) * sign < 0 ? initial : l;
  };
  const start = lagged(before);
  let current = start;
  // dlt's transformer starts its last value at the start value (lagged), and after each page (batch) with `lag` takes
  // `last_value_func((last, state's last_value))` when the state's is truthy, so a lag never moves it back (`Incremental.__call__`).
  let last: Json = cfg.lag ? start : before;
  /** The state's `last_value` as the page started (`cached_state["last_value"]`). */
  let cached: Json = before;
  /** dlt's `last_rows`: the records at the last value, whose primary keys it hashes after each page (boundary de-duplication). */
  let lastRows: DataRecord[] = [];
  // The state's hashes as the run (or a child's new binding) starts: records equal to the start value with one are dropped.
  let startHashes = new Set<string>(dedup && stored !== undefined ? (prior?.unique_hashes ?? []) : []);
  /** dlt's `transformer.unique_hashes`: the start's, until a record moves the last value on. */
  let carried = new Set(startHashes);
  /** The digests of `lastRows[0, hashed)`: each record's once (dlt digests them all after every page; the same set). */
  let lastHashes = new Set<string>();
  let hashed = 0;
  /** `r` is the new last value's first record. */
  const newLast = (v: Json, r: DataRecord): void => {
    [last, lastRows, hashed] = [v, [r], 0];
    lastHashes = new Set();
    carried = new Set();
  };
  const missing = cfg.on_cursor_value_missing ?? "raise";
  // The first cursor value seen before the start / past the end (dlt's start/end_out_of_range).
  let startOut: { readonly value: Json; readonly why: string } | undefined;
  let endOut: Json | undefined;
  return {
    cursorPath,
    startValue: start,
    endValue: end,
    initialValue: initial,
    before,
    // `{incremental.<attr>}`: the four values, plus any other scalar setting (dlt interpolates `{incremental.lag}` too).
    context: { ...scalarSettings(cfg), initial_value: initial, start_value: start, last_value: before, end_value: end },
    filter(records) {
      const kept: DataRecord[] = [];
      for (const r of records) {
        // A `None` a map step gave on a page (dlt's list keeps it): dlt's incremental drops it (`if row is None`).
        if (wrappedValues.has(r) && wrappedValues.get(r) === null) continue;
        let v = firstMatch(path, r);
        // A cursor JSON.parse changed (`5.0`, digits beyond 2^53, `NaN`, `1e400`) as Python holds it: compared, stored and sent so.
        if (texts?.recorded && spellable(v)) v = cursorAsPython(firstMatchAsSent(path, r, texts));
        if (v === undefined || v === null) {
          if (missing === "include") kept.push(r);
          else if (missing === "raise")
            // dlt's IncrementalCursorPathMissing / IncrementalCursorPathHasValueNone (dlt/extract/incremental/exceptions.py).
            throw new EngineError(
              "paginator_error",
              `In processing pipe \`${resource}\`: Cursor element with JSON path \`${cursorPath}\` ` +
                (v === undefined
                  ? "was not found in extracted data item. All data items must contain this path. Use the same names of fields " +
                    "as in your JSON document because they can be different from the names you see in database."
                  : "has the value `None` in extracted data item. All data items must contain a value != None. Construct the " +
                    "incremental with `on_cursor_value_missing='include'` if you want to include such rows"),
              { resource },
            );
          continue;
        }
        // A Python date meets the first cursor and fails (`dateCoercion`): the end is compared first, then the start.
        if (end !== null && cfg.dates?.end_value) throw dateCoercion(resource, cursorPath, "end_value", cfg.dates.end_value, end, v, min);
        if (stored === undefined && cfg.dates?.initial_value)
          throw dateCoercion(resource, cursorPath, "start_value/initial_value", cfg.dates.initial_value, initial, v, min);
        if (end !== null) {
          // `max((nan, end)) != end`: a NaN is past any end.
          const c = isNan(v) ? 1 : sign * compare(v, end, cursorPath);
          if (c > 0 || (c === 0 && cfg.range_end !== "closed")) {
            endOut ??= v;
            continue;
          }
        }
        // Python's `max((row, last))` keeps the row unless `last` is greater, and `last == new` is False for a NaN on
        // either side: the row then becomes the last value, kept whatever the start (dlt's JsonIncremental).
        if (isNan(v) || isNan(last)) {
          newLast(v, r);
          kept.push(r);
          continue;
        }
        if (current !== null) {
          const c = sign * compare(v, current, cursorPath);
          // dlt counts a record out of the start's range (`start_out_of_range`, which ends a `desc` resource) when it is
          // before the start, at it with `range_start: "open"`, or at it and loaded by the previous run.
          if (c < 0 || (c === 0 && cfg.range_start === "open")) {
            startOut ??= { value: v, why: c < 0 ? "before" : "at (range_start open)" };
            continue;
          }
          // A record at the start value that the previous run loaded (its key's digest is in the state) is dropped.
          if (c === 0 && dedup && startHashes.has(boundaryHash(key, r, resource))) {
            startOut ??= { value: v, why: "at (and loaded by the last run)" };
            continue;
          }
        }
        const c = last === null ? 1 : sign * compare(v, last, cursorPath);
        if (c > 0) newLast(v, r);
        else if (c === 0) lastRows.push(r);
        kept.push(r);
      }
      // The records at the last value after this page are hashed (a NaN record that is the last value too).
      if (dedup) for (; hashed < lastRows.length; hashed++) lastHashes.add(boundaryHash(key, lastRows[hashed] as DataRecord, resource));
      if (records.length > 0) {
        if (cfg.lag && pyTruthy(cached)) last = pyLast(last, cached, min, cursorPath);
        cached = last;
      }
      return { kept, dropped: records.length - kept.length };
    },
    closeReason() {
      if (cfg.row_order === "asc" && endOut !== undefined) {
        const past = `a record's \`${cursorPath}\` ${jsonShown(endOut)} is past end_value ${jsonShown(end)}`;
        return `row_order "asc": ${past}, so every later record would be too`;
      }
      if (cfg.row_order === "desc" && startOut !== undefined) {
        return (
          `row_order "desc": a record's \`${cursorPath}\` ${jsonShown(startOut.value)} is ${startOut.why} the start value ` +
          `${jsonShown(current)}, so every later record would be out of its range too`
        );
      }
      return null;
    },
    lastValue: () => last,
    liveLast: () => lagged(last),
    currentStart: () => current,
    rebind() {
      current = lagged(last);
      // A new binding's transformer (dlt's `bind` clears them) starts from its start value, with no last rows, and the
      // state's hashes as they are then.
      if (cfg.lag) last = current;
      startHashes = new Set([...carried, ...lastHashes]);
      carried = new Set(startHashes);
      [lastRows, lastHashes, hashed] = [[], new Set(), 0];
    },
    // dlt's state writes a float that is not finite (`inf`, NaN) as null (orjson): the next run has no start.
    state: () =>
      end === null
        ? {
            cursor_path: cursorPath,
            initial_value: initial,
            last_value: finiteOrNull(last),
            unique_hashes: dedup ? [...new Set([...carried, ...lastHashes])] : [],
          }
        : null,
  };
}
