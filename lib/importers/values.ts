/** Small readers for untrusted JSON-like values (parsed specs, HAR files, sample responses). */
import type { PlainValue } from "../formats";
import { isPrototypeKey, trimChars } from "../shared";

export type Obj = { readonly [key: string]: unknown };

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const own = (o: Obj, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

/** A JSON-safe copy of `v` (depth- and size-bounded; functions, cycles and undefined dropped). */
export function plain(v: unknown, depth = 0): PlainValue {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (depth > 12) return null;
  if (Array.isArray(v)) return v.slice(0, 50).map((x) => plain(x, depth + 1));
  if (isObj(v)) {
    const out: Record<string, PlainValue> = {};
    for (const [k, x] of Object.entries(v).slice(0, 200))
      if (x !== undefined && typeof x !== "function")
        Object.defineProperty(out, k, { value: plain(x, depth + 1), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return null;
}

/**
 * A value written as it was sent: dlt reads `{…}` in `params`, `json` and `data` strings (keys too) as placeholders,
 * so a literal brace is doubled (`{"q":"x"}` as a form field → `{{"q":"x"}}`, which dlt sends as written).
 */
export function literal(v: PlainValue, dropped?: (key: string) => void): PlainValue {
  if (typeof v === "string") return v.replace(/[{}]/g, (c) => c + c);
  if (Array.isArray(v)) return v.map((x) => literal(x, dropped));
  // Keys too: dlt formats a dict's keys as it formats its values. A prototype's name is no key a config takes here.
  if (v !== null && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v).flatMap(([k, x]) => (keptKey(k, dropped) ? [[literal(k) as string, literal(x, dropped)]] : [])),
    );
  return v;
}

/** Whether a key of what was sent can be a config's (`__proto__`, `constructor`, `prototype` cannot: `dropped` is told). */
export function keptKey(key: string, dropped?: (key: string) => void): boolean {
  if (!isPrototypeKey(key)) return true;
  dropped?.(key);
  return false;
}

/** snake_case from a path segment or camelCase name: `bankTransactions` → `bank_transactions`. */
export function snake(s: string): string {
  const joined = s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_");
  const out = trimChars(joined, "_").toLowerCase();
  return /^[0-9]/.test(out) ? `r_${out}` : out || "resource";
}

/** `users` → `user` (enough for matching `user_id` to a `users` collection). */
export const singular = (s: string): string =>
  s.endsWith("ies") ? `${s.slice(0, -3)}y` : s.endsWith("ses") ? s.slice(0, -2) : s.endsWith("s") ? s.slice(0, -1) : s;
