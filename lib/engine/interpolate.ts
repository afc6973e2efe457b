/**
 * Placeholders (dlt-rest-api.md §6): Python `str.format` fields such as `{resources.posts.id}` and
 * `{incremental.start_value}`, with `{{`/`}}` escapes, `!r`/`!s` conversions and the common part of
 * the format-spec mini-language (fill, align, width, zero padding, precision).
 */
import type { Json } from "./types";
import { isPyNumber, PY_NUMBER, pyRepr, pyStr, setOwn } from "../shared";

export { pyRepr, pyStr };

const TOKEN = /\{\{|\}\}|\{([^{}]*)\}/g;

export interface Field {
  readonly name: string;
  readonly conversion: "r" | "s" | "a" | null;
  readonly spec: string;
}

/** `name!conv:spec` split into its parts. */
export function parseField(raw: string): Field {
  const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(raw);
  return { name: (m?.[1] ?? raw).trim(), conversion: (m?.[2] as Field["conversion"] | undefined) ?? null, spec: m?.[3] ?? "" };
}

function applySpec(value: Json | undefined, text: string, spec: string): string {
  const m = /^(?:(.)?([<>^=]))?([+\- ])?(0)?(\d+)?(?:\.(\d+))?([sdfFeEg%])?$/.exec(spec);
  if (!m) return text;
  const [, fillChar, align, , zero, width, precision, type] = m;
  let s = text;
  if (typeof value === "number" && (precision !== undefined || type === "f" || type === "F"))
    s = value.toFixed(precision !== undefined ? Number(precision) : 6);
  else if (typeof value === "string" && precision !== undefined) s = s.slice(0, Number(precision));
  const w = width ? Number(width) : 0;
  if (s.length >= w) return s;
  const fill = fillChar ?? (zero ? "0" : " ");
  const a = align ?? (typeof value === "number" ? (zero ? "=" : ">") : "<");
  const pad = (n: number) => fill.repeat(n);
  if (a === "<") return s + pad(w - s.length);
  if (a === "^") {
    const left = Math.floor((w - s.length) / 2);
    return pad(left) + s + pad(w - s.length - left);
  }
  if (a === "=" && /^[+-]/.test(s)) return s[0] + pad(w - s.length) + s.slice(1);
  return pad(w - s.length) + s;
}

export type Lookup = (name: string) => Json | undefined;

function render(field: Field, lookup: Lookup): string {
  const value = lookup(field.name);
  const text = field.conversion === "r" || field.conversion === "a" ? pyRepr(value) : pyStr(value);
  // A number as Python holds it (`5.0`) is formatted as that number (`{…:.2f}`).
  return field.spec ? applySpec(isPyNumber(value) ? Number(value[PY_NUMBER]) : value, text, field.spec) : text;
}

export function formatString(s: string, lookup: Lookup): string {
  if (!s.includes("{") && !s.includes("}")) return s;
  return s.replace(TOKEN, (m, raw: string | undefined) => (m === "{{" ? "{" : m === "}}" ? "}" : render(parseField(raw ?? ""), lookup)));
}

/**
 * Deep formatting (keys and values); in JSON bodies a lone placeholder keeps the value's type. Parts
 * without placeholders are returned as they are, not copied (a large body is formatted per request
 * sequence on the request thread); callers never change the result (a paginator's body path copies).
 */
export function formatDeep(v: Json, lookup: Lookup, preserveTypes: boolean): Json {
  if (typeof v === "string") {
    if (preserveTypes) {
      const lone = /^\{([^{}]+)\}$/.exec(v);
      const field = lone?.[1] !== undefined ? parseField(lone[1]) : null;
      if (field && field.conversion === null && field.spec === "") return lookup(field.name) ?? null;
    }
    return formatString(v, lookup);
  }
  if (Array.isArray(v)) {
    let out: Json[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as Json;
      const f = formatDeep(x, lookup, preserveTypes);
      if (out === null && f !== x) out = v.slice(0, i);
      out?.push(f);
    }
    return out ?? v;
  }
  if (v && typeof v === "object") {
    let out: { [k: string]: Json } | null = null;
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as string;
      const x = v[k] as Json;
      const fk = formatString(k, lookup);
      const f = formatDeep(x, lookup, preserveTypes);
      if (out === null && (fk !== k || f !== x)) {
        out = {};
        for (let j = 0; j < i; j++) setOwn(out, keys[j] as string, v[keys[j] as string] as Json);
      }
      if (out !== null) setOwn(out, fk, f);
    }
    return out ?? v;
  }
  return v;
}
