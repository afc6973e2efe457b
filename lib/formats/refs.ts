import type { Diagnostic, DocEntry, DocNode, Range } from "./types";
import { MAX_KEY_LENGTH } from "./limits";
import { showToken } from "./syntax";
import { CAST_KEY, GET_KEY, PARAM_KEY, isFormat, isPython, refOf, refValue } from "../shared";

/** One RFC 6901 pointer segment: `~` -> `~0`, `/` -> `~1`. */
export function escapeSegment(segment: string | number): string {
  const s = String(segment);
  return s.includes("~") || s.includes("/") ? s.replace(/~/g, "~0").replace(/\//g, "~1") : s;
}

/**
 * JSON/YAML spelling of references and code: an object with exactly one key, `$secret`, `$config` or
 * `$python`, whose value is a string, or `$format`, whose value is a list of strings and references
 * (lib/shared/markers.ts); a reference may have a `$cast` beside it (`{"$config": "lim", "$cast": "int"}`). Anything
 * else (other keys, a non-string name) stays a plain object so that validation can point at it.
 */
export function specialObject(entries: readonly DocEntry[], range: Range): DocNode | null {
  if (entries.length === 2 || entries.length === 3) return castRef(entries, range);
  const e = entries[0];
  if (entries.length !== 1 || !e) return null;
  if (e.key === "$format" && e.value.kind === "array") {
    const parts = e.value.items.map((i) =>
      i.kind === "string" ? i.value : i.kind === "ref" ? refValue(i.ref, i.name, i.cast, i.get, i.param) : null,
    );
    const plain = { $format: parts };
    return isFormat(plain) ? { kind: "format", parts: plain.$format, range } : null;
  }
  if (e.value.kind !== "string") return null;
  const plain = { [e.key]: e.value.value };
  const ref = refOf(plain);
  if (ref) return { kind: "ref", ref: ref.kind, name: ref.name, range };
  return isPython(plain) ? { kind: "python", text: plain.$python, range } : null;
}

/**
 * `{"$config": "lim", "$cast": "int"}`, `{"$config": "lim", "$get": true}`, `{"$secret": "sources.s.k", "$param": true}` (in any
 * order): the reference, cast, read by `get` or a source parameter.
 */
function castRef(entries: readonly DocEntry[], range: Range): DocNode | null {
  const plain: Record<string, unknown> = {};
  // Every entry counts: a key of another kind of value (`"columns": 1` beside `$secret` and `$param`) leaves the object
  // plain, so that validation names the key (dlt refuses such a dict too); dropping it would accept a config dlt refuses.
  for (const e of entries) {
    if (e.value.kind !== "string" && e.value.kind !== "boolean") return null;
    plain[e.key] = e.value.value;
  }
  const ref = CAST_KEY in plain || GET_KEY in plain || PARAM_KEY in plain ? refOf(plain) : null;
  if (!ref || (ref.cast === undefined && ref.get === undefined && ref.param === undefined)) return null;
  return {
    kind: "ref",
    ref: ref.kind,
    name: ref.name,
    range,
    ...(ref.cast ? { cast: ref.cast } : {}),
    ...(ref.get !== undefined ? { get: ref.get } : {}),
    ...(ref.param !== undefined ? { param: ref.param } : {}),
  };
}

/** `invalid_key` for a key longer than MAX_KEY_LENGTH (the entry is left out), or null when it is short enough. */
export function longKey(key: string, pointer: string, keyRange: Range): Diagnostic | null {
  if (key.length <= MAX_KEY_LENGTH) return null;
  return {
    severity: "error",
    code: "invalid_key",
    path: pointer,
    range: keyRange,
    message:
      `This key is ${key.length.toLocaleString("en-US")} characters long; restplay reads keys of up to ${MAX_KEY_LENGTH} characters ` +
      "(names of params, headers and fields are short), so this entry is left out. Shorten the key.",
  };
}

/** Duplicate-key warning (last one wins, as in JSON.parse, YAML loaders and Python dicts). */
export function duplicateKeyWarning(key: string, pointer: string, keyRange: Range) {
  return {
    severity: "warning" as const,
    code: "duplicate_key",
    path: pointer,
    range: keyRange,
    message: `Duplicate key ${showToken(key)}: the last one wins and the earlier value is ignored. Remove one of them.`,
  };
}
