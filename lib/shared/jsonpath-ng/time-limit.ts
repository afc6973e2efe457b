/**
 * A path with a regular expression (`=~`, `sub`), run under a time limit where Node's vm is there (the server, the CLI;
 * a browser runs it as it is).
 */
import type { Context, Script } from "node:vm";
import { JsonPathEvalError } from "./py-values";

/** How long a path with a regular expression may run over one value (the engine's: a page, a record). */
export const REGEX_PATH_MS = 5000;
/** Node's vm, where there is one (the server, the CLI): it stops a regular expression that backtracks without end. */
const vm = typeof process === "undefined" ? undefined : process.getBuiltinModule?.("node:vm");
let sandbox: { context: Context & { run?: () => unknown }; script: Script } | null = null;

/**
 * `run()`, stopped after REGEX_PATH_MS. A regular expression such as `(a+)+$` backtracks for hours on 40 characters (so
 * does Python's re, and with it dlt), and no timer interrupts JavaScript in between: the run's worker, with every run on
 * it, would hang. vm's time limit does interrupt it.
 */
export function withinTime<T>(run: () => T): T {
  return underTimeLimit(
    run,
    (ms) =>
      new JsonPathEvalError(
        `it ran more than ${ms / 1000} s over one value: its regular expression backtracks without end on this data ` +
          "(Python's re, and so dlt, would run as long or longer); write one that does not nest repetitions (`(a+)+`)",
      ),
  );
}

/** `run()` stopped after REGEX_PATH_MS where Node's vm is there, failing with `timedOut(ms)`; also a step's `re` (pystep/regex.ts). */
export function underTimeLimit<T>(run: () => T, timedOut: (ms: number) => Error): T {
  if (!vm) return run();
  sandbox ??= { context: vm.createContext({}), script: new vm.Script("run()") };
  const { context, script } = sandbox;
  const outer = context.run;
  context.run = run;
  try {
    return script.runInContext(context, { timeout: REGEX_PATH_MS }) as T;
  } catch (e) {
    if ((e as { code?: unknown }).code !== "ERR_SCRIPT_EXECUTION_TIMEOUT") throw e;
    throw timedOut(REGEX_PATH_MS);
  } finally {
    if (outer) context.run = outer;
    else delete context.run;
  }
}
