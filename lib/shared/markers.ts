/**
 * The reference-marker vocabulary (decision 0005): plain config values mark special values with a
 * one-key object — `{"$secret": name}` (`dlt.secrets[name]`), `{"$config": name}` (`dlt.config[name]`),
 * `{"$format": ["https://", {"$secret": "sub"}, ".example.com"]}` (text made of literal parts and
 * references: an f-string such as `f"https://{dlt.secrets['sub']}.example.com"`), `{"$python": text}`
 * (Python code restplay does not execute). The one home of the marker names and of the rule that
 * recognises them; lib/formats/refs.ts reads them from text by the same rule. A reference may carry a cast
 * beside its marker, `{"$config": "lim", "$cast": "int"}` for `int(dlt.config["lim"])` (decision 0047): `int`,
 * `float` or `bool` applied to the value dlt hands over (`str(…)` of a reference is a `$format` of it alone). A reference
 * read with dlt's `get` carries `$get` (decision 0005, twenty-seventh session): `{"$config": "lim", "$get": true}` for
 * `dlt.config.get("lim")`, `{"$config": "lim", "$get": "int"}` for `dlt.config.get("lim", int)` — None without a value,
 * the providers' value uncast, or cast to the type named (`dltGet`, lib/shared/py-cast.ts). A reference a `@dlt.source` (or
 * `@dlt.resource`) parameter is injected from carries `$param` (decision 0045, twenty-eighth session):
 * `{"$secret": "sources.shop.api_key", "$param": true}` for `def shop(api_key=dlt.secrets.value)` — dlt looks it up under its
 * source's sections too (`secretLookupNames`), where `dlt.secrets["sources.shop.api_key"]` is read under that name only;
 * `"$param": "sect"` when the decorator names the section (`@dlt.source(section="sect")`), which stands for the module's name.
 *
 * A special value has its one marker key and nothing else (`markerOf`); the key's value is a string, or
 * for `$format` a list of strings and references (`{"$secret": name}`/`{"$config": name}`). An
 * object that merely carries a marker key (`{"$secret": "x", "note": 1}`, `{"$secret": 1}`) is a
 * special value written wrong: validation reports it, and the rules that check what is inside values
 * leave it alone (`hasMarker`) rather than add their findings to that error.
 */

/** The marker keys, in the order `markedAs` tries them. */
export const MARKERS = ["$secret", "$config", "$format", "$python"] as const;
export type Marker = (typeof MARKERS)[number];
export type RefMarker = "$secret" | "$config";

/** The casts restplay evaluates on a reference: Python's own `int(…)`, `float(…)`, `bool(…)` around it. */
export const CASTS = ["int", "float", "bool"] as const;
export type RefCast = (typeof CASTS)[number];
/** The key beside `$secret`/`$config` that names a reference's cast. */
export const CAST_KEY = "$cast";
export const isCast = (v: unknown): v is RefCast => (CASTS as readonly unknown[]).includes(v);

/** The types dlt's `get(name, type)` is given (Python's own), or `true`: `get(name)` without one. */
export const GET_TYPES = ["int", "float", "bool", "str", "dict", "list"] as const;
export type GetType = (typeof GET_TYPES)[number];
export type RefGet = true | GetType;
/** The key beside `$secret`/`$config` that says the reference is read with dlt's `get` (and the type given to it). */
export const GET_KEY = "$get";
export const isGet = (v: unknown): v is RefGet => v === true || (GET_TYPES as readonly unknown[]).includes(v);

/**
 * A source function's parameter (`true`: its section is the module's name; a text: the section its decorator names): the
 * reference's name is `sources.<source>.<key>`, which dlt also looks up under the module's section and the shorter names.
 */
export type RefParam = true | string;
/** The key beside `$secret`/`$config` that says the reference is a source function's parameter. */
export const PARAM_KEY = "$param";
export const isParam = (v: unknown): v is RefParam => v === true || (typeof v === "string" && /^[^.\s]+$/.test(v));

/** A secret or config reference in a plain value: `{"$secret": "client_id"}`, perhaps cast (`"$cast": "int"`) or read by `get`. */
export type RefValue = ({ readonly $secret: string } | { readonly $config: string }) & {
  readonly $cast?: RefCast;
  readonly $get?: RefGet;
  readonly $param?: RefParam;
};
/** A part of a `$format`: literal text or a reference. */
export type FormatPart = string | RefValue;
/** Text made of literal parts and references, joined when the run binds them: `{"$format": ["Bearer ", {"$secret": "t"}]}`. */
export type FormatValue = { readonly $format: readonly FormatPart[] };
/** Python code in a plain value: `{"$python": "lambda r: r"}`. */
export type PythonValue = { readonly $python: string };
export type SpecialValue = RefValue | FormatValue | PythonValue;

/** The kind of a reference, as panels and bindings name it. */
export type RefKind = "secret" | "config";

/**
 * A reference as the user's Python reads it, for messages: `dlt.secrets["token"]`, `int(dlt.config["lim"])` with a cast,
 * `dlt.config.get("lim", int)` read by `get`.
 */
export const refSpelling = (kind: RefKind, name: string, cast?: RefCast, get?: RefGet): string => {
  const accessor = `dlt.${kind === "secret" ? "secrets" : "config"}`;
  const ref = get === undefined ? `${accessor}["${name}"]` : `${accessor}.get("${name}"${get === true ? "" : `, ${get}`})`;
  return cast ? `${cast}(${ref})` : ref;
};

type Dict = { readonly [key: string]: unknown };
const isDict = (v: unknown): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether a key is one of the markers. */
export const isMarker = (key: unknown): key is Marker => (MARKERS as readonly unknown[]).includes(key);

/** The keys a reference may carry beside its marker, each with the rule its value follows. */
const REF_EXTRAS: Readonly<Record<string, (v: unknown) => boolean>> = { [CAST_KEY]: isCast, [GET_KEY]: isGet, [PARAM_KEY]: isParam };

/**
 * The marker an object is written with: its only key, when that is a marker (the key's value unchecked), or a
 * reference's marker beside a valid `$cast`, `$get` and/or `$param`.
 */
export function soleMarker(v: object): Marker | null {
  const keys = Object.keys(v);
  if (keys.length === 1) return isMarker(keys[0]) ? keys[0] : null;
  if (keys.length > 4) return null;
  const extra = keys.filter((k) => Object.hasOwn(REF_EXTRAS, k) && (REF_EXTRAS[k] as (v: unknown) => boolean)((v as Dict)[k]));
  const others = keys.filter((k) => !Object.hasOwn(REF_EXTRAS, k));
  if (extra.length !== keys.length - 1 || others.length !== 1) return null;
  const other = others[0];
  return other === "$secret" || other === "$config" ? other : null;
}

/**
 * Which special value `v` is: the marker of `{"$secret": name}`, `{"$config": name}`, `{"$python": text}`,
 * `{"$format": [parts]}` (each part a string or a `$secret`/`$config` reference); null for anything else.
 */
export function markerOf(v: unknown): Marker | null {
  if (!isDict(v)) return null;
  const marker = soleMarker(v);
  if (marker === "$format") return isFormatParts(v[marker]) ? marker : null;
  return marker !== null && typeof v[marker] === "string" ? marker : null;
}

/** `{"$secret": name}` or `{"$config": name}`. */
export const isRef = (v: unknown): v is RefValue => {
  const m = markerOf(v);
  return m === "$secret" || m === "$config";
};

const isFormatParts = (parts: unknown): parts is readonly FormatPart[] =>
  Array.isArray(parts) && parts.every((p) => typeof p === "string" || isRef(p));

/** `{"$format": [parts]}`: text made of literal parts and references. */
export const isFormat = (v: unknown): v is FormatValue => markerOf(v) === "$format";

/** A value a run supplies: a reference, or text made with references (`$format`). */
export const isRefOrFormat = (v: unknown): v is RefValue | FormatValue => {
  const m = markerOf(v);
  return m === "$secret" || m === "$config" || m === "$format";
};

/** The references a value is made of: a reference itself, a `$format`'s, none for anything else. */
export function refsIn(v: unknown): RefOf[] {
  const one = refOf(v);
  if (one) return [one];
  return isFormat(v) ? v.$format.flatMap((p) => refOf(p) ?? []) : [];
}

/**
 * The text a `$format` stands for, each reference's part given by `valueOf` (as Python's f-string
 * formats a string: the value itself).
 */
export const joinFormat = (v: FormatValue, valueOf: (ref: RefValue) => string): string =>
  v.$format.map((p) => (typeof p === "string" ? p : valueOf(p))).join("");

/** `{"$python": text}`. */
export const isPython = (v: unknown): v is PythonValue => markerOf(v) === "$python";

/** A reference, a `$format` or Python code. */
export const isSpecial = (v: unknown): v is SpecialValue => markerOf(v) !== null;

/** A reference read: its kind and name, its cast and how `get` reads it, if so. */
export interface RefOf {
  readonly kind: RefKind;
  readonly name: string;
  readonly cast?: RefCast;
  readonly get?: RefGet;
  readonly param?: RefParam;
}

/** A reference's kind and name (`{"$config": "base_url"}` → config `base_url`), its cast and `get` if any; null for anything else. */
export function refOf(v: unknown): RefOf | null {
  if (!isRef(v)) return null;
  const extra = {
    ...(v.$cast ? { cast: v.$cast } : {}),
    ...(v.$get !== undefined ? { get: v.$get } : {}),
    ...(v.$param !== undefined ? { param: v.$param } : {}),
  };
  return "$secret" in v ? { kind: "secret", name: v.$secret, ...extra } : { kind: "config", name: v.$config, ...extra };
}

/**
 * The reference a kind and name stand for: `{"$secret": name}` / `{"$config": name}`, with `"$cast"`/`"$get"` when so read and
 * `"$param"` for a source function's parameter.
 */
export const refValue = (kind: RefKind, name: string, cast?: RefCast, get?: RefGet, param?: RefParam): RefValue => {
  const ref = kind === "secret" ? { $secret: name } : { $config: name };
  return {
    ...ref,
    ...(cast ? { [CAST_KEY]: cast } : {}),
    ...(get !== undefined ? { [GET_KEY]: get } : {}),
    ...(param !== undefined ? { [PARAM_KEY]: param } : {}),
  };
};

/** The first marker key (in `MARKERS` order) an object has, whatever else it has: a special value, or one written wrong. */
export function markedAs(v: unknown): Marker | null {
  if (!isDict(v)) return null;
  return MARKERS.find((m) => Object.hasOwn(v, m)) ?? null;
}

/** Whether `v` is written as a special value, rightly or not: a value the rules do not look into. */
export const hasMarker = (v: unknown): boolean => markedAs(v) !== null;
