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

/**
 * Two lists of named dicts (column hints) merged as dlt's `merge_columns` merges a resource's columns
 * into its defaults': the defaults' in order, each combined with the own one of the same name (the own
 * keys win), then the own new names. Either list alone is returned as a copy.
 */
export function mergeByName<T extends { readonly name: string }>(layers: {
  readonly defaults: readonly T[] | null;
  readonly own: readonly T[] | null;
}): T[] {
  const { defaults, own } = layers;
  if (!defaults || !own) return [...(own ?? defaults ?? [])];
  const byName = new Map(defaults.map((c) => [c.name, c]));
  for (const c of own) byName.set(c.name, { ...byName.get(c.name), ...c });
  return [...byName.values()];
}

/** A dict kept as two layers (lib/config's `LayeredDict`): `{**defaults, **own}` without the `omit` keys of `defaults`. */
export interface Layers<V> {
  readonly defaults: { readonly [key: string]: V } | null;
  readonly own: { readonly [key: string]: V } | null;
  readonly omit: readonly string[];
}

/**
 * The merged dict, as Python's `{**defaults, **own}`: the defaults' keys in their order with the own
 * values replacing them in place, then the own new keys. The layers are not changed; a layer that is
 * the whole result (the other is empty, nothing omitted) is returned as it is, not copied.
 */
export function mergeLayers<V>(layers: Layers<V>): { readonly [key: string]: V } {
  const omit = layers.omit.length > 0 ? new Set(layers.omit) : null;
  const { defaults, own } = layers;
  const empty = (d: { readonly [key: string]: V } | null) => {
    for (const k in d) if (Object.hasOwn(d, k)) return false;
    return true;
  };
  if (omit === null && empty(defaults)) return own ?? {};
  if (omit === null && empty(own) && defaults) return defaults;
  const out: { [key: string]: V } = {};
  if (defaults) for (const k of Object.keys(defaults)) if (!omit?.has(k)) setOwn(out, k, defaults[k] as V);
  if (own) for (const k of Object.keys(own)) setOwn(out, k, own[k] as V);
  return out;
}
