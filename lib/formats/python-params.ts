/**
 * A function's parameter defaulting to `dlt.secrets.value`/`dlt.config.value` (decision 0045, twenty-eighth session): dlt
 * injects a `@dlt.source`/`@dlt.resource` function's from its config providers — the reference `sources.<source>.<key>`
 * with `param` (the decorator's `section=`, or `true`: the module's name), which lib/shared `secretLookupNames` looks up
 * under the names dlt tries — and nothing into a plain function's.
 */
import type { SyntaxNode } from "@lezer/common";
import type { DocNode, Range } from "./types";
import type { FunctionParam, FunctionScope } from "./python-scope-types";
import { code, type ConvertContext } from "./python-convert";

const rangeOf = (n: SyntaxNode): Range => ({ start: n.from, end: n.to });

/** The parameter `param` of `fn` used at `n`: a reference dlt injects, or (a plain function's) the placeholder as code. */
export function paramRef(ctx: ConvertContext, n: SyntaxNode, fn: FunctionScope, param: FunctionParam, pointer: string): DocNode {
  if (fn.decorator === null) return notInjected(ctx, n, fn.name, param, pointer);
  const ref = param.kind === "secret" ? "secret" : "config";
  return { kind: "ref", ref, name: `sources.${fn.sourceName}.${param.name}`, range: rangeOf(n), param: fn.section ?? true };
}

/**
 * A plain function's parameter defaulting to `dlt.secrets.value`/`dlt.config.value`: dlt injects values only into a
 * `@dlt.source`/`@dlt.resource` function's parameters, so Python passes the placeholder itself (checked with dlt 1.26.0:
 * `?k=dlt.secrets.value` is sent, a bearer token `SecretValue(dlt.secrets.value) awaiting injection`). Left as code.
 */
function notInjected(ctx: ConvertContext, n: SyntaxNode, fn: string, param: FunctionParam, pointer: string): DocNode {
  const accessor = param.kind === "secret" ? "dlt.secrets.value" : "dlt.config.value";
  ctx.diagnostics.push({
    severity: "warning",
    code: "param_not_injected",
    path: pointer,
    range: rangeOf(n),
    message:
      `\`${param.name}\` defaults to ${accessor}, but \`${fn}\` is a plain function: dlt injects values only into the parameters ` +
      "of a @dlt.source or @dlt.resource function, so Python passes the placeholder object itself and dlt sends its text " +
      `(a query parameter \`${accessor}\`). restplay leaves it out of runs. ` +
      `Decorate \`${fn}\` with @dlt.source, or pass the value when you call it.`,
  });
  return code(ctx, n);
}
