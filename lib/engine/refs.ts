/**
 * Binding secrets: `{"$secret": n}` / `{"$config": n}` references in the resolved source are replaced
 * by `options.secrets[n]` (missing names collected) — as text, or (`cast`) as the value dlt's config providers make
 * of it (`dltConfigValue`: `8080` an int, `true` a bool, a JSON dict a dict; checked with dlt 1.26.0); a
 * `{"$format": [parts]}` becomes its parts joined, each reference by Python's `str()` of that value, as an f-string
 * formats it (`2.0`, `True`, `{'a': 1}`). A cast reference (`int(dlt.config["lim"])`) is Python's cast of that value
 * (of `os.environ`'s text as it is), whatever `cast` says (lib/shared/py-cast.ts; validation refused a value Python raises on).
 * A reference read with dlt's `get` (`dlt.config.get("lim")`, `get("lim", int)`) is what `get` hands over (`dltGet`): None
 * without a value (not missing: the run goes on with None, as dlt's), the text uncast, or the text read as the type given.
 * Python values never reach the engine (lib/config leaves them out and lists where they were).
 */
import type { ConfigValue } from "../config/resolved";
import type { Json } from "./types";
import {
  getOwn,
  isFormat,
  isPyNumber,
  joinFormat,
  pyCast,
  pyStr,
  readRef,
  refOf,
  setOwn,
  type RefCast,
  type HeldDate,
  type HeldValues,
  type RefGet,
  type RefKind,
} from "../shared";

export type Obj = { [k: string]: Json };
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export class RefResolver {
  /** The names a run has no value for, each with how the config reads it (`dlt.config["base_url"]` is no secret). */
  readonly missing = new Map<string, RefKind>();
  /**
   * Secrets bound as numbers, as they are then written (`int(dlt.secrets["pin"])` of `00123456` is sent as `123456`,
   * `dlt.secrets["acct"]` in a query as dlt's providers read it, `f"{…}"` as Python's str()): the run masks these
   * spellings too, not only the text it was given.
   */
  readonly spellings = new Set<string>();
  /**
   * `environ`: names Python reads with `os.environ[...]` itself, whose values stay text (ResolvedSource's `environRefs`);
   * `held`: what dlt's TOML providers hold for some names as other than text, handed over as it is (lib/shared `HeldValues`).
   */
  constructor(
    private readonly secrets: Readonly<Record<string, string>>,
    private readonly environ: readonly string[] = [],
    private readonly held: HeldValues = {},
  ) {}

  /**
   * The value with references replaced (a missing one becomes `""` and is recorded). A part without
   * references is returned as it is, not copied (a resolved source is never changed; a 1 MB config's
   * params are bound once per run on the request thread).
   */
  bind(v: ConfigValue, cast = false): Json {
    const ref = refOf(v);
    if (ref?.get !== undefined) return this.got(ref.name, ref.kind, ref.get, ref.cast);
    if (ref !== null)
      return ref.cast ? this.pyCast(ref.name, ref.kind, ref.cast) : cast ? this.cast(ref.name, ref.kind) : this.value(ref.name, ref.kind);
    if (isFormat(v)) return joinFormat(v, (ref) => pyStr(this.bind(ref, true)));
    if (Array.isArray(v)) {
      let out: Json[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const x = v[i] as ConfigValue;
        const b = this.bind(x, cast);
        if (out === null && b !== x) out = v.slice(0, i) as Json[];
        out?.push(b);
      }
      return out ?? (v as Json[]);
    }
    if (isObj(v)) {
      let out: Obj | null = null;
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i] as string;
        const x = v[k] as ConfigValue;
        const b = this.bind(x, cast);
        if (out === null && b !== x) {
          out = {};
          for (let j = 0; j < i; j++) setOwn(out, keys[j] as string, v[keys[j] as string] as Json);
        }
        if (out !== null) setOwn(out, k, b);
      }
      return out ?? (v as Obj);
    }
    return v;
  }

  /** A reference's value (`""` when it is missing, which is recorded). */
  private value(name: string, kind: RefKind): string {
    const value = getOwn(this.secrets, name);
    if (value === undefined && !this.missing.has(name)) this.missing.set(name, kind);
    return value ?? "";
  }

  /** A reference's value as dlt reads it (`""` when it is missing, which is recorded; lib/shared `readRef`). */
  private cast(name: string, kind: RefKind): Json {
    const text = this.value(name, kind);
    if (this.missing.has(name)) return text;
    const r = readRef({ name }, text, getOwn(this.held, name), this.environ.includes(name));
    return this.spelled(kind, "value" in r ? r.value : text);
  }

  /** Python's `int(…)`/`float(…)`/`bool(…)` of a reference's value (its value uncast, when it is missing or Python would raise). */
  private pyCast(name: string, kind: RefKind, cast: RefCast): Json {
    const text = this.value(name, kind);
    if (this.missing.has(name)) return text;
    const r = readRef({ name, cast }, text, getOwn(this.held, name), this.environ.includes(name));
    return "value" in r ? this.spelled(kind, r.value) : this.cast(name, kind);
  }

  /**
   * What dlt's `get` hands over (None without a value, the value uncast, or read as `get`'s type), then Python's cast of it
   * if any (lib/shared `readRef`); the text itself where dlt or Python would raise (validation refused the value).
   */
  private got(name: string, kind: RefKind, get: RefGet, cast: RefCast | undefined): Json {
    const text = getOwn(this.secrets, name);
    const r =
      text === undefined ? (cast ? pyCast(cast, null) : { value: null }) : readRef({ name, get, cast }, text, getOwn(this.held, name));
    return "value" in r ? this.spelled(kind, r.value) : (text ?? null);
  }

  /** `value`, a secret's spelling noted when it is a number (a bool's `True` is no credential to look for). */
  private spelled(kind: RefKind, value: Json): Json {
    if (kind === "secret" && (typeof value === "number" || isPyNumber(value))) this.spellings.add(pyStr(value));
    return value;
  }

  /**
   * The held dates `v` hands over as they are — a reference, bare or read with an untyped `get` (or as a dict or a list), to a
   * TOML date or to a table or list holding one; not text made with references, which writes their `str()` — each at its
   * path in the bound value (checked with dlt 1.26.0: a `json` body, a header and an auth secret refuse them).
   */
  dates(v: ConfigValue | null, at: readonly (string | number)[] = []): { readonly at: (string | number)[]; readonly date: HeldDate }[] {
    const ref = refOf(v);
    if (ref !== null) {
      if (ref.cast || (ref.get !== undefined && ref.get !== true && ref.get !== "dict" && ref.get !== "list")) return [];
      return (getOwn(this.held, ref.name)?.dates ?? []).map((date) => ({ at: [...at, ...date.at], date }));
    }
    if (isFormat(v)) return [];
    if (Array.isArray(v)) return v.flatMap((x, i) => this.dates(x as ConfigValue, [...at, i]));
    return isObj(v) ? Object.entries(v).flatMap(([k, x]) => this.dates(x as ConfigValue, [...at, k])) : [];
  }

  /** The keys of a dict (a header dict) whose value is a held date (`dates`), with it. */
  dateKeys(v: ConfigValue | null): ReadonlyMap<string, HeldDate> {
    return new Map(this.dates(v).flatMap(({ at, date }) => (at.length === 1 ? [[String(at[0]), date] as const] : [])));
  }

  /** Like `bind`, for a dict (`{}` for anything else). */
  dict(v: Readonly<Record<string, ConfigValue>> | null, cast = false): Obj {
    const r = v === null ? null : this.bind(v as ConfigValue, cast);
    return isObj(r) ? r : {};
  }
}
