/**
 * jsonpath-ng's "ext" parser (`jsonpath_ng.ext.parse`, what dlt 1.26 compiles every JSONPath with),
 * driven by the LALR tables PLY builds for it (tables.ts, generated from jsonpath-ng itself): a path
 * parses here exactly when it parses in dlt, and into the same tree of jsonpath-ng's classes. Errors
 * carry the offsets of the token jsonpath-ng stops at and the tokens it would have taken there.
 */
import { JsonPathSyntaxError, Lexer, type Token } from "./lexer";
import { pyRegExp } from "./py-regex";
import { ACTIONS, DEFAULTED, GOTOS, NONTERMINALS, PRODUCTIONS, TERMINALS } from "./tables";

/** jsonpath-ng's node classes (`Fields`, `Child`, `Slice`, …), each with its place in the text. */
export type PathNode = (
  | { readonly k: "root" | "this" | "parent" | "len" | "keys" | "path" | "str" }
  | { readonly k: "fields"; readonly names: readonly string[] }
  | { readonly k: "index"; readonly index: number }
  | { readonly k: "slice"; readonly start: number | null; readonly end: number | null; readonly step: number | null }
  | { readonly k: BinaryKind; readonly left: PathNode; readonly right: PathNode }
  | { readonly k: "operation"; readonly left: Operand; readonly op: string; readonly right: Operand }
  | { readonly k: "filter"; readonly expressions: readonly FilterExpression[] }
  | { readonly k: "sorted"; readonly sorts: readonly (readonly [PathNode, boolean])[] | null }
  | { readonly k: "split" | "sub"; readonly method: string }
) & { readonly from: number; readonly to: number };

export type BinaryKind = "child" | "descendants" | "where" | "wherenot" | "union" | "intersect";
/** An arithmetic operand: a path, or a name, number or float taken as a value. */
export type Operand = PathNode | string | number;
export interface FilterExpression {
  readonly target: PathNode;
  readonly op: string | null;
  readonly value: string | number | boolean | null;
}

const BINARY: Readonly<Record<string, BinaryKind>> = {
  ".": "child",
  "..": "descendants",
  where: "where",
  wherenot: "wherenot",
  "|": "union",
  "&": "intersect",
};

/** The ext parser's back-quoted operators; `split(…)` and `sub(…)` must also match jsonpath-ng's patterns. */
// jsonpath-ng's own patterns (ext/string.py), kept as they are so that each group takes what it takes there; they read a
// back-quoted operator of a config's JSONPath, which validation bounds (the route's validation pool has a time limit).
// eslint-disable-next-line regexp/no-super-linear-backtracking
export const SPLIT = /^split\s*\(\s*(?<quote>['"]?)(.+)\k<quote>\s*,\s*(-?\d+|\*)\s*,\s*(-?\d+)\s*\)/;
// eslint-disable-next-line regexp/no-super-linear-backtracking
export const SUB = /^sub\(\/(.*)\/,\s+(.*)\)/;

type Value = PathNode | Token | Value[] | string | number | boolean | null | FilterExpression | readonly [PathNode, boolean];
interface Slot {
  readonly value: Value;
  readonly start: number;
  readonly end: number;
  /** How deep the tree below it is. */
  readonly depth: number;
}

/**
 * The deepest tree read: every reader of a tree (here and in dlt) walks it recursively, and dlt's
 * Python stops near 1,000 (`RecursionError`) — real paths are a handful of levels deep.
 */
export const MAX_PATH_DEPTH = 200;

const isNode = (v: unknown): v is PathNode => typeof v === "object" && v !== null && "k" in v && !("type" in v);
const tokenOf = (v: Value): Token => v as Token;

function named(op: string, start: number, end: number): PathNode {
  const at = { from: start, to: end };
  if (op === "len" || op === "keys" || op === "path" || op === "this" || op === "parent") return { k: op, ...at };
  if (op === "sorted") return { k: "sorted", sorts: null, ...at };
  if (op.startsWith("split(")) {
    if (!SPLIT.test(op))
      throw new JsonPathSyntaxError(`\`${op}\` is not a split jsonpath-ng takes: split(sep, index, maxsplit)`, start, end);
    return { k: "split", method: op, ...at };
  }
  if (op.startsWith("sub(")) {
    const m = SUB.exec(op);
    if (!m) throw new JsonPathSyntaxError(`\`${op}\` is not a substitution jsonpath-ng takes: sub(/regex/, replacement)`, start, end);
    const pattern = (m[1] ?? "").trim();
    if (pyRegExp(pattern) === null) throw new JsonPathSyntaxError(`\`${pattern}\` in \`${op}\` is not a regular expression`, start, end);
    return { k: "sub", method: op, ...at };
  }
  if (op.startsWith("str(")) {
    if (!op.startsWith("str()")) throw new JsonPathSyntaxError(`\`${op}\` is not an operator jsonpath-ng takes: str()`, start, end);
    return { k: "str", ...at };
  }
  throw new JsonPathSyntaxError(
    `\`${op}\` is not a named operator jsonpath-ng knows (this, parent, len, keys, path, sorted, split, sub, str)`,
    start,
    end,
  );
}

/** A field list of one name becomes the name itself (jsonpath-ng: "a field or a string: always the string"). */
function operand(v: Value): Operand {
  if (isNode(v)) return v.k === "fields" && v.names.length === 1 ? (v.names[0] as string) : v;
  if (typeof v === "object" && v !== null && "type" in v) return tokenOf(v).value as string | number;
  return v as string | number;
}

/** The value a rule makes of its right-hand side (jsonpath-ng's `p_…` functions). */
function reduce(rule: Production, p: readonly Slot[], start: number, end: number): Value {
  const at = { from: start, to: end };
  const v = (i: number) => must(p[i]).value;
  const tv = (i: number) => tokenOf(v(i)).value;
  const { head, rhs } = rule;
  if (head === "jsonpath" && / operator /.test(rhs))
    return { k: "operation", left: operand(v(0)), op: v(1) as string, right: operand(v(2)), ...at };
  if (head === "operator") return tv(0) as string;
  switch (rhs) {
    case "jsonpath . jsonpath":
    case "jsonpath DOUBLEDOT jsonpath":
    case "jsonpath WHERE jsonpath":
    case "jsonpath WHERENOT jsonpath":
    case "jsonpath | jsonpath":
    case "jsonpath & jsonpath":
      return { k: must(BINARY[String(tv(1))]), left: v(0) as PathNode, right: v(2) as PathNode, ...at };
    case "NAMED_OPERATOR":
      return named(String(tv(0)), start, end);
    case "fields_or_any":
      return { k: "fields", names: v(0) as string[], ...at };
    case "$":
      return { k: "root", ...at };
    case "@":
      return { k: "this", ...at };
    case "[ idx ]":
    case "[ slice ]":
    case "( jsonpath )":
    case "( expressions )":
      return v(1);
    case "[ fields ]":
      return { k: "fields", names: v(1) as string[], ...at };
    case "jsonpath [ fields ]":
      return { k: "child", left: v(0) as PathNode, right: { k: "fields", names: v(2) as string[], ...span(must(p[2])) }, ...at };
    case "jsonpath [ idx ]":
    case "jsonpath [ slice ]":
    case "jsonpath [ filter ]":
      return { k: "child", left: v(0) as PathNode, right: v(2) as PathNode, ...at };
    case "jsonpath [ sorts ]":
      return {
        k: "child",
        left: v(0) as PathNode,
        right: { k: "sorted", sorts: v(2) as [PathNode, boolean][], ...span(must(p[2])) },
        ...at,
      };
    case "fields":
      return v(0);
    case "*":
      return head === "slice" ? { k: "slice", start: null, end: null, step: null, ...at } : ["*"];
    case "NUMBER":
      // `fields_or_any -> NUMBER` is `str(n)`, which `Fields(*…)` spreads into one field per character.
      return head === "fields_or_any" ? [...String(tv(0))] : head === "idx" ? { k: "index", index: tv(0) as number, ...at } : tv(0);
    case "ID":
      return [tv(0) as string];
    case "fields , fields":
      return [...(v(0) as string[]), ...(v(2) as string[])];
    case "maybe_int : maybe_int":
    case "maybe_int : maybe_int : maybe_int":
      return { k: "slice", start: v(0) as number | null, end: v(2) as number | null, step: (p[4]?.value ?? null) as number | null, ...at };
    case "empty":
    case "<empty>":
      return null;
    case "jsonpath":
      return head === "expression" ? { target: v(0) as PathNode, op: null, value: null } : v(0);
    case "expression":
    case "sort":
      return [v(0)];
    case "expressions & expressions":
    case "sorts sorts":
      return [...(v(0) as Value[]), ...(v(1 + Number(head === "expressions")) as Value[])];
    case "? expressions":
      return { k: "filter", expressions: v(1) as FilterExpression[], ...at };
    case "SORT_DIRECTION jsonpath":
      return [v(1) as PathNode, tv(0) !== "/"] as const;
  }
  if (head === "expression") return { target: v(0) as PathNode, op: String(tv(1)), value: tv(2) };
  throw new Error(`jsonpath-ng rule without an action: ${rule.head} -> ${rule.rhs}`);
}

/** A table entry that must be there (the tables are jsonpath-ng's own; a miss is a bug here, not bad input). */
function must<T>(x: T | undefined): T {
  if (x === undefined) throw new Error("jsonpath-ng tables: an entry is missing");
  return x;
}

const span = (s: Slot) => ({ from: s.start, to: s.end });

/** A production as the driver uses it: its head (and its number), its right-hand side and its length. */
interface Production {
  readonly head: string;
  readonly rhs: string;
  readonly nonterminal: number;
  readonly length: number;
}
const RULES: readonly Production[] = PRODUCTIONS.map(([length, text]) => {
  const [head = "", rhs = ""] = text.split(" -> ");
  return { head, rhs, nonterminal: NONTERMINALS.indexOf(head as (typeof NONTERMINALS)[number]), length };
});

const index = <T extends string>(names: readonly T[]) => new Map<string, number>(names.map((n, i) => [n, i]));
const TERMINAL = index(TERMINALS);
const ACTION = ACTIONS.map((row) => new Map(row));
const GOTO = GOTOS.map((row) => new Map(row));

/** How a token is named in a message, and in which order the expected ones are listed. */
const WORDS: readonly (readonly [string, string])[] = [
  ["ID", "a name"],
  ["NUMBER", "a number"],
  ["FLOAT", "a decimal number"],
  ["*", "`*`"],
  ["[", "`[`"],
  ["]", "`]`"],
  [".", "`.`"],
  ["DOUBLEDOT", "`..`"],
  [":", "`:`"],
  [",", "`,`"],
  ["$", "`$`"],
  ["@", "`@`"],
  ["(", "`(`"],
  [")", "`)`"],
  ["?", "`?`"],
  ["FILTER_OP", "a comparison (`==`, `>`, …)"],
  ["BOOL", "true/false"],
  ["NAMED_OPERATOR", "a `…` operator"],
  ["SORT_DIRECTION", "a sort direction (`/`, `\\`)"],
  ["WHERE", "`where`"],
  ["WHERENOT", "`wherenot`"],
  ["|", "`|`"],
  ["&", "`&`"],
  ["$end", "the end"],
];
const WORD = new Map(WORDS);
const ORDER = new Map(WORDS.map(([t], i) => [t, i]));

/** What the parser in `state` takes next, in a readable order (arithmetic operators left out: they are rarely meant). */
function expectedIn(state: number): string {
  const types = [...must(ACTION[state]).keys()].map((t) => must(TERMINALS[t])).filter((t) => ORDER.has(t));
  types.sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0));
  return types.map((t) => WORD.get(t)).join(", ");
}

const KEYWORD = /^WHERE(?:NOT)?$/;

/** The error for `token` refused in `state`, `previous` being the token before it. */
function refusal(text: string, token: Token, previous: Token | undefined, state: number): JsonPathSyntaxError {
  const shown = text.slice(token.start, token.end);
  const keyword =
    token.type === "BOOL" || KEYWORD.test(token.type)
      ? token
      : previous && KEYWORD.test(previous.type) && token.type === "$end"
        ? previous
        : null;
  if (keyword) {
    // The name the user meant, read as a keyword: what to do says more than what the grammar takes.
    const name = /^[\w@-]+/.exec(text.slice(keyword.start))?.[0] ?? shown;
    const word = text.slice(keyword.start, keyword.end);
    const as = keyword.type === "BOOL" ? "a boolean" : "a keyword";
    const message = `jsonpath-ng reads \`${word}\` as ${as}, not as the start of a name: quote the field, '${name}'`;
    return new JsonPathSyntaxError(message, token.start, token.end, { start: keyword.start, end: keyword.start + name.length });
  }
  const found =
    token.type === "$end"
      ? "the path ends too early"
      : token.type === "ID"
        ? `the name \`${shown}\` is not allowed here`
        : `\`${shown}\` is not allowed here`;
  return new JsonPathSyntaxError(`${found}; expected ${expectedIn(state)}`, token.start, token.end);
}

/** The tree jsonpath-ng makes of `text`; throws `JsonPathSyntaxError` where it refuses it. */
export function parseJsonPath(text: string): PathNode {
  const lexer = new Lexer(text);
  const atEnd: Token = { type: "$end", value: "", start: text.length, end: text.length };
  const states = [0];
  const slots: Slot[] = [];
  let previous: Token | undefined;
  let token: Token = lexer.next() ?? atEnd;
  for (;;) {
    const state = must(states[states.length - 1]);
    const defaulted = DEFAULTED.get(state);
    const act = defaulted !== undefined ? -defaulted : must(ACTION[state]).get(TERMINAL.get(token.type) ?? -1);
    if (act === undefined) throw refusal(text, token, previous, state);
    if (act > 0) {
      states.push(act);
      slots.push({ value: token, start: token.start, end: token.end, depth: 0 });
      previous = token;
      token = lexer.next() ?? atEnd;
    } else if (act < 0) {
      const rule = must(RULES[-act]);
      const len = rule.length;
      const rhs = slots.splice(slots.length - len, len);
      states.length -= len;
      const start = rhs[0]?.start ?? token.start;
      const end = rhs[rhs.length - 1]?.end ?? start;
      const depth = 1 + rhs.reduce((d, x) => Math.max(d, x.depth), 0);
      if (depth > MAX_PATH_DEPTH)
        throw new JsonPathSyntaxError(
          `the path nests deeper than ${MAX_PATH_DEPTH} levels, which restplay does not read (real paths nest a handful; ` +
            "dlt's Python gives up near 1,000: RecursionError)",
          start,
          end,
        );
      slots.push({ value: reduce(rule, rhs, start, end), start, end, depth });
      const nonterminal = rule.nonterminal;
      states.push(must(must(GOTO[must(states[states.length - 1])]).get(nonterminal)));
    } else {
      return must(slots[0]).value as PathNode;
    }
  }
}
