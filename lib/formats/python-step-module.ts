/**
 * The module-level names a processing step may read (decision 0044): plain functions defined once at the top of
 * the file, and constants assigned once there (`EXCLUDED = {"a", "b"}`, `LIMIT = BASE * 2`) that nothing rebinds
 * and nothing at module level changes afterwards, so their value when dlt runs the step is the one written. For
 * one step, the statements it reads, directly or through them, in file order (lib/formats/python-step.ts compiles them).
 */
import type { SyntaxNode } from "@lezer/common";
import { pythonCodeOnly } from "./python-scan";
import type { PyScope } from "./python-scope-types";

export type ModuleDef =
  | {
      readonly kind: "def" | "const";
      /** The statement: a `def`, or `NAME = value`. */
      readonly node: SyntaxNode;
    }
  /** A name imported from what the subset models (`from datetime import timezone`, `import pendulum`), as an import of its own. */
  | { readonly kind: "import"; readonly at: number; readonly text: string };

/**
 * The import statement of a step's (or an `initial_value`'s) module for `name` bound to `qualified`, written as
 * lib/formats/python-step.ts compiles it; null for a module lib/shared/pystep does not model. `datetime` and its
 * classes, `pendulum` (dlt's `from dlt.common.pendulum import pendulum` too), `time`, `copy`, `json`, `hashlib`, `base64`,
 * `re` and `zoneinfo`.
 */
export function importText(qualified: string, name: string): string | null {
  const as = (bound: string) => (bound === name ? "" : ` as ${name}`);
  const cls = /^datetime\.(datetime|date|time|timedelta|timezone)$/.exec(qualified)?.[1];
  if (cls) return `from datetime import ${cls}${as(cls)}`;
  if (["datetime", "time", "copy", "json", "hashlib", "base64", "re", "zoneinfo"].includes(qualified))
    return `import ${qualified}${as(qualified)}`;
  const fn = /^(copy|json|hashlib|base64|re|zoneinfo)\.(\w+)$/.exec(qualified);
  if (fn && FROM_IMPORTS[fn[1]!]!.includes(fn[2]!)) return `from ${fn[1]} import ${fn[2]}${as(fn[2]!)}`;
  if (qualified === "pendulum" || qualified === "dlt.common.pendulum.pendulum") return `import pendulum${as("pendulum")}`;
  return qualified === "time.time" ? `from time import time${as("time")}` : null;
}

/** The functions a step may import by name (`from copy import deepcopy`). */
const FROM_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  copy: ["copy", "deepcopy"],
  json: ["dumps", "loads"],
  hashlib: ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"],
  base64: ["b64encode", "b64decode", "urlsafe_b64encode", "urlsafe_b64decode"],
  zoneinfo: ["ZoneInfo"],
  re: ["compile", "search", "match", "fullmatch", "findall", "finditer", "split", "sub", "subn", "escape"].concat([
    "A",
    "ASCII",
    "I",
    "IGNORECASE",
    "M",
    "MULTILINE",
    "S",
    "DOTALL",
    "U",
    "UNICODE",
    "X",
    "VERBOSE",
  ]),
};

/** A statement a step reads: where it starts in the file, and its source. */
export interface ModuleRead {
  readonly at: number;
  readonly text: string;
}

const MUTATORS = "append|extend|insert|add|update|pop|popitem|remove|discard|clear|setdefault|sort|reverse";
const escape = (s: string) => s.replace(/[$]/g, "\\$");

/** The names a step may read, looked up by name (each checked once, when a step first reads it: files may be large). */
export interface StepModule {
  get(name: string): ModuleDef | undefined;
}

export function stepModule(scope: PyScope): StepModule {
  const known = new Map<string, ModuleDef | null>();
  let code: string | null = null;
  const bindings = (name: string) =>
    scope.functions.filter((f) => f.name === name).length +
    scope.module.filter((a) => a.name === name).length +
    (scope.imports.has(name) || scope.classes.has(name) ? 1 : 0);
  const inFunction = (at: number) => scope.functions.some((f) => f.node.from <= at && at < f.node.to);
  const find = (name: string): ModuleDef | null => {
    if (bindings(name) !== 1) return null;
    const imported = scope.imports.get(name);
    if (imported) {
      const text = importText(imported.qualified, name);
      return text === null || inFunction(imported.range.start) ? null : { kind: "import", at: imported.range.start, text };
    }
    const f = scope.functions.find((x) => x.name === name);
    if (f) return f.decorator === null && f.node.parent?.name === "Script" ? { kind: "def", node: f.node } : null;
    const statement = scope.module.find((a) => a.name === name)?.value.parent;
    if (!statement || statement.name !== "AssignStatement" || statement.parent?.name !== "Script") return null;
    if (statement.getChildren("AssignOp").length !== 1) return null;
    code ??= pythonCodeOnly(scope.text);
    const n = escape(name);
    // Rebound (`global`, `N += 1`) anywhere, or changed at module level (`N.append(…)`, `N[k] = v`, `del N…`): not a constant.
    if (new RegExp(`\\bglobal\\b[^\\n]*(?<![\\w.])${n}\\b`).test(code)) return null;
    if (new RegExp(`(?<![\\w.])${n}\\s*(?:\\*\\*|//|>>|<<|[-+*/%@&|^])=`).test(code)) return null;
    const changes = new RegExp(
      `(?<![\\w.])${n}\\s*(?:\\.\\s*(?:${MUTATORS})\\s*\\(|\\[[^\\]\\n]*\\]\\s*(?:\\*\\*|//|[-+*/%@&|^])?=(?!=))|\\bdel\\s+${n}\\b`,
      "g",
    );
    return [...code.matchAll(changes)].some((m) => !inFunction(m.index)) ? null : { kind: "const", node: statement };
  };
  return {
    get(name) {
      if (!known.has(name)) known.set(name, find(name));
      return known.get(name) ?? undefined;
    },
  };
}

/** The statements of `module` that `node` reads, directly or through them, in file order. */
export function moduleReads(module: StepModule, node: SyntaxNode, text: string): ModuleRead[] {
  const seen = new Map<string, ModuleDef>();
  const queue: SyntaxNode[] = [node];
  while (queue.length) {
    const cursor = queue.pop()!.cursor();
    const end = cursor.to;
    do {
      if (cursor.name !== "VariableName") continue;
      const name = text.slice(cursor.from, cursor.to);
      const def = module.get(name);
      if (def && !seen.has(name)) {
        seen.set(name, def);
        if (def.kind !== "import") queue.push(def.node);
      }
    } while (cursor.next() && cursor.from < end);
  }
  return [...seen.values()]
    .map((d) => (d.kind === "import" ? { at: d.at, text: d.text } : { at: d.node.from, text: text.slice(d.node.from, d.node.to) }))
    .sort((a, b) => a.at - b.at);
}
