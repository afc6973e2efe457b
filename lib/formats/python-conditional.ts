/**
 * Python's conditional expression in a config (`AUTH if TOKEN else None`, decision 0045 amended in the thirtieth session):
 * which branch restplay reads, and the located note that says so.
 */
import type { SyntaxNode } from "@lezer/common";
import type { DocNode } from "./types";
import { convert, rangeOf, src, valueChildren, type ConvertContext } from "./python-convert";

/**
 * `a if cond else b`: read as `a`, with an info — unless the condition is a literal, or a setting whose value the run reading
 * the file knows (`ctx.truth`: `restplay run`, `check` and `validate`), which decide it as Python does.
 */
// dlt 1.26.0: `AUTH if TOKEN else None` without TOKEN (or with `token = ""`, `0`, `false`) sends no auth.
const UNDECIDED =
  ", as if the condition held, in the playground and the JSON/YAML downloads whatever the values (`restplay run`, `check` and " +
  "`validate` decide a condition that is a setting from the values they have); dlt takes `else` where it is false (a `get` " +
  "without a value is None: false). Give what it tests a value, or write the branch you mean";
export function conditional(ctx: ConvertContext, n: SyntaxNode, pointer: string): DocNode | null {
  const [yes, cond, no] = valueChildren(n).filter((c) => c.name !== "if" && c.name !== "else");
  if (!yes || !cond || !no) return null;
  const condition = src(ctx, cond);
  const literal = cond.name === "Boolean" ? condition === "True" : null;
  // A run that knows the value a condition tests (a reference, or a name bound to one) decides it as Python does.
  const tested = literal === null && ctx.truth ? convert({ ...ctx, diagnostics: [] }, cond, pointer) : null;
  const known = tested?.kind === "ref" ? ctx.truth?.(tested) : undefined;
  const holds = literal ?? known;
  const chosen = holds === false ? no : yes;
  const branch = `${holds === false ? "`else`" : "`if`"} branch (\`${src(ctx, chosen).slice(0, 40)}\`)`;
  ctx.diagnostics.push({
    severity: "info",
    code: "python_conditional",
    path: pointer,
    range: rangeOf(n),
    message:
      known !== undefined
        ? `\`… if ${condition.slice(0, 40)} else …\`: the value it tests is ${known ? "true" : "false (none, or empty)"} in this ` +
          `run, so restplay reads the ${branch}, as dlt does with the same values. The playground and the JSON/YAML downloads ` +
          "read the `if` branch (the Python download keeps the conditional)."
        : `\`… if ${condition.slice(0, 40)} else …\` is decided when dlt runs; restplay reads the ${branch}` +
          `${literal === null ? UNDECIDED : ""}.`,
  });
  return convert(ctx, chosen, pointer);
}
