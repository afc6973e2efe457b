/**
 * `unsafe_path_segment`: `__proto__`, `constructor` or `prototype` in a string the schema marks as
 * a key path or name (key-paths.ts), as a key of a record keyed by names, `__proto__` as the key of
 * any record (zod drops it, so the value would silently vanish), and in the `resource`, `field` and
 * `cursor_path` of typed params, which the schema leaves open. Placeholders are checked with the
 * other placeholder rules (placeholders.ts). The walk follows the schema, so it is linear in the
 * config and as deep as the schema. Every JSONPath the walk meets is also parsed as dlt parses it
 * (jsonpath.ts: `invalid_jsonpath`).
 */
import type { z } from "zod";
import type { Range } from "../../formats";
import { where, type Path } from "../located";
import { keyPaths, unsafeKeys, unsafeMessage, unsafeSegment, type KeyPathKind } from "../key-paths";
import { defOf, literalValues, objectShape, pickVariant, unionMembers, unwrap } from "../schema-walk";
import { EndpointSchema, RestApiConfigSchema } from "../schema";
import { hasMarker } from "../../shared";
import { isObj, type RuleContext } from "./context";
import { checkJsonPathSyntax } from "./jsonpath";

/** Schemas that accept anything: nothing under them is a key path the schema knows of. */
const OPEN = new Set(["unknown", "any"]);

/** Per-schema answers, worked out once (the schema is built once; the walk runs on every keystroke). */
function memo<T>(fn: (s: z.ZodType) => T): (s: z.ZodType) => T {
  const seen = new WeakMap<z.ZodType, { v: T }>();
  return (s) => {
    let hit = seen.get(s);
    if (!hit) seen.set(s, (hit = { v: fn(s) }));
    return hit.v;
  };
}

const markOf = memo((s) => keyPaths.get(s) ?? keyPaths.get(unwrap(s)));

/** Whether a value of `s` can hold anything checked here: a marked string, a record's keys, typed params. */
const relevant: (s: z.ZodType) => boolean = memo((s) => {
  const u = unwrap(s);
  if (markOf(s) || u === EndpointSchema) return true;
  const members = unionMembers(u);
  if (members.length > 1) return members.some(relevant);
  const d = defOf(u);
  if (d.type === "record") return true;
  if (d.type === "object" && d.shape) return Object.values(d.shape).some(relevant);
  return d.type === "array" && d.element !== undefined && relevant(d.element);
});

type Kind = "string" | "array" | "object";
const KIND_OF_TYPE: Record<string, Kind> = {
  string: "string",
  enum: "string",
  literal: "string",
  array: "array",
  object: "object",
  record: "object",
};

/** A union's members that can hold something checked here, by the kind of value they take. */
const membersByKind = memo((s) => {
  const out: Record<Kind, z.ZodType[]> = { string: [], array: [], object: [] };
  for (const m of unionMembers(s)) {
    const kind = KIND_OF_TYPE[defOf(m).type];
    if (kind && relevant(m)) out[kind].push(m);
  }
  return out;
});

/** A union's relevant dict members by their `type` literal. */
const byType = memo((s) => {
  const out = new Map<unknown, z.ZodType>();
  for (const m of membersByKind(s).object) for (const t of literalValues(objectShape(m)?.type) ?? []) out.set(t, m);
  return out;
});

/** The member of `schema` that `value` means, among those that matter here (pickVariant only when the kind does not tell). */
function variant(schema: z.ZodType, value: unknown): z.ZodType | null {
  const kind: Kind | null = typeof value === "string" ? "string" : Array.isArray(value) ? "array" : isObj(value) ? "object" : null;
  if (kind === null) return null;
  const fit = membersByKind(schema)[kind];
  if (fit.length <= 1) return fit[0] ?? null;
  // A paginator or auth dict: its `type` names the member (a type without key paths needs no walk).
  const types = byType(schema);
  if (isObj(value) && typeof value.type === "string" && types.size > 0) return types.get(value.type) ?? null;
  return pickVariant(schema, value);
}

/** The keys of an object schema whose values can hold something checked here. */
const relevantKeys = memo((s): [string, z.ZodType][] => Object.entries(defOf(unwrap(s)).shape ?? {}).filter(([, c]) => relevant(c)));

export function checkKeyPaths(ctx: RuleContext, config: unknown): void {
  // One path, extended and cut back as the walk goes (copied only for a finding).
  walk(ctx, RestApiConfigSchema, config, []);
}

/** The segment's own range inside the string token at `r` (the whole token if escapes hide it). */
function segmentRange(ctx: RuleContext, r: Range, segment: string): Range {
  const i = ctx.text.indexOf(segment, r.start);
  return i < 0 || i + segment.length > r.end ? r : { start: i, end: i + segment.length };
}

function checkString(ctx: RuleContext, s: string, kind: KeyPathKind, at: Path): void {
  if (kind === "jsonpath") checkJsonPathSyntax(ctx, s, at);
  const bad = unsafeSegment(s, kind);
  if (bad === null) return;
  ctx.add({
    at,
    severity: "error",
    code: "unsafe_path_segment",
    range: segmentRange(ctx, ctx.loc.value(at), bad),
    message: unsafeMessage(bad, where(at)),
  });
}

function walk(ctx: RuleContext, schema: z.ZodType, value: unknown, path: (string | number)[]): void {
  if (!relevant(schema) || (typeof value === "object" && (ctx.full || hasMarker(value)))) return;
  const s = variant(schema, value);
  if (!s) return;
  const mark = markOf(s);
  const d = defOf(unwrap(s));
  if (typeof value === "string") {
    if (mark && !mark.keys) checkString(ctx, value, mark.kind, [...path]);
  } else if (Array.isArray(value)) {
    const element = d.type === "array" ? d.element : undefined;
    if (element) for (let i = 0; i < value.length; i++) step(ctx, element, value[i], path, i);
  } else if (isObj(value) && d.type === "object") {
    for (const [k, child] of relevantKeys(s)) if (Object.hasOwn(value, k)) step(ctx, child, value[k], path, k);
    if (unwrap(s) === EndpointSchema) typedParams(ctx, value.params, [...path, "params"]);
  } else if (isObj(value) && d.type === "record") {
    // Values of `z.unknown()` (a JSON body, params) hold no key paths: only the keys are looked at.
    const values = d.valueType && !OPEN.has(defOf(unwrap(d.valueType)).type) ? d.valueType : null;
    for (const k of Object.keys(value)) {
      if (k === "__proto__" || (mark?.keys && unsafeKeys(mark.kind).has(k))) {
        const what = k === "__proto__" ? `${where(path)} (zod, and so the run, would drop it silently)` : where(path);
        const at = [...path, k];
        ctx.add({ at, severity: "error", code: "unsafe_path_segment", range: ctx.loc.key(at), message: unsafeMessage(k, what) });
      }
      if (values) step(ctx, values, value[k], path, k);
    }
  }
}

/** `walk` one level down, under `key`. */
function step(ctx: RuleContext, schema: z.ZodType, value: unknown, path: (string | number)[], key: string | number): void {
  path.push(key);
  walk(ctx, schema, value, path);
  path.pop();
}

/** `{type: resolve, resource, field}` and `{type: incremental, cursor_path}` params. */
function typedParams(ctx: RuleContext, params: unknown, at: Path): void {
  if (!isObj(params)) return;
  for (const [name, p] of Object.entries(params)) {
    if (!isObj(p) || ctx.full) continue;
    const fields: [string, KeyPathKind][] =
      p.type === "resolve"
        ? [
            ["resource", "name"],
            ["field", "jsonpath"],
          ]
        : p.type === "incremental"
          ? [["cursor_path", "jsonpath"]]
          : [];
    for (const [key, kind] of fields) {
      const v = p[key];
      if (typeof v === "string") checkString(ctx, v, kind, [...at, name, key]);
    }
  }
}
