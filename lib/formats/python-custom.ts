/**
 * The user's own paginators and auths: instances of classes defined in the file (or imported from
 * elsewhere) and type names registered with `register_paginator`/`register_auth`. dlt accepts them
 * (a subclass of BasePaginator / AuthConfigBase; a registered name joins the `type` literal); restplay
 * checks what dlt checks (the base class, the constructor's arguments, the dict's keys) and runs them
 * only through a declarative stand-in the user picks with `# restplay: run as <type>` on the value's
 * line (decision 0022): said in the Problems panel and in the run's trace, never silent.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Diagnostic, DocEntry, DocNode, QuickFix, Range } from "./types";
import { code, valueChildren, type ConvertContext } from "./python-convert";
import { bindArgs, closest } from "./python-call";
import { DLT_CLASSES, dltClass, type DltParam } from "./python-classes";
import { decodePythonString } from "./python-strings";
import type { PyScope, UserClass } from "./python-scope";
import { unsetCredentials } from "./python-call";
import { importEdit } from "./python-names";

type Kind = "paginator" | "auth";
const src = (text: string, n: SyntaxNode) => text.slice(n.from, n.to);
const rangeOf = (n: SyntaxNode): Range => ({ start: n.from, end: n.to });
const kindAt = (pointer: string): Kind | null => (/\/paginator$/.test(pointer) ? "paginator" : /\/auth$/.test(pointer) ? "auth" : null);

/** Declarative stand-ins offered for runs (ones that need no arguments). */
export const STAND_INS: Readonly<Record<Kind, readonly string[]>> = {
  paginator: ["header_link", "json_link", "page_number", "cursor", "header_cursor", "single_page", "auto"],
  auth: ["bearer", "api_key", "http_basic"],
};
const BASES: Readonly<Record<Kind, string>> = { paginator: "BasePaginator", auth: "AuthConfigBase" };

/**
 * The dlt type a class derives from (through the file's classes, depth first in the order of the bases), `base` for
 * dlt's abstract base, or null. `params`: the dlt class's, unless a class on the way defines its own `__init__`.
 * Walked without recursion: a file may chain thousands of classes.
 */
function ancestry(scope: PyScope, name: string, kind: Kind): { type: string | null; params: readonly DltParam[] | null } | null {
  const seen = new Set<string>();
  const path: { cls: UserClass; next: number }[] = [];
  for (let current: string | null = name; ;) {
    if (current !== null && !seen.has(current)) {
      seen.add(current);
      const last = current.split(".").pop() ?? current;
      const dlt = dltClass(last);
      const found =
        dlt && dlt.kind === kind ? { type: dlt.type, params: dlt.params } : last === BASES[kind] ? { type: null, params: [] } : null;
      if (found) return { type: found.type, params: path.some((p) => p.cls.init) ? null : found.params };
      const cls = scope.classes.get(current);
      if (cls) path.push({ cls, next: 0 });
    }
    const top = path[path.length - 1];
    if (!top) return null;
    current = top.cls.bases[top.next++] ?? null;
    if (current === null) path.pop();
  }
}

/** A dotted name as its import spells it out (`AuthBase` → `requests.auth.AuthBase`). */
function qualifiedName(scope: PyScope, name: string): string {
  const [head = "", ...rest] = name.split(".");
  const imported = scope.imports.get(head);
  return imported ? [imported.qualified, ...rest].join(".") : name;
}

/**
 * Whether every base of a file class is known (defined here or a dlt name): then "not derived" is sure. A class
 * reached twice (a cycle, or a base shared by two) leaves it unsure. Walked without recursion, as `ancestry`.
 */
function basesKnown(scope: PyScope, name: string): boolean {
  const seen = new Set<string>();
  const known = (b: string) =>
    b === "object" ||
    // requests' own auth base (dlt's tests: "Incorrect auth object type … Expected … an instance of AuthConfigBase").
    qualifiedName(scope, b) === "requests.auth.AuthBase" ||
    dltClass(b.split(".").pop() ?? b) !== undefined ||
    /Base(Paginator|Configuration)$|AuthConfigBase$/.test(b);
  for (const todo = [name]; todo.length > 0;) {
    const current = todo.pop()!;
    const cls = scope.classes.get(current);
    if (!cls || seen.has(current)) return false;
    seen.add(current);
    for (const b of cls.bases) if (!known(b)) todo.push(b);
  }
  return true;
}

/** A call of a class that is not dlt's, at a paginator or auth key; null elsewhere. */
export function customCall(ctx: ConvertContext, env: CustomEnv, call: SyntaxNode, pointer: string): DocNode | null {
  const { scope } = env;
  const kind = kindAt(pointer);
  const callee = call.firstChild;
  if (!kind || !callee || (callee.name !== "VariableName" && callee.name !== "MemberExpression")) return null;
  const name = src(ctx.text, callee).replace(/\s+/g, "");
  const cls = scope.classes.get(name);
  const derived = ancestry(scope, name, kind);
  if (cls && !derived && basesKnown(scope, name)) {
    ctx.diagnostics.push({
      severity: "error",
      code: "invalid_type",
      path: pointer,
      range: rangeOf(call),
      message:
        `dlt's \`${kind}\` takes an instance of ${BASES[kind]} (or one of dlt's ${kind} classes); \`${name}\` derives from ` +
        `${cls.bases.join(", ") || "nothing"}, so dlt's validator refuses it. Derive it from ${BASES[kind]}.`,
    });
    return code(ctx, call);
  }
  if (kind === "auth" && cls && derived && !cls.configspec) ctx.diagnostics.push(notConfigspec(ctx, scope, name, rangeOf(call), pointer));
  const own = cls?.init && !cls.init.open ? cls.init.names.map((n): DltParam => ({ name: n, default: null })) : (derived?.params ?? null);
  if (own) bindArgs(ctx, call, own, `${name}.__init__()`, pointer);
  return standIn(ctx, env, call, callee, kind, `\`${name}(…)\` is your own ${kind} class`, derived?.type ?? null, pointer);
}

/**
 * An instance of the file's own auth class that is not a `@configspec`: dlt's `rest_api_source` refuses it
 * (probed: `ConfigurationWrongTypeException: … must derive from BaseConfiguration and must be decorated with
 * @configspec`, for a subclass of AuthConfigBase or of any dlt auth class alike; by a registered name
 * it is taken). The fix decorates the class and imports `configspec`.
 */
function notConfigspec(ctx: ConvertContext, scope: PyScope, name: string, range: Range, pointer: string): Diagnostic {
  const cls = scope.classes.get(name) as NonNullable<ReturnType<PyScope["classes"]["get"]>>;
  const lineStart = ctx.text.lastIndexOf("\n", cls.range.start - 1) + 1;
  const indent = ctx.text.slice(lineStart, cls.range.start);
  const decorate = { range: { start: cls.range.start, end: cls.range.start }, newText: `@configspec\n${indent}` };
  const edits = [decorate];
  if (!scope.imports.has("configspec")) {
    const add = importEdit(scope, ["from dlt.common.configuration import configspec"]);
    // A file that starts with the class: one edit, the import above the decorator.
    if (add.range.start === decorate.range.start) edits[0] = { range: decorate.range, newText: add.newText + decorate.newText };
    else edits.unshift(add);
  }
  return {
    severity: "error",
    code: "auth_not_configspec",
    path: pointer,
    range,
    message:
      `\`${name}\` is your own auth class without \`@configspec\`: dlt's rest_api_source refuses its instance in the config ` +
      "(ConfigurationWrongTypeException: configuration instances must derive from BaseConfiguration and be decorated " +
      "with @configspec). Decorate the class with `@configspec` (from dlt.common.configuration), or register it with " +
      "`register_auth` and use its type name.",
    fixes: [{ title: `Decorate \`${name}\` with @configspec`, edits }],
  };
}

/** A registered type name at a paginator or auth key (`"my_pager"` or `{"type": "my_pager", …}`): checked, then code. */
export function registeredValue(ctx: ConvertContext, env: CustomEnv, value: DocNode, n: SyntaxNode, pointer: string): DocNode {
  const { scope } = env;
  const kind = kindAt(pointer);
  if (!kind) return value;
  const typeNode =
    value.kind === "string" ? value : value.kind === "object" ? value.entries.find((e) => e.key === "type")?.value : undefined;
  if (!typeNode || typeNode.kind !== "string") return value;
  const cls = registered(scope, kind).get(typeNode.value);
  if (cls === undefined) return value;
  if (value.kind === "object") checkRegisteredDict(ctx, scope, value.entries, kind, cls, pointer);
  const reg = kind === "paginator" ? "register_paginator" : "register_auth";
  return standIn(
    ctx,
    env,
    n,
    n,
    kind,
    `\`${typeNode.value}\` is registered with ${reg} (a valid type in dlt) for your class \`${cls}\``,
    null,
    pointer,
  );
}

/** Registered type names -> class names, from `register_paginator("name", Class)` calls. */
function registered(scope: PyScope, kind: Kind): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of scope.calls) {
    if (c.callee !== (kind === "paginator" ? "register_paginator" : "register_auth")) continue;
    const [nameArg, clsArg] = valueChildren(c.node.getChild("ArgList") ?? c.node).filter((a) => a.name !== "AssignOp");
    const type = nameArg?.name === "String" ? decodePythonString(src(scope.text, nameArg)) : null;
    if (type && clsArg) out.set(type, src(scope.text, clsArg));
  }
  return out;
}

/** dlt's dicts are closed: the keys must fit one of its config dicts; then the class gets them as keywords. */
function checkRegisteredDict(
  ctx: ConvertContext,
  scope: PyScope,
  entries: readonly DocEntry[],
  kind: Kind,
  cls: string,
  pointer: string,
): void {
  const keys = entries.map((e) => e.key).filter((k) => k !== "type");
  const fits = DLT_CLASSES.filter((c) => c.kind === kind).some((c) => keys.every((k) => c.params.some((p) => p.name === k)));
  if (!fits) {
    const all = [...new Set(DLT_CLASSES.filter((c) => c.kind === kind).flatMap((c) => c.params.map((p) => p.name)))];
    for (const e of entries) {
      if (e.key === "type" || all.includes(e.key)) continue;
      const near = closest(e.key, all);
      ctx.diagnostics.push({
        severity: "error",
        code: "unknown_key",
        path: `${pointer}/${e.key}`,
        range: e.keyRange,
        message:
          `dlt's validator refuses \`${e.key}\`: a ${kind} dict, even of a registered type, takes only the keys of one of dlt's ${kind} ` +
          `configs (received unexpected fields \`{'${e.key}'}\`).${near ? ` Did you mean \`${near}\`?` : ""} ` +
          `Pass other settings to \`${cls}\` in Python.`,
      });
    }
  }
  // Its own `__init__`, else (a paginator) the one it inherits from dlt's class: the docs' CustomPaginator(SinglePagePaginator)
  // takes nothing. An auth class is a @configspec, built from its fields however it is declared (probed: basic.md's
  // `CustomAuth(AuthConfigBase): pass` given `api_key` is taken).
  const own = scope.classes.get(cls)?.init;
  const inherited = kind === "paginator" ? (ancestry(scope, cls, kind)?.params?.map((p) => p.name) ?? null) : null;
  const names = own ? (own.open ? null : own.names) : inherited;
  if (names === null) return;
  for (const e of entries) {
    if (e.key === "type" || names.includes(e.key)) continue;
    ctx.diagnostics.push({
      severity: "error",
      code: "python_type_error",
      path: `${pointer}/${e.key}`,
      range: e.keyRange,
      message:
        `TypeError: ${cls}.__init__()${own ? "" : " (inherited)"} got an unexpected keyword argument '${e.key}' ` +
        `(dlt builds the ${kind} as \`${cls}(**dict)\`). It takes: ${names.join(", ") || "no arguments"}.`,
    });
  }
}

/** The line's `# restplay: run as <type>` stand-in, if any (on the value's first or last line). */
function chosenStandIn(ctx: ConvertContext, scope: PyScope, at: Range): { type: string; range: Range } | null {
  const lineOf = (o: number) => ctx.text.lastIndexOf("\n", o - 1) + 1;
  return scope.standIns.get(lineOf(at.end)) ?? scope.standIns.get(lineOf(at.start)) ?? null;
}

export interface CustomEnv {
  readonly scope: PyScope;
  /** dlt's source name (credentials of an auth stand-in are read under it). */
  readonly sourceName: string;
}

function standIn(
  ctx: ConvertContext,
  env: CustomEnv,
  n: SyntaxNode,
  callee: SyntaxNode,
  kind: Kind,
  what: string,
  suggested: string | null,
  pointer: string,
): DocNode {
  const range = rangeOf(n);
  const chosen = chosenStandIn(ctx, env.scope, range);
  if (chosen && STAND_INS[kind].includes(chosen.type)) {
    ctx.diagnostics.push({
      severity: "info",
      code: "python_stand_in",
      path: pointer,
      range,
      message:
        `${what}: dlt runs it; restplay's runs use \`${chosen.type}\` in its place ` +
        `(your \`# restplay: run as ${chosen.type}\`), and the run's ` +
        "trace says so. Downloads keep your class.",
    });
    const typeEntry: DocEntry = {
      key: "type",
      keyRange: rangeOf(callee),
      range: rangeOf(callee),
      value: { kind: "string", range: rangeOf(callee), value: chosen.type },
    };
    const creds = kind === "auth" ? unsetCredentials(chosen.type, new Set(), env.sourceName, rangeOf(callee)) : [];
    const instance = kind === "auth" ? { instance: range.start } : {};
    return { kind: "object", range, entries: [typeEntry, ...creds], standInFor: ctx.text.slice(range.start, range.end), ...instance };
  }
  const eol = (() => {
    const i = ctx.text.indexOf("\n", range.end);
    const end = i < 0 ? ctx.text.length : i;
    return ctx.text[end - 1] === "\r" ? end - 1 : end;
  })();
  const options =
    suggested && STAND_INS[kind].includes(suggested) ? [suggested, ...STAND_INS[kind].filter((t) => t !== suggested)] : STAND_INS[kind];
  const fixes: QuickFix[] = options.map((t) => ({
    title: `Run as \`${t}\` in the playground (adds \`# restplay: run as ${t}\`)`,
    edits: [{ range: { start: eol, end: eol }, newText: `  # restplay: run as ${t}` }],
  }));
  const invalid = chosen ? ` (\`${chosen.type}\` is not a stand-in restplay offers: ${STAND_INS[kind].join(", ")})` : "";
  ctx.diagnostics.push({
    severity: "info",
    code: "python_custom_class",
    path: pointer,
    range,
    fixes,
    message:
      `${what}: dlt runs it; restplay does not execute Python, so a playground run ` +
      `${kind === "paginator" ? "detects a paginator instead" : "cannot authenticate"}` +
      `${invalid}. Pick a declarative stand-in for runs with \`# restplay: run as <type>\` on this line (quick fixes).`,
  });
  return code(ctx, n);
}
