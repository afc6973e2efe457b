import { pointerFromPath } from "../formats";
import { isPython, isRefOrFormat, refsIn, type RefCast, type RefParam } from "../shared";

export interface SecretUse {
  readonly name: string;
  readonly kind: "secret" | "config";
  /** JSON pointers of every place the reference is used. */
  readonly paths: string[];
  /**
   * How the places read it, when one casts it (decision 0047: `int(dlt.secrets["pin"])`): each distinct cast in document
   * order, `null` for a place that reads it as it is. Absent when no place casts it.
   */
  readonly casts?: (RefCast | null)[];
  /**
   * Every use reads it with dlt's `get` (`dlt.config.get("x")`): without a value dlt hands over None and the run goes on,
   * so no value is required (a run says what None does: get-refs.ts).
   */
  readonly optional?: true;
  /**
   * Every use is a source function's parameter (`$param`, decision 0045 twenty-eighth session): dlt looks it up under its
   * module's and source's sections and the shorter names (lib/shared secretLookupNames). A name also written as
   * `dlt.secrets["sources.shop.api_key"]` is looked up under that name only, as that use is.
   */
  readonly param?: RefParam;
}

/**
 * Every distinct `dlt.secrets[...]` / `dlt.config[...]` reference, in document order, those a `$format`
 * (an f-string) is made with too, at the `$format`'s path. A dict with a
 * marker key and more (`{"$secret": "t", "note": 1}`, as a `json` body may hold) is data, not a
 * reference: nothing binds it, so it asks for no value.
 */
export function listSecrets(value: unknown): SecretUse[] {
  const found = new Map<string, SecretUse>();
  const reads = new Map<string, (RefCast | null)[]>();
  // One path, extended and cut back as the walk goes (turned into a pointer only for a reference).
  const path: (string | number)[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
    } else if (typeof v === "object" && v !== null) {
      if (isRefOrFormat(v)) {
        const at = pointerFromPath(path);
        for (const { kind, name, cast = null, get, param } of refsIn(v)) {
          const key = `${kind}:${name}`;
          const before = found.get(key);
          const optional = get !== undefined && (before === undefined || before.optional === true);
          const asParam = param !== undefined && (before === undefined || before.param === param) ? param : undefined;
          const use: SecretUse = {
            name,
            kind,
            paths: before?.paths ?? [],
            ...(optional ? { optional: true as const } : {}),
            ...(asParam !== undefined ? { param: asParam } : {}),
          };
          if (use.paths[use.paths.length - 1] !== at) use.paths.push(at);
          found.set(key, use);
          reads.set(key, [...new Set([...(reads.get(key) ?? []), cast])]);
        }
      } else
        for (const [k, x] of Object.entries(v)) {
          path.push(k);
          walk(x);
          path.pop();
        }
    }
  };
  walk(value);
  return [...found].map(([key, use]) => {
    const casts = reads.get(key) ?? [];
    return casts.some((c) => c !== null) ? { ...use, casts } : use;
  });
}

/** `dlt.secrets["x"]` / `dlt.config['x']` as Python code spells it. */
const REF_IN_CODE = /\bdlt\.(secrets|config)\[\s*(?:"([^"\\\n]*)"|'([^'\\\n]*)')\s*\]/g;

/**
 * The references read only inside Python restplay does not evaluate (`"limit": int(dlt.config["lim"]) * 2`), by name:
 * dlt reads them when it runs, a playground run cannot use a value given for them.
 */
export function referencesInCode(value: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === "object" && v !== null) {
      if (isPython(v)) for (const m of v.$python.matchAll(REF_IN_CODE)) out.add(m[2] ?? m[3] ?? "");
      else if (!isRefOrFormat(v)) Object.values(v).forEach(walk);
    }
  };
  walk(value);
  return out;
}
