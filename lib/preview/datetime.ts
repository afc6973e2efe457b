/**
 * Date-times as dlt reads and writes them, with microseconds (a JavaScript `Date` holds only ms):
 * - text is read as dlt reads it with pendulum 3 (`parseIsoLike`, lib/shared/datetime.ts), with a
 *   fast path for the common `YYYY-MM-DDTHH:MM:SS[.f]Z`;
 * - naive values are UTC (`normalize_timezone`); values are written as Python's `isoformat()`.
 */
import * as shared from "../shared/datetime";

// Imported functions bound once: a bundler's (or tsx's) module object reads each through a getter per call.
const { SCALE, civilFromDays, daysFromCivil, daysIn, epochParts, parseIsoLike } = shared;
export { daysFromCivil, parseIsoLike };
export const { textDateTime } = shared;

export interface DateTimeValue {
  /** Seconds since the epoch of the wall time in UTC (naive values are taken as UTC). */
  readonly seconds: number;
  readonly micro: number;
  /** Whether the text had an offset (`Z` or `±HH:MM`). */
  readonly aware: boolean;
}

export interface ParsedIso {
  readonly kind: "datetime" | "date";
  readonly value: DateTimeValue;
}

const digits = (s: string, at: number, n: number): number => {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
};

const NOT_UTC = -1;
const IMPOSSIBLE = -2;

/** Two digits at `at` as a number, `-1` when they are not both digits. */
const twoDigits = (s: string, at: number): number => {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 ? -1 : a * 10 + b;
};

/**
 * `YYYY-MM-DDTHH:MM:SS[.fff…]Z`, the most common spelling, without the regex and without allocating
 * (a hot path): its microseconds, `NOT_UTC` for another spelling, `IMPOSSIBLE` for a date or time that
 * does not exist.
 */
function utcMicro(text: string): number {
  const n = text.length;
  if (
    n < 20 ||
    text.charCodeAt(n - 1) !== 90 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return NOT_UTC;
  const y1 = twoDigits(text, 0);
  const y2 = twoDigits(text, 2);
  const mo = twoDigits(text, 5);
  const d = twoDigits(text, 8);
  const h = twoDigits(text, 11);
  const mi = twoDigits(text, 14);
  const s = twoDigits(text, 17);
  let micro = 0;
  if (n > 20) {
    // `.` and 1 to 9 digits (`n` 22 to 30): the first six are the microseconds.
    if (text.charCodeAt(19) !== 46 || n < 22 || n > 30) return NOT_UTC;
    for (let i = 20; i < n - 1; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c >>> 0 > 9) return NOT_UTC;
      if (i < 26) micro = micro * 10 + c;
    }
    if (n < 27) micro *= SCALE[n - 21] as number;
  }
  if ((y1 | y2 | mo | d | h | mi | s) < 0) return NOT_UTC;
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y1 * 100 + y2, mo) || h > 23 || mi > 59 || s > 59) return IMPOSSIBLE;
  return micro;
}

/** `utcMicro` as `parseIso` reads it: `undefined` for another spelling. */
function parseUtc(text: string): ParsedIso | null | undefined {
  const micro = utcMicro(text);
  if (micro === NOT_UTC) return undefined;
  if (micro === IMPOSSIBLE) return null;
  const [y, mo, d] = [digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)];
  const [h, mi, s] = [digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2)];
  return { kind: "datetime", value: { seconds: daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s, micro, aware: true } };
}

/** Whether `text` is an ISO date-time (`parseIso(text)?.kind === "datetime"`), without building it for the common spelling. */
export function isIsoDateTime(text: string): boolean {
  const micro = utcMicro(text);
  if (micro >= 0) return true;
  if (micro === IMPOSSIBLE) return false;
  return parseIso(text)?.kind === "datetime";
}

/** An ISO 8601 date or date-time as dlt reads text (`parse_iso_like_datetime`), or `null` (a time of day is neither). */
export function parseIso(text: string): ParsedIso | null {
  const fast = parseUtc(text);
  if (fast !== undefined) return fast;
  const f = parseIsoLike(text);
  if (f === null || f.kind === "time") return null;
  if (f.kind === "date") return { kind: "date", value: { seconds: daysFromCivil(f.year, f.month, f.day) * 86400, micro: 0, aware: false } };
  return { kind: "datetime", value: dateTimeValue(f) };
}

/** `pendulum.from_timestamp(v)`: an aware UTC date-time (microseconds rounded half to even). */
export function fromTimestamp(v: number): DateTimeValue | null {
  const at = epochParts(v);
  return at === null ? null : { seconds: at.seconds, micro: at.micro, aware: true };
}

/** The instant of a date-time's fields (a date's at midnight): UTC seconds, naive values taken as UTC. */
export function dateTimeValue(f: Readonly<shared.Fields>): DateTimeValue {
  const seconds = daysFromCivil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.minute * 60 + f.second - (f.offset ?? 0);
  return { seconds, micro: f.micro, aware: f.offset !== null };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, "0");

function parts(v: DateTimeValue): { date: string; time: string } {
  const days = Math.floor(v.seconds / 86400);
  const secs = v.seconds - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const fraction = v.micro ? `.${pad(v.micro, 6)}` : "";
  const time = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}${fraction}`;
  return { date: `${pad(y, 4)}-${pad(m)}-${pad(d)}`, time };
}

/**
 * `formatTimestamp(parseIso(text))` for the common UTC spelling `YYYY-MM-DDTHH:MM:SS[.fff…]Z`,
 * built from the text itself (no date arithmetic); `null` for any other spelling.
 */
export function formatUtcText(text: string, timezone: boolean): string | null {
  const micro = utcMicro(text);
  if (micro < 0) return null;
  // Six fraction digits are the text's own (`.ffffff`); other fractions are re-spelled.
  const head = micro === 0 ? text.slice(0, 19) : text.length === 27 ? text.slice(0, 26) : `${text.slice(0, 19)}.${pad(micro, 6)}`;
  return timezone ? `${head}+00:00` : head;
}

/** Python's `isoformat()` of the UTC value: `+00:00` unless `timezone: false` made it naive. */
export function formatTimestamp(v: DateTimeValue, timezone: boolean): string {
  const { date, time } = parts(v);
  return `${date}T${time}${timezone ? "+00:00" : ""}`;
}

/** The UTC date of a value (`YYYY-MM-DD`). */
export const formatDate = (v: DateTimeValue): string => parts(v).date;

/**
 * A time of day (`HH:MM:SS[.ffffff]`) for `time` columns (`ensure_pendulum_time` of text): only text
 * dlt reads as a time; one with an offset is moved to UTC and made naive.
 */
export function parseTime(text: string): string | null {
  const f = parseIsoLike(text);
  if (f === null || f.kind !== "time") return null;
  const secs = (((f.hour * 3600 + f.minute * 60 + f.second - (f.offset ?? 0)) % 86400) + 86400) % 86400;
  return `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}${f.micro ? `.${pad(f.micro, 6)}` : ""}`;
}
