/**
 * Text as dlt reads it for a date, a time or a date-time (`parse_iso_like_datetime` in
 * `dlt/common/time.py`) with pendulum 3, what `pip install dlt` brings
 * ([decision 0027](../../docs/decisions/0027-dates-as-pendulum-3-reads-them.md)): pendulum's ISO 8601
 * parser (`rust/src/parsing.rs`: calendar, basic, ordinal and week dates, `T` or a space, extended or
 * basic times, a `.`/`,` fraction, `Z` or `±HH[:MM]`; `HH:MM…` alone is a time), and where it fails
 * pendulum's `_parse_common` (`YYYY`, `YYYY/MM/DD`, `YYYY:MM:DD`, then an optional ` H:M[:S][.f]`);
 * a date, time or date-time that does not exist is neither. Also the proleptic Gregorian calendar
 * arithmetic both readers of dates (lib/preview's types, lib/engine's incremental lag) build on.
 */
import { pyFloat } from "./python";

/** What pendulum's parsers give, before Python builds it: `kind` from which parts were there. */
export interface Fields {
  kind: "datetime" | "date" | "time";
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micro: number;
  /** Seconds east of UTC; `null`: naive. */
  offset: number | null;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysIn = (y: number, m: number): number => (m === 2 && leap(y) ? 29 : (DAYS[m - 1] ?? 0));

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** The proleptic Gregorian `[year, month, day]` of a day count since 1970-01-01 (`civil_from_days`). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** `10 ** (6 - n)` for a fraction of `n` (1 to 6) digits: its digits as microseconds. */
export const SCALE = [1e6, 1e5, 1e4, 1e3, 100, 10, 1];

export const weekday = (days: number): number => (((days % 7) + 7 + 3) % 7) + 1; // Monday 1 … Sunday 7 (1970-01-01: a Thursday)
const pYear = (y: number): number => y + Math.trunc(y / 4) - Math.trunc(y / 100) + Math.trunc(y / 400);
const longYear = (y: number): boolean => pYear(y) % 7 === 4 || pYear(y - 1) % 7 === 3;

/** The calendar date `ordinal - 1` days after 1 January of `year` (any day count: week dates may leave the year). */
function fromOrdinal(f: Fields, year: number, ordinal: number): void {
  [f.year, f.month, f.day] = civilFromDays(daysFromCivil(year, 1, 1) + ordinal - 1);
}

/** A fraction after seconds: up to six digits are kept, more are dropped, fewer are padded; `-1`: no digit. */
function fraction(s: string, at: { i: number }): number {
  let micro = 0;
  let k = 0;
  for (; k < 6 && at.i < s.length; k++, at.i++) {
    const c = s.charCodeAt(at.i) - 48;
    if (c >>> 0 > 9) break;
    micro = micro * 10 + c;
  }
  if (k === 0) return -1;
  while (at.i < s.length && (s.charCodeAt(at.i) - 48) >>> 0 <= 9) at.i++;
  return micro * (SCALE[k] as number);
}

/**
 * pendulum 3's `parse_iso8601` (`rust/src/parsing.rs`, `Parser::parse_datetime` and `parse_time`),
 * durations and intervals left out (dlt takes neither as a date): the fields, or `null` where it
 * raises. Its quirks are kept: a basic date takes no `HH:MM:SS` time, an extended date no `HHMM` one,
 * `T` and a time alone take no `HH:MM:SS`, a fraction needs seconds.
 */
function pendulumIso(s: string): Fields | null {
  const n = s.length;
  const at = { i: 0 };
  const cur = (): string => (at.i < n ? (s[at.i] as string) : "");
  const end = (): boolean => at.i >= n;
  const int = (len: number): number => {
    let v = 0;
    for (let k = 0; k < len; k++, at.i++) {
      const c = s.charCodeAt(at.i) - 48;
      if (at.i >= n || c >>> 0 > 9) return -1;
      v = v * 10 + c;
    }
    return v;
  };
  const f: Fields = { kind: "date", year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, micro: 0, offset: null };
  let hasDate = false;
  let hasTime = false;
  let extended = false;
  /** `parse_time`; `skipHour`: the hour was read already (`HH:` at the start). */
  const time = (skipHour: boolean): boolean => {
    if (cur() !== "T" && cur() !== " " && !skipHour) return false;
    hasTime = true;
    if (!skipHour) {
      at.i++;
      if ((f.hour = int(2)) < 0) return false;
    }
    const zone = () => end() || cur() === "Z" || cur() === "+" || cur() === "-";
    if (!zone()) {
      if (cur() === ":") {
        at.i++;
        if ((f.minute = int(2)) < 0) return false;
        if (!zone()) {
          if (cur() !== ":") return false;
          at.i++;
          if ((f.second = int(2)) < 0) return false;
          if (cur() === "." || cur() === ",") {
            at.i++;
            if ((f.micro = fraction(s, at)) < 0) return false;
          }
          if (!extended) return false;
        }
      } else {
        if ((f.minute = int(2)) < 0) return false;
        if (!zone()) {
          if ((f.second = int(2)) < 0) return false;
          if (cur() === "." || cur() === ",") {
            at.i++;
            if ((f.micro = fraction(s, at)) < 0) return false;
          }
        }
        if (extended) return false;
      }
    }
    if (cur() === "Z") {
      f.offset = 0;
      at.i++;
    } else if (cur() === "+" || cur() === "-") {
      const sign = cur() === "+" ? 1 : -1;
      at.i++;
      const h = int(2);
      if (h < 0) return false;
      if (cur() === ":") at.i++;
      const m = end() ? 0 : int(2);
      if (m < 0) return false;
      const minutes = h * 60 + m;
      if (minutes > 24 * 60) return false;
      f.offset = sign * minutes * 60;
    }
    return true;
  };

  if (n === 0 || s[0] === "P") return null;
  if (s[0] === "T") {
    if (!time(false) || !end()) return null;
  } else {
    const century = int(2);
    if (century < 0) return null;
    if (cur() === ":") {
      // `HH:MM…`: a time in extended format.
      f.hour = century;
      extended = true;
      if (!time(true) || !end()) return null;
    } else {
      hasDate = true;
      const yy = int(2);
      if (yy < 0) return null;
      f.year = century * 100 + yy;
      if (cur() === "-") {
        at.i++;
        extended = true;
        if (cur() === "W") {
          at.i++;
          const week = int(2);
          if (week < 0) return null;
          let day = 1;
          if (!end() && cur() !== " " && cur() !== "T") {
            if (cur() !== "-") return null;
            at.i++;
            if ((day = int(1)) < 0) return null;
          }
          if (!isoWeek(f, week, day)) return null;
        } else {
          f.month = int(2);
          if (f.month < 0) return null;
          if (!end() && cur() !== " " && cur() !== "T") {
            if (cur() === "-") {
              at.i++;
              if ((f.day = int(2)) < 0) return null;
            } else {
              const d = int(1);
              if (d < 0 || !ordinal(f, f.month * 10 + d)) return null;
            }
          } else f.day = 1;
        }
      } else if (cur() === "W") {
        at.i++;
        const week = int(2);
        if (week < 0) return null;
        let day = 1;
        if (!end() && cur() !== " " && cur() !== "T" && (day = int(1)) < 0) return null;
        if (!isoWeek(f, week, day)) return null;
      } else {
        f.month = int(2);
        const d = int(1);
        if (f.month < 0 || d < 0) return null;
        if (end() || cur() === " " || cur() === "T") {
          if (!ordinal(f, f.month * 10 + d)) return null;
        } else {
          const d2 = int(1);
          if (d2 < 0) return null;
          f.day = d * 10 + d2;
        }
      }
      if (!end() && !time(false)) return null;
      // What remains (an interval's `/…`, anything else) is not a date.
      if (!end()) return null;
    }
  }
  f.kind = hasDate ? (hasTime ? "datetime" : "date") : "time";
  return f;
}

/** `iso_to_ymd`: week 53 only in long years, weekday up to 7 (0 is the Sunday before). */
function isoWeek(f: Fields, week: number, day: number): boolean {
  if (week > 53 || (week > 52 && !longYear(f.year)) || day > 7) return false;
  fromOrdinal(f, f.year, week * 7 + day - (weekday(daysFromCivil(f.year, 1, 4)) + 3));
  return true;
}

/** `ordinal_to_ymd` of an ordinal date (`YYYY-DDD`, `YYYYDDD`): within the year only. */
function ordinal(f: Fields, day: number): boolean {
  if (day < 1 || day > (leap(f.year) ? 366 : 365)) return false;
  fromOrdinal(f, f.year, day);
  return true;
}

/** pendulum's `_parse_common` (`COMMON`, with `fullmatch`), its `\d` read as ASCII digits. */
const COMMON = /^(?:(\d{4})(?:[/:]?(\d{2})[/:]?(\d{2}))?)?(?: ?(\d{1,2}):(\d{1,2})?(?::(\d{1,2}))?(?:[.|,](\d{1,9}))?)?$/;

function pendulumCommon(s: string): Fields | null {
  const m = COMMON.exec(s);
  if (!m) return null;
  const [, year, month, day, hour, minute, second, sub] = m;
  const f: Fields = { kind: "date", year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, micro: 0, offset: null };
  if (year !== undefined) {
    f.year = Number(year);
    if (month !== undefined) [f.month, f.day] = [Number(month), Number(day)];
  }
  if (hour === undefined) return year === undefined ? null : f;
  // `int(None)` of a missing minute raises a TypeError in pendulum: no value dlt could store.
  if (minute === undefined) return null;
  [f.hour, f.minute, f.second] = [Number(hour), Number(minute), Number(second ?? 0)];
  f.micro = sub === undefined ? 0 : Number(sub.slice(0, 6).padEnd(6, "0"));
  f.kind = year === undefined ? "time" : "datetime";
  return f;
}

/** Python's constructors: a date from 1 to 9999, a time of day, an offset under a day. */
const valid = (f: Fields): boolean =>
  (f.kind === "time" ||
    (f.year >= 1 && f.year <= 9999 && f.month >= 1 && f.month <= 12 && f.day >= 1 && f.day <= daysIn(f.year, f.month))) &&
  f.hour <= 23 &&
  f.minute <= 59 &&
  f.second <= 59 &&
  (f.offset === null || Math.abs(f.offset) < 86400);

/** dlt's `parse_iso_like_datetime`: pendulum's ISO parser, then its common formats; `null` where both raise. */
export function parseIsoLike(text: string): Readonly<Fields> | null {
  const iso = pendulumIso(text);
  if (iso !== null && valid(iso)) return iso;
  const common = pendulumCommon(text);
  return common !== null && valid(common) ? common : null;
}

/** `pendulum.from_timestamp(v)`'s instant: whole seconds and microseconds (rounded half to even); `null` outside years 1–9999. */
export function epochParts(v: number): { seconds: number; micro: number } | null {
  if (!Number.isFinite(v) || Math.abs(v) > 253402300799) return null;
  const seconds = Math.floor(v);
  const micro = (v - seconds) * 1e6;
  const floor = Math.floor(micro);
  const rest = micro - floor;
  const rounded = rest > 0.5 || (rest === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
  return rounded >= 1e6 ? { seconds: seconds + 1, micro: rounded - 1e6 } : { seconds, micro: rounded };
}

/** The fields of an aware UTC instant. */
export function utcFields(seconds: number, micro: number): Fields {
  const days = Math.floor(seconds / 86400);
  const rest = seconds - days * 86400;
  const [year, month, day] = civilFromDays(days);
  return {
    kind: "datetime",
    year,
    month,
    day,
    hour: Math.floor(rest / 3600),
    minute: Math.floor(rest / 60) % 60,
    second: rest % 60,
    micro,
    offset: 0,
  };
}

/**
 * `ensure_pendulum_datetime_non_utc` of text: a date-time as read (its offset kept), a date at
 * midnight (naive), else `float(text)` seconds since the epoch (aware, UTC); `null` where dlt raises
 * (a time of day, text that is neither).
 */
export function textDateTime(text: string): Fields | null {
  const f = parseIsoLike(text);
  if (f !== null) return f.kind === "time" ? null : { ...f, kind: "datetime" };
  const v = pyFloat(text);
  const at = v === null ? null : epochParts(v);
  return at === null ? null : utcFields(at.seconds, at.micro);
}
