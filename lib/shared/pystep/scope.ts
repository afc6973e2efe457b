/** Names in ./eval.ts: scopes (a function's, its closure, its module's), lambdas' closures, arguments bound to parameters. */
import type { Func } from "./ast";
import { PyError, PyFunc, typeError, type PyVal } from "./values";

/** A step's module: its constants and functions by name (./ast.ts `Global`), shared by the records of a run. */
export type Module = Map<string, PyVal>;

export class Scope {
  constructor(
    readonly parent: Scope | null,
    readonly vars = new Map<string, PyVal>(),
    /** A function's scope: the names its body binds (read before bound: UnboundLocalError); the module's: null. */
    readonly locals: ReadonlySet<string> | null = null,
    readonly global = false,
  ) {}
  lookup(id: string): PyVal | undefined {
    if (this.vars.has(id)) return this.vars.get(id);
    if (this.locals?.has(id))
      throw new PyError("UnboundLocalError", `cannot access local variable '${id}' where it is not associated with a value`);
    return this.parent?.lookup(id);
  }
}

/**
 * A lambda: the local names visible where it was made (Python closes over the variables; steps rarely rebind them), and
 * its module's globals.
 */
export function lambda(fn: Func, scope: Scope): PyFunc {
  const chain: Scope[] = [];
  let globals: Module | null = null;
  for (let s: Scope | null = scope; s; s = s.parent) {
    if (s.global) globals = s.vars;
    else chain.unshift(s);
  }
  const vars = new Map<string, PyVal>();
  for (const s of chain) for (const [k, v] of s.vars) vars.set(k, v);
  return new PyFunc(fn, fn.name, vars, null, globals);
}

export const NO_KW: ReadonlyMap<string, PyVal> = new Map();
const LOCALS = new WeakMap<Func, ReadonlySet<string>>();
/** The names `fn`'s body binds, as a set (kept per function: a step is called once a record). */
export function localsOf(fn: Func): ReadonlySet<string> {
  let set = LOCALS.get(fn);
  if (!set) LOCALS.set(fn, (set = new Set(fn.locals)));
  return set;
}

const names = (list: readonly string[]) =>
  list.length < 3 ? list.join(" and ") : `${list.slice(0, -1).join(", ")}, and ${list[list.length - 1]}`;

/** Python's binding of a call's arguments to `fn`'s parameters (the caller fills defaults), with its TypeErrors. */
export function bind(fn: Func, args: readonly PyVal[], kw: ReadonlyMap<string, PyVal>, into: Map<string, PyVal>): void {
  const n = fn.params.length;
  const required = n - fn.defaults.length;
  if (args.length > n) {
    const takes = fn.defaults.length ? `from ${required} to ${n} positional arguments` : `${n} positional argument${n === 1 ? "" : "s"}`;
    throw typeError(`${fn.name}() takes ${takes} but ${args.length} ${args.length === 1 ? "was" : "were"} given`);
  }
  args.forEach((a, i) => into.set(fn.params[i]!, a));
  for (const [k, v] of kw) {
    if (!fn.params.includes(k)) throw typeError(`${fn.name}() got an unexpected keyword argument '${k}'`);
    if (into.has(k)) throw typeError(`${fn.name}() got multiple values for argument '${k}'`);
    into.set(k, v);
  }
  const missing = fn.params.slice(0, required).filter((p) => !into.has(p));
  if (missing.length)
    throw typeError(
      `${fn.name}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ` +
        names(missing.map((p) => `'${p}'`)),
    );
}
