/**
 * `unsafe_path_segment`: `__proto__`, `constructor` or `prototype` in a string the schema marks as
 * a key path or name (key-paths.ts), as a key of a record keyed by names, `__proto__` as the key of
 * any record (zod drops it, so the value would silently vanish), and in the `resource`, `field` and
 * `cursor_path` of typed params, which the schema leaves open. Placeholders are checked with the
 * other placeholder rules (placeholders.ts). The walk follows the schema, so it is linear in the
 * config and as deep as the schema.
 */
import type { z } from "zod";
import type { Range } from "../../formats";
import { where, type Path } from "../located";
import { keyPaths, unsafeMessage, unsafeSegment, UNSAFE_KEYS, type KeyPathKind } from "../key-paths";
import { defOf, pickVariant, unwrap } from "../schema-walk";
import { EndpointSchema, RestApiConfigSchema } from "../schema";
import { isObj, isSpecial, type RuleContext } from "./context";

/** Schemas that accept anything: nothing under them is a key path the schema knows of. */
const OPEN = new Set(["unknown", "any"]);

export function checkKeyPaths(ctx: RuleContext, config: unknown): void {
  walk(ctx, RestApiConfigSchema, config, []);
}

/** The segment's own range inside the string token at `r` (the whole token if escapes hide it). */
function segmentRange(ctx: RuleContext, r: Range, segment: string): Range {
  const i = ctx.text.indexOf(segment, r.start);
  return i < 0 || i + segment.length > r.end ? r : { start: i, end: i + segment.length };
}

function checkString(ctx: RuleContext, s: string, kind: KeyPathKind, at: Path): void {
  const bad = unsafeSegment(s, kind);
  if (bad === null) return;
  ctx.add({ at, severity: "error", code: "unsafe_path_segment", range: segmentRange(ctx, ctx.loc.value(at), bad), message: unsafeMessage(bad, where(at)) });
}

function walk(ctx: RuleContext, schema: z.ZodType, value: unknown, at: Path): void {
  if (ctx.full || isSpecial(value)) return;
  const s = pickVariant(schema, value);
  if (!s) return;
  const mark = keyPaths.get(s) ?? keyPaths.get(unwrap(s));
  const d = defOf(unwrap(s));
  if (typeof value === "string") {
    if (mark && !mark.keys) checkString(ctx, value, mark.kind, at);
  } else if (Array.isArray(value)) {
    const element = d.type === "array" ? d.element : undefined;
    if (element) value.forEach((v: unknown, i) => walk(ctx, element, v, [...at, i]));
  } else if (isObj(value) && d.type === "object" && d.shape) {
    const shape = d.shape;
    for (const [k, v] of Object.entries(value)) if (Object.hasOwn(shape, k) && shape[k]) walk(ctx, shape[k], v, [...at, k]);
    if (unwrap(s) === EndpointSchema) typedParams(ctx, value.params, [...at, "params"]);
  } else if (isObj(value) && d.type === "record") {
    // Values of `z.unknown()` (a JSON body, params) hold no key paths: only the keys are looked at.
    const values = d.valueType && !OPEN.has(defOf(unwrap(d.valueType)).type) ? d.valueType : null;
    for (const k of Object.keys(value)) {
      if (k === "__proto__" || (mark?.keys && UNSAFE_KEYS.has(k))) {
        const what = k === "__proto__" ? `${where(at)} (zod, and so the run, would drop it silently)` : where(at);
        ctx.add({ at: [...at, k], severity: "error", code: "unsafe_path_segment", range: ctx.loc.key([...at, k]), message: unsafeMessage(k, what) });
      }
      if (values) walk(ctx, values, value[k], [...at, k]);
    }
  }
}

/** `{type: resolve, resource, field}` and `{type: incremental, cursor_path}` params. */
function typedParams(ctx: RuleContext, params: unknown, at: Path): void {
  if (!isObj(params)) return;
  for (const [name, p] of Object.entries(params)) {
    if (!isObj(p) || ctx.full) continue;
    const fields: [string, KeyPathKind][] = p.type === "resolve" ? [["resource", "name"], ["field", "jsonpath"]] : p.type === "incremental" ? [["cursor_path", "jsonpath"]] : [];
    for (const [key, kind] of fields) {
      const v = p[key];
      if (typeof v === "string") checkString(ctx, v, kind, [...at, name, key]);
    }
  }
}
