/**
 * Statements that change the config dict after it is written (`config["client"]["base_url"] = …`,
 * `config["resources"].append({...})`, `del config["x"]`): dlt gets the dict as changed, restplay
 * reads the literal. Each is reported where it is (`python_config_changed`), so a check or a run of the
 * literal is never mistaken for what dlt does.
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import type { Diagnostic } from "./types";

/** Methods of dict and list that change the object they are called on. */
const MUTATING = new Set(["append", "extend", "insert", "update", "pop", "popitem", "remove", "clear", "setdefault", "sort", "reverse"]);

/** The variable a `config["a"]["b"]` / `config.update` chain starts from. */
function rootOf(text: string, n: SyntaxNode): string | null {
  let node: SyntaxNode | null = n;
  while (node && node.name === "MemberExpression") node = node.firstChild;
  return node && node.name === "VariableName" ? text.slice(node.from, node.to) : null;
}

/** The config's variable: the dict's assignment target (`config: RESTAPIConfig = {...}`), if it has one. */
export function configVariable(text: string, dict: SyntaxNode): string | null {
  const parent = dict.parent;
  if (parent?.name !== "AssignStatement") return null;
  const target = parent.firstChild;
  return target?.name === "VariableName" ? text.slice(target.from, target.to) : null;
}

export function configChanges(text: string, tree: Tree, name: string, after: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (n: SyntaxNode, how: string) => {
    const line = text.slice(n.from, n.to).split("\n")[0] as string;
    out.push({
      severity: "warning",
      code: "python_config_changed",
      path: "",
      range: { start: n.from, end: n.to },
      message:
        `\`${line.length > 80 ? `${line.slice(0, 77)}…` : line}\` ${how} \`${name}\` after it is written: dlt gets the dict as ` +
        "changed, restplay checks and runs it as written. Write the change into the dict literal.",
    });
  };
  tree.iterate({
    from: after,
    enter(ref) {
      const n = ref.node;
      if (n.from < after) return;
      const first = n.firstChild;
      if (
        (n.name === "AssignStatement" || n.name === "UpdateStatement") &&
        first?.name === "MemberExpression" &&
        rootOf(text, first) === name
      )
        report(n, "changes");
      else if (n.name === "DeleteStatement") {
        const target = first?.nextSibling;
        if (target?.name === "MemberExpression" && rootOf(text, target) === name) report(n, "deletes from");
      } else if (n.name === "CallExpression" && first?.name === "MemberExpression" && rootOf(text, first) === name) {
        const method = first.lastChild;
        if (method?.name === "PropertyName" && MUTATING.has(text.slice(method.from, method.to))) report(n, "changes");
      } else return;
      return false;
    },
  });
  return out;
}
