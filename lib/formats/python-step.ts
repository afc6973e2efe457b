/**
 * Compiles a processing step's Python (a lambda, or a plain module-level `def` the reader found) into the safe
 * subset lib/shared/pystep runs, or says why it is outside it (an import, a name the file does not define where
 * the playground reads it, a class, …): such a step keeps being validated and skipped. The module-level
 * constants and plain functions a step reads (lib/formats/python-step-module.ts) compile with it.
 */
import type { SyntaxNode } from "@lezer/common";
import { parser } from "@lezer/python";
import { no, parts, Unsupported } from "./python-step-parts";
import { Compiler } from "./python-step-compiler";
import { maskTrailingDotFloats } from "./python-scan";
import type { CompiledExpression, Func, Global, StepModuleName } from "../shared/pystep";

export type CompiledStep = { readonly ok: true; readonly fn: Func } | { readonly ok: false; readonly reason: string };
/** The module-level constants and plain functions steps read (lib/formats/python-step-module.ts finds them), compiled. */
export type CompiledModule = (
  { readonly ok: true; readonly globals: readonly Global[] } | { readonly ok: false; readonly reason: string }
) & { readonly names: ReadonlySet<string> };

const NO_MODULE: CompiledModule = { ok: true, globals: [], names: new Set() };

/** Compiles `text`: a lambda expression, or the source of one `def`, reading the names `module` binds. */
export function compileStep(text: string, module: CompiledModule = NO_MODULE): CompiledStep {
  const top = statement(text);
  if (typeof top === "string") return { ok: false, reason: top };
  try {
    const c = new Compiler(text, module.names);
    const lambda = top.name === "ExpressionStatement" && top.firstChild?.name === "LambdaExpression" ? top.firstChild : null;
    const fn = top.name === "FunctionDefinition" ? c.def(top) : lambda ? c.lambda(lambda, "<lambda>", new Set()) : null;
    if (!fn) return { ok: false, reason: "it is not a lambda or a function defined in this file" };
    // The step's own reasons first (a `def` step is in its module too: it may call itself).
    return module.ok ? { ok: true, fn } : { ok: false, reason: module.reason };
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, reason: e.message };
    throw e;
  }
}

/**
 * Compiles an expression (an incremental's `initial_value`) with the statements it reads (`module`: python-initial.ts's;
 * `undefined` for a JSON or YAML document, whose Python download imports pendulum as `from dlt.common.pendulum import
 * pendulum`, python-names.ts's `importLine`), or says why not.
 */
export function compileExpression(
  text: string,
  module: readonly string[] = ["import pendulum"],
): { readonly ok: true; readonly value: CompiledExpression } | { readonly ok: false; readonly reason: string } {
  const compiled = compileModule(module);
  if (!compiled.ok) return compiled;
  // In brackets: an expression written over several lines inside the config's dict is one expression on its own too.
  const wrapped = `(${text}\n)`;
  const top = statement(wrapped);
  if (typeof top === "string" || top.name !== "ExpressionStatement" || !top.firstChild)
    return { ok: false, reason: "it is not an expression" };
  try {
    return { ok: true, value: { expr: new Compiler(wrapped, compiled.names).expr(top.firstChild, new Set()), globals: compiled.globals } };
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, reason: e.message };
    throw e;
  }
}

/** Compiles module-level statements (in file order): each `NAME = <expr>` or a plain `def`. */
export function compileModule(texts: readonly string[]): CompiledModule {
  const parsed = texts.map(statement);
  const names = new Set<string>();
  const imports = texts.map(importOf);
  for (const [i, top] of parsed.entries()) {
    const name = imports[i]?.name ?? (typeof top === "string" ? null : top.getChild("VariableName"));
    if (typeof name === "string") names.add(name);
    else if (name) names.add(texts[i]!.slice(name.from, name.to));
  }
  const globals: Global[] = [];
  for (const [i, top] of parsed.entries()) {
    const text = texts[i]!;
    const imported = imports[i];
    if (imported) {
      globals.push(imported);
      continue;
    }
    const shown = `\`${text.split("\n")[0]!.slice(0, 40)}\``;
    try {
      if (typeof top === "string") no(top);
      else if (top.name === "FunctionDefinition") globals.push({ k: "def", fn: new Compiler(text, names).def(top) });
      else {
        const kids = parts(top).filter((k) => k.name !== "TypeDef");
        if (top.name !== "AssignStatement" || kids.length !== 3 || kids[0]!.name !== "VariableName") no("it is not `NAME = value`");
        const value = new Compiler(text, names).expr(kids[2]!, new Set());
        globals.push({ k: "const", name: text.slice(kids[0]!.from, kids[0]!.to), value });
      }
    } catch (e) {
      if (e instanceof Unsupported) return { ok: false, reason: `it reads ${shown} of the file, where ${e.message}`, names };
      throw e;
    }
  }
  return { ok: true, globals, names };
}

/** `from datetime import timezone [as tz]`, `import <module> [as x]`, `from time import time` (`importText`'s). */
const MODULES = "datetime|time|copy|json|hashlib|base64|re|zoneinfo";
const IMPORT_LINE = new RegExp(String.raw`^(?:from (${MODULES}) import (\w+)|import (${MODULES}|pendulum))(?: as (\w+))?$`);

function importOf(text: string): Extract<Global, { k: "import" }> | null {
  const m = IMPORT_LINE.exec(text);
  if (!m) return null;
  const module = (m[1] ?? m[3]) as StepModuleName;
  return { k: "import", name: m[4] ?? m[2] ?? module, what: m[2] ?? "", ...(module === "datetime" ? {} : { module }) };
}

/** The one statement `text` holds, or why not. */
function statement(text: string): SyntaxNode | string {
  const tree = parser.parse(maskTrailingDotFloats(text));
  let error = false;
  tree.iterate({ enter: (n) => void (n.type.isError && (error = true)) });
  if (error) return "it does not parse on its own";
  const stmts = parts(tree.topNode);
  return stmts.length === 1 ? stmts[0]! : "it is not one function";
}
