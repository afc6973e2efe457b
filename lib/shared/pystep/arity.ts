/**
 * How many positional arguments each method of ./methods.ts takes, and CPython 3.11's TypeError when a call gives
 * another count (recorded from CPython: the message's form follows how the method is declared in C).
 */
import { typeError } from "./values";

/** `n`: none; `o`: exactly one; `c<min>-<max>`: Argument Clinic's words; `a<min>-<max>`: the older `takes at …` words. */
const SPECS: Record<string, string> = {
  "str lower upper title capitalize isdigit isdecimal isnumeric isalpha isalnum isspace islower isupper": "n",
  "str join partition rpartition zfill removeprefix removesuffix": "o",
  "str strip lstrip rstrip": "c0-1",
  "str replace": "c2-3",
  "str ljust rjust center": "c1-2",
  "str startswith endswith find rfind index count": "a1-3",
  "str split rsplit": "a0-2",
  "str splitlines": "a0-1",
  "dict keys values items popitem copy clear": "n",
  "dict get pop setdefault": "c1-2",
  "dict update": "c0-1",
  "list append extend remove count": "o",
  "list reverse copy clear": "n",
  "list insert": "c2-2",
  "list pop": "c0-1",
  "list index": "c1-3",
  "list sort": "s",
  "tuple count": "o",
  "tuple index": "c1-3",
  "set add discard remove issubset issuperset isdisjoint": "o",
  "set pop copy clear": "n",
};
const ARITY = new Map<string, string>(
  Object.entries(SPECS).flatMap(([names, spec]) => {
    const [type, ...methods] = names.split(" ");
    return methods.map((m) => [`${type}.${m}`, spec] as const);
  }),
);

const args = (n: number) => `${n} argument${n === 1 ? "" : "s"}`;

/** Raises CPython's TypeError when `type.method` (`list.pop`) is given `given` positional arguments it does not take. */
export function checkArity(type: string, method: string, given: number): void {
  const spec = ARITY.get(`${type}.${method}`);
  if (spec === undefined) return;
  if (spec === "n" && given > 0) throw typeError(`${type}.${method}() takes no arguments (${given} given)`);
  if (spec === "o" && given !== 1) throw typeError(`${type}.${method}() takes exactly one argument (${given} given)`);
  if (spec === "s" && given > 0) throw typeError(`${method}() takes no positional arguments`);
  const m = /^([ca])(\d)-(\d)$/.exec(spec);
  if (!m) return;
  const [min, max] = [Number(m[2]), Number(m[3])];
  if (given >= min && given <= max) return;
  if (m[1] === "c" && min === max) throw typeError(`${method} expected ${args(min)}, got ${given}`);
  const [bound, n] = given < min ? ["least", min] : ["most", max];
  throw typeError(
    m[1] === "c" ? `${method} expected at ${bound} ${args(n)}, got ${given}` : `${method}() takes at ${bound} ${args(n)} (${given} given)`,
  );
}
