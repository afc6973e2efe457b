/**
 * An incremental's `initial_value` written as Python (decision 0035, amended in the twenty-seventh session), computed as
 * Python computes it at the run's time: lib/formats/python-step.ts compiled it, with the assignments and imports it reads,
 * into lib/shared/pystep's plain data (the resolved config carries it); the Interpreter runs it here, dates with
 * ./pystep/dates.ts (`datetime`, `date`, `timedelta`, `timezone`) and ./pystep/pendulum.ts (pendulum 3, `time.time()`),
 * the one home of Python's dates. Only a result that is text or an int (within 2^53) is computed: what the run then sends
 * and compares is dlt's. Anything else — a date object, a float, what the subset does not model, an exception — is
 * `null`: left as Python. The local time zone is UTC (pendulum's `today()`/`now()` on a server, and dlt's own clock).
 */
import { BudgetExceeded, Interpreter, NotModelled, PyError, SizeExceeded, STEP_BUDGET, type CompiledExpression } from "./pystep";

/** The value of `compiled` at `nowMs` (epoch milliseconds): text or an integer, `null` when restplay does not compute it. */
export function evaluateInitialValue(compiled: CompiledExpression | undefined, nowMs: number): string | number | null {
  if (!compiled) return null;
  try {
    const py = new Interpreter(STEP_BUDGET, () => nowMs);
    const v = py.evaluate(compiled.expr, py.load(compiled.globals));
    return typeof v === "string" || (typeof v === "number" && Number.isSafeInteger(v)) ? v : null;
  } catch (e) {
    if (e instanceof PyError || e instanceof NotModelled || e instanceof BudgetExceeded || e instanceof SizeExceeded) return null;
    if (e instanceof RangeError) return null;
    throw e;
  }
}
