/**
 * Text and dates in processing steps, against CPython 3.11's own answers (the Python dlt 1.26.0 runs on):
 * python-step-text.cases.json was recorded by running each expression with `/opt/dlt-venv/bin/python` —
 * `format(v, spec)` over a sample of values and specs, `str.format` and `%` with their errors, and `datetime`
 * expressions (`repr` of the result, or the exception's type and message).
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { compileModule, compileStep } from "./python-step";
import { Interpreter, PyError, repr } from "../shared/pystep";

type Enc = { f?: string; i?: string; b?: boolean; s?: string; n?: 1; t?: Enc[]; l?: Enc[]; d?: [string, Enc][] };
const cases = JSON.parse(readFileSync(new URL("./python-step-text.cases.json", import.meta.url), "utf8")) as {
  spec: [Enc, string, [string, string]][];
  text: [string, string, Enc, Enc | null, [string, string]][];
  dates: [string, string, string][];
};

/** A value as Python source. */
function py(e: Enc): string {
  if (e.f !== undefined) return `float(${JSON.stringify(e.f)})`;
  if (e.i !== undefined) return e.i;
  if (e.b !== undefined) return e.b ? "True" : "False";
  if (e.s !== undefined) return JSON.stringify(e.s);
  if (e.n !== undefined) return "None";
  if (e.t) return `(${e.t.map(py).join(", ")}${e.t.length === 1 ? "," : ""})`;
  if (e.l) return `[${e.l.map(py).join(", ")}]`;
  return `{${e.d!.map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`).join(", ")}}`;
}

const MODULE = compileModule([
  "from datetime import datetime",
  "from datetime import timezone",
  "from datetime import timedelta",
  "from datetime import date",
  "import datetime as dtm",
]);

/** What `lambda x: <expr>` gives, as `[kind, text]`: `ok` and the result (its `repr` unless `plain`), or the exception. */
function evaluate(expr: string, plain: boolean): [string, string] {
  const c = compileStep(`lambda x: ${expr}`, MODULE);
  if (!c.ok || !MODULE.ok) throw new Error(`${expr}: ${c.ok ? "" : c.reason}`);
  const py_ = new Interpreter(undefined, () => 0);
  try {
    const v = py_.run(c.fn, [null], py_.load(MODULE.globals));
    return ["ok", plain && typeof v === "string" ? v : repr(v)];
  } catch (e) {
    if (e instanceof PyError) return [e.type, e.message];
    throw e;
  }
}

describe("the format mini-language, as CPython formats (format(), f-strings, str.format)", () => {
  it.each(cases.spec)("format(%j, %j)", (v, spec, want) => {
    expect(evaluate(`format(${py(v)}, ${JSON.stringify(spec)})`, true)).toEqual(want);
    // lezer reads `{x:=5}` as a walrus (refused as unparsable, where Python reads the spec `=5`).
    if (want[0] === "ok" && !spec.startsWith("=")) {
      expect(evaluate(`f'''{${py(v)}:${spec.replace(/[{}]/g, (c) => c + c)}}'''`, true)).toEqual(want);
      expect(evaluate(`"{:${spec.replace(/[{}]/g, (c) => c + c)}}".format(${py(v)})`, true)).toEqual(want);
    }
  });
});

describe("str.format and % on text, with Python's errors", () => {
  it.each(cases.text)("%s %j", (kind, template, args, kw, want) => {
    const t = JSON.stringify(template);
    const expr = kind === "pct" ? `${t} % ${py(args)}` : `${t}.format(*${py(args)}, **${py(kw!)})`;
    expect(evaluate(expr, true)).toEqual(want);
  });

  it("f-strings: nested specs, {x=}, !a; exceptions' args", () => {
    expect(evaluate(`f"{3.14159:{10}.{3}f}|{'é'!a}|{1+1=}|{'ab' = :>4}"`, true)).toEqual(["ok", "     3.142|'\\xe9'|1+1=2|'ab' =   ab"]);
    const c = compileStep("def f(x):\n    try:\n        int('z')\n    except ValueError as e:\n        return [e.args, len(e.args)]\n");
    expect(c.ok && new Interpreter().run(c.fn, [null])).toEqual([expect.anything(), 1]);
    expect(c.ok && repr(new Interpreter().run(c.fn, [null]))).toBe(`[("invalid literal for int() with base 10: 'z'",), 1]`);
  });
});

describe("datetime, date, timedelta, timezone", () => {
  it.each(cases.dates)("%s", (expr, kind, want) => {
    expect(evaluate(expr, false)).toEqual([kind, want]);
  });

  it("datetime.now() reads the run's clock", () => {
    const c = compileStep("lambda x: datetime.now(timezone.utc).isoformat()", MODULE);
    const py_ = new Interpreter(undefined, () => Date.UTC(2026, 0, 2, 3, 4, 5, 600));
    expect(c.ok && MODULE.ok && py_.run(c.fn, [null], py_.load(MODULE.globals))).toBe("2026-01-02T03:04:05.600000+00:00");
  });

  it("what is not modelled is refused with its name, not run", () => {
    for (const [src, why] of [
      ["lambda x: x.real", /attribute `.real`/],
      ["lambda x: x.casefold()", /`.casefold\(\)`, a method the playground does not model/],
    ] as const) {
      const c = compileStep(src);
      expect(c.ok).toBe(false);
      if (!c.ok) expect(c.reason).toMatch(why);
    }
  });
});
