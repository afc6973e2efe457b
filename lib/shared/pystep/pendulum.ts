/**
 * pendulum 3 (dlt's date library: `from dlt.common.pendulum import pendulum`, `import pendulum`) and `time.time()`, as
 * processing steps and an incremental's `initial_value` use them: `pendulum.today/now/yesterday/tomorrow/datetime/
 * duration/parse`, `pendulum.UTC`, and a `DateTime`'s `add`/`subtract` (calendar months clamped), `start_of`/`end_of`,
 * `in_timezone("UTC")`, `to_iso8601_string`/`to_date_string`/`to_datetime_string`, `int_timestamp`, and what it inherits
 * from ./dates.ts's datetime (`isoformat`, `strftime`, `timestamp`, `date()`, `replace`, arithmetic). The local time zone
 * is UTC, as on a server and in dlt's clock; another named zone is not modelled (it needs the zone database).
 * Each answer is checked against Python 3.11 with pendulum 3.2 (lib/shared/pystep/pendulum.test.ts).
 */
import { daysFromCivil, daysIn, parseIsoLike } from "../datetime";
import { args, build, DAY, integer, PyDateTime, PyTimezone, text, valueError, type Kw } from "./dates";
import { timedeltaOf } from "./dates-module";
import { PyModule } from "./module";
import { PyDuration, PyInterval } from "./pendulum-duration";
import { pendulumFormat } from "./pendulum-format";
import { NotModelled, PyError, PyFloat, PyObject, truthy, typeError, typeName, type PyVal } from "./values";
import { PyZoneInfo, zoneInfo } from "./zones";

/** Method and attribute names, and keywords, the compiler lets a step or a value use (with ./dates.ts's). */
export const PENDULUM_METHODS = ["today", "yesterday", "tomorrow", "duration", "parse", "add", "subtract", "start_of", "end_of"].concat([
  "to_iso8601_string",
  "to_date_string",
  "to_datetime_string",
  "in_timezone",
  "in_tz",
  "time",
  "diff",
  "in_words",
  ...["in", "total"].flatMap((p) => ["seconds", "minutes", "hours", "days", "weeks"].map((u) => `${p}_${u}`)),
  "in_months",
  "in_years",
]);
export const PENDULUM_ATTRIBUTES = [
  "int_timestamp",
  "UTC",
  "timezone_name",
  "name",
  "weeks",
  "hours",
  "minutes",
  "remaining_days",
  "remaining_seconds",
].concat(["start", "end", "months", "years"]);
const SHIFT_UNITS = ["years", "months", "weeks", "days", "hours", "minutes", "seconds", "microseconds"];
const DURATION_UNITS = ["days", "seconds", "microseconds", "milliseconds", "minutes", "hours", "weeks", "years", "months"];
const DATETIME_PARAMS = ["year", "month", "day", "hour", "minute", "second", "microsecond", "tz"];
export const PENDULUM_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  today: ["tz"],
  yesterday: ["tz"],
  tomorrow: ["tz"],
  add: SHIFT_UNITS,
  subtract: SHIFT_UNITS,
  duration: DURATION_UNITS,
  start_of: ["unit"],
  end_of: ["unit"],
  parse: ["tz"],
};
/** `datetime` takes `tzinfo=` (datetime's) and `tz=` (pendulum's), each class checking its own. */
export const PENDULUM_DATETIME_KEYWORDS = ["tz"];

/** pendulum's `Timezone('UTC')` (`Etc/UTC` too: a named zone) and `FixedTimezone(7200, name="+02:00")`, with pendulum's repr. */
class PendulumZone extends PyTimezone {
  constructor(
    offsetUs: number,
    name: string,
    private readonly named = false,
  ) {
    super(offsetUs, name);
  }
  override repr(): string {
    return this.named ? `Timezone('${this.name}')` : `FixedTimezone(${this.offsetUs / 1e6}, name="${this.name}")`;
  }
  override zoneName(): string {
    return this.named ? "UTC" : super.zoneName();
  }
}
const UTC = new PendulumZone(0, "UTC", true);
const ETC_UTC = new PendulumZone(0, "Etc/UTC", true);

/** pendulum's `Timezone('Europe/Berlin')`: a zoneinfo zone (./zones.ts) with pendulum's repr and `name`. */
class PendulumNamedZone extends PyZoneInfo {
  override repr(): string {
    return `Timezone('${this.key}')`;
  }
  override attr(name: string): PyVal | undefined {
    return name === "name" ? this.key : super.attr(name);
  }
}
const named = new Map<string, PendulumNamedZone>();
const namedZone = (key: string) =>
  zoneInfo(
    key,
    named,
    (k, f) => new PendulumNamedZone(k, f),
    (k) => new PyError("InvalidTimezone", k),
  );
type AnyZone = PendulumZone | PendulumNamedZone;

/**
 * A `tz` argument: UTC (`"UTC"` in any case, `pendulum.UTC`, `timezone.utc`), a zone's key (`"Europe/Berlin"`,
 * `"Etc/UTC"`), a zoneinfo zone, or none (local: UTC here).
 */
function zone(v: PyVal | undefined): AnyZone {
  if (v === undefined || v === null || (typeof v === "string" && v.toUpperCase() === "UTC")) return UTC;
  if (v === "Etc/UTC") return ETC_UTC;
  if (v instanceof PendulumZone || v instanceof PendulumNamedZone) return v;
  if (v instanceof PyZoneInfo) return namedZone(v.key);
  if (typeof v === "string") return namedZone(v);
  if (v instanceof PyTimezone && v.offsetUs === 0) return UTC;
  if (v instanceof PyTimezone) throw new NotModelled(`pendulum's time zone ${v.repr()}`);
  throw typeError(`Invalid timezone: ${typeName(v)}`);
}

/** `pendulum.timezone(key)`. */
const timezoneOf = (a: PyVal[], kw: Kw) => zone(args("timezone", ["name"], a, kw, 1).get("name"));

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** pendulum's `DateTime`: a datetime (aware) with pendulum's methods, kept a `DateTime` through arithmetic. */
export class PyPendulumDateTime extends PyDateTime {
  override readonly type: string = "DateTime";
  /**
   * pendulum makes a wall time with `fold=1` (`create`), and moves one in a named zone's gap forward by the gap (2:30 on
   * the day clocks go forward is 3:30), as its `Timezone.convert` does.
   */
  override at(wall: bigint, tz: PyTimezone | null, fold = 1): PyPendulumDateTime {
    let w = wall;
    if (tz instanceof PyZoneInfo) {
      const [before, after] = [tz.offsetFor(wall, 0), tz.offsetFor(wall, 1)];
      if (before < after) w += BigInt(after - before);
    }
    const d = PyDateTime.ofWall(w, tz);
    return new PyPendulumDateTime(d.days, d.us, tz, fold);
  }
  /** `dt + timedelta`: pendulum adds seconds, so across a change of DST by the clock of UTC. */
  override plus(deltaUs: bigint): PyDateTime {
    return this.tz ? this.atInstant(this.instant + deltaUs, this.tz) : super.plus(deltaUs);
  }
  override repr(): string {
    const [H, M, S, f] = this.hms;
    return `DateTime(${[...this.ymd, H, M, S, ...(f ? [f] : [])].join(", ")}${this.tz ? `, tzinfo=${this.tz.repr()}` : ""})`;
  }
  override attr(name: string): PyVal | undefined {
    if (name === "timezone_name") return this.tz instanceof PyZoneInfo ? this.tz.key : (this.tz?.name ?? null);
    if (name === "int_timestamp") {
      const s = this.instant / 1_000_000n;
      return Number(this.instant < 0n && s * 1_000_000n !== this.instant ? s - 1n : s);
    }
    return super.attr(name);
  }
  override method(name: string, a: PyVal[], kw: Kw): PyVal | undefined {
    switch (name) {
      case "diff": {
        const p = args("diff", ["dt", "abs"], a, kw, 0);
        const to = p.get("dt") ?? null;
        if (to === null) throw new NotModelled("`diff()` against now (give it the date: `dt.diff(pendulum.now())`)");
        if (!(to instanceof PyDateTime)) throw typeError(`unsupported operand type(s) for -: '${typeName(to)}' and 'DateTime'`);
        if (!to.tz) throw typeError("can't compare offset-naive and offset-aware datetimes");
        return new PyInterval(this, to, p.has("abs") ? truthy(p.get("abs")!) : true);
      }
      case "add":
      case "subtract":
        return this.shift(args(name, SHIFT_UNITS, a, kw, 0), name === "add" ? 1 : -1);
      case "start_of":
      case "end_of":
        return this.edge(text(args(name, ["unit"], a, kw, 1).get("unit"), name), name === "start_of");
      case "to_iso8601_string": {
        args(name, [], a, kw, 0);
        const iso = this.isoformat("T", "auto");
        const utc = this.tz instanceof PyZoneInfo ? this.tz.key === "UTC" : this.tz?.offsetUs === 0;
        return utc ? iso.replace(/\+00:00$/, "Z") : iso;
      }
      case "to_date_string":
        args(name, [], a, kw, 0);
        return this.iso();
      case "to_datetime_string":
        args(name, [], a, kw, 0);
        return this.isoformat(" ", "seconds").slice(0, 19);
      case "format": {
        const p = args("format", ["fmt", "locale"], a, kw, 1);
        if (p.has("locale") && p.get("locale") !== null && p.get("locale") !== "en")
          throw new NotModelled("pendulum's locales other than `en`");
        const tz = this.tz;
        const zoneName = tz instanceof PendulumZone || tz === null ? (tz?.name ?? "") : tz.zoneName();
        const zone = tz?.nameFor(this.wallUs, this.fold) ?? "";
        const fields = { ymd: this.ymd, hms: this.hms, days: this.days, offsetUs: this.offsetUs ?? 0, zone, zoneName };
        return pendulumFormat({ ...fields, timestamp: this.attr("int_timestamp") as number }, text(p.get("fmt"), "format"));
      }
      case "in_timezone":
      case "in_tz":
        return this.atInstant(this.instant, zone(args(name, ["tz"], a, kw, 1).get("tz")));
    }
    return super.method(name, a, kw);
  }

  /** `add`/`subtract`: years and months on the calendar (the day clamped to the month's end), then the rest as a timedelta. */
  private shift(p: Map<string, PyVal>, sign: 1 | -1): PyPendulumDateTime {
    const months = (p.has("years") ? integer(p.get("years")) * 12 : 0) + (p.has("months") ? integer(p.get("months")) : 0);
    const rest = new Map([...p].filter(([k]) => k !== "years" && k !== "months"));
    const delta = timedeltaOf(rest).total;
    // Units of no fixed length move the wall clock; hours and less move the instant (pendulum's `add`).
    if (months === 0 && !["weeks", "days"].some((k) => p.has(k) && p.get(k) !== 0))
      return this.plus(sign === 1 ? delta : -delta) as PyPendulumDateTime;
    let wall = this.wallUs;
    if (months !== 0) {
      const [y, m, d] = this.ymd;
      const total = y * 12 + (m - 1) + sign * months;
      const [Y, M] = [Math.floor(total / 12), (total % 12) + 1];
      const [H, Mi, S, f] = this.hms as [number, number, number, number];
      wall = build([Y, M, Math.min(d, daysIn(Y, M)), H, Mi, S, f], this.tz).wallUs;
    }
    return this.at(wall + (sign === 1 ? delta : -delta), this.tz);
  }

  /** `start_of(unit)` / `end_of(unit)`: `second` … `century`, the end one microsecond before the next start. */
  private edge(unit: string, start: boolean): PyPendulumDateTime {
    const [y, m] = this.ymd;
    const [H, M, S] = this.hms as [number, number, number, number];
    const day = (days: number, us: number) => this.at(BigInt(days) * DAY + BigInt(us), this.tz);
    const last = (days: number) => day(days, start ? 0 : 86_400e6 - 1);
    const span = (from: number, to: number) => (start ? day(from, 0) : last(to));
    switch (unit) {
      case "second":
      case "minute":
      case "hour": {
        const size = { second: 1e6, minute: 60e6, hour: 3_600e6 }[unit];
        const at = Math.floor((((H * 60 + M) * 60 + S) * 1e6) / size) * size;
        return day(this.days, start ? at : at + size - 1);
      }
      case "day":
        return span(this.days, this.days);
      case "week": {
        const monday = this.days - ((((this.days + 3) % 7) + 7) % 7);
        return span(monday, monday + 6);
      }
      case "month":
        return span(daysFromCivil(y, m, 1), daysFromCivil(y, m, daysIn(y, m)));
      case "year":
        return span(daysFromCivil(y, 1, 1), daysFromCivil(y, 12, 31));
      case "decade":
        return span(daysFromCivil(y - (y % 10), 1, 1), daysFromCivil(y - (y % 10) + 9, 12, 31));
      case "century": {
        const first = y - 1 - ((y - 1) % 100) + 1;
        return span(daysFromCivil(first, 1, 1), daysFromCivil(first + 99, 12, 31));
      }
    }
    throw valueError(`Invalid unit "${unit}" for ${start ? "start_of" : "end_of"}()`);
  }
}

/** The `pendulum` and `time` modules for one interpreter (`nowUs`: the run's clock, epoch microseconds). */
export function pendulumModules(nowUs: () => bigint): { pendulum: PyObject; time: PyObject } {
  const now = (tz: AnyZone) => new PyPendulumDateTime(0, 0, tz).atInstant(nowUs(), tz);
  const today = (offset: number) => (a: PyVal[], kw: Kw) => {
    const t = now(zone(args("today", ["tz"], a, kw, 0).get("tz")));
    return t.at(BigInt(t.days + offset) * DAY, t.tz);
  };
  const pendulum = new PyModule(
    "pendulum",
    {
      now: (a, kw) => now(zone(args("now", ["tz"], a, kw, 0).get("tz"))),
      today: today(0),
      yesterday: today(-1),
      tomorrow: today(1),
      datetime: (a, kw) => {
        const p = args("datetime", DATETIME_PARAMS, a, kw, 3);
        if (p.has("tz") && p.get("tz") === null) throw new NotModelled("a naive pendulum `DateTime` (`tz=None`)");
        const tz = zone(p.get("tz"));
        const made = build(
          DATETIME_PARAMS.slice(0, 7).map((k) => (p.has(k) ? integer(p.get(k)) : 0)),
          tz,
        );
        return new PyPendulumDateTime(0, 0, tz).at(made.wallUs, tz);
      },
      timezone: timezoneOf,
      duration: (a, kw) => {
        const p = args("duration", DURATION_UNITS, a, kw, 0);
        if (["years", "months"].some((k) => p.has(k) && p.get(k) !== 0)) throw new NotModelled("a pendulum `Duration` of years or months");
        return new PyDuration(timedeltaOf(new Map([...p].filter(([k]) => k !== "years" && k !== "months"))).total);
      },
      parse: (a, kw) => {
        const p = args("parse", ["text", "tz"], a, kw, 1);
        return parse(text(p.get("text"), "parse"), p.has("tz") ? zone(p.get("tz")) : UTC);
      },
    },
    { UTC },
  );
  const time = new PyModule("time", { time: (a, kw) => (args("time", [], a, kw, 0), new PyFloat(Number(nowUs()) / 1e6)) });
  return { pendulum, time };
}

/** `pendulum.parse(text, tz=)`: pendulum's ISO 8601 and common formats (lib/shared/datetime.ts), `tz` where none is given. */
function parse(s: string, given: AnyZone): PyPendulumDateTime {
  const f = parseIsoLike(s);
  if (f === null) throw valueError(`Unable to parse string [${s}]`);
  if (f.kind === "time") throw new NotModelled("pendulum's `Time` (`pendulum.parse` of a time of day)");
  const sign = (f.offset ?? 0) < 0 ? "-" : "+";
  const off = Math.abs(f.offset ?? 0);
  const tz =
    f.offset === null
      ? given
      : f.offset === 0
        ? UTC
        : new PendulumZone(f.offset * 1e6, `${sign}${pad(Math.floor(off / 3600))}:${pad((off / 60) % 60)}`);
  const made = build([f.year, f.month, f.day, f.hour, f.minute, f.second, f.micro], tz);
  return new PyPendulumDateTime(0, 0, tz).at(made.wallUs, tz);
}
