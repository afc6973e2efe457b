/**
 * Names a pipeline file uses but neither imports nor defines: Python (and so dlt) stops with a NameError.
 * Checked in files that import something (a file with imports is meant to be complete; a pasted dict or
 * call is a fragment). A dlt name gets a quick fix that adds its import (`import dlt`,
 * `from dlt.sources.rest_api import rest_api_source`, …); the Python download adds every missing import.
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import type { Diagnostic, Range, TextEdit } from "./types";
import { DLT_CLASSES, DLT_NAMES } from "./python-classes";
import type { PyScope } from "./python-scope";

const BUILTINS = new Set(
  (
    "abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex delattr dict dir divmod " +
    "enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass " +
    "iter len list locals map max memoryview min next object oct open ord pow print property range repr reversed round set " +
    "setattr slice sorted staticmethod " +
    "str sum super tuple type vars zip __import__ __name__ __file__ __doc__ __spec__ __builtins__ self cls NotImplemented Ellipsis " +
    "Exception BaseException ValueError TypeError KeyError IndexError AttributeError RuntimeError NotImplementedError StopIteration " +
    "true false null " + // JSON's words: json_literal reports them
    "OSError IOError FileNotFoundError ImportError ZeroDivisionError AssertionError"
  ).split(" "),
);

/** `typing` names a pipeline file annotates with. */
const TYPING = new Set(["Any", "Callable", "Dict", "Generator", "Iterable", "Iterator", "List", "Optional", "Sequence", "Tuple", "Union"]);

/** Where restplay imports a name it knows from: `from` the module (`null`: `import <name>` itself); `null` for others. */
function importSource(name: string): { readonly from: string | null } | null {
  // `copy`: dlt's docs deep-copy a record in a `yield_map` (basic.md, "Using `yield_map`") without showing the import.
  if (name === "dlt" || name === "os" || name === "json" || name === "copy") return { from: null };
  // The annotations of dlt's docs (basic.md, "Define a resource which is not a REST endpoint": `Generator[List[Dict[str, Any]], …]`).
  if (TYPING.has(name)) return { from: "typing" };
  if (name === "pendulum") return { from: "dlt.common.pendulum" };
  if (name === "Client") return { from: "dlt.sources.helpers.requests" };
  const module =
    (Object.hasOwn(DLT_NAMES, name) ? DLT_NAMES[name] : undefined) ??
    DLT_CLASSES.find((c) => c.name === name && c.kind !== "incremental")?.module;
  return module ? { from: module } : null;
}

/** Modules and dlt names restplay knows how to import: name -> import line. */
export function importLine(name: string): string | null {
  const source = importSource(name);
  return source === null ? null : source.from === null ? `import ${name}` : `from ${source.from} import ${name}`;
}

/** The qualified name `importLine`'s import binds `name` to (`dlt.common.pendulum.pendulum`, `dlt`); `undefined` for others. */
export function importedAs(name: string): string | undefined {
  const source = importSource(name);
  return source === null ? undefined : source.from === null ? name : `${source.from}.${name}`;
}

/** Where added imports go: after the last module-level import, else before the first statement. */
export function importEdit(scope: PyScope, lines: readonly string[]): TextEdit {
  const text = scope.text;
  if (scope.lastImportEnd >= 0)
    return { range: { start: scope.lastImportEnd, end: scope.lastImportEnd }, newText: lines.map((l) => `\n${l}`).join("") };
  const at = Math.max(0, scope.firstStatement);
  const blank = text.slice(at).startsWith("\n") ? "" : "\n";
  return { range: { start: at, end: at }, newText: `${lines.join("\n")}\n${blank}` };
}

const FUTURE_ANNOTATIONS = /^from[ \t]+__future__[ \t]+import\b[^\n]*\bannotations\b/m;

/**
 * A name in an annotation Python never evaluates, so no NameError: any annotation under `from __future__
 * import annotations` (PEP 563), else a local variable's (`config: RESTAPIConfig = {...}` in a function, PEP 526).
 */
function unevaluated(n: SyntaxNode, future: boolean): boolean {
  let typeDef: SyntaxNode | null = n.parent;
  while (typeDef && typeDef.name !== "TypeDef") typeDef = typeDef.parent;
  if (!typeDef) return false;
  if (future) return true;
  if (typeDef.parent?.name !== "AssignStatement") return false;
  for (let p = typeDef.parent.parent; p; p = p.parent) if (p.name === "Body") return p.parent?.name === "FunctionDefinition";
  return false;
}

/** Every name used before it is defined or imported anywhere in the file (annotations Python evaluates included): first use of each. */
export function undefinedNames(scope: PyScope, tree: Tree): Map<string, Range> {
  const { text } = scope;
  const future = FUTURE_ANNOTATIONS.test(text);
  const bound = new Set(scope.defined);
  const found = new Map<string, Range>();
  const cursor = tree.cursor();
  // Comprehension and lambda variables are bound where they appear.
  do {
    const n = cursor.node;
    if (n.name === "for")
      for (let s = n.nextSibling; s && s.name !== "in"; s = s.nextSibling)
        if (s.name === "VariableName") bound.add(text.slice(s.from, s.to));
    if (n.name === "ParamList")
      for (let s = n.firstChild; s; s = s.nextSibling) if (s.name === "VariableName") bound.add(text.slice(s.from, s.to));
    if (n.name === "AssignOp" && n.parent?.name === "AssignStatement" && n.prevSibling?.name === "VariableName") {
      bound.add(text.slice(n.prevSibling.from, n.prevSibling.to));
    }
    // An annotated name (`token: str = …`, a dataclass or configspec field `token: str`) is bound too.
    if (n.name === "TypeDef" && n.parent?.name === "AssignStatement" && n.prevSibling?.name === "VariableName")
      bound.add(text.slice(n.prevSibling.from, n.prevSibling.to));
  } while (cursor.next());
  const walk = tree.cursor();
  do {
    if (walk.name !== "VariableName") continue;
    const n = walk.node;
    const parent = n.parent?.name ?? "";
    if (parent === "ImportStatement" || parent === "ParamList" || parent === "FunctionDefinition" || parent === "ClassDefinition") continue;
    if (n.nextSibling?.name === "AssignOp" && (parent === "ArgList" || parent === "AssignStatement")) continue;
    if (n.nextSibling?.name === "TypeDef" && parent === "AssignStatement") continue;
    if (parent === "Decorator" && n.prevSibling?.name === ".") continue;
    const name = text.slice(n.from, n.to);
    if (bound.has(name) || BUILTINS.has(name) || found.has(name) || unevaluated(n, future)) continue;
    found.set(name, { start: n.from, end: n.to });
  } while (walk.next());
  return found;
}

export function nameDiagnostics(scope: PyScope, tree: Tree): Diagnostic[] {
  if (scope.imports.size === 0 || scope.starImport) return [];
  const out: Diagnostic[] = [];
  for (const [name, range] of undefinedNames(scope, tree)) {
    const line = importLine(name);
    out.push(
      line
        ? {
            severity: "warning",
            code: "missing_import",
            path: "",
            range,
            message:
              `\`${name}\` is used but not imported: Python (and so dlt) would stop with "NameError: name '${name}' is not defined". ` +
              `Add \`${line}\` (quick fix; the Python download adds it).`,
            fixes: [{ title: `Add \`${line}\``, edits: [importEdit(scope, [line])] }],
          }
        : {
            severity: "warning",
            code: "undefined_name",
            path: "",
            range,
            message:
              `\`${name}\` is neither defined nor imported in this file: Python (and so dlt) would stop with "NameError: name '${name}' ` +
              'is not defined". Define it above, or import it.',
          },
    );
  }
  return out;
}
