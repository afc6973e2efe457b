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
      const o = v as Record<string, unknown>;
      const kind = typeof o.$secret === "string" ? "secret" : typeof o.$config === "string" ? "config" : null;
      if (kind) {
        const name = String(o.$secret ?? o.$config);
        const key = `${kind}:${name}`;
        const use = found.get(key) ?? { name, kind, paths: [] };
        use.paths.push(pointerFromPath(path));
        found.set(key, use);
      } else
        for (const [k, x] of Object.entries(o)) {
          path.push(k);
          walk(x);
          path.pop();
        }
    }
  };
  walk(value);
  return [...found.values()];
}
