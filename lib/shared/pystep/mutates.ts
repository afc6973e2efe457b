/** Whether a step's code may change a value it is given in place (a filter's changes stay on its record in dlt). */
import type { Func, Global, Target } from "./ast";

/** The methods of ./methods.ts that change their object (str's change nothing). */
const MUTATING = new Set([
  ...["pop", "update", "setdefault", "append", "extend", "insert", "remove", "sort", "reverse", "clear", "popitem"],
  ...["add", "discard"],
]);

/** A target that stores into a container (`r["a"] = …`, or one inside an unpacking). */
const subscript = (t: Target): boolean => t.k === "sub" || (t.k === "unpack" && t.targets.some(subscript));

/**
 * A subscript assigned or deleted (`r["a"] = …`, `r["n"] += 1`, `del r["a"]`) or a changing method called anywhere in
 * `fn` or in the module's functions (a helper it calls may change the record).
 */
export function mayMutate(fn: Func, globals: readonly Global[] = []): boolean {
  const seen = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(seen);
    if (typeof node !== "object" || node === null) return false;
    const n = node as { readonly k?: unknown; readonly name?: unknown };
    if (n.k === "del" || n.k === "aug") return true;
    if (n.k === "assign" && (node as { readonly targets: readonly Target[] }).targets.some(subscript)) return true;
    if (n.k === "method" && typeof n.name === "string" && MUTATING.has(n.name)) return true;
    return Object.values(node).some(seen);
  };
  return seen(fn.body) || globals.some((g) => seen(g.k === "def" ? g.fn.body : g.k === "const" ? g.value : null));
}
