/**
 * Long because it holds the four classes of Python's `datetime` (date, datetime, timedelta, timezone), which use each other.
 * Python's `datetime` module as processing steps use it (CPython 3.11): `datetime`, `date`, `timedelta` and fixed-offset
 * `timezone` (`timezone.utc`, `timezone(timedelta(hours=2))`; named zones: ./zones.ts), their constructors, arithmetic,
 * comparisons, reprs and the methods ./dates-text.ts formats and parses with. `now()` reads the run's clock; the local time zone is UTC (as
 * pendulum's `now()` on a server, and dlt's clock). Exact: wall times are days and microseconds, sums are BigInt.
 */
import { civilFromDays, daysFromCivil, daysIn } from "../datetime";
import { strftime, utcOffsetText, weekdayOf } from "./dates-text";
// A cycle, read only inside methods: `dt.time()` makes ./dates-time.ts's value, which reads this file's helpers.
import { PyTime } from "./dates-time";
import { PyError, PyFloat, PyObject, repr, typeError, typeName, type PyVal } from "./values";

export const DAY = 86_400_000_000n;
export const MIN_DAYS = daysFromCivil(1, 1, 1);
export const MAX_DAYS = daysFromCivil(9999, 12, 31);
export const valueError = (m: string) => new PyError("ValueError", m);
export type Kw = ReadonlyMap<string, PyVal>;

/** Method names (on values and classes) and attribute names the compiler lets a step use. */
export const DATE_METHODS = ["isoformat", "strftime", "date", "replace", "astimezone", "timestamp", "weekday", "isoweekday"]
  .concat(["utcoffset", "tzname", "toordinal", "total_seconds", "now", "utcnow", "today", "fromisoformat", "strptime"])
  .concat(["fromtimestamp", "utcfromtimestamp", "datetime", "timedelta", "timezone", "time", "timetz", "combine"]);
export const DATE_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  now: ["tz"],
  fromtimestamp: ["tz"],
  astimezone: ["tz"],
  isoformat: ["sep", "timespec"],
  combine: ["date", "time", "tzinfo"],
  time: ["hour", "minute", "second", "microsecond", "tzinfo"],
  replace: ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"],
  // `datetime.timedelta(days=1)` after `import datetime`: a class of the module called.
  datetime: ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"],
  timedelta: ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"],
  timezone: ["offset", "name"],
};
export const DATE_ATTRIBUTES = [
  "year",
  "month",
  "day",
  "hour",
  "minute",
  "second",
  "microsecond",
  "tzinfo",
  "days",
  "seconds",
  "fold",
].concat(["microseconds", "utc", "datetime", "date", "timedelta", "timezone", "time"]);

export function integer(v: PyVal | undefined): number {
  if (typeof v === "number" || typeof v === "boolean") return Number(v);
  if (typeof v === "bigint") throw new PyError("OverflowError", "Python int too large to convert to C int");
  throw typeError(`'${typeName(v ?? null)}' object cannot be interpreted as an integer`);
}

/** Positional and keyword arguments by parameter name, with Python's TypeErrors. */
export function args(fn: string, names: readonly string[], a: PyVal[], kw: Kw, required: number): Map<string, PyVal> {
  if (a.length > names.length) throw typeError(`${fn}() takes at most ${names.length} arguments (${a.length} given)`);
  const out = new Map<string, PyVal>();
  a.forEach((v, i) => out.set(names[i]!, v));
  for (const [k, v] of kw) {
    if (!names.includes(k)) throw typeError(`'${k}' is an invalid keyword argument for ${fn}()`);
    if (out.has(k)) throw typeError(`argument for ${fn}() given by name ('${k}') and position (${names.indexOf(k) + 1})`);
    out.set(k, v);
  }
  const missing = names.slice(0, required).find((n) => !out.has(n));
  if (missing) throw typeError(`${fn}() missing required argument '${missing}' (pos ${names.indexOf(missing) + 1})`);
  return out;
}

export function checkDate(y: number, m: number, d: number): number {
  if (y < 1 || y > 9999) throw valueError(`year ${y} is out of range`);
  if (m < 1 || m > 12) throw valueError("month must be in 1..12");
  if (d < 1 || d > daysIn(y, m)) throw valueError("day is out of range for month");
  return daysFromCivil(y, m, d);
}

export class PyTimeDelta extends PyObject {
  readonly type: string = "datetime.timedelta";
  readonly days: number;
  readonly seconds: number;
  readonly micro: number;
  constructor(readonly total: bigint) {
    super();
    const days = total >= 0n ? total / DAY : -((-total + DAY - 1n) / DAY);
    if (days > 999_999_999n || days < -999_999_999n) throw new PyError("OverflowError", `days=${days}; must have magnitude <= 999999999`);
    const rest = Number(total - days * DAY);
    [this.days, this.seconds, this.micro] = [Number(days), Math.floor(rest / 1e6), rest % 1e6];
  }
  repr(): string {
    const parts = [
      ["days", this.days],
      ["seconds", this.seconds],
      ["microseconds", this.micro],
    ].filter(([, v]) => v !== 0);
    return `datetime.timedelta(${parts.map(([k, v]) => `${k}=${v}`).join(", ") || "0"})`;
  }
  override str(): string {
    const h = Math.floor(this.seconds / 3600);
    const time = `${h}:${pad(Math.floor(this.seconds / 60) % 60)}:${pad(this.seconds % 60)}${this.micro ? `.${pad(this.micro, 6)}` : ""}`;
    return this.days ? `${this.days} day${Math.abs(this.days) === 1 ? "" : "s"}, ${time}` : time;
  }
  hash(): string {
    return `T${this.total}`;
  }
  equals(o: PyVal): boolean {
    return o instanceof PyTimeDelta && o.total === this.total;
  }
  override order(o: PyVal): number | null {
    return o instanceof PyTimeDelta ? Number(this.total - o.total) || Math.sign(Number(this.total - o.total)) : null;
  }
  override truthy(): boolean {
    return this.total !== 0n;
  }
  override attr(name: string): PyVal | undefined {
    return name === "days" ? this.days : name === "seconds" ? this.seconds : name === "microseconds" ? this.micro : undefined;
  }
  override method(name: string, a: PyVal[], kw: Kw = NO_KW): PyVal | undefined {
    if (name !== "total_seconds") return undefined;
    args("total_seconds", [], a, kw, 0);
    return new PyFloat(Number(this.total) / 1e6);
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const NO_KW: Kw = new Map();

export class PyTimezone extends PyObject {
  readonly type: string = "datetime.timezone";
  constructor(
    readonly offsetUs: number,
    readonly name: string | null = null,
  ) {
    super();
  }
  static readonly utc = new PyTimezone(0);
  repr(): string {
    if (this === PyTimezone.utc) return "datetime.timezone.utc";
    const td = new PyTimeDelta(BigInt(this.offsetUs)).repr();
    return `datetime.timezone(${td}${this.name === null ? "" : `, ${repr(this.name)}`})`;
  }
  override str(): string {
    return this.zoneName();
  }
  zoneName(): string {
    return this.name ?? (this.offsetUs === 0 ? "UTC" : `UTC${utcOffsetText(this.offsetUs, ":")}`);
  }
  hash(): string {
    return `Z${this.offsetUs}`;
  }
  equals(o: PyVal): boolean {
    return o instanceof PyTimezone && o.offsetUs === this.offsetUs;
  }
  /** The offset (µs) at wall time `wallUs` with `fold`: fixed here, the zone's rules for a named one (./zones.ts). */
  offsetFor(_wallUs: bigint, _fold: number): number {
    return this.offsetUs;
  }
  /** The wall time (and fold) of an instant here. */
  localize(instantUs: bigint): { wallUs: bigint; fold: number } {
    return { wallUs: instantUs + BigInt(this.offsetUs), fold: 0 };
  }
  /** The offset a `time` (no date) has here: a named zone has none (zoneinfo's `utcoffset(None)`). */
  fixedUs(): number | null {
    return this.offsetUs;
  }
  /** `tzname()` at a wall time. */
  nameFor(_wallUs: bigint, _fold: number): string {
    return this.zoneName();
  }
  override method(name: string, a: PyVal[]): PyVal | undefined {
    if (name === "utcoffset") return new PyTimeDelta(BigInt(this.offsetUs));
    if (name === "tzname") return this.zoneName();
    void a;
    return undefined;
  }
}

export const tzOf = (v: PyVal | undefined): PyTimezone | null => {
  if (v === undefined || v === null) return null;
  if (v instanceof PyTimezone) return v;
  throw typeError(`tzinfo argument must be None or of a tzinfo subclass, not type '${typeName(v)}'`);
};

export class PyDate extends PyObject {
  readonly type: string = "datetime.date";
  constructor(readonly days: number) {
    super();
  }
  get ymd() {
    return civilFromDays(this.days);
  }
  repr(): string {
    return `datetime.date(${this.ymd.join(", ")})`;
  }
  override str(): string {
    return this.iso();
  }
  iso(): string {
    const [y, m, d] = this.ymd;
    return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  }
  hash(): string {
    return `D${this.days}`;
  }
  equals(o: PyVal): boolean {
    return o instanceof PyDate && !(o instanceof PyDateTime) && o.days === this.days;
  }
  override order(o: PyVal): number | null {
    if (o instanceof PyDateTime) throw typeError("can't compare datetime.datetime to datetime.date");
    return o instanceof PyDate ? this.days - o.days : null;
  }
  wall(): { days: number; us: number; offsetUs: number | null; zone: string } {
    return { days: this.days, us: 0, offsetUs: null, zone: "" };
  }
  override format(spec: string): string {
    return spec === "" ? this.str() : strftime(this.wall(), spec);
  }
  override attr(name: string): PyVal | undefined {
    const i = ["year", "month", "day"].indexOf(name);
    return i >= 0 ? this.ymd[i] : undefined;
  }
  override method(name: string, a: PyVal[], kw: Kw): PyVal | undefined {
    switch (name) {
      case "isoformat":
        return this.iso();
      case "strftime":
        return strftime(this.wall(), text(args("strftime", ["format"], a, kw, 1).get("format"), "strftime"));
      case "weekday":
        return weekdayOf(this.days);
      case "isoweekday":
        return weekdayOf(this.days) + 1;
      case "toordinal":
        return this.days - MIN_DAYS + 1;
      case "replace": {
        const p = args("replace", ["year", "month", "day"], a, kw, 0);
        const [y, m, d] = this.ymd;
        const get = (k: string, v: number) => (p.has(k) ? integer(p.get(k)) : v);
        return new PyDate(checkDate(get("year", y), get("month", m), get("day", d)));
      }
    }
    return undefined;
  }
}

export const text = (v: PyVal | undefined, fn: string): string => {
  if (typeof v !== "string") throw typeError(`${fn}() argument 1 must be str, not ${typeName(v ?? null)}`);
  return v;
};

/** A time of day as `isoformat(timespec=…)` writes it (a `datetime`'s and a `time`'s): `auto` drops zero microseconds. */
export function timeOfDayText(hms: readonly number[], timespec: string): string {
  const [H, M, S, f] = hms as [number, number, number, number];
  const spec = timespec === "auto" ? (f ? "microseconds" : "seconds") : timespec;
  const time: Record<string, string> = {
    hours: pad(H),
    minutes: `${pad(H)}:${pad(M)}`,
    seconds: `${pad(H)}:${pad(M)}:${pad(S)}`,
    milliseconds: `${pad(H)}:${pad(M)}:${pad(S)}.${pad(Math.floor(f / 1000), 3)}`,
    microseconds: `${pad(H)}:${pad(M)}:${pad(S)}.${pad(f, 6)}`,
  };
  if (!Object.hasOwn(time, spec)) throw valueError("Unknown timespec value");
  return time[spec]!;
}

export class PyDateTime extends PyDate {
  override readonly type: string = "datetime.datetime";
  constructor(
    days: number,
    readonly us: number,
    readonly tz: PyTimezone | null,
    /** Python's `fold`: which of two equal wall times of a named zone (1: the second, after clocks went back). */
    readonly fold = 0,
  ) {
    super(days);
  }
  static ofWall(wall: bigint, tz: PyTimezone | null, fold = 0): PyDateTime {
    const days = Number(wall >= 0n ? wall / DAY : -((-wall + DAY - 1n) / DAY));
    if (days < MIN_DAYS || days > MAX_DAYS) throw new PyError("OverflowError", "date value out of range");
    return new PyDateTime(days, Number(wall - BigInt(days) * DAY), tz, fold);
  }
  /** The same class at another wall time: pendulum's `DateTime` (./pendulum.ts) stays one through arithmetic and `replace`. */
  at(wall: bigint, tz: PyTimezone | null, fold = 0): PyDateTime {
    return PyDateTime.ofWall(wall, tz, fold);
  }
  /** `dt + timedelta` (`deltaUs`): on the wall clock, as Python adds (pendulum's `DateTime` by the instant). */
  plus(deltaUs: bigint): PyDateTime {
    return this.at(this.wallUs + deltaUs, this.tz);
  }
  /** The same class at `instantUs` in `tz` (`astimezone`, `now(tz)`): its wall time and fold there. */
  atInstant(instantUs: bigint, tz: PyTimezone): PyDateTime {
    const { wallUs, fold } = tz.localize(instantUs);
    return this.at(wallUs, tz, fold);
  }
  private offset?: number;
  /** `utcoffset()` in µs; null when naive. */
  get offsetUs(): number | null {
    if (!this.tz) return null;
    return (this.offset ??= this.tz.offsetFor(this.wallUs, this.fold));
  }
  get wallUs(): bigint {
    return BigInt(this.days) * DAY + BigInt(this.us);
  }
  /** Microseconds since the epoch, UTC (a naive one's wall time taken as UTC). */
  get instant(): bigint {
    return this.wallUs - BigInt(this.offsetUs ?? 0);
  }
  get hms(): number[] {
    return [Math.floor(this.us / 3_600_000_000), Math.floor(this.us / 60_000_000) % 60, Math.floor(this.us / 1e6) % 60, this.us % 1e6];
  }
  override repr(): string {
    const [H, M, S, f] = this.hms;
    const fields = [...this.ymd, H, M, ...(S || f ? [S] : []), ...(f ? [f] : [])];
    return `datetime.datetime(${fields.join(", ")}${this.fold ? ", fold=1" : ""}${this.tz ? `, tzinfo=${this.tz.repr()}` : ""})`;
  }
  override str(): string {
    return this.isoformat(" ", "auto");
  }
  isoformat(sep: string, timespec: string): string {
    const off = this.offsetUs;
    return `${this.iso()}${sep}${timeOfDayText(this.hms, timespec)}${off === null ? "" : utcOffsetText(off, ":")}`;
  }
  override hash(): string {
    return this.tz ? `A${this.instant}` : `N${this.wallUs}`;
  }
  override equals(o: PyVal): boolean {
    if (!(o instanceof PyDateTime) || !this.tz !== !o.tz) return false;
    // Python compares two datetimes of the same tzinfo object by their wall times (`fold` aside).
    if (o.tz === this.tz) return this.wallUs === o.wallUs;
    // Between zones, a wall time that is ambiguous (its offset depends on `fold`) equals nothing (PEP 495).
    return !this.ambiguous() && !o.ambiguous() && this.instant === o.instant;
  }
  private ambiguous(): boolean {
    return !!this.tz && this.tz.offsetFor(this.wallUs, 1 - this.fold) !== this.offsetUs;
  }
  override order(o: PyVal): number | null {
    if (!(o instanceof PyDateTime)) {
      if (o instanceof PyDate) throw typeError("can't compare datetime.datetime to datetime.date");
      return null;
    }
    if (!this.tz !== !o.tz) throw typeError("can't compare offset-naive and offset-aware datetimes");
    const d = o.tz === this.tz ? this.wallUs - o.wallUs : this.instant - o.instant;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  override wall() {
    const { tz, wallUs, fold } = this;
    // The zone's name only where a format asks for it (`%Z`): a named zone's takes ICU a while.
    return {
      days: this.days,
      us: this.us,
      offsetUs: this.offsetUs,
      get zone() {
        return tz?.nameFor(wallUs, fold) ?? "";
      },
    };
  }
  override attr(name: string): PyVal | undefined {
    const i = ["hour", "minute", "second", "microsecond"].indexOf(name);
    if (i >= 0) return this.hms[i];
    if (name === "fold") return this.fold;
    return name === "tzinfo" ? this.tz : super.attr(name);
  }
  override method(name: string, a: PyVal[], kw: Kw): PyVal | undefined {
    switch (name) {
      case "isoformat": {
        const p = args("isoformat", ["sep", "timespec"], a, kw, 0);
        const sep = p.get("sep") ?? "T";
        if (typeof sep !== "string" || [...sep].length !== 1) throw typeError("isoformat() argument 1 must be a unicode character");
        return this.isoformat(sep, text(p.get("timespec") ?? "auto", "isoformat"));
      }
      case "date":
        return new PyDate(this.days);
      case "time":
      case "timetz":
        args(name, [], a, kw, 0);
        return new PyTime(this.us, name === "time" ? null : this.tz);
      case "timestamp":
        return new PyFloat(Number(this.instant) / 1e6);
      case "utcoffset":
        return this.tz ? new PyTimeDelta(BigInt(this.offsetUs!)) : null;
      case "tzname":
        return this.tz ? this.tz.nameFor(this.wallUs, this.fold) : null;
      case "astimezone": {
        const p = args("astimezone", ["tz"], a, kw, 0);
        return this.atInstant(this.instant, tzOf(p.get("tz")) ?? new PyTimezone(0, "UTC"));
      }
      case "replace": {
        const names = ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"];
        const p = args("replace", names, a, kw, 0);
        const [H, M, S, f] = this.hms;
        const now = [...this.ymd, H, M, S, f];
        const v = names.slice(0, 7).map((k, i) => (p.has(k) ? integer(p.get(k)) : now[i]!));
        const made = build(v, p.has("tzinfo") ? tzOf(p.get("tzinfo")) : this.tz);
        return this.at(made.wallUs, made.tz, foldOf(p.get("fold") ?? this.fold));
      }
    }
    return super.method(name, a, kw);
  }
}

/** A `fold=` argument, with Python's check. */
export function foldOf(v: PyVal): number {
  const n = integer(v);
  if (n !== 0 && n !== 1) throw valueError("fold must be either 0 or 1");
  return n;
}

/** `datetime(y, m, d, H, M, S, us, tz)` with Python's range checks. */
export function build(v: number[], tz: PyTimezone | null): PyDateTime {
  const [y, m, d, H = 0, M = 0, S = 0, f = 0] = v as [number, number, number, number?, number?, number?, number?];
  const days = checkDate(y, m, d);
  if (H < 0 || H > 23) throw valueError("hour must be in 0..23");
  if (M < 0 || M > 59) throw valueError("minute must be in 0..59");
  if (S < 0 || S > 59) throw valueError("second must be in 0..59");
  if (f < 0 || f > 999_999) throw valueError("microsecond must be in 0..999999");
  return new PyDateTime(days, ((H * 60 + M) * 60 + S) * 1e6 + f, tz);
}
