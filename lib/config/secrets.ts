import { pointerFromPath } from "../formats";

export interface SecretUse {
  readonly name: string;
  readonly kind: "secret" | "config";
  /** JSON pointers of every place the reference is used. */
  readonly paths: string[];
}

/** Every distinct `dlt.secrets[...]` / `dlt.config[...]` reference, in document order. */
export function listSecrets(value: unknown): SecretUse[] {
  const found = new Map<string, SecretUse>();
  const walk = (v: unknown, path: (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (typeof v === "object" && v !== null) {
      const o = v as Record<string, unknown>;
      const kind = typeof o.$secret === "string" ? "secret" : typeof o.$config === "string" ? "config" : null;
      if (kind) {
        const name = String(o.$secret ?? o.$config);
        const key = `${kind}:${name}`;
        const use = found.get(key) ?? { name, kind, paths: [] };
        use.paths.push(pointerFromPath(path));
        found.set(key, use);
      } else for (const [k, x] of Object.entries(o)) walk(x, [...path, k]);
    }
  };
  walk(value, []);
  return [...found.values()];
}
