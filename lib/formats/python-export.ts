/**
 * What a Python download needs from the reader (decision 0023): the imports a file lacks for the names
 * it uses, where to add lines after the imports, and the free names of a snippet of code.
 */
import { parser } from "@lezer/python";
import type { TextEdit } from "./types";
import { readScope } from "./python-scope";
import { findConfigs } from "./python-find";
import { configVariable } from "./python-mutations";
import { importEdit, importLine, undefinedNames } from "./python-names";

/** Whether the text calls rest_api_source/rest_api_resources (a pipeline file, not a fragment). */
export function callsRestApi(text: string): boolean {
  const scope = readScope(text, parser.parse(text));
  return scope.calls.some((c) => c.callee === "rest_api_source" || c.callee === "rest_api_resources");
}

/**
 * The name a file that calls no rest_api_source binds its config to at module level (`config: RESTAPIConfig = {...}`), when
 * the file also defines functions or classes of its own: dlt's docs write processing steps, response actions and custom
 * paginators so (basic.md, "Using `map`"). Its download is the user's file plus `source = rest_api_source(config)`, so the
 * definitions stay (a script written from the dict alone would stub them). Null otherwise.
 */
export function moduleConfigName(text: string): string | null {
  const tree = parser.parse(text);
  const scope = readScope(text, tree);
  if (scope.calls.some((c) => c.callee === "rest_api_source" || c.callee === "rest_api_resources")) return null;
  const defines = tree.topNode.getChildren("FunctionDefinition").length + tree.topNode.getChildren("ClassDefinition").length;
  if (defines + tree.topNode.getChildren("DecoratedStatement").length === 0) return null;
  const found = findConfigs(text, scope, tree.topNode);
  if (!found.active || found.active.dict.parent?.parent?.name !== "Script") return null;
  return configVariable(text, found.active.dict);
}

/**
 * Whether the text makes a dlt pipeline (`dlt.pipeline(…)`, or `pipeline` imported from dlt under any name): without
 * one, running the file builds the source and loads nothing.
 */
export function makesPipeline(text: string): boolean {
  const tree = parser.parse(text);
  const { imports } = readScope(text, tree);
  const cursor = tree.cursor();
  do {
    if (cursor.name !== "CallExpression" || !cursor.node.firstChild) continue;
    const callee = text.slice(cursor.node.firstChild.from, cursor.node.firstChild.to).replace(/\s+/g, "");
    const [head = "", ...rest] = callee.split(".");
    const qualified = [imports.get(head)?.qualified ?? head, ...rest].join(".");
    if (qualified === "dlt.pipeline") return true;
  } while (cursor.next());
  return false;
}

/**
 * The module-level name the file binds its source to last (`source = rest_api_source({...})`, or
 * `rest_api_resources(...)`), which a `__main__` block can run; null when the source is made elsewhere (in a function).
 */
export function moduleSourceName(text: string): string | null {
  const scope = readScope(text, parser.parse(text));
  let name: string | null = null;
  for (const c of scope.calls) {
    if (c.callee !== "rest_api_source" && c.callee !== "rest_api_resources") continue;
    const assign = c.node.parent;
    const target = assign?.firstChild;
    // `name = call(...)` as a statement of the module itself: one target, the call its whole value.
    if (assign?.name !== "AssignStatement" || assign.parent?.name !== "Script" || target?.name !== "VariableName") continue;
    if (assign.getChildren("AssignOp").length !== 1 || assign.lastChild?.from !== c.node.from) continue;
    name = text.slice(target.from, target.to);
  }
  return name;
}

/**
 * The edit that adds what a file lacks after its imports: the import lines of dlt names (and `os`, `json`)
 * it uses without importing, then `extra` lines (runtime settings, helper definitions). Null: nothing to add.
 * Names restplay cannot import are returned in `unknown`.
 */
export function completeFile(
  text: string,
  extra: readonly string[] = [],
  alsoImport: readonly string[] = [],
): { edit: TextEdit | null; unknown: string[] } {
  const tree = parser.parse(text);
  const scope = readScope(text, tree);
  const lines: string[] = [];
  const unknown: string[] = [];
  for (const name of [...undefinedNames(scope, tree).keys(), ...alsoImport.filter((n) => !scope.defined.has(n))]) {
    const line = importLine(name);
    if (line && !lines.includes(line)) lines.push(line);
    else if (!line && !unknown.includes(name)) unknown.push(name);
  }
  const all = [...mergeImports(lines), ...(extra.length ? ["", ...extra] : [])];
  return { edit: all.length ? importEdit(scope, all) : null, unknown };
}

/** `from m import a` + `from m import b` -> `from m import a, b`; plain imports first. */
export function mergeImports(lines: readonly string[]): string[] {
  const from = new Map<string, string[]>();
  const plain: string[] = [];
  for (const l of lines) {
    const m = /^from (\S+) import (.+)$/.exec(l);
    if (!m) plain.push(l);
    else from.set(m[1] ?? "", [...(from.get(m[1] ?? "") ?? []), m[2] ?? ""]);
  }
  return [...plain, ...[...from].map(([m, names]) => `from ${m} import ${names.join(", ")}`)];
}

/** Names a snippet of code uses that it does not bind (`lambda r: r["id"] > LIMIT` -> `LIMIT`). */
export function freeNames(code: string): string[] {
  const text = `__restplay_value__ = (${code})\n`;
  const tree = parser.parse(text);
  return [...undefinedNames(readScope(text, tree), tree).keys()];
}
