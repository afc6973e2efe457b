/**
 * pendulum 3's `Duration` (`pendulum.duration(…)`, a timedelta with pendulum's normalisation: `weeks`,
 * `remaining_days`, `hours`, `minutes`, `remaining_seconds`, `in_days()` …, `in_words()`/`str()` in its `en` locale, its
 * repr) and `Interval` (`DateTime - datetime`, `dt.diff(other, abs=True)`: a Duration between two instants, its repr
 * `<Interval [start -> end]>`, `in_days()` in whole days). An Interval's calendar parts (`months`, `years`,
 * `in_months()`, `in_words()`) are not modelled. Each answer recorded from Python 3.11 with pendulum 3.2
 * (lib/formats/python-step-pendulum.test.ts).
 */
import { DAY, PyDateTime, PyTimeDelta, args, type Kw } from "./dates";
import { NotModelled, PyFloat, type PyVal } from "./values";

const UNITS = ["year", "month", "week", "day", "hour", "minute", "second"];
/** Python's `int(x)` of a float: toward zero. */
const trunc = (x: number) => Math.trunc(x);

export class PyDuration extends PyTimeDelta {
  override readonly type: string = "Duration";
  /** pendulum's normalised parts (duration.py `__new__`): signed like the whole, days split into weeks and days. */
  get parts() {
    const m = this.total < 0n ? -1 : 1;
    const abs = this.total < 0n ? -this.total : this.total;
    const whole = Number(abs / 1_000_000n);
    const seconds = (whole % 86_400) * m;
    const days = Math.floor(whole / 86_400);
    const sign = (v: number) => (v < 0 ? -1 : 1);
    const s = Math.abs(seconds);
    return {
      micro: Number(abs % 1_000_000n) * m,
      seconds,
      weeks: Math.floor(days / 7) * m,
      remainingDays: (days % 7) * m,
      hours: s >= 3600 ? (Math.floor(s / 3600) % 24) * sign(seconds) : 0,
      minutes: s >= 60 ? (Math.floor(s / 60) % 60) * sign(seconds) : 0,
      remainingSeconds: (s % 60) * sign(seconds),
    };
  }
  private get totalSeconds(): number {
    return Number(this.total) / 1e6;
  }
  override repr(): string {
    const p = this.parts;
    const fields = [
      ["weeks", p.weeks],
      ["days", p.remainingDays],
      ["hours", p.hours],
      ["minutes", p.minutes],
      ["seconds", p.remainingSeconds],
      ["microseconds", p.micro],
    ].filter(([, v]) => v !== 0);
    return `${this.type}(${fields.map(([k, v]) => `${k}=${v}`).join(", ")})`;
  }
  override str(): string {
    return this.words();
  }
  /** `in_words()` in pendulum's `en` locale. */
  words(): string {
    const p = this.parts;
    const counts = [0, 0, p.weeks, p.remainingDays, p.hours, p.minutes, p.remainingSeconds];
    const parts = counts.flatMap((n, i) => (n === 0 ? [] : [`${n} ${UNITS[i]}${Math.abs(n) === 1 ? "" : "s"}`]));
    if (parts.length > 0) return parts.join(" ");
    return p.micro !== 0 ? `${(Math.abs(p.micro) / 1e6).toFixed(2)} seconds` : "0 microseconds";
  }
  override attr(name: string): PyVal | undefined {
    const p = this.parts;
    const named: Record<string, number> = {
      weeks: p.weeks,
      remaining_days: p.remainingDays,
      hours: p.hours,
      minutes: p.minutes,
      remaining_seconds: p.remainingSeconds,
      seconds: p.seconds,
    };
    return Object.hasOwn(named, name) ? named[name] : super.attr(name);
  }
  override method(name: string, a: PyVal[], kw: Kw): PyVal | undefined {
    const per: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86_400, weeks: 604_800 };
    const unit = /^(in|total)_(seconds|minutes|hours|days|weeks)$/.exec(name);
    if (unit) {
      args(name, [], a, kw, 0);
      const v = this.totalSeconds / per[unit[2]!]!;
      return unit[1] === "in" ? trunc(v) : new PyFloat(v);
    }
    if (name === "in_words") {
      args(name, [], a, kw, 0);
      return this.words();
    }
    return super.method(name, a, kw);
  }
}

/** pendulum's `Interval` from `start` to `end` (`absolute`: the earlier first). */
export class PyInterval extends PyDuration {
  override readonly type: string = "Interval";
  readonly start: PyDateTime;
  readonly end: PyDateTime;
  constructor(start: PyDateTime, end: PyDateTime, absolute: boolean) {
    const swap = absolute && start.instant > end.instant;
    const [s, e] = swap ? [end, start] : [start, end];
    super(e.instant - s.instant);
    this.start = s;
    this.end = e;
  }
  override repr(): string {
    return `<Interval [${this.start.str()} -> ${this.end.str()}]>`;
  }
  override str(): string {
    return this.repr();
  }
  override attr(name: string): PyVal | undefined {
    if (name === "start" || name === "end") return this[name];
    if (["months", "years", "remaining_days", "weeks"].includes(name)) throw new NotModelled(`pendulum's \`Interval.${name}\``);
    return super.attr(name);
  }
  override method(name: string, a: PyVal[], kw: Kw): PyVal | undefined {
    if (name === "in_days" || name === "in_weeks") {
      args(name, [], a, kw, 0);
      const days = Number(this.total / DAY);
      return name === "in_days" ? days : Math.sign(days) * Math.floor(Math.abs(days) / 7);
    }
    if (["in_words", "in_months", "in_years"].includes(name)) throw new NotModelled(`pendulum's \`Interval.${name}()\``);
    return super.method(name, a, kw);
  }
}
