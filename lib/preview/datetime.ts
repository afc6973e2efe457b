/**
 * Date-times as dlt reads and writes them, with microseconds (a JavaScript `Date` holds only ms):
 * - detection and parsing follow pendulum's `parse_iso8601` for the plain ISO 8601 forms
 *   (`YYYY-MM-DD` or `YYYYMMDD`, then `T` or a space, `HH[:MM[:SS]]`, a `.`/`,` fraction, `Z` or
 *   `±HH[:MM]`); impossible dates and times are not date-times. Week, ordinal and hour-only
 *   forms, which pendulum 2 and 3 parse differently, are left out (as in the golden records);
 * - naive values are UTC (`normalize_timezone`); values are written as Python's `isoformat()`.
 */

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

const ISO =
  /^(\d{4})(?:-(\d{2})-(\d{2})|(\d{2})(\d{2}))(?:[T ](\d{2})(?::?(\d{2})(?::?(\d{2}))?)?(?:[.,](\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number): number => (m === 2 && leap(y) ? 29 : (DAYS[m - 1] ?? 0));

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function civilFromDays(days: number): [number, number, number] {
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

/** `10 ** (6 - n)` for a fraction of `n` (1 to 6) digits: its digits as microseconds. */
const SCALE = [1e6, 1e5, 1e4, 1e3, 100, 10, 1];

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

/** An ISO 8601 date or date-time (pendulum's reading), or `null`. */
export function parseIso(text: string): ParsedIso | null {
  const fast = parseUtc(text);
  if (fast !== undefined) return fast;
  const m = ISO.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2] ?? m[4]), Number(m[3] ?? m[5])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
  const days = daysFromCivil(y, mo, d);
  if (m[6] === undefined) return { kind: "date", value: { seconds: days * 86400, micro: 0, aware: false } };
  const [h, mi, s] = [Number(m[6]), Number(m[7] ?? 0), Number(m[8] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  const micro = m[9] === undefined ? 0 : Number(m[9].slice(0, 6).padEnd(6, "0"));
  let offset = 0;
  const tz = m[10];
  if (tz !== undefined && tz !== "Z") {
    const digits = tz.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || "0");
    if (oh > 23 || om > 59) return null;
    offset = (tz[0] === "-" ? -1 : 1) * (oh * 60 + om) * 60;
  }
  return { kind: "datetime", value: { seconds: days * 86400 + h * 3600 + mi * 60 + s - offset, micro, aware: tz !== undefined } };
}

/** `pendulum.from_timestamp(v)`: an aware UTC date-time (microseconds rounded half to even). */
export function fromTimestamp(v: number): DateTimeValue | null {
  if (!Number.isFinite(v) || Math.abs(v) > 253402300799) return null;
  const seconds = Math.floor(v);
  let micro = (v - seconds) * 1e6;
  const floor = Math.floor(micro);
  const rest = micro - floor;
  micro = rest > 0.5 || (rest === 0.5 && floor % 2 === 1) ? floor + 1 : floor;
  return micro >= 1e6 ? { seconds: seconds + 1, micro: micro - 1e6, aware: true } : { seconds, micro, aware: true };
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

/** A time of day (`HH:MM:SS[.ffffff]`), for `time` columns. */
export function parseTime(text: string): string | null {
  const m = /^(\d{2}):?(\d{2})(?::?(\d{2}))?(?:[.,](\d{1,9}))?$/.exec(text);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return null;
  const micro = m[4] === undefined ? 0 : Number(m[4].slice(0, 6).padEnd(6, "0"));
  return `${m[1]}:${m[2]}:${m[3] ?? "00"}${micro ? `.${pad(micro, 6)}` : ""}`;
}
