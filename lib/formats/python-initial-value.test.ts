/**
 * Python date expressions as Python computes them (each value recorded with Python 3 and pendulum 3.2, dlt 1.26's): an
 * incremental's `initial_value` compiled (lib/formats/python-step.ts) and run by lib/shared/pystep, with the imports
 * a file writes for them. Moved from lib/shared/python-dates.test.ts (its own parser retired), expectations unchanged.
 */
import { describe, expect, it } from "vitest";
import { compileExpression } from "./python-step";
import { evaluateInitialValue } from "../shared";

const IMPORTS = ["date", "datetime", "timedelta", "timezone"]
  .map((c) => `from datetime import ${c}`)
  .concat("import pendulum", "import time");

/** The value restplay computes for `code` at `nowMs`, `null` where it leaves it as Python. */
function evaluatePythonDate(code: string, nowMs: number): string | number | null {
  const compiled = compileExpression(code, IMPORTS);
  return compiled.ok ? evaluateInitialValue(compiled.value, nowMs) : null;
}

const NOW = Date.UTC(2026, 11, 5, 3, 17, 20, 880);

describe("evaluatePythonDate", () => {
  it.each([
    ["pendulum.today().subtract(days=30).to_iso8601_string()", "2026-11-05T00:00:00Z"],
    ["pendulum.datetime(2024, 1, 2, 3, 4, 5).to_iso8601_string()", "2024-01-02T03:04:05Z"],
    ["pendulum.datetime(2024, 1, 2, 3, 4, 5).isoformat()", "2024-01-02T03:04:05+00:00"],
    ["pendulum.datetime(2024, 1, 2, 3, 4, 5).int_timestamp", 1704164645],
    ["pendulum.datetime(2024, 1, 2, 3, 4, 5).to_date_string()", "2024-01-02"],
    ["pendulum.datetime(2024, 1, 2, 3, 4, 5).to_datetime_string()", "2024-01-02 03:04:05"],
    ["pendulum.datetime(2024, 1, 31).add(months=1).to_iso8601_string()", "2024-02-29T00:00:00Z"],
    ["pendulum.datetime(2024, 3, 31).subtract(months=1).to_iso8601_string()", "2024-02-29T00:00:00Z"],
    ["datetime(2024, 1, 2, 3, 4, 5).isoformat()", "2024-01-02T03:04:05"],
    ["(datetime(2024, 1, 2, 3, 4, 5) - timedelta(days=1)).isoformat()", "2024-01-01T03:04:05"],
    ["datetime(2024, 1, 2, tzinfo=timezone.utc).isoformat()", "2024-01-02T00:00:00+00:00"],
    ["datetime(2024, 1, 2, 3, 4, 5).strftime('%Y-%m-%dT%H:%M:%SZ')", "2024-01-02T03:04:05Z"],
    ["date(2024, 1, 2).isoformat()", "2024-01-02"],
    ['(datetime.now(timezone.utc) - timedelta(days=7)).strftime("%Y-%m-%d")', "2026-11-28"],
    ["date.today().isoformat()", "2026-12-05"],
    ["pendulum.now().start_of('day').to_iso8601_string()", "2026-12-05T00:00:00Z"],
    // str() is isoformat(" "), pendulum's too; int() of a timestamp; integer arithmetic.
    ["str(date(2024, 1, 2) - timedelta(days=1))", "2024-01-01"],
    ["str(datetime(2024, 1, 2, 3, 4, 5))", "2024-01-02 03:04:05"],
    ["str(pendulum.datetime(2024, 1, 2, 3, 4, 5))", "2024-01-02 03:04:05+00:00"],
    ["str(datetime(2024, 1, 2, tzinfo=timezone.utc))", "2024-01-02 00:00:00+00:00"],
    ["str(datetime.now(timezone.utc))", "2026-12-05 03:17:20.880000+00:00"],
    ["str(pendulum.now().subtract(days=1))", "2026-12-04 03:17:20.880000+00:00"],
    ["int(datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc).timestamp())", 1704164645],
    ["int(pendulum.datetime(2024, 1, 2, 3, 4, 5).timestamp()) - 86400", 1704078245],
    ["int(time.time()) - 86400", 1796354240],
    ["str(int(time.time()))", "1796440640"],
    // Floats stay floats (`.0`); years below 100 stay themselves.
    ["str(86400.0)", "86400.0"],
    ["str(1.5)", "1.5"],
    ["str(datetime(2024, 1, 2, tzinfo=timezone.utc).timestamp())", "1704153600.0"],
    ["int(datetime(2024, 1, 2, tzinfo=timezone.utc).timestamp())", 1704153600],
    ["str(time.time())", "1796440640.88"],
    ["str(date(50, 1, 1))", "0050-01-01"],
    // A named zone (Python 3.11 with pendulum 3.2 prints the same).
    ["pendulum.datetime(2024, 1, 2, tz='Europe/Berlin').to_iso8601_string()", "2024-01-02T00:00:00+01:00"],
    ["(date(50, 2, 28) + timedelta(days=1)).isoformat()", "0050-03-01"],
    // Left as Python by the retired parser, computed by pystep (Python 3.11 prints the same).
    ["datetime(2024, 1, 2).strftime('%b %d')", "Jan 02"],
    ["'2024' + '-01'", "2024-01"],
    // dlt's advanced course (lesson 1, `__6`): the expression and the names it reads, in a file's order.
    ['(datetime.now(timezone.utc) - timedelta(days=30)).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")', "2026-11-05T03:17:20Z"],
  ])("%s", (code, expected) => {
    expect(evaluatePythonDate(code, NOW)).toBe(expected);
  });

  it.each([
    // A date object (not text): dlt sends str() of it and compares it as a datetime; restplay leaves it as Python.
    "pendulum.today().subtract(days=30)",
    // A function of the user's.
    "compute_since()",
    "pendulum.today(",
    // A float (Python's repr of it is not computed here), and a date, which has no timestamp().
    "time.time()",
    "datetime.now().timestamp()",
    "int(date.today().timestamp())",
    // A float is not computed (dlt would send `1704153600.0`), nor an integer beyond 2^53 (JavaScript's are not exact).
    "datetime(2024, 1, 2, tzinfo=timezone.utc).timestamp()",
    "1 + 10000000000000000001",
  ])("leaves %s as Python", (code) => {
    expect(evaluatePythonDate(code, NOW)).toBeNull();
  });
});
