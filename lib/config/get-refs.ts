/**
 * References read with dlt's `get` (`dlt.config.get("lim")`, `dlt.secrets.get("key", int)`; decision 0005, twenty-seventh
 * session). Checked with dlt 1.26.0: `get` gives None for a value that is not set — no ConfigFieldMissingException — and
 * dlt then takes the config as if `None` were written there (a query parameter or an endpoint header is left out by
 * requests, a `json` body sends null, an f-string `None`, an auth's token is missing: ConfigFieldMissingException, a
 * client header or `base_url` is refused: DictValidationException); with a value it hands over the provider's value uncast
 * (`LIM=10` gives `'10'`) or, given a type, that value read as the type (`dltGet`, lib/shared/py-cast.ts).
 */
import type { PlainValue } from "../formats";
import {
  hasMarker,
  heldDate,
  isPyNumber,
  maskSecret,
  pyCast,
  pyNumberValue,
  pyRepr,
  readRef,
  refOf,
  refSpelling,
  type Json,
} from "../shared";
import type { GetType, HeldValue, PyValue, RefOf } from "../shared";
import { valueAt, where, type Locator, type Path } from "./located";
import { isObj } from "./rules/context";
import { RestApiConfigSchema } from "./schema";
import { describeSchema, schemaAt } from "./schema-walk";
import type { DiagnosticOut } from "./sink";

/** A value of each type, to ask the schema whether a place takes it. */
const SAMPLES: Readonly<Record<GetType, PlainValue>> = { int: 1, float: 0.5, bool: true, str: "x", dict: {}, list: [] };
const A_TYPE: Readonly<Record<GetType, string>> = {
  int: "an int",
  float: "a float",
  bool: "a bool",
  str: "text",
  dict: "a dict",
  list: "a list",
};

/** The type a `get` reference hands over when it has a value: its cast's, the type given to `get`, else text (or a TOML value). */
const typeOf = (ref: RefOf): GetType => ref.cast ?? (ref.get === true || ref.get === undefined ? "str" : ref.get);

/**
 * `value` with every `get` reference this run has no value for (`given` holds the run's values; `undefined`: no run, the
 * editor) replaced by None, as dlt hands it over, each said with a warning; a copy when there are any. Parts of text made
 * with references (`f"v{dlt.config.get('p')}"`) are Python's `str(None)`, `None`, which the run joins.
 */
export function withMissingGets(
  value: PlainValue,
  loc: Locator,
  out: DiagnosticOut,
  given: Readonly<Record<string, string>> | undefined,
): PlainValue {
  if (given === undefined) return value;
  const found: { path: Path; ref: RefOf }[] = [];
  const walk = (v: unknown, path: (string | number)[]): void => {
    const ref = refOf(v);
    if (ref?.get !== undefined && !Object.hasOwn(given, ref.name)) found.push({ path: [...path], ref });
    if (ref !== null || hasMarker(v)) return;
    if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
  };
  walk(value, []);
  if (found.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(value)) as PlainValue;
  for (const { path, ref } of found) {
    const owner = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
    const spelling = refSpelling(ref.kind, ref.name, undefined, ref.get);
    // Python's cast of None: `bool(None)` is False, `int(None)` and `float(None)` raise TypeError.
    const cast = ref.cast ? pyCast(ref.cast, null) : { value: null };
    // Python raises on the cast of None (`int(None)`): getError says so (ref-values.ts), in an f-string's part too.
    if (!("value" in cast)) continue;
    owner[path[path.length - 1]!] = cast.value;
    out.push({
      severity: "warning",
      code: "get_gives_none",
      path: loc.pointer(path),
      range: loc.value(path),
      message:
        `${where(path)} is ${spelling}, which has no value here (no \`--secret\`, environment variable or .dlt/*.toml entry; ` +
        "in the playground, no Secrets panel value): dlt's `get` gives None for it, without ConfigFieldMissingException, " +
        `so this is checked as if ${ref.cast ? `${ref.cast}(None), ${pyRepr(cast.value as PyValue)},` : "None"} were written ` +
        "there — a query parameter or an endpoint header is left out, a `json` body sends null, an f-string writes None, an " +
        "auth's credential, a client header or base_url without it is an error. Give it a value to use one.",
    });
  }
  return copy;
}

/** What Python holds after reading a `get` reference with this value (`held`: what a TOML provider holds instead). */
const handedOver = (ref: RefOf, known: string, held: HeldValue | undefined) => readRef({ ...ref, get: ref.get ?? true }, known, held);

/**
 * What dlt or Python raises reading a `get` reference with this run's value (`null`: none), a secret's value masked; without
 * one (`known` undefined: a run has no value) the cast around None's (`int(None)`: TypeError).
 */
export function getError(ref: RefOf, known: string | undefined, held?: HeldValue): string | null {
  if (ref.get === undefined) return null;
  if (known === undefined) {
    const none = ref.cast ? pyCast(ref.cast, null) : { value: null };
    if ("value" in none) return null;
    return (
      `${refSpelling(ref.kind, ref.name, undefined, ref.get)} has no value in this run and gives None, and Python raises on ` +
      `${ref.cast}(None) building the config, before any request (${none.error}). Give it a value.`
    );
  }
  const got = handedOver(ref, known, held);
  if ("value" in got) return null;
  const shown = ref.kind === "secret" ? `'${maskSecret(known)}'` : pyRepr(held && !heldDate(held) ? (held.value as PyValue) : known);
  const wanted = ref.get === true ? `${ref.cast}() takes` : `dlt reads as ${A_TYPE[ref.get]}`;
  return (
    `${refSpelling(ref.kind, ref.name, ref.cast, ref.get)} fails on this run's value (${shown}): Python raises building the ` +
    `config, before any request (${got.error}). Give it a value ${wanted}.`
  );
}

/**
 * A `get` reference where the schema does not take it as it is (`"limit": dlt.config.get("lim", int)`): `{value}` to put in
 * its place (this run's value as `get` hands it over), `{}` to take it out — said with an info when its type fits and the
 * run has no value, with an error when its type does not fit (`"limit": dlt.config.get("lim")` is text) or dlt raises
 * reading it (`ConfigValueCannotBeCoercedException`).
 */
export function getValue(
  copy: PlainValue,
  path: Path,
  ref: RefOf,
  known: string | undefined,
  held: HeldValue | undefined,
  loc: Locator,
  out: DiagnosticOut,
): { value: PlainValue } | Record<string, never> {
  const spelling = refSpelling(ref.kind, ref.name, ref.cast, ref.get);
  const error = (code: string, message: string) =>
    out.push({
      severity: "error",
      code,
      path: loc.pointer(path),
      range: loc.value(path),
      message: `${where(path)} is ${spelling}${message}`,
    });
  if (known !== undefined) {
    // A value dlt or Python raises on is getError's (ref-values.ts says it wherever the reference is).
    const got = handedOver(ref, known, held);
    if (!("value" in got)) return {};
    const v: Json = got.value;
    return { value: (isPyNumber(v) ? Number(pyNumberValue(v)) : v) as PlainValue };
  }
  const type = typeOf(ref);
  const schema = schemaAt(RestApiConfigSchema, copy, path);
  const untyped = ref.get === true;
  const accessor = `dlt.${ref.kind === "secret" ? "secrets" : "config"}`;
  const readIt = `read it with ${accessor}["${ref.name}"], which dlt casts, or give \`get\` the type`;
  const because = untyped ? "dlt's `get` casts nothing: `10` stays the text '10'" : "whatever the value";
  const fix = untyped ? readIt : "give `get` the type dlt wants there";
  if (schema === null || !schema.safeParse(SAMPLES[type]).success) {
    error(
      "invalid_type",
      `, ${A_TYPE[type]} when it has a value (${because}), ` +
        `and dlt's config wants ${schema ? describeSchema(schema) : "another type"} there: ${fix}.`,
    );
    return {};
  }
  out.push({
    severity: "info",
    code: "value_at_run_time",
    path: loc.pointer(path),
    range: loc.value(path),
    message:
      `${where(path)} is ${spelling}: Python reads it when the config is built, and dlt gets ${A_TYPE[type]} — or None when it ` +
      "has no value, which dlt's `get` gives instead of raising. restplay checks the config with " +
      `${A_TYPE[type]} there; give the run its value (the Secrets panel, \`--secret\`, the environment) to run it.`,
  });
  return {};
}
