/**
 * Python code in the config (`{"$python": …}`: a callable, a paginator or auth object, a session, a
 * dlt resource): checked only for where it is used, never run in the playground. Marked as such.
 */
import type { Path } from "../located";
import { where } from "../located";
import { isObj, type RuleContext } from "./context";

export function markPython(ctx: RuleContext, value: unknown, at: Path): void {
  if (ctx.full) return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => markPython(ctx, v, [...at, i]));
    return;
  }
  if (!isObj(value) || "$secret" in value || "$config" in value) return;
  if (typeof value.$python === "string" && Object.keys(value).length === 1) {
    const code = value.$python.length > 40 ? `${value.$python.slice(0, 39)}…` : value.$python;
    ctx.add({ at, severity: "info", code: "python_not_executed", range: ctx.loc.value(at),
      message: `${at.length ? where(at) : "This value"} is Python code (\`${code}\`): validated, not executed in the playground. dlt runs it; a playground run leaves it out (a custom auth object stops the resource).` });
    return;
  }
  for (const [k, v] of Object.entries(value)) markPython(ctx, v, [...at, k]);
}
