/**
 * Dates as text, as CPython 3.11 on Linux (glibc, the C locale) writes and reads them: `strftime`, `strptime`
 * (Lib/_strptime.py's patterns) and `fromisoformat` (Modules/_datetimemodule.c). Directives outside these raise
 * `NotModelled` (the step stops with that said) rather than guess.
 */
import { civilFromDays, daysFromCivil } from "../datetime";
import { NotModelled, PyError } from "./values";

const valueError = (m: string) => new PyError("ValueError", m);
const pad = (n: number, w = 2, c = "0") => String(n).padStart(w, c);

export const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
export const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"].concat([
  "November",
  "December",
]);

/** A wall time's fields (`offset`: seconds east of UTC with microseconds, `null` naive; `zone`: `%Z`'s name). */
export interface Wall {
  readonly days: number;
  readonly us: number;
  readonly offsetUs: number | null;
  readonly zone: string;
}

/** Monday 0 … Sunday 6. */
export const weekdayOf = (days: number) => (((days + 3) % 7) + 7) % 7;

/** ISO 8601 year, week and weekday (1–7). */
export function isoCalendar(days: number): [number, number, number] {
  const wd = weekdayOf(days);
  const thursday = days - wd + 3;
  const [y] = civilFromDays(thursday);
  return [y, Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1, wd + 1];
}

function offsetText(us: number, sep: string): string {
  const sign = us < 0 ? "-" : "+";
  const a = Math.abs(us);
  const s = Math.floor(a / 1e6);
  const frac = a % 1e6;
  let out = `${sign}${pad(Math.floor(s / 3600))}${sep}${pad(Math.floor(s / 60) % 60)}`;
  if (s % 60 || frac) out += `${sep}${pad(s % 60)}`;
  return frac ? `${out}.${pad(frac, 6)}` : out;
}
export const utcOffsetText = offsetText;

export function strftime(w: Wall, format: string): string {
  const [y, m, d] = civilFromDays(w.days);
  const H = Math.floor(w.us / 3_600_000_000);
  const M = Math.floor(w.us / 60_000_000) % 60;
  const S = Math.floor(w.us / 1e6) % 60;
  const f = w.us % 1e6;
  const yday = w.days - daysFromCivil(y, 1, 1);
  const wd = weekdayOf(w.days);
  const iso = () => isoCalendar(w.days);
  const dir: Record<string, () => string> = {
    a: () => DAY_NAMES[wd]!.slice(0, 3),
    A: () => DAY_NAMES[wd]!,
    b: () => MONTH_NAMES[m - 1]!.slice(0, 3),
    h: () => MONTH_NAMES[m - 1]!.slice(0, 3),
    B: () => MONTH_NAMES[m - 1]!,
    c: () => `${dir.a!()} ${dir.b!()} ${pad(d, 2, " ")} ${pad(H)}:${pad(M)}:${pad(S)} ${y}`,
    d: () => pad(d),
    e: () => pad(d, 2, " "),
    f: () => pad(f, 6),
    F: () => `${pad(y, 4)}-${pad(m)}-${pad(d)}`,
    H: () => pad(H),
    I: () => pad(H % 12 || 12),
    j: () => pad(yday + 1, 3),
    k: () => pad(H, 2, " "),
    l: () => pad(H % 12 || 12, 2, " "),
    m: () => pad(m),
    M: () => pad(M),
    p: () => (H < 12 ? "AM" : "PM"),
    P: () => (H < 12 ? "am" : "pm"),
    S: () => pad(S),
    T: () => `${pad(H)}:${pad(M)}:${pad(S)}`,
    R: () => `${pad(H)}:${pad(M)}`,
    D: () => `${pad(m)}/${pad(d)}/${pad(y % 100)}`,
    x: () => `${pad(m)}/${pad(d)}/${pad(y % 100)}`,
    X: () => `${pad(H)}:${pad(M)}:${pad(S)}`,
    u: () => String(wd + 1),
    w: () => String((wd + 1) % 7),
    U: () => pad(Math.floor((yday + 7 - ((wd + 1) % 7)) / 7)),
    W: () => pad(Math.floor((yday + 7 - wd) / 7)),
    G: () => String(iso()[0]),
    V: () => pad(iso()[1]),
    y: () => pad(y % 100),
    Y: () => String(y),
    C: () => pad(Math.floor(y / 100)),
    z: () => (w.offsetUs === null ? "" : offsetText(w.offsetUs, "")),
    Z: () => (w.offsetUs === null ? "" : w.zone),
    n: () => "\n",
    t: () => "\t",
    "%": () => "%",
  };
  return format.replace(/%(.?)/gsu, (all, c: string) => {
    const fn = Object.hasOwn(dir, c) ? dir[c] : undefined;
    if (!fn) throw new NotModelled(`\`strftime\`'s \`${all}\``);
    return fn();
  });
}

/** What `strptime` read: the fields dlt's `datetime(...)` is then built from. */
export interface Parsed {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly micro: number;
  /** `%z`: microseconds east of UTC; `undefined`: none given. */
  readonly offsetUs?: number;
  readonly zone?: string;
}

const names = (list: string[]) => `(${[...list].sort((a, b) => b.length - a.length).join("|")})`;
// Lib/_strptime.py's TimeRE, C locale.
const PATTERNS: Record<string, string> = {
  d: "(3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])",
  f: "(\\d{1,6})",
  H: "(2[0-3]|[0-1]\\d|\\d)",
  I: "(1[0-2]|0[1-9]|[1-9])",
  j: "(36[0-6]|3[0-5]\\d|[12]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])",
  m: "(1[0-2]|0[1-9]|[1-9])",
  M: "([0-5]\\d|\\d)",
  S: "(6[0-1]|[0-5]\\d|\\d)",
  w: "([0-6])",
  u: "([1-7])",
  y: "(\\d\\d)",
  Y: "(\\d\\d\\d\\d)",
  z: "([+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|Z)",
  a: names(DAY_NAMES.map((n) => n.slice(0, 3).toLowerCase())),
  A: names(DAY_NAMES.map((n) => n.toLowerCase())),
  b: names(MONTH_NAMES.map((n) => n.slice(0, 3).toLowerCase())),
  B: names(MONTH_NAMES.map((n) => n.toLowerCase())),
  p: "(am|pm)",
  Z: "(utc|gmt)",
};
const EXPAND: Record<string, string> = { c: "%a %b %d %H:%M:%S %Y", x: "%m/%d/%y", X: "%H:%M:%S" };

export function strptime(text: string, format: string): Parsed {
  const kinds: string[] = [];
  let source = "";
  const fmt = format.replace(/%([cxX])/g, (_, c: string) => EXPAND[c]!);
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c === "%") {
      const k = fmt[++i];
      if (k === undefined) throw valueError(`stray % in format '${format}'`);
      if (k === "%") source += "%";
      else if (Object.hasOwn(PATTERNS, k)) {
        kinds.push(k);
        source += PATTERNS[k];
      } else if (/[UWGV]/.test(k)) throw new NotModelled(`\`strptime\`'s \`%${k}\``);
      else throw valueError(`'${k}' is a bad directive in format '%${k}'`);
    } else if (/\s/.test(c)) {
      while (/\s/.test(fmt[i + 1] ?? "")) i++;
      source += "\\s+";
    } else source += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  const m = new RegExp(`^(?:${source})`, "iu").exec(text);
  if (!m) throw valueError(`time data ${quote(text)} does not match format ${quote(format)}`);
  if (m[0].length !== text.length) throw valueError(`unconverted data remains: ${text.slice(m[0].length)}`);
  const f: { -readonly [K in keyof Parsed]: Parsed[K] } = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, micro: 0 };
  let pm: boolean | null = null;
  let hour12: number | null = null;
  let yday: number | null = null;
  kinds.forEach((k, i) => {
    const v = m[i + 1]!;
    const n = Number(v);
    if (k === "Y") f.year = n;
    else if (k === "y") f.year = n + (n <= 68 ? 2000 : 1900);
    else if (k === "m") f.month = n;
    else if (k === "B" || k === "b") f.month = MONTH_NAMES.findIndex((x) => x.toLowerCase().startsWith(v.toLowerCase())) + 1;
    else if (k === "d") f.day = n;
    else if (k === "H") f.hour = n;
    else if (k === "I") hour12 = n;
    else if (k === "p") pm = v.toLowerCase() === "pm";
    else if (k === "M") f.minute = n;
    else if (k === "S") f.second = n;
    else if (k === "f") f.micro = Number(v.padEnd(6, "0"));
    else if (k === "j") yday = n;
    else if (k === "z") f.offsetUs = offsetOf(v);
    else if (k === "Z") f.zone = v;
  });
  if (hour12 !== null) f.hour = (hour12 % 12) + (pm ? 12 : 0);
  if (yday !== null) {
    const days = daysFromCivil(f.year, 1, 1) + yday - 1;
    [f.year, f.month, f.day] = civilFromDays(days);
  }
  return f;
}

function offsetOf(z: string): number {
  if (z.toUpperCase() === "Z") return 0;
  const sep = z[3] === ":";
  const body = z.slice(1).replace(/:/g, "");
  if (sep && z.length > 6 && z[6] !== ":") throw valueError(`Inconsistent use of : in ${z}`);
  const [hh, mm, ss = "0"] = [body.slice(0, 2), body.slice(2, 4), body.slice(4, 6)];
  const frac = body.includes(".") ? Number(body.slice(body.indexOf(".") + 1).padEnd(6, "0")) : 0;
  const us = (Number(hh) * 3600 + Number(mm) * 60 + Number(ss || 0)) * 1e6 + frac;
  return z[0] === "-" ? -us : us;
}

const quote = (s: string) => (s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/'/g, "\\'")}'`);

const digits = (s: string, at: number, n: number): number => {
  const part = s.slice(at, at + n);
  if (part.length !== n || !/^\d+$/.test(part)) throw valueError("");
  return Number(part);
};

/** `HH[:MM[:SS[.f]]]` of `fromisoformat` (CPython's `parse_hh_mm_ss_ff`). */
function hhmmss(t: string): number[] {
  const comps = [0, 0, 0, 0];
  let pos = 0;
  let sep = false;
  for (let comp = 0; comp < 3; comp++) {
    comps[comp] = digits(t, pos, 2);
    pos += 2;
    const next = t[pos];
    if (comp === 0) sep = next === ":";
    if (next === undefined || comp >= 2) break;
    if (sep && next !== ":") throw valueError("");
    if (sep) pos++;
  }
  if (pos < t.length) {
    if (t[pos] !== "." && t[pos] !== ",") throw valueError("");
    pos++;
    const rest = t.slice(pos);
    const take = Math.min(rest.length, 6);
    if (take === 0 || !/^\d+$/.test(rest)) throw valueError("");
    comps[3] = Number(rest.slice(0, take).padEnd(6, "0"));
  }
  return comps;
}

/** `datetime.fromisoformat` / `date.fromisoformat` (3.11): the fields, `offsetUs` `undefined` when naive. */
export function fromIsoFormat(s: string, dateOnly: boolean): Parsed {
  const invalid = () => valueError(`Invalid isoformat string: ${quote(s)}`);
  try {
    if (dateOnly && ![7, 8, 10].includes(s.length)) throw invalid();
    if (s.length < 7 || !/^[\x20-\x7e]*$/.test(s)) throw invalid();
    const sepAt = dateOnly ? s.length : separator(s);
    const date = isoDate(s.slice(0, sepAt));
    const t = s.slice(sepAt + 1);
    if (!t) return { year: date[0], month: date[1], day: date[2], hour: 0, minute: 0, second: 0, micro: 0 };
    return { year: date[0], month: date[1], day: date[2], ...isoTime(t) };
  } catch (e) {
    if (e instanceof PyError && e.message === "") throw invalid();
    throw e;
  }
}

export type ParsedTime = Pick<Parsed, "hour" | "minute" | "second" | "micro" | "offsetUs">;

/** The time of `fromisoformat` (CPython's `parse_isoformat_time`); a `ValueError("")` where it is not one. */
function isoTime(t: string): ParsedTime {
  const tzAt = [t.indexOf("-"), t.indexOf("+"), t.indexOf("Z")].filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? -1;
  const [hour, minute, second, micro] = hhmmss(tzAt >= 0 ? t.slice(0, tzAt) : t) as [number, number, number, number];
  let offsetUs: number | undefined;
  if (tzAt >= 0) {
    const z = t.slice(tzAt + 1);
    if (t[tzAt] === "Z" && z === "") offsetUs = 0;
    else {
      if ([0, 1, 3].includes(z.length) || t[tzAt] === "Z") throw valueError("");
      const c = hhmmss(z);
      const us = ((c[0]! * 60 + c[1]!) * 60 + c[2]!) * 1e6 + c[3]!;
      offsetUs = t[tzAt] === "-" ? -us : us;
    }
  }
  return { hour, minute, second, micro, offsetUs };
}

/** `time.fromisoformat` (3.11): an optional `T`, then a time as `datetime.fromisoformat` reads one. */
export function timeFromIsoFormat(s: string): ParsedTime {
  try {
    if (!/^[\x20-\x7e]*$/.test(s)) throw valueError("");
    return isoTime(s.startsWith("T") ? s.slice(1) : s);
  } catch (e) {
    if (e instanceof PyError && e.message === "") throw valueError(`Invalid isoformat string: ${quote(s)}`);
    throw e;
  }
}

function separator(s: string): number {
  if (s.length === 7) return 7;
  if (s[4] === "-") return s[5] === "W" ? (s.length > 8 && s[8] === "-" ? 10 : 8) : 10;
  return 8;
}

function isoDate(d: string): [number, number, number] {
  const year = digits(d, 0, 4);
  const dash = d[4] === "-";
  let pos = dash ? 5 : 4;
  if (d[pos] === "W") throw new NotModelled("`fromisoformat` of an ISO week date");
  const month = digits(d, pos, 2);
  pos += 2;
  if ((d[pos] === "-") !== dash) throw valueError("");
  if (dash) pos++;
  const day = digits(d, pos, 2);
  if (pos + 2 !== d.length) throw valueError("");
  return [year, month, day];
}
