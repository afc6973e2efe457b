/**
 * Which dicts in a Python file are configs (decision 0022): the config argument of every
 * `rest_api_source(...)`/`rest_api_resources(...)` call (a dict literal, or a variable assigned one, in
 * the function or the module), then `name: RESTAPIConfig = {...}` assignments no call uses, else the
 * first dict in the text with a config's key (`client`, `resources`, `resource_defaults`: not a constant
 * such as `HEADERS = {...}` above the config), else the first dict (a part of a config pasted alone).
 * One is active (checked and run): the one `# restplay: config=<label>` names, else the config of the
 * call that comes first in the text (what dlt receives first), else the first candidate in the text.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Range } from "./types";
import { isDictNode, valueChildren } from "./python-convert";
import { decodePythonString } from "./python-strings";
import { functionAt, keywordArgument, lookupName, type PyScope } from "./python-scope";

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
  /** A call exists but its config argument is not a dict we can read (e.g. `rest_api_source(load())`). */
  | { readonly candidates: readonly []; readonly active: null; readonly argument: SyntaxNode | null; readonly call: SyntaxNode | null };

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
  if (out.length === 0 && !firstBad) {
    const dict = firstDict(text, top);
    if (dict) out.push({ label: "config", dict, sourceName: "rest_api", labelRange: { start: dict.from, end: dict.from + 1 }, call: null });
  }
  if (out.length === 0) return { candidates: [], active: null, argument: firstBad?.argument ?? null, call: firstBad?.call ?? null };
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

/** The first dict in document order with a config's key, else the first dict (lezer's cursor: operator chains make deep trees). */
function firstDict(text: string, top: SyntaxNode): SyntaxNode | null {
  let first: SyntaxNode | null = null;
  const cursor = top.cursor();
  do {
    if (!isDictNode(cursor.node)) continue;
    if (hasConfigKey(text, cursor.node)) return cursor.node;
    first ??= cursor.node;
  } while (cursor.next());
  return first;
}
