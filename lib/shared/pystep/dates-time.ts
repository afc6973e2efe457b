/**
 * Python's `datetime.time` (CPython 3.11) as processing steps use it: `time(10, 30)`, `time.fromisoformat(s)`,
 * `dt.time()`/`dt.timetz()`, `datetime.combine(d, t)`, its reprs, `isoformat`, `strftime` (on 1900-01-01, as CPython),
 * comparisons (aware ones by their UTC time), `replace`, `utcoffset`/`tzname`. A `time` a step returns loads in dlt
 * as a `time` column (./json.ts spells it `TIME_SPELLING`; decision 0044, twenty-eighth session).
 */
import { daysFromCivil } from "../datetime";
import { PyTimezone, args, integer, text, timeOfDayText, tzOf, valueError, type Kw } from "./dates";
import { strftime, timeFromIsoFormat, utcOffsetText } from "./dates-text";
import { PyObject, typeError, type PyVal } from "./values";

const DAY_US = 86_400_000_000;
export const TIME_FIELDS = ["hour", "minute", "second", "microsecond", "tzinfo"];

/** `time(H, M, S, us, tz)` with Python's range checks. */
export function makeTime(v: readonly number[], tz: PyTimezone | null): PyTime {
  const [H = 0, M = 0, S = 0, f = 0] = v;
  if (H < 0 || H > 23) throw valueError("hour must be in 0..23");
  if (M < 0 || M > 59) throw valueError("minute must be in 0..59");
  if (S < 0 || S > 59) throw valueError("second must be in 0..59");
  if (f < 0 || f > 999_999) throw valueError("microsecond must be in 0..999999");
  return new PyTime(((H * 60 + M) * 60 + S) * 1e6 + f, tz);
}

/** `time(…)` called: its arguments by name, as CPython binds them. */
export const timeOf = (a: PyVal[], kw: Kw): PyTime => {
  const p = args("time", TIME_FIELDS, a, kw, 0);
  return makeTime(
    TIME_FIELDS.slice(0, 4).map((k) => (p.has(k) ? integer(p.get(k)) : 0)),
    tzOf(p.get("tzinfo")),
  );
};

/** `time.fromisoformat(s)` of a str (CPython 3.11's rules and messages). */
export function timeFromText(s: string): PyTime {
  const p = timeFromIsoFormat(s);
  const tz = p.offsetUs === undefined ? null : p.offsetUs === 0 ? PyTimezone.utc : new PyTimezone(p.offsetUs);
  return makeTime([p.hour, p.minute, p.second, p.micro], tz);
}

export class PyTime extends PyObject {
  readonly type = "datetime.time";
  /** `us`: microseconds since midnight, wall time; `tz`: a fixed offset or naive. */
  constructor(
    readonly us: number,
    readonly tz: PyTimezone | null,
  ) {
    super();
  }
  get hms(): [number, number, number, number] {
    const us = this.us;
    return [Math.floor(us / 3_600_000_000), Math.floor(us / 60_000_000) % 60, Math.floor(us / 1e6) % 60, us % 1e6];
  }
  /** Microseconds since midnight UTC (an aware time's), for comparing aware times. */
  private get utc(): number {
    return this.us - (this.tz?.fixedUs() ?? 0);
  }
  repr(): string {
    const [H, M, S, f] = this.hms;
    const fields = [H, M, ...(S || f ? [S] : []), ...(f ? [f] : [])];
    return `datetime.time(${fields.join(", ")}${this.tz ? `, tzinfo=${this.tz.repr()}` : ""})`;
  }
  override str(): string {
    return this.isoformat("auto");
  }
  isoformat(timespec: string): string {
    const off = this.tz?.fixedUs() ?? null;
    return `${timeOfDayText(this.hms, timespec)}${off === null ? "" : utcOffsetText(off, ":")}`;
  }
  hash(): string {
    return this.tz ? `t${(((this.utc % DAY_US) + DAY_US) % DAY_US) + 0}` : `t${this.us}`;
  }
  equals(o: PyVal): boolean {
    return o instanceof PyTime && !this.tz === !o.tz && (this.tz ? this.utc === o.utc : this.us === o.us);
  }
  override order(o: PyVal): number | null {
    if (!(o instanceof PyTime)) return null;
    if (!this.tz !== !o.tz) throw typeError("can't compare offset-naive and offset-aware times");
    return this.tz ? this.utc - o.utc : this.us - o.us;
  }
  private wall() {
    return { days: DAYS_1900, us: this.us, offsetUs: this.tz?.fixedUs() ?? null, zone: this.tz?.zoneName() ?? "" };
  }
  override format(spec: string): string {
    return spec === "" ? this.str() : strftime(this.wall(), spec);
  }
  override attr(name: string): PyVal | undefined {
    const i = TIME_FIELDS.indexOf(name);
    return i === 4 ? this.tz : i >= 0 ? this.hms[i] : undefined;
  }
  override method(name: string, a: PyVal[], kw: Kw): PyVal | undefined {
    switch (name) {
      case "isoformat":
        return this.isoformat(text(args("isoformat", ["timespec"], a, kw, 0).get("timespec") ?? "auto", "isoformat"));
      case "strftime":
        return strftime(this.wall(), text(args("strftime", ["format"], a, kw, 1).get("format"), "strftime"));
      case "utcoffset":
        args(name, [], a, kw, 0);
        return this.tz ? this.tz.method("utcoffset", []) : null;
      case "tzname":
        args(name, [], a, kw, 0);
        return this.tz ? this.tz.zoneName() : null;
      case "replace": {
        const p = args("replace", TIME_FIELDS, a, kw, 0);
        const now = this.hms;
        const v = TIME_FIELDS.slice(0, 4).map((k, i) => (p.has(k) ? integer(p.get(k)) : now[i]!));
        return makeTime(v, p.has("tzinfo") ? tzOf(p.get("tzinfo")) : this.tz);
      }
    }
    return undefined;
  }
}

/** CPython formats a `time` with `strftime` on 1900-01-01. */
const DAYS_1900 = daysFromCivil(1900, 1, 1);
