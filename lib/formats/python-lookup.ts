/** What a name means at a place in the file: a local, a parameter, or a module-level assignment. */
import type { SyntaxNode } from "@lezer/common";
import type { Assignment, FunctionParam, FunctionScope, PyScope } from "./python-scope-types";

/** The innermost function whose body holds `offset`. */
export function functionAt(scope: PyScope, offset: number): FunctionScope | null {
  let best: FunctionScope | null = null;
  for (const f of scope.functions) {
    if (f.node.from <= offset && offset < f.node.to && (!best || f.node.from >= best.node.from)) best = f;
  }
  return best;
}

export type Lookup = { readonly param: FunctionParam; readonly fn: FunctionScope } | { readonly node: SyntaxNode } | null;

/**
 * What a name means at `at`: a local assignment before it, else a parameter of the enclosing function,
 * else the last module-level assignment (before `at` at module level; any, from inside a function, since
 * the module has run to its end before a function is called). `null`: not defined here (imported or unknown).
 */
export function lookupName(scope: PyScope, name: string, at: number): Lookup {
  const fn = functionAt(scope, at);
  const last = (list: readonly Assignment[], before: number) => list.filter((a) => a.name === name && a.at < before).at(-1);
  if (fn) {
    const local = last(fn.assignments, at);
    if (local) return { node: local.value };
    const param = fn.params.get(name);
    if (param) return { param, fn };
  }
  const global = last(scope.module, fn ? Infinity : at);
  return global ? { node: global.value } : null;
}
