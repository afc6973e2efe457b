/** What a run says of the Python values of a resource's config (`python_keys`): skipped, or computed. */
import type { EngineEvent } from "./types";
import { pyRepr } from "../shared";

const INITIAL_VALUE = /(?:^|\.)(?:incremental|params\..+)\.initial_value$/;

/**
 * One warning per Python value: an incremental's `initial_value` restplay computed (`computed`, lib/shared
 * `evaluateInitialValue`) says its value; any other is validated, not executed — and an `initial_value`
 * restplay cannot compute leaves the run's start at `None` unless a stored cursor (`prior`) takes its place.
 */
export function pythonWarnings(resource: string, keys: readonly string[], computed: string | number | null, prior: boolean): EngineEvent[] {
  return keys.map((key) => {
    // The incremental's own block, or its params form (`endpoint.params.since.initial_value`).
    const initial = INITIAL_VALUE.test(key);
    if (initial && computed !== null)
      return {
        type: "warning",
        resource,
        code: "python_computed",
        message:
          `\`${key}\` is Python: restplay computed it as dlt would at this run's time, ${pyRepr(computed)}` +
          `${prior ? " (the stored cursor is used instead)" : ""}.`,
      };
    const start =
      initial && !prior
        ? " This run starts without it (`{incremental.start_value}` is None), where dlt starts from the value the code computes."
        : "";
    return {
      type: "warning",
      resource,
      code: "python_skipped",
      message: `\`${key}\` is Python code: validated, not executed in the playground.${start}`,
    };
  });
}
