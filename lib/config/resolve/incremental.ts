/**
 * Incremental loading (dlt-rest-api.md §10): the endpoint's `incremental` block, or a typed param
 * `{"type": "incremental", …}` (deprecated; its key becomes `start_param`, and the block is then
 * ignored for the cursor, as in dlt). Python values (`convert`, a callable `last_value_func`) are
 * left out: the playground does not run them.
 */
import type { ResolvedIncremental } from "../resolved";
import { where, type Path } from "../located";
import { missingKey, type RuleContext } from "../rules/context";
import type { DefaultsPlan, TypedParam } from "./defaults";
import { missingCursorPath } from "./params";
import { child, isObj, isPython, pick, strip, type Obj } from "./values";

/** Checks of a written `incremental` block (the defaults' once). */
export function checkIncrementalBlock(ctx: RuleContext, block: Obj, at: Path): void {
  if (block.cursor_path === undefined) missingCursorPath(ctx, at, where(at));
  if (block.end_value !== undefined && block.end_value !== null && (block.initial_value === undefined || block.initial_value === null)) {
    missingKey(
      ctx,
      [...at, "initial_value"],
      `${where(at)} has \`end_value\` but no \`initial_value\`: a backfill range needs both (dlt fails when the run starts). ` +
        "Add the first cursor value of the range as `initial_value`.",
    );
  }
}

/** The resource's incremental, and the Python values left out of it. */
export function resolveIncremental(
  plan: DefaultsPlan,
  ownEndpoint: Obj | null,
  param: TypedParam | null,
): { incremental: ResolvedIncremental | null; python: readonly string[] } {
  if (param) {
    const s = strip(param.value, child("endpoint.params", param.key));
    const { type: _type, ...rest } = isObj(s.value) ? s.value : {};
    return { incremental: typed({ ...rest, start_param: param.key }, param.value), python: [] };
  }
  const block = pick(ownEndpoint, plan.endpoint, "incremental");
  const s = block.fromDefaults ? plan.endpointValue("incremental") : strip(block.value, "endpoint.incremental");
  return { incremental: isObj(s.value) ? typed(s.value, block.value) : null, python: s.python };
}

/** The code of an `initial_value` written as Python (`{"$python": …}`) in the block as written. */
function initialCode(written: unknown): string | undefined {
  const v = isObj(written) ? written.initial_value : undefined;
  return isPython(v) ? v.$python : undefined;
}

/** A valid document's incremental (its `cursor_path` is a string: checked above and by the schema). */
const typed = (v: Obj, written: unknown): ResolvedIncremental | null => {
  if (typeof v.cursor_path !== "string") return null;
  const code = initialCode(written);
  return (code === undefined ? v : { ...v, initial_value_python: code }) as ResolvedIncremental;
};
