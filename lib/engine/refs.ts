/**
 * Binding secrets: `{"$secret": n}` / `{"$config": n}` references in the resolved source are replaced
 * by `options.secrets[n]` (missing names collected). Python values never reach the engine (lib/config
 * leaves them out and lists where they were).
 */
import type { ConfigValue } from "../config/resolved";
import type { Json } from "./types";
import { getOwn, setOwn } from "../shared";

export type Obj = { [k: string]: Json };
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const refName = (v: ConfigValue): string | null =>
  isObj(v) && Object.keys(v).length === 1
    ? typeof v.$secret === "string"
      ? v.$secret
      : typeof v.$config === "string"
        ? v.$config
        : null
    : null;

export class RefResolver {
  readonly missing = new Set<string>();
  constructor(private readonly secrets: Readonly<Record<string, string>>) {}

  /** The value with references replaced (a missing one becomes `""` and is recorded). */
  bind(v: ConfigValue): Json {
    const name = refName(v);
    if (name !== null) {
      const value = getOwn(this.secrets, name);
      if (value === undefined) this.missing.add(name);
      return value ?? "";
    }
    if (Array.isArray(v)) return v.map((x) => this.bind(x));
    if (isObj(v)) {
      const out: Obj = {};
      for (const k of Object.keys(v)) setOwn(out, k, this.bind(v[k] as ConfigValue));
      return out;
    }
    return v;
  }

  /** Like `bind`, for a dict (`{}` for anything else). */
  dict(v: Readonly<Record<string, ConfigValue>> | null): Obj {
    const r = v === null ? null : this.bind(v as ConfigValue);
    return isObj(r) ? r : {};
  }
}
