/**
 * What a pipeline file defines, read once per parse (decision 0022): imports, assignments (module level
 * and per function), `@dlt.source`/`@dlt.resource` functions and their parameters, user classes, the
 * `register_paginator`/`register_auth` calls, the `rest_api_source`/`rest_api_resources` calls, and the
 * `# restplay: …` comments. Statements are walked by recursion (they nest shallowly: the text guard
 * bounds brackets and operators); expressions only by lezer's cursor.
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import { decodePythonString } from "./python-strings";
import type { FunctionParam, FunctionScope, ParamKind, PyScope, ScopeCall, UserClass } from "./python-scope-types";

export type * from "./python-scope-types";
export { functionAt, lookupName, type Lookup } from "./python-lookup";

const src = (text: string, n: SyntaxNode) => text.slice(n.from, n.to);
const COMPOUND = new Set([
  "IfStatement",
  "WhileStatement",
  "ForStatement",
  "TryStatement",
  "WithStatement",
  "MatchStatement",
  "MatchClause",
]);
const CALLEES: readonly ScopeCall["callee"][] = ["rest_api_source", "rest_api_resources", "register_paginator", "register_auth"];

export function readScope(text: string, tree: Tree): PyScope {
  const scope: PyScope = {
    text,
    imports: new Map(),
    starImport: false,
    module: [],
    functions: [],
    classes: new Map(),
    defined: new Set(),
    calls: [],
    configPragma: null,
    standIns: new Map(),
    lastImportEnd: -1,
    firstStatement: -1,
  };
  const top = tree.topNode;
  for (let c = top.firstChild; c; c = c.nextSibling)
    if (!c.type.isError && c.name !== "Comment") {
      scope.firstStatement = c.from;
      break;
    }
  statements(scope, top, null);
  scanExpressions(scope, tree);
  return scope;
}

function statements(scope: PyScope, parent: SyntaxNode, fn: FunctionScope | null): void {
  for (let c = parent.firstChild; c; c = c.nextSibling) statement(scope, c, fn);
}

function statement(scope: PyScope, n: SyntaxNode, fn: FunctionScope | null): void {
  const { text } = scope;
  switch (n.name) {
    case "ImportStatement":
      readImport(scope, n);
      if (!fn) scope.lastImportEnd = Math.max(scope.lastImportEnd, n.to);
      return;
    case "AssignStatement":
      readAssignment(scope, n, fn);
      return;
    case "DecoratedStatement": {
      const def = n.getChild("FunctionDefinition");
      const cls = n.getChild("ClassDefinition");
      if (def) readFunction(scope, def, n.getChildren("Decorator"), fn);
      else if (cls) readClass(scope, cls, n.getChildren("Decorator"));
      return;
    }
    case "FunctionDefinition":
      readFunction(scope, n, [], fn);
      return;
    case "ClassDefinition":
      readClass(scope, n);
      return;
    case "ForStatement":
      for (let c = n.firstChild; c && c.name !== "in"; c = c.nextSibling) if (c.name === "VariableName") scope.defined.add(src(text, c));
      break;
    case "WithStatement":
    case "TryStatement":
      for (let c = n.firstChild; c; c = c.nextSibling)
        if (c.name === "VariableName" && c.prevSibling?.name === "as") scope.defined.add(src(text, c));
      break;
  }
  if (COMPOUND.has(n.name) || n.name === "Body") {
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === "Body" || COMPOUND.has(c.name)) statements(scope, c, fn);
    if (n.name === "Body") statements(scope, n, fn);
  }
}

function readImport(scope: PyScope, n: SyntaxNode): void {
  const { text } = scope;
  let from: string | null = null;
  let names = false;
  let path = "";
  let alias: SyntaxNode | null = null;
  let sawAs = false;
  let start = n.from;
  const flush = () => {
    if (path) {
      const head = path.split(".")[0] ?? path;
      const bound = alias ? src(text, alias) : from !== null ? path : head;
      const qualified = from !== null ? `${from}.${path}` : alias ? path : head;
      scope.imports.set(bound, { qualified, range: { start, end: alias ? alias.to : start + path.length } });
      scope.defined.add(bound);
    }
    [path, alias, sawAs] = ["", null, false];
  };
  for (let c = n.firstChild; c; c = c.nextSibling) {
    if (c.name === "from") from = "";
    else if (c.name === "import") names = true;
    else if (!names) from = (from ?? "") + src(text, c);
    else if (c.name === "*") scope.starImport = true;
    else if (c.name === ",") flush();
    else if (c.name === "as") sawAs = true;
    else if (c.name === "VariableName" && sawAs) alias = c;
    else if (c.name === "VariableName" || c.name === ".") {
      if (!path) start = c.from;
      path += src(text, c);
    }
  }
  flush();
}

function readAssignment(scope: PyScope, n: SyntaxNode, fn: FunctionScope | null): void {
  const { text } = scope;
  const ops = n.getChildren("AssignOp");
  const value = ops.length ? ops[ops.length - 1]?.nextSibling : null;
  if (!value) return;
  // `a, b = …` and `(a, b) = …`: every name before the last `=` is bound.
  for (let c = n.firstChild; c && c !== value; c = c.nextSibling) {
    if (c.name === "VariableName") scope.defined.add(src(text, c));
    else if (c.name === "TupleExpression" || c.name === "ParenthesizedExpression" || c.name === "ArrayExpression") {
      for (let t = c.firstChild; t; t = t.nextSibling) if (t.name === "VariableName") scope.defined.add(src(text, t));
    }
  }
  const annotation = n.getChild("TypeDef");
  const annotatedConfig = annotation !== null && /RESTAPIConfig\s*$/.test(src(text, annotation));
  for (const op of ops) {
    const target = op.prevSibling?.name === "TypeDef" ? op.prevSibling.prevSibling : op.prevSibling;
    if (target?.name !== "VariableName") continue;
    const name = src(text, target);
    scope.defined.add(name);
    (fn ? fn.assignments : scope.module).push({ name, value, at: n.from, annotatedConfig });
  }
}

const SECRET_VALUE = /^dlt\s*\.\s*secrets\s*\.\s*value$/;
const CONFIG_VALUE = /^dlt\s*\.\s*config\s*\.\s*value$/;

function readFunction(scope: PyScope, def: SyntaxNode, decorators: readonly SyntaxNode[], outer: FunctionScope | null): void {
  const { text } = scope;
  const nameNode = def.getChild("VariableName");
  const name = nameNode ? src(text, nameNode) : "";
  scope.defined.add(name);
  let decorator: FunctionScope["decorator"] = null;
  let sourceName = name;
  let section: string | undefined;
  for (const d of decorators) {
    const body = src(text, d).replace(/^@\s*/, "").trim();
    const callee = body.slice(0, body.includes("(") ? body.indexOf("(") : body.length).replace(/\s+/g, "");
    if (/(^|\.)source$/.test(callee)) decorator = "source";
    else if (/(^|\.)(resource|transformer)$/.test(callee)) decorator = "resource";
    else continue;
    const args = d.getChild("ArgList");
    const named = args ? keywordArgument(text, args, "name") : null;
    const literal = named && named.name === "String" ? decodePythonString(src(text, named)) : null;
    if (literal) sourceName = literal;
    const sect = args ? keywordArgument(text, args, "section") : null;
    const sectText = sect && sect.name === "String" ? decodePythonString(src(text, sect)) : null;
    if (sectText) section = sectText;
  }
  const params = new Map<string, FunctionParam>();
  const list = def.getChild("ParamList");
  for (let c = list?.firstChild ?? null; c; c = c.nextSibling) {
    if (c.name !== "VariableName") continue;
    const pname = src(text, c);
    scope.defined.add(pname);
    let op = c.nextSibling;
    if (op?.name === "TypeDef") op = op.nextSibling;
    const dflt = op?.name === "AssignOp" ? op.nextSibling : null;
    const dtext = dflt ? src(text, dflt).replace(/\s+/g, "") : "";
    const kind: ParamKind = !dflt ? "required" : SECRET_VALUE.test(dtext) ? "secret" : CONFIG_VALUE.test(dtext) ? "config" : "default";
    params.set(pname, { name: pname, kind, value: kind === "default" ? dflt : null, range: { start: c.from, end: dflt ? dflt.to : c.to } });
  }
  const fn: FunctionScope = { name, node: def, decorator, sourceName, params, assignments: [], ...(section ? { section } : {}) };
  scope.functions.push(fn);
  void outer;
  const body = def.getChild("Body");
  if (body) statements(scope, body, fn);
}

function readClass(scope: PyScope, cls: SyntaxNode, decorators: readonly SyntaxNode[] = []): void {
  const { text } = scope;
  const nameNode = cls.getChild("VariableName");
  if (!nameNode) return;
  const name = src(text, nameNode);
  scope.defined.add(name);
  const args = cls.getChild("ArgList");
  const bases: string[] = [];
  for (let c = args?.firstChild ?? null; c; c = c.nextSibling)
    if (c.name === "VariableName" || c.name === "MemberExpression") bases.push(src(text, c).replace(/\s+/g, ""));
  let init: UserClass["init"] = null;
  const body = cls.getChild("Body");
  for (let c = body?.firstChild ?? null; c; c = c.nextSibling) {
    const def = c.name === "FunctionDefinition" ? c : c.name === "DecoratedStatement" ? c.getChild("FunctionDefinition") : null;
    const defName = def?.getChild("VariableName");
    if (!def || !defName || src(text, defName) !== "__init__") continue;
    const names: string[] = [];
    let open = false;
    for (let p = def.getChild("ParamList")?.firstChild ?? null; p; p = p.nextSibling) {
      if (p.name === "*" || p.name === "**") open ||= p.nextSibling?.name === "VariableName";
      else if (p.name === "VariableName" && p.prevSibling?.name !== "*" && p.prevSibling?.name !== "**") names.push(src(text, p));
    }
    init = { names: names.slice(1), open };
  }
  // `@configspec`, `@configspec()` or `@dlt.common.configuration.configspec`.
  const configspec = decorators.some((d) => /(^|\.)configspec(\(|$)/.test(src(text, d).replace(/^@\s*/, "").replace(/\s+/g, "")));
  scope.classes.set(name, { name, bases, init, range: { start: cls.from, end: cls.to }, configspec });
}

/** The value of keyword argument `name` in an ArgList. */
export function keywordArgument(text: string, args: SyntaxNode, name: string): SyntaxNode | null {
  for (let c = args.firstChild; c; c = c.nextSibling) {
    if (c.name === "AssignOp" && c.prevSibling?.name === "VariableName" && src(text, c.prevSibling) === name) return c.nextSibling;
  }
  return null;
}

const PRAGMA = /#\s*restplay:\s*(config\s*=\s*([^\s#]+)|run\s+as\s+([A-Za-z_]\w*))/;

/** One cursor walk over everything: calls that matter, and `# restplay:` comments. */
function scanExpressions(scope: PyScope, tree: Tree): void {
  const { text } = scope;
  const cursor = tree.cursor();
  do {
    if (cursor.name === "CallExpression") {
      const callee = cursor.node.firstChild;
      const name = callee ? (src(text, callee).replace(/\s+/g, "").split(".").pop() ?? "") : "";
      const hit = CALLEES.find((c) => c === name || scope.imports.get(name)?.qualified.endsWith(`.${c}`));
      if (hit) scope.calls.push({ node: cursor.node, callee: hit });
    } else if (cursor.name === "Comment") {
      const m = PRAGMA.exec(src(text, cursor.node));
      const range = { start: cursor.from, end: cursor.to };
      if (m?.[2] && !scope.configPragma) scope.configPragma = { label: m[2], range };
      else if (m?.[3]) scope.standIns.set(text.lastIndexOf("\n", cursor.from - 1) + 1, { type: m[3], range });
    }
  } while (cursor.next());
}
