/**
 * What an incremental's `initial_value` written as Python reads of the file (decision 0035, amended in the
 * twenty-seventh session): the assignment or import each of its names is bound to where the config is built (a local of
 * the function that builds it, a marimo cell's, a parameter's default, else the module's: python-lookup.ts's rule for
 * every config value), and
 * what those read in turn, dependencies first. lib/formats/python-step.ts compiles them with the expression; the engine
 * runs them in lib/shared/pystep at the run's time. A name bound two ways among them reads nothing: not computed. A
 * name bound nowhere reads the import the Python download adds for it (`from dlt.common.pendulum import pendulum`).
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import type { DocNode } from "./types";
import { lookupName, type PyScope } from "./python-scope";
import { importText, type ModuleRead } from "./python-step-module";
import { importedAs } from "./python-names";

/** `value` (read at `pointer`) with what it reads when it is an `initial_value` written as Python; any other as it is. */
export function withInitialReads(scope: PyScope, tree: Tree, value: DocNode, pointer: string): DocNode {
  if (value.kind !== "python" || !pointer.endsWith("/initial_value")) return value;
  const node = nodeAt(tree, value.range.start, value.range.end);
  return node ? { ...value, module: initialReads(scope, node) } : value;
}

/** The node spanning exactly `from`–`to`. */
function nodeAt(tree: Tree, from: number, to: number): SyntaxNode | null {
  for (let n: SyntaxNode | null = tree.resolveInner(from, 1); n; n = n.parent) {
    if (n.from === from && n.to === to) return n;
    if (n.from < from || n.to > to) return null;
  }
  return null;
}

/** The statements `root` reads, each once, the ones a statement reads before it. */
export function initialReads(scope: PyScope, root: SyntaxNode): ModuleRead[] {
  const { text } = scope;
  const out: ModuleRead[] = [];
  const bound = new Map<string, number>();
  let conflict = false;
  const visit = (node: SyntaxNode) => {
    const cursor = node.cursor();
    const end = node.to;
    do {
      if (cursor.name !== "VariableName") continue;
      const n = cursor.node;
      // A keyword argument's name (`timedelta(days=30)`) is no read.
      if (n.parent?.name === "ArgList" && n.nextSibling?.name === "AssignOp") continue;
      const name = text.slice(n.from, n.to);
      const found = lookupName(scope, name, n.from);
      let read: ModuleRead;
      let value: SyntaxNode | null = null;
      if (found && "node" in found) {
        const statement = found.node.parent;
        if (statement?.name !== "AssignStatement" || statement.getChildren("AssignOp").length !== 1) continue;
        read = { at: statement.from, text: text.slice(statement.from, statement.to) };
        value = found.node;
      } else if (found && found.param.kind === "default" && found.param.value) {
        // A parameter's default (`def source(since=pendulum.today())`), as every config value's names read it.
        read = { at: found.param.range.start, text: `${name} = ${text.slice(found.param.value.from, found.param.value.to)}` };
        value = found.param.value;
      } else {
        const qualified = found ? undefined : (scope.imports.get(name)?.qualified ?? downloadImport(scope, name));
        const line = qualified ? importText(qualified, name) : null;
        if (line === null) continue;
        read = { at: scope.imports.get(name)?.range.start ?? -1, text: line };
      }
      const seen = bound.get(name);
      if (seen !== undefined) {
        conflict ||= seen !== read.at;
        continue;
      }
      bound.set(name, read.at);
      if (value) visit(value);
      out.push(read);
    } while (cursor.next() && cursor.from < end);
  };
  visit(root);
  return conflict ? [] : out;
}

/**
 * What a name the file neither binds nor imports (`pendulum` in a pasted dict) is bound to once the Python download adds
 * its import (python-names.ts `importedAs`, the name `importLine` imports): dlt runs the download, so the value is computed as it.
 */
function downloadImport(scope: PyScope, name: string): string | undefined {
  return scope.defined.has(name) || scope.starImport ? undefined : importedAs(name);
}
