/**
 * Incremental loading (dlt-rest-api.md §10): the endpoint's `incremental` block, or a typed param
 * `{"type": "incremental", …}` (deprecated; its key becomes `start_param`, and the block is then
 * ignored for the cursor, as in dlt). Python values (`convert`, a callable `last_value_func`) are
 * left out: the playground does not run them.
 */
import type { ResolvedIncremental } from "../resolved";
import { where, type Locator, type Path } from "../located";
import { compileExpression } from "../../formats";
import type { CompiledExpression } from "../../shared/pystep";
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
  loc: Locator,
  plan: DefaultsPlan,
  ownEndpoint: Obj | null,
  endpointAt: Path,
  param: TypedParam | null,
): { incremental: ResolvedIncremental | null; python: readonly string[] } {
  if (param) {
    const s = strip(param.value, child("endpoint.params", param.key));
    const { type: _type, ...rest } = isObj(s.value) ? s.value : {};
    return { incremental: typed(loc, { ...rest, start_param: param.key }, param.value, param.at), python: [] };
  }
  const block = pick(ownEndpoint, plan.endpoint, "incremental");
  const s = block.fromDefaults ? plan.endpointValue("incremental") : strip(block.value, "endpoint.incremental");
  const at: Path = block.fromDefaults ? ["resource_defaults", "endpoint", "incremental"] : [...endpointAt, "incremental"];
  return { incremental: isObj(s.value) ? typed(loc, s.value, block.value, at) : null, python: s.python };
}

/**
 * An `initial_value` written as Python at `at` (its `{"$python": …}` node) compiled with what it reads of the file
 * (lib/formats/python-initial.ts), for lib/shared `evaluateInitialValue`; `null` where the subset cannot run it.
 */
export function compiledInitialValue(loc: Locator, at: Path): CompiledExpression | null {
  const node = loc.node(at);
  if (node?.kind !== "python") return null;
  const compiled = compileExpression(
    node.text,
    node.module?.map((m) => m.text),
  );
  return compiled.ok ? compiled.value : null;
}

/** A valid document's incremental (its `cursor_path` is a string: checked above and by the schema); `at`: the block's path. */
const typed = (loc: Locator, v: Obj, written: unknown, at: Path): ResolvedIncremental | null => {
  if (typeof v.cursor_path !== "string") return null;
  const initial = isObj(written) ? written.initial_value : undefined;
  if (!isPython(initial)) return v as ResolvedIncremental;
  const compiled = compiledInitialValue(loc, [...at, "initial_value"]);
  return { ...v, initial_value_python: initial.$python, ...(compiled ? { initial_value_compiled: compiled } : {}) } as ResolvedIncremental;
};
