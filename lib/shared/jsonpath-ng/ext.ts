/**
 * The "ext" parser's operators on values, as jsonpath-ng 1.7.0 computes them (`jsonpath_ng/ext/`):
 * `sorted` (Python's `sorted()`, by sort keys with `[/f]` and `[\f]`), arithmetic (Python's `+ - *`
 * on the values, `[]` where Python raises TypeError; `/` never parses, the lexer reads a sort direction), `split(sep, segment, maxsplit)`, `sub(/re/, repl)`
 * (Python's `re.sub` and its replacement template), and the text `` `path` `` gives. ./find.ts wires
 * them into the walk; Python's failures (a TypeError jsonpath-ng does not catch, a bad template) are
 * `JsonPathEvalError`s, as dlt's run fails on them.
 */
import type { Json } from "../json";
import { pyRegExp } from "./py-regex";
import { SPLIT, SUB } from "./parser";
import { JsonPathEvalError, num, pyEq, pyOrder, pyType } from "./py-values";

/**
 * `sorted(value)` of a list (or of a dict's keys): the items' positions in sorted order; Python's TypeError
 * where two items do not order. With sort keys (`[/a, \\b]`, `SortedThis._compare`): each key's single
 * value on both items, the first that differs decides (`\\` descending); a key missing, repeated or
 * equal on either side is skipped.
 */
export function sortedOrder(items: readonly Json[], keys: readonly (readonly [(item: Json) => Json[], boolean])[] | null): number[] {
  const order = items.map((_, i) => i);
  // Array.prototype.sort is stable, as Python's sort is (ties keep their order).
  if (keys === null) return order.sort((a, b) => pyOrder(items[a] as Json, items[b] as Json, "`sorted` orders"));
  return order.sort((a, b) => {
    for (const [find, reverse] of keys) {
      const l = find(items[a] as Json);
      const r = find(items[b] as Json);
      if (l.length !== 1 || r.length !== 1 || pyEq(l[0] as Json, r[0] as Json)) continue;
      const less = pyOrder(l[0] as Json, r[0] as Json, "a sort key orders") < 0;
      return less === reverse ? 1 : -1;
    }
    return 0;
  });
}

/** What Python raises TypeError for in `Operation.find`: jsonpath-ng then returns no values at all. */
export const NO_VALUE = Symbol("TypeError");

/** The longest text or list restplay builds by repetition (`'ab' * 3`): Python builds any size. */
const MAX_REPEAT = 10_000_000;

function repeat<T extends string | readonly Json[]>(v: T, times: number): T {
  const n = Math.max(0, times);
  if (v.length * n > MAX_REPEAT)
    throw new JsonPathEvalError(
      `repeating a ${pyType(v as Json)} ${n} times makes more than ${MAX_REPEAT} items, which restplay does not build`,
    );
  if (typeof v === "string") return v.repeat(n) as T;
  return Array.from({ length: n }, () => v).flat() as unknown as T;
}

/**
 * Python's `a <op> b` on two values (`True` is 1, `'ab' * 2`, `[1] + [2]`); `NO_VALUE` where Python raises
 * TypeError. `floats`: which of the two is a float spelled whole (`2.0`), which repeats nothing.
 */
export function arithmetic(op: string, a: Json, b: Json, floats: readonly [boolean, boolean] = [false, false]): Json | typeof NO_VALUE {
  const x = num(a);
  const y = num(b);
  if (x !== null && y !== null) {
    if (op === "+") return x + y;
    if (op === "-") return x - y;
    if (op === "*") return x * y;
    // (`/` never parses: jsonpath-ng's lexer reads it as a sort direction.)
    if (y === 0) throw new JsonPathEvalError("a division by zero: jsonpath-ng fails (ZeroDivisionError)");
    return x / y;
  }
  if (op === "+" && typeof a === "string" && typeof b === "string") return a + b;
  if (op === "+" && Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (op === "*") {
    const times = (v: Json, float: boolean) =>
      typeof v === "boolean" || (typeof v === "number" && Number.isInteger(v) && !float) ? Number(v) : null;
    const seq = (v: Json) => typeof v === "string" || Array.isArray(v);
    const [ta, tb] = [times(a, floats[0]), times(b, floats[1])];
    if (seq(a) && tb !== null) return repeat(a as string | Json[], tb);
    if (seq(b) && ta !== null) return repeat(b as string | Json[], ta);
  }
  return NO_VALUE;
}

/** Python's `text.split(sep, maxsplit)` (a negative `maxsplit`: no limit). */
function pySplit(text: string, sep: string, maxsplit: number): string[] {
  if (maxsplit < 0) return text.split(sep);
  const out: string[] = [];
  let from = 0;
  for (let at = text.indexOf(sep); at !== -1 && out.length < maxsplit; at = text.indexOf(sep, from)) {
    out.push(text.slice(from, at));
    from = at + sep.length;
  }
  out.push(text.slice(from));
  return out;
}

/** `` `split(sep, segment, maxsplit)` ``: one value (a segment, or all for `*`); none where Python raises (jsonpath-ng catches it). */
export function split(method: string, v: Json): Json[] {
  const m = SPLIT.exec(method) as RegExpExecArray;
  const [sep = "", segment = "*", max = "-1"] = [m[2], m[3], m[4]];
  if (typeof v !== "string") return [];
  const parts = pySplit(v, sep, Number(max));
  if (segment === "*") return [parts];
  const i = Number(segment);
  const at = i < 0 ? parts.length + i : i;
  return at >= 0 && at < parts.length ? [parts[at] as string] : [];
}

const ESCAPES: Readonly<Record<string, string>> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };

/** A replacement template as Python's `re` reads it (`parse_template`): literal text and group numbers or names, in order. */
function template(repl: string, groups: number, names: ReadonlySet<string>): (string | number)[] {
  const out: (string | number)[] = [];
  const fail = (why: string): never => {
    throw new JsonPathEvalError(`the replacement \`${repl}\` of \`sub\`: jsonpath-ng fails (re.error: ${why})`);
  };
  const group = (ref: number | string) => {
    if (typeof ref === "number" && ref > groups) fail(`invalid group reference ${ref}`);
    if (typeof ref === "string" && !names.has(ref)) fail(`unknown group name '${ref}'`);
    out.push(ref);
  };
  const octal = /^[0-7]$/;
  for (let i = 0; i < repl.length; i++) {
    const ch = repl[i] as string;
    if (ch !== "\\") {
      out.push(ch);
      continue;
    }
    const c = repl[++i];
    if (c === undefined) fail("bad escape (end of pattern)");
    else if (c === "g") {
      const end = repl.indexOf(">", i + 2);
      if (repl[i + 1] !== "<") fail("missing <");
      if (end === -1) fail("missing >, unterminated name");
      const name = repl.slice(i + 2, end);
      i = end;
      if (/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) group(name);
      else if (/^\d+$/.test(name)) group(Number(name));
      else fail(`bad character in group name '${name}'`);
    } else if (c === "0") {
      let digits = "0";
      while (digits.length < 3 && octal.test(repl[i + 1] ?? "")) digits += repl[++i];
      out.push(String.fromCharCode(parseInt(digits, 8) & 0xff));
    } else if (/^\d$/.test(c)) {
      let digits = c;
      if (/^\d$/.test(repl[i + 1] ?? "")) {
        digits += repl[++i];
        if (octal.test(c) && octal.test(digits[1] as string) && octal.test(repl[i + 1] ?? "")) {
          digits += repl[++i];
          const code = parseInt(digits, 8);
          if (code > 0o377) fail(`octal escape value \\${digits} outside of range 0-0o377`);
          out.push(String.fromCharCode(code));
          continue;
        }
      }
      group(Number(digits));
    } else if (ESCAPES[c] !== undefined) out.push(ESCAPES[c]);
    else if (/^[A-Za-z]$/.test(c)) fail(`bad escape \\${c}`);
    else out.push(`\\${c}`);
  }
  return out;
}

/** `re` over every match, by code point as Python matches (where the pattern reads as a Unicode one in JavaScript). */
function everyMatch(re: RegExp): RegExp {
  try {
    return new RegExp(re.source, `${re.flags}gu`);
  } catch {
    return new RegExp(re.source, `${re.flags}g`);
  }
}

/** `` `sub(/regex/, repl)` ``: the text with every match replaced, or no value when nothing changed; a value that is not text fails. */
export function sub(method: string, v: Json): Json[] {
  const m = SUB.exec(method) as RegExpExecArray;
  const [expr, repl] = [(m[1] ?? "").trim(), (m[2] ?? "").trim()];
  if (typeof v !== "string")
    throw new JsonPathEvalError(`\`sub\` of a ${pyType(v)}: jsonpath-ng fails (TypeError: expected string or bytes-like object)`);
  const re = pyRegExp(expr) as RegExp;
  const probe = new RegExp(`${re.source}|`, re.flags).exec("") as RegExpExecArray;
  const parts = template(repl, probe.length - 1, new Set(Object.keys(probe.groups ?? {})));
  const out = v.replace(everyMatch(re), (...args: unknown[]) => {
    const named = typeof args[args.length - 1] === "object" ? (args[args.length - 1] as Record<string, string | undefined>) : {};
    return parts.map((p) => (typeof p === "string" ? p : ((typeof p === "number" ? args[p] : named[p]) ?? ""))).join("");
  });
  return out === v ? [] : [out];
}

/** The characters jsonpath-ng quotes a field name for when it prints a path (`JsonPathLexer.literals`). */
const LITERALS = ["*", ".", "[", "]", "(", ")", "$", ",", ":", "|", "&", "~"];

/** How a value was reached, as `` `path` `` prints it: a field name, a list index, or a named step (`$`, `` `this` ``). */
export type Step = string | number | { readonly text: string };

export const stepText = (step: Step): string =>
  typeof step === "number"
    ? `[${step}]`
    : typeof step === "string"
      ? LITERALS.some((l) => step.includes(l))
        ? `'${step}'`
        : step
      : step.text;
