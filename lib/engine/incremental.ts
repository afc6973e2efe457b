/**
 * Incremental loading (dlt-rest-api.md §10): the start value from the previous run's state (or
 * `initial_value`), request params and `{incremental.*}` placeholders, and dlt's record filter.
 * Simplification, documented in docs/decisions/0007: records equal to the start value are kept
 * (dlt de-duplicates them against hashes saved by the previous run).
 *
 * `row_order` (dlt's `can_close`): with "asc" the resource stops paging once a record is past
 * `end_value`; with "desc", once a record is before the start value. As in dlt the rule is literal —
 * "past the end" and "before the start" are in `last_value_func`'s direction — and the page that
 * showed it is still processed whole.
 */
import type { ResolvedIncremental } from "../config/resolved";
import { EngineError, type DataRecord, type IncrementalState, type Json } from "./types";
import { compilePath, firstMatch, firstMatchAsSent } from "./jsonpath";
import { isPyNumber, jsonShown, pyNumberValue, pyTruthy, setOwn, spellable } from "../shared";
import { lagCursor } from "./lag";
import type { NumberTexts } from "./number-text";

/** The resolved incremental with its references bound (lib/config checked it: a `cursor_path`, an `initial_value` for an `end_value`). */
export type BoundIncremental = Omit<ResolvedIncremental, "initial_value" | "end_value"> & {
  readonly initial_value?: Json;
  readonly end_value?: Json;
};

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
 * dlt keeps hashes of the records at the boundary (those equal to the start value, and those at the
 * last value after each page), made from their `primary_key`: a record there without a key column
 * fails dlt's extract step (`IncrementalPrimaryKeyMissing`). It does so unless boundary de-duplication
 * is off (`range_start: "open"`, an `end_value`, a `lag`, or an empty key); a `null` key hashes the record.
 */
function keyCheck(cfg: BoundIncremental, primaryKey: readonly string[] | null, resource: string): ((r: DataRecord) => void) | null {
  if (primaryKey === null || primaryKey.length === 0 || cfg.range_start === "open" || cfg.end_value != null || cfg.lag) return null;
  return (r) => {
    const missing = primaryKey.find((k) => !Object.hasOwn(r, k));
    if (missing !== undefined)
      throw new EngineError(
        "paginator_error",
        `Primary key column \`${missing}\` was not found in extracted data item. All data items must contain this column. ` +
          "Use the same names of fields as in your JSON document. (dlt's incremental keeps a hash of the primary key of each " +
          "record at the cursor's boundary: IncrementalPrimaryKeyMissing in its extract step.)",
        { resource },
      );
  };
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
  const checkKey = keyCheck(cfg, primaryKey, resource);
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
  const missing = cfg.on_cursor_value_missing ?? "raise";
  // The first cursor value seen before the start / past the end (dlt's start/end_out_of_range).
  let startOut: Json | undefined;
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
        let v = firstMatch(path, r);
        // A cursor JSON.parse changed (`5.0`, digits beyond 2^53, `NaN`, `1e400`) as Python holds it: compared, stored and sent so.
        if (texts?.recorded && spellable(v)) v = cursorAsPython(firstMatchAsSent(path, r, texts));
        if (v === undefined || v === null) {
          if (missing === "include") kept.push(r);
          else if (missing === "raise")
            throw new EngineError(
              "paginator_error",
              `Cursor element with JSON path \`${cursorPath}\` was not found in extracted data item (or is null). Set \`on_cursor_value_missing\` to "include" or "exclude".`,
              { resource },
            );
          continue;
        }
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
          last = v;
          lastRows = [r];
          kept.push(r);
          continue;
        }
        if (current !== null) {
          const c = sign * compare(v, current, cursorPath);
          if (c < 0) startOut ??= v;
          if (c < 0 || (c === 0 && cfg.range_start === "open")) continue;
          if (c === 0) checkKey?.(r);
        }
        const c = last === null ? 1 : sign * compare(v, last, cursorPath);
        if (c > 0) [last, lastRows] = [v, [r]];
        else if (c === 0) lastRows.push(r);
        kept.push(r);
      }
      // The records at the last value after this page are hashed (a NaN record that is the last value too).
      if (checkKey) for (const r of lastRows) checkKey(r);
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
          `row_order "desc": a record's \`${cursorPath}\` ${jsonShown(startOut)} is before the start value ` +
          `${jsonShown(current)}, so every later record would be too`
        );
      }
      return null;
    },
    lastValue: () => last,
    liveLast: () => lagged(last),
    currentStart: () => current,
    rebind() {
      current = lagged(last);
      // A new binding's transformer (dlt's `bind` clears them) starts from its start value, with no last rows.
      if (cfg.lag) last = current;
      lastRows = [];
    },
    // dlt's state writes a float that is not finite (`inf`, NaN) as null (orjson): the next run has no start.
    state: () => (end === null ? { cursor_path: cursorPath, initial_value: initial, last_value: finiteOrNull(last) } : null),
  };
}
