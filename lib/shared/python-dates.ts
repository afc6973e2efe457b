/**
 * The Python date expressions an incremental's `initial_value` is usually computed with, evaluated as
 * Python (pendulum 3, datetime) evaluates them at a given time: `pendulum.today().subtract(days=30)
 * .to_iso8601_string()` (the `dlt init rest_api` template), `pendulum.now().add(hours=-1).isoformat()`,
 * `(datetime.now(timezone.utc) - timedelta(days=7)).strftime("%Y-%m-%d")`, `date.today().isoformat()`,
 * `pendulum.datetime(2024, 1, 1).int_timestamp`, `str(date.today() - timedelta(days=7))`,
 * `int(time.time()) - 86400`. Only expressions that end as text or an integer are
 * computed (what the run then sends is the same as dlt's); anything else is `null` (left as Python).
 * The local time zone is UTC (pendulum's `today()`/`now()` on a server, and dlt's own clock).
 */

import { pyFloatRepr } from "./python";

/** A date-time: epoch microseconds (UTC wall time for naive ones) and what Python type it is. */
interface Moment {
  readonly us: number;
  /** pendulum.DateTime (aware UTC), datetime aware (UTC), datetime naive, date. */
  readonly kind: "pendulum" | "aware" | "naive" | "date";
}

/** A Python float (`time.time()`, `.timestamp()`, `1.5`); a JavaScript number is a Python int here. */
interface PyFloat {
  readonly float: number;
}

type Value = Moment | string | number | PyFloat | { readonly delta: number } | { readonly tz: "utc" };
type Arg = { readonly key: string | null; readonly value: Value };

const isFloat = (v: unknown): v is PyFloat => typeof v === "object" && v !== null && "float" in v;
/** An int's or a float's value; `null` for anything else. */
const numeric = (v: Value): number | null => (typeof v === "number" ? v : isFloat(v) ? v.float : null);
/** An int result: exact only within 2^53, so beyond it the expression is not computed. */
const int = (n: number): number => (Number.isSafeInteger(n) ? n : fail());

const US = { weeks: 604_800e6, days: 86_400e6, hours: 3_600e6, minutes: 60e6, seconds: 1e6, milliseconds: 1e3, microseconds: 1 } as const;

class Unsupported extends Error {}
const fail = (): never => {
  throw new Unsupported();
};

/** Numbers, dotted names (`pendulum.today`), `.attribute` after a call, strings, and `( ) + - , =`. */
const TOKEN = /\s*(?:\d+(?:\.\d+)?|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*|\.[A-Za-z_]\w*|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[()+\-,=])/y;

function tokenize(code: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < code.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(code);
    if (!m) {
      if (code.slice(at).trim() === "") break;
      fail();
    }
    out.push((m as RegExpExecArray)[0].trim());
  }
  return out;
}

const isMoment = (v: unknown): v is Moment => typeof v === "object" && v !== null && "us" in v;
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

function parts(m: Moment) {
  const ms = Math.floor(m.us / 1000);
  const d = new Date(ms);
  return {
    Y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    H: d.getUTCHours(),
    M: d.getUTCMinutes(),
    S: d.getUTCSeconds(),
    f: ((m.us % 1e6) + 1e6) % 1e6,
  };
}

/** Epoch microseconds of a UTC wall time (years 0–99 too, which `Date.UTC` reads as 1900–1999). */
function fromParts(Y: number, mo: number, d: number, H = 0, M = 0, S = 0, f = 0): number {
  const t = new Date(0);
  t.setUTCFullYear(Y, mo - 1, d);
  t.setUTCHours(H, M, S, 0);
  return t.getTime() * 1000 + f;
}

function isoText(m: Moment, sep = "T", zone: "Z" | "+00:00" | "" = m.kind === "naive" ? "" : "+00:00"): string {
  const p = parts(m);
  const date = `${pad(p.Y, 4)}-${pad(p.m)}-${pad(p.d)}`;
  if (m.kind === "date") return date;
  return `${date}${sep}${pad(p.H)}:${pad(p.M)}:${pad(p.S)}${p.f ? `.${pad(p.f, 6)}` : ""}${zone}`;
}

/** Python's `str()` of a value here: a date-time as `isoformat(" ")` (pendulum's too), an integer's digits, text itself. */
function pyText(v: Value): string {
  if (isMoment(v)) return isoText(v, " ");
  if (typeof v === "string") return v;
  if (isFloat(v)) return pyFloatRepr(v.float);
  return typeof v === "number" ? String(v) : fail();
}

function strftime(m: Moment, format: string): string {
  const p = parts(m);
  const codes: Record<string, string> = {
    Y: pad(p.Y, 4),
    m: pad(p.m),
    d: pad(p.d),
    H: pad(p.H),
    M: pad(p.M),
    S: pad(p.S),
    f: pad(p.f, 6),
    z: m.kind === "naive" || m.kind === "date" ? "" : "+0000",
    "%": "%",
  };
  return format.replace(/%(.)/g, (_, c: string) => codes[c] ?? fail());
}

/** pendulum's add/subtract: calendar months and years first (the day clamped to the month's end), then the rest. */
function shift(m: Moment, args: readonly Arg[], sign: 1 | -1): Moment {
  let months = 0;
  let us = 0;
  for (const a of args) {
    const n = numeric(a.value);
    if (a.key === null || n === null) return fail();
    if (a.key === "years" || a.key === "months") months += sign * n * (a.key === "years" ? 12 : 1);
    else us += sign * n * ((US as Record<string, number>)[a.key] ?? fail());
  }
  if (!Number.isInteger(months)) return fail();
  let base = m.us;
  if (months !== 0) {
    const p = parts(m);
    const total = p.Y * 12 + (p.m - 1) + months;
    const [Y, mo] = [Math.floor(total / 12), (total % 12) + 1];
    const last = new Date(fromParts(Y, mo + 1, 0) / 1000).getUTCDate();
    base = fromParts(Y, mo, Math.min(p.d, last), p.H, p.M, p.S, p.f);
  }
  return { ...m, us: base + Math.round(us) };
}

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: readonly string[],
    private readonly nowUs: number,
  ) {}

  private peek = () => this.tokens[this.at];
  private next = () => this.tokens[this.at++] ?? fail();
  private expect(t: string) {
    if (this.next() !== t) fail();
  }

  parse(): Value {
    const v = this.sum();
    if (this.at !== this.tokens.length) fail();
    return v;
  }

  private sum(): Value {
    let v = this.postfix();
    while (this.peek() === "+" || this.peek() === "-") {
      const sign = this.next() === "+" ? 1 : -1;
      const d = this.postfix();
      // Numbers too (`int(time.time()) - 86400`): Python's int or float arithmetic.
      const [x, y] = [numeric(v), numeric(d)];
      if (x !== null && y !== null) v = typeof v === "number" && typeof d === "number" ? int(x + sign * y) : { float: x + sign * y };
      else if (!isMoment(v) || typeof d !== "object" || !("delta" in d)) return fail();
      else v = { ...v, us: v.us + sign * d.delta };
    }
    return v;
  }

  private args(): Arg[] {
    this.expect("(");
    const out: Arg[] = [];
    while (this.peek() !== ")") {
      let key: string | null = null;
      if (this.tokens[this.at + 1] === "=") {
        key = this.next();
        this.next();
      }
      const negative = this.peek() === "-" ? (this.next(), -1) : 1;
      const v = this.sum();
      const n = numeric(v);
      out.push({ key, value: negative === 1 ? v : n === null ? fail() : isFloat(v) ? { float: -n } : -n });
      if (this.peek() === ",") this.next();
      else if (this.peek() !== ")") fail();
    }
    this.next();
    return out;
  }

  private postfix(): Value {
    let v = this.primary();
    while (this.peek()?.startsWith(".")) v = this.member(v);
    return v;
  }

  private primary(): Value {
    const t = this.next();
    if (t === "(") {
      const v = this.sum();
      this.expect(")");
      return v;
    }
    if (/^\d/.test(t)) return t.includes(".") ? { float: Number(t) } : int(Number(t));
    if (/^["']/.test(t)) return t.slice(1, -1);
    return this.call(t);
  }

  /** A constructor or clock call by its dotted name (`pendulum.today(…)`, `datetime.now(…)`, `timedelta(…)`). */
  private call(name: string): Value {
    const segments = name.split(".");
    let i = 0;
    const take = (...options: string[][]): boolean => {
      for (const o of options)
        if (o.every((s, k) => segments[i + k] === s)) {
          i += o.length;
          return true;
        }
      return false;
    };
    let v: Value;
    if (take(["str"], ["int"])) {
      const args = this.args();
      const a = args.length === 1 && args[0]?.key === null ? args[0].value : fail();
      const n = numeric(a);
      v = segments[0] === "str" ? pyText(a) : n !== null && Number.isFinite(n) ? int(Math.trunc(n)) : fail();
    } else if (take(["time", "time"])) {
      if (this.args().length) fail();
      v = { float: this.nowUs / 1e6 };
    } else if (take(["pendulum", "today"], ["pendulum", "now"], ["pendulum", "yesterday"], ["pendulum", "tomorrow"])) {
      const which = segments[i - 1];
      const args = this.args();
      if (args.some((a) => !(a.key === "tz" || a.key === null) || String(a.value).toUpperCase() !== "UTC")) fail();
      const day = Math.floor(this.nowUs / US.days) * US.days;
      const offset = which === "yesterday" ? -US.days : which === "tomorrow" ? US.days : 0;
      v = { kind: "pendulum", us: which === "now" ? this.nowUs : day + offset };
    } else if (
      take(["pendulum", "datetime"], ["datetime", "datetime"], ["datetime"], ["pendulum", "date"], ["datetime", "date"], ["date"])
    ) {
      const which = segments[i - 1];
      const isDate = which === "date";
      if (segments[i] === "now" || segments[i] === "utcnow" || segments[i] === "today") {
        const how = segments[i++] as string;
        const args = this.args();
        if (isDate) {
          if (how !== "today" || args.length) fail();
          v = { kind: "date", us: Math.floor(this.nowUs / US.days) * US.days };
        } else {
          const aware = args.length === 1 && typeof args[0]?.value === "object" && "tz" in (args[0].value as object);
          if (args.length > (aware ? 1 : 0)) fail();
          v = { kind: aware ? "aware" : "naive", us: this.nowUs };
        }
      } else {
        const args = this.args();
        const nums = args.filter((a) => a.key === null).map((a) => a.value);
        const tz = args.find((a) => a.key === "tz" || a.key === "tzinfo");
        if (nums.length < 3 || nums.length > (isDate ? 3 : 7) || nums.some((n) => typeof n !== "number" || !Number.isInteger(n))) fail();
        if (args.some((a) => a.key !== null && a !== tz)) fail();
        const [Y, mo, d, H, M, S, f] = nums as number[];
        const pendulum = segments[0] === "pendulum";
        if (tz && !(typeof tz.value === "object" ? "tz" in tz.value : String(tz.value).toUpperCase() === "UTC")) fail();
        v = { kind: isDate ? "date" : pendulum ? "pendulum" : tz ? "aware" : "naive", us: fromParts(Y!, mo!, d!, H, M, S, f) };
      }
    } else if (take(["timezone", "utc"], ["datetime", "timezone", "utc"], ["pendulum", "UTC"])) {
      v = { tz: "utc" };
    } else if (take(["timedelta"], ["datetime", "timedelta"], ["pendulum", "duration"])) {
      const args = this.args();
      let delta = 0;
      for (const a of args) {
        const n = numeric(a.value);
        if (a.key === null || n === null) fail();
        delta += (n as number) * ((US as Record<string, number>)[a.key as string] ?? fail());
      }
      v = { delta };
    } else return fail();
    if (i !== segments.length) fail();
    return v;
  }

  /** `.method(...)` or `.attribute` on a value. */
  private member(v: Value): Value {
    const name = this.next().slice(1);
    if (!isMoment(v)) return fail();
    const pendulum = v.kind === "pendulum";
    if (name === "int_timestamp" && pendulum) return Math.floor(v.us / 1e6);
    const args = this.args();
    const noArgs = () => (args.length ? fail() : undefined);
    switch (name) {
      case "timestamp":
        noArgs();
        // A naive one in the local time zone, which is UTC here (as `now()` is).
        return v.kind === "date" ? fail() : { float: v.us / 1e6 };
      case "add":
      case "subtract":
        return pendulum ? shift(v, args, name === "add" ? 1 : -1) : fail();
      case "to_iso8601_string":
        noArgs();
        return pendulum ? isoText(v, "T", "Z") : fail();
      case "to_date_string":
        noArgs();
        return pendulum ? isoText({ ...v, kind: "date" }) : fail();
      case "to_datetime_string":
        noArgs();
        return pendulum ? isoText(v, " ", "").slice(0, 19) : fail();
      case "isoformat":
        noArgs();
        return isoText(v);
      case "strftime":
        return args.length === 1 && typeof args[0]?.value === "string" && args[0].key === null ? strftime(v, args[0].value) : fail();
      case "date":
        noArgs();
        return v.kind === "date" ? fail() : { kind: "date", us: Math.floor(v.us / US.days) * US.days };
      case "start_of": {
        const unit = args[0]?.value;
        if (!pendulum || args.length !== 1 || (unit !== "day" && unit !== "month" && unit !== "year" && unit !== "hour")) return fail();
        const p = parts(v);
        if (unit === "hour") return { ...v, us: fromParts(p.Y, p.m, p.d, p.H) };
        return { ...v, us: unit === "day" ? fromParts(p.Y, p.m, p.d) : unit === "month" ? fromParts(p.Y, p.m, 1) : fromParts(p.Y, 1, 1) };
      }
      case "in_timezone":
      case "in_tz":
        return pendulum && args.length === 1 && String(args[0]?.value).toUpperCase() === "UTC" ? v : fail();
      default:
        return fail();
    }
  }
}

/**
 * The value of `code` at `nowMs` (epoch milliseconds), as Python computes it: text or an integer,
 * `null` when restplay does not compute it (another expression, or one that ends as a date object).
 */
export function evaluatePythonDate(code: string, nowMs: number): string | number | null {
  try {
    const v = new Parser(tokenize(code), nowMs * 1000).parse();
    return typeof v === "string" || (typeof v === "number" && Number.isInteger(v)) ? v : null;
  } catch (e) {
    if (e instanceof Unsupported || e instanceof RangeError) return null;
    throw e;
  }
}
