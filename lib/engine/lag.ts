/**
 * dlt's incremental `lag` on a cursor value (`_apply_lag_to_value` in
 * `dlt/extract/incremental/lag.py`, dlt 1.26.0, with pendulum 3), as recorded in
 * lib/testing/fixtures/lag.json:
 * - numbers move by `lag` (an integer stays one: Python's `int()` truncates);
 * - text in one of the formats dlt detects (`detect_datetime_format`) is read as dlt reads dates
 *   (lib/shared/datetime.ts), moved by `lag` seconds (by `lag` whole days for `YYYY-MM-DD` and
 *   `YYYYMMDD`) on its own clock (its offset kept), and written back in that format (`strftime`: the
 *   fraction as six digits, `%W` weeks counted from Mondays, the year unpadded below 1000);
 * - date-time text in another spelling (`2024-01-01 10:00:00`, `"1700000000"`) makes dlt fail: it
 *   returns a pendulum object there, which it then compares with the string cursor values
 *   (`TypeError: '>' not supported between instances of 'DateTime' and 'str'`);
 * - anything else makes dlt raise too: an `EngineError`.
 * `max` moves back, `min` forward.
 */
import * as shared from "../shared/datetime";
import { EngineError, type Json } from "./types";
import { isPyNumber, pyFloatRepr, pyIntJson, PY_NUMBER, pyNumberValue } from "../shared";

const { civilFromDays, daysFromCivil, textDateTime, weekday } = shared;
type Fields = shared.Fields;

/** `detect_datetime_format`'s patterns, in its order (the first that matches wins). */
const FORMATS: readonly (readonly [RegExp, string])[] = [
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, "%Y-%m-%dT%H:%M:%SZ"],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z$/, "%Y-%m-%dT%H:%M:%S.%fZ"],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+\d{2}:\d{2}$/, "%Y-%m-%dT%H:%M:%S%:z"],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+\d{4}$/, "%Y-%m-%dT%H:%M:%S%z"],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+\+\d{2}:\d{2}$/, "%Y-%m-%dT%H:%M:%S.%f%:z"],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+\+\d{4}$/, "%Y-%m-%dT%H:%M:%S.%f%z"],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-\d{2}:\d{2}$/, "%Y-%m-%dT%H:%M:%S%:z"],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-\d{4}$/, "%Y-%m-%dT%H:%M:%S%z"],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+-\d{2}:\d{2}$/, "%Y-%m-%dT%H:%M:%S.%f%:z"],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+-\d{4}$/, "%Y-%m-%dT%H:%M:%S.%f%z"],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, "%Y-%m-%dT%H:%M:%S"],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "%Y-%m-%dT%H:%M"],
  [/^\d{4}-\d{2}-\d{2}T\d{2}$/, "%Y-%m-%dT%H"],
  [/^\d{4}-\d{2}-\d{2}$/, "%Y-%m-%d"],
  [/^\d{4}-\d{2}$/, "%Y-%m"],
  [/^\d{4}$/, "%Y"],
  [/^\d{4}-W\d{2}$/, "%Y-W%W"],
  [/^\d{4}-W\d{2}-\d$/, "%Y-W%W-%u"],
  [/^\d{4}-\d{3}$/, "%Y-%j"],
  [/^\d{8}$/, "%Y%m%d"],
  [/^\d{6}$/, "%Y%m"],
];
const DATE_FORMATS = new Set(["%Y%m%d", "%Y-%m-%d"]);

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

/** A wall-clock time: whole seconds since 1970-01-01 on its own clock, microseconds, offset (`null`: naive). */
interface Wall {
  readonly seconds: number;
  readonly micro: number;
  readonly offset: number | null;
}

const wallOf = (f: Fields): Wall => ({
  seconds: daysFromCivil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.minute * 60 + f.second,
  micro: f.micro,
  offset: f.offset,
});

/** Python's `round()` of a float: half to even (how `timedelta(seconds=lag)` rounds to microseconds). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** `datetime + timedelta(seconds=lag)`: on the value's own clock. */
function addSeconds(w: Wall, lag: number): Wall {
  const total = w.micro + roundHalfEven(lag * 1e6);
  const carry = Math.floor(total / 1e6);
  return { seconds: w.seconds + carry, micro: total - carry * 1e6, offset: w.offset };
}

/** The UTC date of a date's text (`ensure_pendulum_date`: `.in_tz(UTC).date()`), as a wall time at midnight. */
function utcDate(f: Fields): Wall {
  const w = wallOf(f);
  const days = Math.floor((w.seconds - (f.offset ?? 0)) / 86400);
  return { seconds: days * 86400, micro: 0, offset: null };
}

/** Python's `strftime` of the directives `detect_datetime_format` uses (glibc: `%Y` unpadded). */
function strftime(w: Wall, format: string): string | null {
  const days = Math.floor(w.seconds / 86400);
  const rest = w.seconds - days * 86400;
  const [y, m, d] = civilFromDays(days);
  if (y < 1 || y > 9999) return null;
  const yday = days - daysFromCivil(y, 1, 1);
  const wd = weekday(days);
  const offset = (sep: string): string => {
    if (w.offset === null) return "";
    const a = Math.abs(w.offset);
    return `${w.offset < 0 ? "-" : "+"}${pad(Math.floor(a / 3600))}${sep}${pad(Math.floor(a / 60) % 60)}`;
  };
  const directive: Record<string, () => string> = {
    Y: () => String(y),
    m: () => pad(m),
    d: () => pad(d),
    H: () => pad(Math.floor(rest / 3600)),
    M: () => pad(Math.floor(rest / 60) % 60),
    S: () => pad(rest % 60),
    f: () => pad(w.micro, 6),
    j: () => pad(yday + 1, 3),
    u: () => String(wd),
    W: () => pad(Math.floor((yday + 7 - (wd - 1)) / 7)),
    z: () => offset(""),
    ":z": () => offset(":"),
  };
  return format.replace(/%(:z|[A-Za-z])/g, (_, k: string) => directive[k]?.() ?? `%${k}`);
}

/** The cursor value `value` moved by `lag` (back for `max`, forward for `min`), as dlt moves it. */
export function lagCursor(value: Json, lag: number, min: boolean, cursorPath: string): Json {
  const step = min ? lag : -lag;
  if (isPyNumber(value)) return lagPyNumber(pyNumberValue(value), step);
  if (typeof value === "number" || typeof value === "boolean") {
    const n = Number(value) + step;
    return typeof value === "boolean" || Number.isInteger(value) ? Math.trunc(n) : n;
  }
  const refuse = (why: string) =>
    new EngineError("paginator_error", `incremental \`lag\` on \`${cursorPath}\`: ${why} (dlt raises here and loads nothing)`);
  if (typeof value !== "string")
    throw refuse(`dlt lags numbers, dates and date-times, not ${JSON.stringify(value)}; strings must parse to a date or date-time`);
  const format = FORMATS.find(([re]) => re.test(value))?.[1] ?? null;
  const f = textDateTime(value);
  if (f === null) throw refuse(`${JSON.stringify(value)} is not a date or date-time dlt can read`);
  if (format === null)
    throw refuse(
      `dlt keeps the spelling of ISO 8601 cursors only (\`2024-01-01T10:00:00Z\`, \`…+02:00\`, \`2024-01-01\`); ` +
        `${JSON.stringify(value)} becomes a date-time object that dlt then compares with the string cursor values ` +
        "(`TypeError: '>' not supported between instances of 'DateTime' and 'str'`)",
    );
  let moved: Wall;
  if (DATE_FORMATS.has(format)) {
    const date = utcDate(f);
    moved = { ...date, seconds: date.seconds + Math.floor(step) * 86400 };
  } else moved = addSeconds(wallOf(f), step);
  const out = strftime(moved, format);
  if (out === null) throw refuse(`${JSON.stringify(value)} moved by ${lag} leaves the years 1 to 9999`);
  return out;
}

/**
 * A cursor JavaScript's number would misstate (`5.0`, digits beyond 2^53: `sentNumber`) moved as
 * Python moves it: an integer by an integer lag exactly, anything else as a float (kept a float).
 */
function lagPyNumber(v: number | bigint, step: number): Json {
  if (typeof v === "bigint") {
    const n = Number.isInteger(step) ? v + BigInt(step) : BigInt(Math.trunc(Number(v) + step));
    return pyIntJson(n);
  }
  const n = v + step;
  return Number.isInteger(n) ? { [PY_NUMBER]: pyFloatRepr(n) } : n;
}
