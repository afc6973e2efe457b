/**
 * A Python expression evaluated as a processing step's code is (lib/shared/pystep), for the tests that hold answers recorded
 * from CPython (lib/formats/python-step-*.test.ts): the module-level imports given, the clock at `now`.
 */
import { compileExpression } from "../formats/python-step";
import { Interpreter, NotModelled, PyError, repr } from "../shared/pystep";

export interface EvaluateOptions {
  /** What `datetime.now()` and friends read (epoch milliseconds); the real clock when left out. */
  readonly now?: () => number;
  /** The recorded answers keep an exception's class only (`KeyError`), not `KeyError: 'x'`. */
  readonly classOnly?: boolean;
  /** A form restplay does not model is an answer (`["not modelled", why]`) rather than a thrown `NotModelled`. */
  readonly notModelled?: boolean;
}

/** `["ok", repr(value)]`, or `["err", "Type: message"]` for a Python exception. */
export function evaluatePython(code: string, imports: readonly string[], o: EvaluateOptions = {}): [string, string] {
  const compiled = compileExpression(code, [...imports]);
  if (!compiled.ok) throw new Error(compiled.reason);
  const py = new Interpreter(undefined, o.now);
  try {
    return ["ok", repr(py.evaluate(compiled.value.expr, py.load(compiled.value.globals)))];
  } catch (e) {
    if (e instanceof PyError) return ["err", o.classOnly === true ? e.type : `${e.type}: ${e.message}`];
    if (o.notModelled === true && e instanceof NotModelled) return ["not modelled", e.message];
    throw e;
  }
}
