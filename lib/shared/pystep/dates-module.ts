/**
 * The `datetime` module's classes as values a step calls (`datetime(2024, 1, 1)`, `datetime.now(timezone.utc)`,
 * `date.fromisoformat(s)`), the module `import datetime` binds (./module.ts), and the arithmetic of ./dates.ts's values.
 */
import {
  args,
  build,
  foldOf,
  checkDate,
  DAY,
  integer,
  MAX_DAYS,
  MIN_DAYS,
  PyDate,
  PyDateTime,
  PyTimeDelta,
  PyTimezone,
  text,
  tzOf,
  valueError,
  type Kw,
} from "./dates";
import { fromIsoFormat, strptime, type Parsed } from "./dates-text";
import { PyTime, timeFromText, timeOf } from "./dates-time";
import { PyModule } from "./module";
import { PyInterval } from "./pendulum-duration";
import { int, NotModelled, PyError, PyFloat, PyObject, typeError, typeName, type PyVal } from "./values";

/** The `datetime` of parsed text (`fromisoformat`, `strptime`; a record's datetime a step returned: ./json.ts). */
export const fromParsed = (p: Parsed): PyDateTime =>
  build(
    [p.year, p.month, p.day, p.hour, p.minute, p.second, p.micro],
    p.offsetUs === undefined
      ? null
      : p.offsetUs === 0 && p.zone === undefined
        ? PyTimezone.utc
        : new PyTimezone(p.offsetUs, p.zone ?? null),
  );

/** Microseconds of a number of seconds (`fromtimestamp`), rounded half to even as CPython rounds them. */
function secondsUs(v: PyVal | undefined): bigint {
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return BigInt(v) * 1_000_000n;
  if (v instanceof PyFloat) {
    if (!Number.isFinite(v.v)) throw valueError("cannot convert float NaN to integer");
    const x = v.v * 1e6;
    const r = Math.round(x);
    return BigInt(Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r);
  }
  throw typeError(`'${typeName(v ?? null)}' object cannot be interpreted as an integer`);
}

const TIMEDELTA_UNITS = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks"];
const TIMEDELTA_SCALE = [86_400e6, 1e6, 1, 1e3, 60e6, 3_600e6, 604_800e6];

/** `timedelta(**units)` of units by name (pendulum's `add`/`duration` too): exact for ints, a float's part rounded half to even. */
export function timedeltaOf(p: ReadonlyMap<string, PyVal>): PyTimeDelta {
  let exact = 0n;
  let frac = 0;
  TIMEDELTA_UNITS.forEach((u, i) => {
    const v = p.get(u);
    const scale = TIMEDELTA_SCALE[i]!;
    if (v === undefined) return;
    if (v instanceof PyFloat) frac += v.v * scale;
    else if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") exact += BigInt(v) * BigInt(scale);
    else throw typeError(`unsupported type for timedelta ${u} component: ${typeName(v)}`);
  });
  const r = Math.round(frac);
  return new PyTimeDelta(exact + BigInt(Math.abs(frac % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r));
}

/** A class of the module (`datetime`, `date`, `timedelta`, `timezone`): called, and its class methods and attributes. */
export class PyDateClass extends PyObject {
  readonly type = "type";
  constructor(
    readonly name: "datetime" | "date" | "time" | "timedelta" | "timezone",
    private readonly nowUs: () => bigint,
  ) {
    super();
  }
  repr(): string {
    return `<class 'datetime.${this.name}'>`;
  }
  hash(): string {
    return `C${this.name}`;
  }
  equals(o: PyVal): boolean {
    return o === this;
  }
  override isInstance(v: PyVal): boolean {
    const cls = { datetime: PyDateTime, date: PyDate, time: PyTime, timedelta: PyTimeDelta, timezone: PyTimezone }[this.name];
    return v instanceof cls;
  }
  override attr(name: string): PyVal | undefined {
    return this.name === "timezone" && name === "utc" ? PyTimezone.utc : undefined;
  }
  override call(a: PyVal[], kw: Kw): PyVal {
    switch (this.name) {
      case "datetime": {
        const names = ["year", "month", "day", "hour", "minute", "second", "microsecond", "tzinfo", "fold"];
        const p = args("datetime", names, a, kw, 3);
        const made = build(
          names.slice(0, 7).map((k) => (p.has(k) ? integer(p.get(k)) : 0)),
          tzOf(p.get("tzinfo")),
        );
        return p.has("fold") ? made.at(made.wallUs, made.tz, foldOf(p.get("fold")!)) : made;
      }
      case "date": {
        const p = args("date", ["year", "month", "day"], a, kw, 3);
        return new PyDate(checkDate(integer(p.get("year")), integer(p.get("month")), integer(p.get("day"))));
      }
      case "time":
        return timeOf(a, kw);
      case "timedelta":
        return timedeltaOf(args("timedelta", TIMEDELTA_UNITS, a, kw, 0));
      case "timezone": {
        const p = args("timezone", ["offset", "name"], a, kw, 1);
        const off = p.get("offset");
        if (!(off instanceof PyTimeDelta))
          throw typeError(`timezone() argument 1 must be datetime.timedelta, not ${typeName(off ?? null)}`);
        if (off.total <= -DAY || off.total >= DAY)
          throw valueError(`offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not ${off.repr()}.`);
        const name = p.get("name");
        if (name !== undefined && typeof name !== "string") throw typeError(`timezone() argument 2 must be str, not ${typeName(name)}`);
        return off.total === 0n && name === undefined ? PyTimezone.utc : new PyTimezone(Number(off.total), name ?? null);
      }
    }
  }
  override method(name: string, a: PyVal[], kw: Kw): PyVal | undefined {
    const dt = this.name === "datetime";
    if (this.name === "time") return name === "fromisoformat" ? timeFromIso(a, kw) : undefined;
    if (!dt && this.name !== "date") return undefined;
    const now = () => this.nowUs();
    switch (name) {
      case "now": {
        if (!dt) return undefined;
        const tz = tzOf(args("now", ["tz"], a, kw, 0).get("tz"));
        return tz ? new PyDateTime(0, 0, null).atInstant(now(), tz) : PyDateTime.ofWall(now(), null);
      }
      case "utcnow":
      case "today": {
        args(name, [], a, kw, 0);
        if (!dt && name === "utcnow") return undefined;
        const t = PyDateTime.ofWall(now(), null);
        return dt ? t : new PyDate(t.days);
      }
      case "fromisoformat": {
        const s = a.length === 1 && kw.size === 0 ? a[0] : undefined;
        if (typeof s !== "string") throw typeError("fromisoformat: argument must be str");
        const p = fromIsoFormat(s, !dt);
        return dt ? fromParsed(p) : new PyDate(checkDate(p.year, p.month, p.day));
      }
      case "strptime": {
        if (!dt) return undefined;
        const p = args("strptime", ["date_string", "format"], a, kw, 2);
        return fromParsed(strptime(text(p.get("date_string"), "strptime"), text(p.get("format"), "strptime")));
      }
      case "combine": {
        if (!dt) return undefined;
        const p = args("combine", ["date", "time", "tzinfo"], a, kw, 2);
        const d = p.get("date");
        const t = p.get("time");
        if (!(d instanceof PyDate)) throw typeError(`combine() argument 1 must be datetime.date, not ${typeName(d ?? null)}`);
        if (!(t instanceof PyTime)) throw typeError(`combine() argument 2 must be datetime.time, not ${typeName(t ?? null)}`);
        return new PyDateTime(d.days, t.us, p.has("tzinfo") ? tzOf(p.get("tzinfo")) : t.tz);
      }
      case "fromtimestamp":
      case "utcfromtimestamp": {
        const p = args(name, name === "fromtimestamp" && dt ? ["timestamp", "tz"] : ["timestamp"], a, kw, 1);
        const tz = tzOf(p.get("tz"));
        const at = secondsUs(p.get("timestamp"));
        const t = tz ? new PyDateTime(0, 0, null).atInstant(at, tz) : PyDateTime.ofWall(at, null);
        return dt ? t : new PyDate(t.days);
      }
    }
    return undefined;
  }
}

/** `time.fromisoformat(s)`. */
function timeFromIso(a: PyVal[], kw: Kw): PyTime {
  const s = a.length === 1 && kw.size === 0 ? a[0] : undefined;
  if (typeof s !== "string") throw typeError("fromisoformat: argument must be str");
  return timeFromText(s);
}

/** The `datetime` module's names for one interpreter (`nowMs`: the run's clock, epoch milliseconds). */
export function dateModule(nowMs: () => number): Readonly<Record<string, PyVal>> {
  const nowUs = () => BigInt(Math.round(nowMs())) * 1000n;
  const classes = Object.fromEntries(
    (["datetime", "date", "time", "timedelta", "timezone"] as const).map((n) => [n, new PyDateClass(n, nowUs)]),
  ) as Record<string, PyDateClass>;
  return { ...classes, "": new PyModule("datetime", {}, classes) };
}

/** `a op b` where either is a date, a datetime or a timedelta; `undefined` where Python has no such operation. */
export function dateBinary(op: string, a: PyVal, b: PyVal): PyVal | undefined {
  const td = (v: PyVal) => (v instanceof PyTimeDelta ? v : null);
  const n = (v: PyVal) => (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint" ? BigInt(v) : null);
  if (a instanceof PyDateTime && td(b) && (op === "+" || op === "-")) return a.plus((op === "+" ? 1n : -1n) * (b as PyTimeDelta).total);
  if (td(a) && b instanceof PyDateTime && op === "+") return b.plus((a as PyTimeDelta).total);
  if (a instanceof PyDateTime && b instanceof PyDateTime && op === "-") {
    // pendulum's `DateTime - datetime` is its `Interval` (from `b` to `a`); a datetime minus a `DateTime` is not modelled.
    if (a.type === "DateTime") {
      if (!b.tz) throw typeError("can't compare offset-naive and offset-aware datetimes");
      return new PyInterval(b, a, false);
    }
    if (a.type !== b.type) throw new NotModelled("a datetime minus pendulum's `DateTime`");
    if (!a.tz !== !b.tz) throw typeError("can't subtract offset-naive and offset-aware datetimes");
    // The same tzinfo object: Python subtracts the wall times (a day across a change of DST is a day).
    return new PyTimeDelta(a.tz === b.tz ? a.wallUs - b.wallUs : a.instant - b.instant);
  }
  const dateOnly = (v: PyVal): v is PyDate => v instanceof PyDate && !(v instanceof PyDateTime);
  if (dateOnly(a) && td(b) && (op === "+" || op === "-")) return shiftDate(a, (op === "+" ? 1 : -1) * (b as PyTimeDelta).days);
  if (td(a) && dateOnly(b) && op === "+") return shiftDate(b, (a as PyTimeDelta).days);
  if (dateOnly(a) && dateOnly(b) && op === "-") return new PyTimeDelta(BigInt(a.days - b.days) * DAY);
  const x = td(a);
  const y = td(b);
  if (x && y) {
    if (op === "+" || op === "-") return new PyTimeDelta(op === "+" ? x.total + y.total : x.total - y.total);
    if (y.total === 0n && (op === "/" || op === "//" || op === "%"))
      throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
    if (op === "/") return new PyFloat(Number(x.total) / Number(y.total));
    if (op === "//") return int(floorDiv(x.total, y.total));
    if (op === "%") return new PyTimeDelta(x.total - floorDiv(x.total, y.total) * y.total);
  }
  const k = x ? n(b) : y ? n(a) : null;
  const delta = x ?? y;
  if (delta && k !== null && op === "*") return new PyTimeDelta(delta.total * k);
  if (x && n(b) !== null && (op === "//" || op === "/")) {
    if (n(b) === 0n) throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
    return new PyTimeDelta(op === "//" ? floorDiv(x.total, n(b)!) : roundDiv(x.total, n(b)!));
  }
  const f = x && b instanceof PyFloat ? b.v : y && a instanceof PyFloat ? a.v : null;
  if (delta && f !== null && (op === "*" || (op === "/" && x))) {
    if (op === "/" && f === 0) throw new PyError("ZeroDivisionError", "division by zero");
    const r = op === "*" ? Number(delta.total) * f : Number(delta.total) / f;
    return new PyTimeDelta(BigInt(Math.round(r)));
  }
  return undefined;
}

const floorDiv = (a: bigint, b: bigint) => {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
};
/** `a / b` rounded half to even (timedelta / int). */
const roundDiv = (a: bigint, b: bigint) => {
  const q = floorDiv(a, b);
  const r2 = (a - q * b) * 2n;
  const bb = b < 0n ? -b : b;
  const r = b < 0n ? -r2 : r2;
  return r > bb || (r === bb && q % 2n !== 0n) ? q + 1n : q;
};

function shiftDate(d: PyDate, days: number): PyDate {
  const to = d.days + days;
  if (to < MIN_DAYS || to > MAX_DAYS) throw new PyError("OverflowError", "date value out of range");
  return new PyDate(to);
}
