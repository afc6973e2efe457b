/**
 * Which dicts in a Python file are configs (decision 0022): the config argument of every
 * `rest_api_source(...)`/`rest_api_resources(...)` call (a dict literal, or a variable assigned one, in
 * the function or the module), then `name: RESTAPIConfig = {...}` assignments no call uses, else the
 * first dict in the text with a config's key (`client`, `resources`, `resource_defaults`: not a constant
 * such as `HEADERS = {...}` above the config), else the first dict where a part of a config pasted alone
 * stands (`placeOf`, at the module level: not `expose={...}` given to another call, not a record a function yields).
 * One is active (checked and run): the one `# restplay: config=<label>` names, else the config of the
 * call that comes first in the text (what dlt receives first), else the first candidate in the text.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Range } from "./types";
import { positionAt } from "./positions";
import { isDictNode, valueChildren } from "./python-convert";
import { decodePythonString } from "./python-strings";
import { functionAt, keywordArgument, lookupName, type FunctionScope, type PyScope } from "./python-scope";

export interface ConfigCandidate {
  /** How the user tells them apart: the source's name, else the variable's. */
  readonly label: string;
  readonly dict: SyntaxNode;
  /** dlt's source name: credentials and parameters are read under `sources.<sourceName>`. */
  readonly sourceName: string;
  /** A short range naming the config (the variable, or the call's callee). */
  readonly labelRange: Range;
  /** The `rest_api_source(...)`/`rest_api_resources(...)` call that uses it, if any. */
  readonly call: SyntaxNode | null;
}

export type ConfigLookup =
  | { readonly candidates: readonly ConfigCandidate[]; readonly active: ConfigCandidate; readonly pragmaMatched: boolean }
  /**
   * None: a call exists but its config argument is not a dict we can read (e.g. `rest_api_source(load())`),
   * or no dict is a config (`skipped`: the first dict passed over, and why).
   */
  | {
      readonly candidates: readonly [];
      readonly active: null;
      readonly argument: SyntaxNode | null;
      readonly call: SyntaxNode | null;
      readonly skipped: SkippedDict | null;
    };

/** A dict not read as a config: where it is (`an argument of \`run.pipeline(...)\``). */
export interface SkippedDict {
  readonly dict: SyntaxNode;
  readonly why: string;
}

const src = (text: string, n: SyntaxNode) => text.slice(n.from, n.to);
const rangeOf = (n: SyntaxNode): Range => ({ start: n.from, end: n.to });

function configArgument(text: string, call: SyntaxNode): SyntaxNode | null {
  const args = call.getChild("ArgList");
  if (!args) return null;
  const keyword = keywordArgument(text, args, "config");
  if (keyword) return keyword;
  const positional = valueChildren(args).filter(
    (a) => a.name !== "AssignOp" && a.nextSibling?.name !== "AssignOp" && a.prevSibling?.name !== "AssignOp",
  );
  return positional[0] ?? null;
}

/** The dict a config argument stands for, and the variable it came through. */
function dictOf(scope: PyScope, arg: SyntaxNode): { dict: SyntaxNode; variable: SyntaxNode | null } | null {
  if (isDictNode(arg)) return { dict: arg, variable: null };
  if (arg.name !== "VariableName") return null;
  const found = lookupName(scope, src(scope.text, arg), arg.from);
  if (found && "node" in found && isDictNode(found.node)) return { dict: found.node, variable: targetOf(found.node) };
  return null;
}

/** `name` in `name = {...}` / `name: T = {...}`. */
function targetOf(dict: SyntaxNode): SyntaxNode | null {
  const op = dict.prevSibling;
  if (op?.name !== "AssignOp") return null;
  const target = op.prevSibling?.name === "TypeDef" ? op.prevSibling.prevSibling : op.prevSibling;
  return target?.name === "VariableName" ? target : null;
}

export function findConfigs(text: string, scope: PyScope, top: SyntaxNode): ConfigLookup {
  const out: ConfigCandidate[] = [];
  const seen = new Set<number>();
  let firstBad: { argument: SyntaxNode | null; call: SyntaxNode } | null = null;
  for (const c of scope.calls) {
    if (c.callee !== "rest_api_source" && c.callee !== "rest_api_resources") continue;
    const arg = configArgument(text, c.node);
    const found = arg ? dictOf(scope, arg) : null;
    if (!found) {
      firstBad ??= { argument: arg, call: c.node };
      continue;
    }
    if (seen.has(found.dict.from)) continue;
    seen.add(found.dict.from);
    const fn = functionAt(scope, c.node.from);
    const args = c.node.getChild("ArgList");
    const named = c.callee === "rest_api_source" && args ? keywordArgument(text, args, "name") : null;
    const literal = named?.name === "String" ? decodePythonString(src(text, named)) : null;
    const sourceName = literal ?? (c.callee === "rest_api_resources" && fn?.decorator === "source" ? fn.sourceName : "rest_api");
    const label =
      literal ?? (fn?.decorator ? fn.sourceName : (fn?.name ?? (found.variable ? src(text, found.variable) : "rest_api_source")));
    const labelNode = found.variable ?? c.node.firstChild ?? c.node;
    out.push({ label, dict: found.dict, sourceName, labelRange: rangeOf(labelNode), call: c.node });
  }
  for (const a of [...scope.module, ...scope.functions.flatMap((f) => f.assignments)]) {
    if (!a.annotatedConfig || !isDictNode(a.value) || seen.has(a.value.from)) continue;
    seen.add(a.value.from);
    const fn = functionAt(scope, a.at);
    const target = targetOf(a.value);
    out.push({
      label: a.name,
      dict: a.value,
      sourceName: fn?.decorator === "source" ? fn.sourceName : "rest_api",
      labelRange: target ? rangeOf(target) : rangeOf(a.value),
      call: null,
    });
  }
  let skipped: SkippedDict | null = null;
  if (out.length === 0 && !firstBad) {
    const found = firstDict(scope, top);
    const dict = found.dict;
    if (dict) out.push({ label: "config", dict, sourceName: "rest_api", labelRange: { start: dict.from, end: dict.from + 1 }, call: null });
    skipped = found.skipped;
  }
  if (out.length === 0)
    return { candidates: [], active: null, argument: firstBad?.argument ?? null, call: firstBad?.call ?? null, skipped };
  out.sort((a, b) => a.dict.from - b.dict.from);
  const labelled = uniqueLabels(out);
  const pragma = scope.configPragma;
  const chosen = pragma ? labelled.find((c) => c.label === pragma.label) : undefined;
  return {
    candidates: labelled,
    active: chosen ?? firstCalled(labelled) ?? (labelled[0] as ConfigCandidate),
    pragmaMatched: pragma === null || chosen !== undefined,
  };
}

/** The config of the call that comes first in the text (what dlt receives first), not the first dict a call uses. */
function firstCalled(list: readonly ConfigCandidate[]): ConfigCandidate | undefined {
  let first: ConfigCandidate | undefined;
  for (const c of list) if (c.call && (!first?.call || c.call.from < first.call.from)) first = c;
  return first;
}

function uniqueLabels(list: readonly ConfigCandidate[]): ConfigCandidate[] {
  const count = new Map<string, number>();
  return list.map((c) => {
    const n = (count.get(c.label) ?? 0) + 1;
    count.set(c.label, n);
    return n === 1 ? c : { ...c, label: `${c.label}_${n}` };
  });
}

const CONFIG_KEYS = new Set(["client", "resources", "resource_defaults"]);

/** A dict display with one of a config's keys at its top. */
function hasConfigKey(text: string, dict: SyntaxNode): boolean {
  for (let c = dict.firstChild; c; c = c.nextSibling) {
    if (c.name === "String" && c.nextSibling?.name === ":" && CONFIG_KEYS.has(decodePythonString(src(text, c)) ?? "")) return true;
  }
  return false;
}

/**
 * The first dict in document order with a config's key, wherever it is (its shape says what it is: a config
 * a helper function returns, or one passed to a misspelt `rest_api_sourc(...)` while its NameError is fixed),
 * else the first dict at a place of its own (`placeOf`), else the first dict passed over. Lezer's cursor:
 * operator chains make deep trees.
 */
function firstDict(scope: PyScope, top: SyntaxNode): { dict: SyntaxNode | null; skipped: SkippedDict | null } {
  let placed: SyntaxNode | null = null;
  let skipped: SkippedDict | null = null;
  const functions = new Map(scope.functions.map((f) => [f.node.from, f]));
  const cursor = top.cursor();
  do {
    if (!isDictNode(cursor.node)) continue;
    if (hasConfigKey(scope.text, cursor.node)) return { dict: cursor.node, skipped: null };
    if (placed) continue;
    const why = placeOf(scope.text, functions, cursor.node);
    if (why === null) placed = cursor.node;
    else skipped ??= { dict: cursor.node, why };
  } while (cursor.next());
  return placed ? { dict: placed, skipped: null } : { dict: null, skipped };
}

/** The parent, through lezer's error nodes (a dict being typed). */
function parentOf(n: SyntaxNode): SyntaxNode | null {
  let p = n.parent;
  while (p?.type.isError) p = p.parent;
  return p;
}

/**
 * Null where a dict without a config's key stands as a part of a config pasted alone: the whole of a
 * statement (`{...}`) or the value of an assignment (`auth = {...}`), at the module level (in an `if`, `for`,
 * `with`, `try` too). Else why not: inside a function (a `@dlt.resource` yields records; a `@dlt.source`
 * that is a REST API source calls `rest_api_resources`, found above; a fragment copied from a function's
 * body is read at the module level) or a class, an argument of a call (`@run.pipeline(expose={...})`,
 * `pipeline.run(columns={...})`), or part of another value (a list item, a dict value).
 */
function placeOf(text: string, functions: ReadonlyMap<number, FunctionScope>, dict: SyntaxNode): string | null {
  for (let p = dict.parent; p; p = p.parent) {
    if (p.name === "ClassDefinition") return `inside the class \`${src(text, p.getChild("VariableName") ?? p).slice(0, 40)}\``;
    if (p.name !== "FunctionDefinition") continue;
    const fn = functions.get(p.from);
    const kind =
      fn?.decorator === "resource" ? "the `@dlt.resource` function" : fn?.decorator ? "the `@dlt.source` function" : "the function";
    return `inside ${kind} \`${fn?.name ?? "?"}\``;
  }
  const parent = parentOf(dict);
  const statement =
    parent?.name === "Script" ||
    parent?.name === "Body" ||
    parent?.name === "ExpressionStatement" ||
    (parent?.name === "AssignStatement" && dict.prevSibling?.name === "AssignOp");
  if (statement) return null;
  for (let p = parent; p && p.name !== "Body" && p.name !== "Script"; p = p.parent) {
    if (p.name !== "ArgList" || !p.parent) continue;
    const callee = text.slice(p.parent.from, p.from).replace(/^@/, "").replace(/\s+/g, "");
    return `an argument of \`${callee.length > 40 ? `${callee.slice(0, 40)}…` : callee}(...)\``;
  }
  return parent ? (CONTAINED[parent.name] ?? "part of a larger expression") : "part of a larger expression";
}

const CONTAINED: Readonly<Record<string, string>> = {
  ArrayExpression: "an item of a list",
  ArrayComprehensionExpression: "made by a list comprehension",
  TupleExpression: "an item of a tuple",
  DictionaryExpression: "a value in another dict",
  LambdaExpression: "a `lambda`'s result",
};

/** What the `no_config_dict` error says when no dict is a config: what restplay looked for, and the dict it passed over. */
export function noConfigMessage(text: string, skipped: SkippedDict | null): string {
  const lookedFor =
    "No REST API config found. restplay looks for the config of a `rest_api_source(...)` or `rest_api_resources(...)` call, " +
    "a dict annotated `RESTAPIConfig`, a dict with a `client`, `resources` or `resource_defaults` key, " +
    "else a dict pasted alone or assigned to a name at the module level.";
  if (!skipped) return `${lookedFor} This text has no dict.`;
  return `${lookedFor} The dict on line ${positionAt(text, skipped.dict.from).line} is ${skipped.why}.`;
}
