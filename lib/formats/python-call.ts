/**
 * A call of one of dlt's classes (python-classes.ts), bound to its constructor the way Python binds
 * arguments, and read as the declarative dict dlt builds the same object from. A call Python would
 * refuse (an unknown keyword, too many positional arguments, a missing required one) is an error with
 * Python's TypeError text: dlt would fail the same way.
 */
import type { SyntaxNode } from "@lezer/common";
import type { DocEntry, DocNode, Range } from "./types";
import { convert, valueChildren, type ConvertContext } from "./python-convert";
import { CONFIG_FIELDS, dltClass, REQUIRED, SECRET_FIELDS, type DltClass, type DltParam } from "./python-classes";
import type { PyScope } from "./python-scope";

const src = (text: string, n: SyntaxNode) => text.slice(n.from, n.to);
const rangeOf = (n: SyntaxNode): Range => ({ start: n.from, end: n.to });

/** The dlt class a call constructs (by import, qualified name, or a bare known name), or undefined. */
export function dltClassOf(scope: PyScope, text: string, call: SyntaxNode): DltClass | undefined {
  let callee = call.firstChild;
  // The typed form `dlt.sources.incremental[str](…)` (a generic alias) constructs the same class.
  const generic = callee?.name === "MemberExpression" && callee.getChild("[") !== null;
  if (generic) callee = callee?.firstChild ?? null;
  if (!callee || (callee.name !== "VariableName" && callee.name !== "MemberExpression")) return undefined;
  if (generic && !/(^|\.)(incremental|Incremental)$/.test(src(text, callee).replace(/\s+/g, ""))) return undefined;
  const dotted = src(text, callee).replace(/\s+/g, "");
  if (!/^[\w.]+$/.test(dotted)) return undefined;
  const [head = "", ...rest] = dotted.split(".");
  const imported = scope.imports.get(head);
  const qualified = imported ? [imported.qualified, ...rest].join(".") : dotted;
  const last = qualified.split(".").pop() ?? "";
  const cls = dltClass(last);
  if (!cls) return undefined;
  if (imported || rest.length > 0) return qualified.startsWith("dlt.") ? cls : undefined;
  // A bare name nobody imported or defined: dlt's class (an import is missing, said elsewhere).
  return scope.defined.has(head) || head === "incremental" ? undefined : cls;
}

export interface CallArgs {
  readonly positional: SyntaxNode[];
  readonly keywords: { readonly name: string; readonly nameNode: SyntaxNode; readonly value: SyntaxNode }[];
  /** `*args` / `**kwargs`: the call cannot be bound statically. */
  readonly starred: boolean;
}

export function callArgs(text: string, call: SyntaxNode): CallArgs {
  const out: CallArgs = { positional: [], keywords: [], starred: false };
  const list = call.getChild("ArgList");
  if (!list) return out;
  let starred = false;
  for (const c of valueChildren(list)) {
    if (c.name === "*" || c.name === "**") starred = true;
    else if (c.name === "AssignOp") continue;
    else if (c.nextSibling?.name === "AssignOp" && c.name === "VariableName") continue;
    else if (c.prevSibling?.name === "AssignOp" && c.prevSibling.prevSibling)
      out.keywords.push({ name: src(text, c.prevSibling.prevSibling), nameNode: c.prevSibling.prevSibling, value: c });
    else if (c.prevSibling?.name === "*" || c.prevSibling?.name === "**") continue;
    else out.positional.push(c);
  }
  return { ...out, starred };
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}

export function closest(word: string, options: readonly string[]): string | null {
  let best: string | null = null;
  let score = Infinity;
  for (const o of options) {
    const d = distance(word.toLowerCase(), o.toLowerCase());
    if (d < score) [best, score] = [o, d];
  }
  return best !== null && score <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

interface Bound {
  readonly param: DltParam;
  readonly keyNode: SyntaxNode | null;
  readonly value: SyntaxNode;
}

/**
 * Binds the arguments as Python would; TypeErrors go to `ctx.diagnostics` (code `python_type_error`).
 * `owner` is how messages name the callable (`OffsetPaginator.__init__()`).
 */
export function bindArgs(
  ctx: ConvertContext,
  call: SyntaxNode,
  params: readonly DltParam[],
  owner: string,
  pointer: string,
  reportMissing = true,
): Bound[] {
  const args = callArgs(ctx.text, call);
  const bound: Bound[] = [];
  const seen = new Set<string>();
  const error = (at: SyntaxNode, message: string, fixes?: { title: string; edits: { range: Range; newText: string }[] }[]) =>
    ctx.diagnostics.push({
      severity: "error",
      code: "python_type_error",
      path: pointer,
      range: rangeOf(at),
      message,
      ...(fixes ? { fixes } : {}),
    });
  const positional = params.filter((p) => !p.keywordOnly);
  args.positional.forEach((value, i) => {
    const param = positional[i];
    if (!param) {
      const min = positional.filter((p) => p.default === REQUIRED).length;
      const range = min === positional.length ? `${positional.length}` : `from ${min} to ${positional.length}`;
      error(
        value,
        `TypeError: ${owner} takes ${range} positional arguments but ${args.positional.length} were given (dlt fails the same way). ` +
          `Pass the extra values by keyword: ${params.map((p) => p.name).join(", ") || "it takes none"}.`,
      );
      return;
    }
    seen.add(param.name);
    bound.push({ param, keyNode: null, value });
  });
  const given = new Set(args.keywords.map((k) => k.name));
  const byKeyword = new Set<string>();
  for (const kw of args.keywords) {
    const param = params.find((p) => p.name === kw.name);
    if (!param) {
      // Never a name the call gives already: the rename would repeat it.
      const near = closest(
        kw.name,
        params.map((p) => p.name).filter((name) => !given.has(name)),
      );
      error(
        kw.nameNode,
        `TypeError: ${owner} got an unexpected keyword argument '${kw.name}' (dlt fails the same way).` +
          `${near ? ` Did you mean \`${near}\`?` : ""} It takes: ${params.map((p) => p.name).join(", ") || "no arguments"}.`,
        near ? [{ title: `Rename to \`${near}\``, edits: [{ range: rangeOf(kw.nameNode), newText: near }] }] : undefined,
      );
      continue;
    }
    if (byKeyword.has(param.name)) {
      error(kw.nameNode, `SyntaxError: keyword argument repeated: ${param.name} (Python refuses the file). Give it once.`);
      continue;
    }
    byKeyword.add(param.name);
    if (seen.has(param.name)) {
      error(kw.nameNode, `TypeError: ${owner} got multiple values for argument '${param.name}' (dlt fails the same way). Give it once.`);
      continue;
    }
    seen.add(param.name);
    bound.push({ param, keyNode: kw.nameNode, value: kw.value });
  }
  // dlt's own classes: the config rules report a missing `limit` on the declarative form (offset_without_limit).
  if (!args.starred && reportMissing) {
    const missing = params.filter((p) => p.default === REQUIRED && !seen.has(p.name)).map((p) => `'${p.name}'`);
    if (missing.length) {
      const callee = call.firstChild ?? call;
      error(
        callee,
        `TypeError: ${owner} missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ` +
          `${missing.join(" and ")} ` +
          "(dlt fails the same way). Add it, e.g. `limit=100` for the page size.",
      );
    }
  }
  return bound.sort((a, b) => (a.keyNode ?? a.value).from - (b.keyNode ?? b.value).from);
}

const isNone = (ctx: ConvertContext, n: SyntaxNode) => n.name === "None";

/** The dict a dlt class call stands for; entries keep the argument ranges (key = the keyword or the value). */
export function bindDltCall(ctx: ConvertContext, sourceName: string, cls: DltClass, call: SyntaxNode, pointer: string): DocNode {
  const callee = call.firstChild ?? call;
  const owner = `${cls.name === "incremental" ? "Incremental" : cls.name}.__init__()`;
  const entries: DocEntry[] = [];
  const inParams = /\/params\/[^/]+$/.test(pointer);
  const type = cls.kind === "incremental" ? (inParams ? "incremental" : null) : cls.type;
  if (type !== null)
    entries.push({
      key: "type",
      keyRange: rangeOf(callee),
      value: { kind: "string", range: rangeOf(callee), value: type },
      range: rangeOf(callee),
    });
  const given = new Set<string>();
  for (const b of bindArgs(ctx, call, cls.params, owner, pointer, false)) {
    if (isNone(ctx, b.value) && b.param.default === null) continue;
    given.add(b.param.name);
    const word = ctx.text.slice(b.value.from, b.value.to);
    const value: DocNode =
      b.param.name === "last_value_func" && (word === "max" || word === "min")
        ? { kind: "string", range: rangeOf(b.value), value: word }
        : convert(ctx, b.value, `${pointer}/${b.param.name}`);
    const keyRange = rangeOf(b.keyNode ?? b.value);
    entries.push({ key: b.param.name, keyRange, value, range: { start: keyRange.start, end: b.value.to } });
  }
  if (cls.kind === "auth" && cls.type) entries.push(...unsetCredentials(cls.type, given, sourceName, rangeOf(callee)));
  if (cls.kind === "incremental" && /\/incremental$/.test(pointer)) incrementalObjectError(ctx, call, entries, pointer);
  return { kind: "object", range: rangeOf(call), entries, ...(cls.kind === "auth" ? { instance: call.from } : {}) };
}

/** Credentials an auth object leaves unset: dlt reads them from `sources.<source>.credentials.<field>`. */
export function unsetCredentials(type: string, given: ReadonlySet<string>, sourceName: string, at: Range): DocEntry[] {
  const out: DocEntry[] = [];
  const add = (field: string, ref: "secret" | "config") => {
    if (given.has(field)) return;
    out.push({
      key: field,
      keyRange: at,
      range: at,
      value: { kind: "ref", ref, name: `sources.${sourceName}.credentials.${field}`, range: at },
    });
  };
  for (const f of Object.hasOwn(SECRET_FIELDS, type) ? (SECRET_FIELDS[type] ?? []) : []) add(f, "secret");
  for (const f of Object.hasOwn(CONFIG_FIELDS, type) ? (CONFIG_FIELDS[type] ?? []) : []) add(f, "config");
  return out;
}

/** dlt's `incremental` key takes a dict (IncrementalConfig); an Incremental object there fails its validator. */
function incrementalObjectError(ctx: ConvertContext, call: SyntaxNode, entries: readonly DocEntry[], pointer: string): void {
  const parts = entries.map((e) => `${JSON.stringify(e.key)}: ${ctx.text.slice(e.value.range.start, e.value.range.end)}`);
  ctx.diagnostics.push({
    severity: "error",
    code: "invalid_type",
    path: pointer,
    range: rangeOf(call),
    message:
      "dlt's endpoint `incremental` takes a dict (its validator refuses an Incremental object here: " +
      '"field `incremental` … has invalid type `Incremental` while `IncrementalConfig` is expected"). ' +
      "Write the same arguments as a dict; `dlt.sources.incremental(...)` objects are " +
      "accepted in `params` only.",
    fixes: [{ title: "Write it as a dict", edits: [{ range: rangeOf(call), newText: `{${parts.join(", ")}}` }] }],
  });
}
