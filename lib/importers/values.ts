/** Small readers for untrusted JSON-like values (parsed specs, HAR files, sample responses). */
import { MAX_KEY_LENGTH, type PlainValue } from "../formats";
import { isPrototypeKey, trimChars } from "../shared";

export type Obj = { readonly [key: string]: unknown };

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
export const own = (o: Obj, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);

/** Most values `plain` copies: a dereferenced document shares its objects, so a few KB of `$ref`s can hold billions. */
export const MAX_PLAIN_VALUES = 10_000;

/**
 * A JSON-safe copy of `v` (depth- and size-bounded; functions, cycles and undefined dropped): at most 50 items,
 * 200 keys and 12 levels at each place, `MAX_PLAIN_VALUES` in all (copied breadth first; what is past it is left out).
 */
export function plain(v: unknown): PlainValue {
  let left = MAX_PLAIN_VALUES;
  let root: PlainValue = null;
  const queue: [unknown, number, (x: PlainValue) => void][] = [[v, 0, (x) => (root = x)]];
  for (let i = 0; i < queue.length; i++) {
    const [x, depth, put] = queue[i] as [unknown, number, (x: PlainValue) => void];
    if (x === null || typeof x === "string" || typeof x === "boolean") put(x);
    else if (typeof x === "number") put(Number.isFinite(x) ? x : null);
    else if (depth > 12) put(null);
    else if (Array.isArray(x)) {
      const out: PlainValue[] = [];
      put(out);
      for (const item of x.slice(0, Math.min(50, left))) {
        left--;
        const at = out.push(null) - 1;
        queue.push([item, depth + 1, (y) => (out[at] = y)]);
      }
    } else if (isObj(x)) {
      const out: Record<string, PlainValue> = {};
      put(out);
      for (const [k, item] of Object.entries(x).slice(0, 200)) {
        if (left <= 0) break;
        if (item === undefined || typeof item === "function") continue;
        left--;
        const set = (y: PlainValue) => Object.defineProperty(out, k, { value: y, enumerable: true, writable: true, configurable: true });
        set(null);
        queue.push([item, depth + 1, set]);
      }
    } else put(null);
  }
  return root;
}

/**
 * A value written as it was sent: dlt reads `{…}` in `params`, `json` and `data` strings (keys too) as placeholders,
 * so a literal brace is doubled (`{"q":"x"}` as a form field → `{{"q":"x"}}`, which dlt sends as written).
 */
export function literal(v: PlainValue, dropped?: DroppedKey): PlainValue {
  if (typeof v === "string") return v.replace(/[{}]/g, (c) => c + c);
  if (Array.isArray(v)) return v.map((x) => literal(x, dropped));
  // Keys too: dlt formats a dict's keys as it formats its values.
  if (v !== null && typeof v === "object")
    return Object.fromEntries(
      Object.entries(v).flatMap(([k, x]) => {
        const key = configKey(k, dropped);
        return key === null ? [] : [[key, literal(x, dropped)]];
      }),
    );
  return v;
}

/** Told of a key left out of a config, and why (a clause: "restplay takes no JavaScript prototype name as a key"). */
export type DroppedKey = (key: string, why: string) => void;

/**
 * A key of what was sent as the config writes it — literal braces doubled, as `literal` — or `null` when no config holds
 * it (`dropped` is told why): a JavaScript prototype's name (`__proto__`, `constructor`, `prototype`), or a key longer
 * than restplay reads once its braces are doubled (MAX_KEY_LENGTH: the editor would mark it `invalid_key`).
 */
export function configKey(key: string, dropped?: DroppedKey): string | null {
  if (isPrototypeKey(key)) {
    dropped?.(key, "restplay takes no JavaScript prototype name as a key");
    return null;
  }
  const written = literal(key) as string;
  if (written.length <= MAX_KEY_LENGTH) return written;
  dropped?.(
    key,
    `it is ${written.length.toLocaleString("en-US")} characters long as a config writes it, ` +
      `and restplay reads keys of up to ${MAX_KEY_LENGTH}`,
  );
  return null;
}

/** A note for a key of what was sent that no config takes (`__proto__`, a key too long): left out, and said where and why. */
export const droppedKeyNote =
  (where: string, notes: string[]): DroppedKey =>
  (key, why) =>
    void notes.push(`The key \`${key.length > 60 ? `${key.slice(0, 60)}…` : key}\` in ${where} was left out: ${why}.`);

/** snake_case from a path segment or camelCase name: `bankTransactions` → `bank_transactions`. */
export function snake(s: string): string {
  const joined = s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_");
  const out = trimChars(joined, "_").toLowerCase();
  return /^[0-9]/.test(out) ? `r_${out}` : out || "resource";
}

/** `users` → `user` (enough for matching `user_id` to a `users` collection). */
export const singular = (s: string): string =>
  s.endsWith("ies") ? `${s.slice(0, -3)}y` : s.endsWith("ses") ? s.slice(0, -2) : s.endsWith("s") ? s.slice(0, -1) : s;
