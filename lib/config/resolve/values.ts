/**
 * Reading a document that may be invalid, and turning its values into `ConfigValue`s. Resolution walks
 * the plain value, not zod's output: it must report dlt's build rules in documents that also have
 * schema errors (the editor lists every problem at once), and zod's output exists only for valid
 * ones. Where a typed view is handed out (`as PaginatorTypedConfig`, …) the source is returned only
 * when the whole document is valid, that is when zod accepted exactly these values (the schema has no
 * transforms, so its output equals its input).
 */
import type { ConfigValue } from "../resolved";
import { isPython, isRefOrFormat, setOwn } from "../../shared";
import { isObj, type Obj } from "../rules/context";

export { isObj, type Obj } from "../rules/context";
export { hasMarker, isFormat, isPython, isRef, isRefOrFormat } from "../../shared";

/** A value with its Python parts left out, and the config paths of those parts. */
export interface Stripped {
  /** `undefined`: the value itself is Python (or absent). */
  readonly value: ConfigValue | undefined;
  readonly python: readonly string[];
}

/** How a config path is written in `python_skipped` warnings: `endpoint.params.x`, `processing_steps[0].filter`. */
export const child = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/** The value without its Python parts (a copy where something was left out; references and `$format`s kept). */
export function strip(v: unknown, path: string): Stripped {
  const python: string[] = [];
  const value = walk(v, path, python);
  return { value, python };
}

function walk(v: unknown, path: string, python: string[]): ConfigValue | undefined {
  if (v === undefined) return undefined;
  if (isPython(v)) {
    python.push(path);
    return undefined;
  }
  if (Array.isArray(v)) {
    const out: ConfigValue[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = walk(v[i], child(path, i), python);
      if (x !== undefined) out.push(x);
    }
    return out;
  }
  if (isObj(v)) {
    if (isRefOrFormat(v)) return v as ConfigValue;
    const out: { [key: string]: ConfigValue } = {};
    for (const k of Object.keys(v)) {
      const x = walk(v[k], child(path, k), python);
      if (x !== undefined) setOwn(out, k, x);
    }
    return out;
  }
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null ? v : undefined;
}

/** A dict's entries without Python values (a non-dict is `{}`). */
export function stripDict(v: unknown, path: string): { value: Record<string, ConfigValue>; python: readonly string[] } {
  const s = strip(v, path);
  return { value: isObj(s.value) ? (s.value as Record<string, ConfigValue>) : {}, python: s.python };
}

/** A dict's own value at `key`, as dlt's `{**defaults, **own}` sees it: `own` first when it has the key. */
export function pick(own: Obj | null, defaults: Obj | null, key: string): { value: unknown; fromDefaults: boolean; present: boolean } {
  if (own && Object.hasOwn(own, key)) return { value: own[key], fromDefaults: false, present: true };
  if (defaults && Object.hasOwn(defaults, key)) return { value: defaults[key], fromDefaults: true, present: true };
  return { value: undefined, fromDefaults: false, present: false };
}

/** A list of strings (non-strings dropped), `null` for anything but a list. */
export const stringList = (v: unknown): string[] | null => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : null);

/** A key or list of keys (`primary_key`, `merge_key`) as a list; `null` for anything else (a Python callable). */
export const keyList = (k: unknown): string[] | null => (typeof k === "string" ? [k] : stringList(k));
