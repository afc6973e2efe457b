/**
 * Which dict is the config: the argument of `rest_api_source(...)` (first positional or `config=`),
 * directly or through a variable assigned a dict before the call; else the first dict in the text.
 */
import type { SyntaxNode } from "@lezer/common";
import { isDictNode, valueChildren } from "./python-convert";

const CALLEE = /(^|\.)\s*rest_api_(source|resources)$/;

export type ConfigLookup =
  | { readonly dict: SyntaxNode }
  /** A call exists but its config argument is not a dict we can read (e.g. `rest_api_source(load())`). */
  | { readonly dict: null; readonly argument: SyntaxNode | null; readonly call: SyntaxNode | null };

function configArgument(text: string, call: SyntaxNode): SyntaxNode | null {
  const args = call.getChild("ArgList");
  if (!args) return null;
  const list = valueChildren(args).filter((a) => a.name !== "AssignOp");
  // Keyword arguments appear as `VariableName AssignOp value`; find them by the `=` between.
  const keyword = new Map<string, SyntaxNode>();
  const positional: SyntaxNode[] = [];
  for (let c = args.firstChild; c; c = c.nextSibling) {
    if (c.name === "AssignOp" && c.prevSibling?.name === "VariableName" && c.nextSibling) {
      keyword.set(text.slice(c.prevSibling.from, c.prevSibling.to), c.nextSibling);
    }
  }
  for (const a of list) {
    const isKeywordPart = a.nextSibling?.name === "AssignOp" || a.prevSibling?.name === "AssignOp";
    if (!isKeywordPart) positional.push(a);
  }
  return keyword.get("config") ?? positional[0] ?? null;
}

export function findConfigDict(text: string, top: SyntaxNode): ConfigLookup {
  const assigned = new Map<string, SyntaxNode[]>();
  let firstDict: SyntaxNode | null = null;
  let call: SyntaxNode | null = null;
  // Depth first in document order with lezer's cursor (no recursion: operator chains make deep trees).
  const cursor = top.cursor();
  let depth = 0;
  let more = cursor.firstChild();
  if (more) depth++;
  while (more) {
    const c = cursor.node;
    let descend = true;
    if (isDictNode(c)) {
      descend = false;
      firstDict ??= c;
      // `name = {...}` or `name: RESTAPIConfig = {...}`
      const op = c.prevSibling;
      const target = op?.name === "AssignOp" ? (op.prevSibling?.name === "TypeDef" ? op.prevSibling.prevSibling : op.prevSibling) : null;
      if (target?.name === "VariableName") {
        const name = text.slice(target.from, target.to);
        const list = assigned.get(name);
        if (list) list.push(c);
        else assigned.set(name, [c]);
      }
    } else if (!call && c.name === "CallExpression" && c.firstChild && CALLEE.test(text.slice(c.firstChild.from, c.firstChild.to))) {
      call = c;
    }
    if (descend && cursor.firstChild()) {
      depth++;
      continue;
    }
    more = cursor.nextSibling();
    while (!more && depth > 1) {
      cursor.parent();
      depth--;
      more = cursor.nextSibling();
    }
  }
  const theCall = call as SyntaxNode | null;
  if (!theCall) return firstDict ? { dict: firstDict } : { dict: null, argument: null, call: null };
  const arg = configArgument(text, theCall);
  if (arg && isDictNode(arg)) return { dict: arg };
  if (arg?.name === "VariableName") {
    const candidates = assigned.get(text.slice(arg.from, arg.to)) ?? [];
    const before = candidates.filter((d) => d.from < theCall.from);
    const chosen = before[before.length - 1] ?? candidates[0];
    if (chosen) return { dict: chosen };
  }
  return { dict: null, argument: arg, call: theCall };
}
