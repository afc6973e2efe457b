/**
 * `{…}` placeholders and parent resources, checked the way dlt checks them when it builds the
 * source (dlt-rest-api.md §6): Python format-string syntax, the `resources.` / `incremental.`
 * contexts, static path params, legacy `resolve` params, one parent per resource, no cycles.
 */
import type { Range } from "../../formats";
import { clip as shown, type Path } from "../located";
import { hasMarker, isFormat, joinFormat, refOf, type FormatValue } from "../../shared";
import { isObj, isUnreadPython, type RuleContext } from "./context";
import { unsafeMessage, unsafeSegment } from "../key-paths";

interface Field {
  readonly name: string;
  /** The field as written, braces included: `{resources.posts.id}`. */
  readonly raw: string;
}

/** The replacement fields of a Python format string, or the error `str.format` would raise. */
export function formatFields(s: string): { fields: Field[]; error: string | null } {
  const fields: Field[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "}") {
      if (s[i + 1] === "}") i++;
      else return { fields, error: "Single '}' encountered in format string" };
    } else if (c === "{") {
      if (s[i + 1] === "{") {
        i++;
        continue;
      }
      let depth = 1;
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] === "{") depth++;
        else if (s[j] === "}" && --depth === 0) break;
      }
      if (depth > 0) return { fields, error: "Single '{' encountered in format string" };
      const body = s.slice(i + 1, j);
      const cut = body.search(/[!:]/);
      const name = cut < 0 ? body : body.slice(0, cut);
      if (name.includes("{")) return { fields, error: "unexpected '{' in field name" };
      fields.push({ name, raw: s.slice(i, j + 1) });
      i = j;
    }
  }
  return { fields, error: null };
}

export type Parents = Map<string, { at: Path; range: Range }>;

export interface Scope {
  readonly ctx: RuleContext;
  readonly hasIncremental: boolean;
  readonly parents: Parents;
  /** The endpoint's params as dlt prints them in a message (Python repr). */
  readonly params?: () => string;
}

/** Where `raw` is inside the string token `r`, at or after `from` (the whole token if escapes hide it). */
function fieldRange(ctx: RuleContext, r: Range, raw: string, from: number): Range {
  const i = ctx.text.indexOf(raw, Math.max(r.start, from));
  return i < 0 || i + raw.length > r.end ? r : { start: i, end: i + raw.length };
}

/** Each field with its range; the search moves on after each one, so many fields in a long string cost one pass. */
function* locate(ctx: RuleContext, token: Range, fields: readonly Field[]): Generator<[Field, Range]> {
  let from = token.start;
  for (const f of fields) {
    const range = fieldRange(ctx, token, f.raw, from);
    if (range !== token) from = range.end;
    yield [f, range];
  }
}

/** `{resources.p.constructor}`: a placeholder whose path reaches a prototype (reported; nothing else is checked). */
function unsafeField(ctx: RuleContext, f: Field, at: Path, range: Range): boolean {
  const bad = unsafeSegment(f.name, "dotpath");
  if (bad === null) return false;
  ctx.add({
    at,
    severity: "error",
    code: "unsafe_path_segment",
    range,
    message: unsafeMessage(bad, `the placeholder \`${shown(f.raw)}\``),
  });
  return true;
}

/** A `resources.<parent>.<field>` expression: remembers the parent, reports a malformed one. */
function resourceExpr(scope: Scope, f: Field, at: Path, range: Range): void {
  const parts = f.name.split(".");
  if (parts.length < 3 || !parts[1] || !parts[2]) {
    scope.ctx.add({
      at,
      severity: "error",
      code: "invalid_placeholder",
      range,
      message: `Invalid definition of \`${shown(f.name)}\`. Expected format: 'resources.<resource>.<field>'.`,
    });
    return;
  }
  if (!scope.parents.has(parts[1])) scope.parents.set(parts[1], { at, range });
}

const hasBraces = (s: string) => s.includes("{") || s.includes("}");

/**
 * The text dlt reads as a template where a `$format` is (`f"{{resources.users.id}}-{dlt.secrets['org']}"`
 * makes `{resources.users.id}-…`): each reference as its name, without braces (a value's own are unknowable).
 */
export const templateText = (v: FormatValue): string => joinFormat(v, (r) => (refOf(r)?.name ?? "").replace(/[{}[\]]/g, ""));

/** Placeholders in params/json/data/headers (keys and values, at any depth; the text of a `$format`). */
export function scanValue(scope: Scope, value: unknown, at: Path, location: string): void {
  const check = (s: string, p: Path, isKey: boolean) => {
    if (!s.includes("{") && !s.includes("}")) return;
    const { fields, error } = formatFields(s);
    const { ctx } = scope;
    if (error) {
      ctx.add({
        at: p,
        severity: "error",
        code: "invalid_placeholder",
        range: isKey ? ctx.loc.key(p) : ctx.loc.value(p),
        message: `${error} (dlt reads \`${location}\` strings as Python format strings). Write literal braces doubled: {{ and }}.`,
      });
      return;
    }
    for (const [f, range] of locate(ctx, isKey ? ctx.loc.key(p) : ctx.loc.value(p), fields)) {
      if (ctx.full) return;
      if (unsafeField(ctx, f, p, range)) continue;
      if (f.name.startsWith("resources.")) resourceExpr(scope, f, p, range);
      else if (!(scope.hasIncremental && f.name.startsWith("incremental."))) {
        ctx.add({
          at: p,
          severity: "error",
          code: "invalid_placeholder",
          range,
          message:
            `Expression \`${shown(f.name)}\` defined in \`${location}\` is not valid. Valid expressions must start with one of: ` +
            `\`{${scope.hasIncremental ? "'resources', 'incremental'" : "'resources'"}}\`. If you need to use literal curly braces ` +
            `in your expression, escape them by doubling them: {{ and }}` +
            (f.name.startsWith("incremental.") ? " (`incremental.` needs an `incremental` block in this endpoint)" : ""),
        });
      }
    }
  };
  // One path, extended and cut back as the walk goes (copied only for a finding): bodies may be large.
  const path: (string | number)[] = [...at];
  const walk = (v: unknown) => {
    if (typeof v === "string") {
      if (hasBraces(v) && !scope.ctx.full) check(v, [...path], false);
    } else if (scope.ctx.full) return;
    else if (isFormat(v)) {
      const text = templateText(v);
      if (hasBraces(text)) check(text, [...path], false);
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => {
        path.push(i);
        walk(x);
        path.pop();
      });
    } else if (isObj(v) && !hasMarker(v)) {
      for (const k of Object.keys(v)) {
        path.push(k);
        if (hasBraces(k)) check(k, [...path], true);
        walk(v[k]);
        path.pop();
      }
    }
  };
  walk(value);
}

/** A param of the merged endpoint (the resource's own, else the defaults'), by name. */
export type ParamLookup = (name: string) => { value: unknown; at: Path } | undefined;

/** Placeholders in the path: contexts, static path params and resolve params (dlt's `_bind_path_params`). */
export function scanPath(scope: Scope, path: string, at: Path, param: ParamLookup, resourceName: string): Set<string> {
  const bound = new Set<string>();
  const { ctx } = scope;
  const { fields, error } = formatFields(path);
  if (error) {
    ctx.add({
      at,
      severity: "error",
      code: "invalid_placeholder",
      range: ctx.loc.value(at),
      message: `${error} in the path of resource \`${resourceName}\`. Literal braces do not work in dlt paths.`,
    });
    return bound;
  }
  // dlt rebuilds the path after binding it, unescaping `{{b}}` to `{b}`, which its formatter then fails on.
  const escaped = /\{\{([^{}]*)\}\}/.exec(path);
  if (escaped) {
    const missing = /^[^.[!:]*/.exec(escaped[1] ?? "")?.[0] ?? "";
    ctx.add({
      at,
      severity: "error",
      code: "invalid_placeholder",
      range: ctx.loc.value(at),
      message:
        `The path \`${shown(path)}\` of resource \`${resourceName}\` escapes braces (\`${shown(escaped[0])}\`): ` +
        `dlt unescapes them when it binds the path and then fails on \`{${shown(escaped[1] ?? "")}}\` ` +
        `(KeyError: '${shown(missing)}'). Literal braces do not work in dlt paths.`,
    });
  }
  for (const [f, range] of locate(ctx, ctx.loc.value(at), fields)) {
    if (ctx.full) break;
    if (unsafeField(ctx, f, at, range)) continue;
    if (f.name.startsWith("resources.")) resourceExpr(scope, f, at, range);
    else if (scope.hasIncremental && f.name.startsWith("incremental.")) continue;
    else if (!f.name.includes(".")) {
      const found = param(f.name);
      bound.add(f.name);
      if (!found) {
        ctx.add({
          at,
          severity: "error",
          code: "path_param_missing",
          range,
          message:
            `The path '${shown(path)}' defined in resource '${resourceName}' requires a param named '${shown(f.name)}', ` +
            `but it was not found in 'endpoint.params': ${scope.params?.() ?? "{}"}. ` +
            `Add "params": {"${shown(f.name)}": …} (a static value) or reference a parent with {resources.<parent>.<field>}.`,
        });
      } else if (
        isObj(found.value) &&
        !hasMarker(found.value) &&
        found.value.type !== "resolve" &&
        // A type written as Python restplay left out may be `resolve`: dlt evaluates it.
        !isUnreadPython(ctx, [...found.at, "type"])
      ) {
        ctx.add({
          at,
          severity: "error",
          code: "invalid_placeholder",
          range,
          message: `The path \`${shown(path)}\` defined in resource \`${resourceName}\` tries to bind param \`${shown(f.name)}\` with type \`${String(found.value.type)}\`. Paths can only bind 'resolve' type params.`,
        });
      }
    } else {
      ctx.add({
        at,
        severity: "error",
        code: "invalid_placeholder",
        range,
        message: `The \`path=${shown(path)}\` defined in resource \`${resourceName}\` contains a placeholder \`${shown(f.name)}\`. This placeholder is not a valid name. Valid names are: ['resources', 'incremental']${f.name.startsWith("incremental.") ? " (`incremental.` needs an `incremental` block in this endpoint)" : ""}.`,
      });
    }
  }
  return bound;
}
