/**
 * References and Python values inside a config: `{"$secret": n}` / `{"$config": n}` are replaced by
 * `options.secrets[n]` (missing names collected), `{"$python": …}` values are dropped and their
 * config paths collected (validated, not executed in the playground).
 */
import type { Json } from "./types";
import { setOwn } from "../shared";
import { getOwn } from "../shared";

export type Obj = { [k: string]: Json };
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
export const isPython = (v: unknown): boolean => isObj(v) && typeof v.$python === "string" && Object.keys(v).length === 1;
export const refName = (v: unknown): string | null => (isObj(v) && Object.keys(v).length === 1 ? (typeof v.$secret === "string" ? v.$secret : typeof v.$config === "string" ? v.$config : null) : null);

export class RefResolver {
  readonly missing = new Set<string>();
  readonly python: string[] = [];
  constructor(private readonly secrets: Readonly<Record<string, string>>) {}

  /** The value with references replaced; `undefined` for a Python value (its path is recorded). */
  resolve(v: unknown, path: string): Json | undefined {
    const name = refName(v);
    if (name !== null) {
      const value = getOwn(this.secrets, name);
      if (value === undefined) this.missing.add(name);
      return value ?? "";
    }
    if (isPython(v)) {
      this.python.push(path);
      return undefined;
    }
    if (Array.isArray(v)) {
      const out: Json[] = [];
      v.forEach((x, i) => {
        const r = this.resolve(x, `${path}[${i}]`);
        if (r !== undefined) out.push(r);
      });
      return out;
    }
    if (isObj(v)) {
      const out: Obj = {};
      for (const [k, x] of Object.entries(v)) {
        const r = this.resolve(x, path ? `${path}.${k}` : k);
        if (r !== undefined) setOwn(out, k, r);
      }
      return out;
    }
    return v === undefined ? undefined : (v as Json);
  }

  /** Like `resolve`, for a dict: a non-dict becomes `{}`. */
  dict(v: unknown, path: string): Obj {
    const r = this.resolve(v, path);
    return isObj(r) ? r : {};
  }
}
