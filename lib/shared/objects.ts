/**
 * Objects built from untrusted keys (config text, API responses, request bodies).
 *
 * Why: `obj[key] = value` with `key === "__proto__"` does not create a key: it replaces the object's
 * prototype, and a walk that reads `obj["__proto__"]` lands on `Object.prototype`, where a write
 * poisons every object in the process (issue #13, finding 1). Every writer whose key comes from
 * input goes through `setOwn`; every reader of such a key checks `Object.hasOwn`.
 */

/** Key names that reach an object's prototype machinery instead of the object's own data. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Whether `key` is one of `PROTOTYPE_KEYS`. */
export const isPrototypeKey = (key: string): boolean => PROTOTYPE_KEYS.has(key);

/** `obj[key] = value` that always creates (or overwrites) an own, enumerable data property. */
export function setOwn<V>(obj: { [key: string]: V }, key: string, value: V): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** `obj[key]` for an own property only (never an inherited `constructor`, `toString` or `__proto__`). */
export function getOwn<V>(obj: { readonly [key: string]: V }, key: string): V | undefined {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
