/**
 * References whose values only a run knows, where the schema wants more than a string. Python reads `dlt.config[...]`
 * while it builds the config dict, before `rest_api_source` sees it (checked with dlt 1.26.0): a missing value raises
 * `ConfigFieldMissingException` there, and a present one is what dlt's `auto_cast` makes of it (`dltAutoCast`: `50`
 * from `PAGE_SIZE=50` or `page_size = "50"` is the int 50, `false` the bool, a JSON dict the dict; a TOML table is
 * the dict). So:
 * - a paginator's or auth's `type` given as a reference (`"type": dlt.config["pag_type"]`) works as the literal would;
 *   it is taken out before the schema sees the dict, as a `type` written as Python restplay does not evaluate is
 *   (unread-python.ts): the dict's keys are then checked against every type's;
 * - a reference where the schema wants a number, a bool, a list or a dict (`"limit": dlt.config["page_size"]`,
 *   `"paginator": dlt.config["paginator"]`) is taken out too, and the errors its absence makes are excused as a left-out
 *   Python value's are. Where the schema wants text only (`page_param`, `path`) a reference stays the error it is.
 * With a run's value the reference is replaced by what dlt reads, and the config checked as if written so.
 * A cast on the reference (`int(dlt.config["lim"])`, decision 0047) makes its type known whatever the value: it is checked
 * where the schema does not take it as it is, and a run's value is cast as Python casts it (lib/shared/py-cast.ts; a cast
 * Python raises on is ref-values.ts's error).
 */
import type { z } from "zod";
import { findNode, type PlainValue } from "../formats";
import {
  dltAutoCast,
  dltAutoCastType,
  dltConfigValue,
  getOwn,
  hasMarker,
  isMarker,
  isPyNumber,
  Masker,
  PY_NUMBER,
  pyNumberValue,
  pyStr,
  refOf,
  refSpelling,
  type HeldValues,
  type Json,
  type PyValue,
  type RefCast,
  type RefGet,
  type RefParam,
} from "../shared";
import type { Diagnostic } from "../formats";
import { valueAt, where, type Locator } from "./located";
import { isObj } from "./rules/context";
import { RestApiConfigSchema } from "./schema";
import { defOf, objectShape, schemaAt, unionMembers } from "./schema-walk";
import { castValue } from "./cast-refs";
import { getValue } from "./get-refs";
import type { DiagnosticOut } from "./sink";
import { typedKindAt } from "./type-keys";
import { wantsInteger } from "./rules/integers";

type Path = (string | number)[];

/** The typed dicts' places a config can have (`client.paginator`, `resources[i].endpoint.auth`, …), as paths. */
function typedDicts(value: PlainValue): Path[] {
  const out: Path[] = [];
  if (!isObj(value)) return out;
  const owners: Path[] = [["client"], ["resource_defaults", "endpoint"]];
  if (Array.isArray(value.resources)) value.resources.forEach((_, i) => owners.push(["resources", i, "endpoint"]));
  for (const owner of owners) for (const key of ["paginator", "auth"]) if (typedKindAt([...owner, key]) !== null) out.push([...owner, key]);
  return out;
}

/**
 * A reference whose value is known when dlt runs only: a typed dict's `type` (`isType`), or a value where the schema
 * wants a number, a bool, a list or a dict (`"limit": dlt.config["page_size"]`, `"paginator": dlt.config["paginator"]`).
 */
export interface RunTimeRef {
  /** The reference's place. */
  readonly path: Path;
  /** Where it is, as messages say it. */
  readonly place: string;
  readonly kind: "secret" | "config";
  readonly name: string;
  readonly isType: boolean;
  /** `int(…)`, `float(…)` or `bool(…)` around the reference. */
  readonly cast?: RefCast;
  /** Read with dlt's `get` (get-refs.ts). */
  readonly get?: RefGet;
  /** A source function's parameter (lib/shared secretLookupNames). */
  readonly param?: RefParam;
}

/** Whether a schema takes a value a reference's text can become (`dltAutoCast`) other than text: a number, a bool, a list, a dict. */
const takesTyped = (s: z.ZodType, path: Path): boolean =>
  typedKindAt(path) !== null ||
  unionMembers(s).some((m) => {
    const t = defOf(m).type;
    if (t === "object") return !Object.keys(objectShape(m) ?? {}).some(isMarker);
    return t === "number" || t === "int" || t === "boolean" || t === "array" || t === "record";
  });

/** What a schema member is when it takes no text at all (zod's def types). */
const NOT_TEXT = new Set(["number", "int", "boolean", "bigint", "array", "record", "object", "null", "nan"]);

/** Whether a schema takes no text whatever it says (`limit`, `stop_after_empty_page`): every member is a number, bool, list or dict. */
const takesNoText = (s: z.ZodType): boolean => unionMembers(s).every((m) => NOT_TEXT.has(defOf(m).type));

/** The references in places where the schema wants a number, a bool, a list or a dict and not a reference, in config order. */
function valueRefs(value: PlainValue, skip: ReadonlySet<string>): RunTimeRef[] {
  const out: RunTimeRef[] = [];
  const walk = (v: unknown, path: Path): void => {
    const ref = refOf(v);
    if (ref !== null) {
      if (skip.has(path.join("\u0000"))) return;
      const schema = schemaAt(RestApiConfigSchema, value, path);
      // A list's item where the list wants text (`"primary_key": [dlt.config["pk"]]`, `include_from_parent`) is one too: dlt
      // takes the value Python reads (checked with dlt 1.26.0: `PK=id` runs, `PK=123` is refused as an int).
      const item = typeof path[path.length - 1] === "number";
      if (
        schema !== null &&
        !schema.safeParse(v).success &&
        (ref.cast !== undefined || ref.get !== undefined || item || takesTyped(schema, path))
      )
        out.push({ path, place: where(path), ...ref, isType: false });
    } else if (hasMarker(v)) return;
    else if (isObj(v)) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    else if (Array.isArray(v)) v.forEach((x, i) => (isObj(x) || Array.isArray(x) ? walk(x, [...path, i]) : undefined));
  };
  walk(value, []);
  return out;
}

/** The references whose values only a run knows (a typed dict's `type`, a typed value), in config order. */
export function runTimeRefs(value: PlainValue): RunTimeRef[] {
  const types = typedDicts(value).flatMap((dict): RunTimeRef[] => {
    const ref = refOf((valueAt(value, dict) as Record<string, unknown> | undefined)?.type);
    return ref === null ? [] : [{ path: [...dict, "type"], place: where([...dict, "type"]), ...ref, isType: true }];
  });
  return [...types, ...valueRefs(value, new Set(types.map((t) => t.path.join("\u0000"))))];
}

const spelled = (ref: RunTimeRef): string => refSpelling(ref.kind, ref.name, ref.cast, ref.get);

/** Whether the reference at `path` is Python's `os.environ[...]`/`os.getenv(...)`: text, whatever it holds. */
const environAt = (loc: Locator, path: Path): boolean => {
  const node = findNode(loc.root, path);
  return node?.kind === "ref" && node.environ === true;
};

function message(ref: RunTimeRef, environ: boolean): string {
  const last = String(ref.path[ref.path.length - 2]);
  if (environ && !ref.isType)
    return (
      `${ref.place} is os.environ["${ref.name}"]: Python reads it as text when the config is built, and dlt gets that text ` +
      "(dlt's config providers cast nothing there: `10` stays the string '10', which dlt's config validation refuses where " +
      "it wants a number or a bool). restplay checks the config without it; give the run its value (the Secrets panel, " +
      "`--secret`, the environment) to have it checked, or use dlt.config[...], which dlt casts."
    );
  return ref.isType
    ? `${ref.place} is ${spelled(ref)}: dlt reads it when the config is built, and the ${last} works as ` +
        `that type written literally would (without a value Python fails first, with ConfigFieldMissingException). restplay checks the ` +
        "dict's keys against every type's; write the type itself to have the rest checked and run in the playground."
    : `${ref.place} is ${spelled(ref)}: Python reads it when the config is built, and dlt gets the value as it reads it (text such ` +
        "as `50`, `true` or a JSON dict becomes that number, bool or dict; without a value Python fails first, with " +
        "ConfigFieldMissingException). restplay checks the config without it; give the run its value (the Secrets panel, " +
        "`--secret`, the environment) or write it literally to have it checked and run.";
}

/**
 * `os.environ[...]` where dlt's config takes no text: whatever the environment holds, Python gives dlt text there, which
 * its config validation refuses (checked with dlt 1.26.0: `limit='10'` has invalid type `str` while `int` is expected).
 */
function environText(ref: RunTimeRef, schema: z.ZodType, plain: PlainValue): string {
  const field = String(ref.path[ref.path.length - 1]);
  const types = new Set(unionMembers(schema).map((m) => defOf(m).type));
  const wanted =
    types.size === 1 && types.has("number")
      ? wantsInteger(plain, ref.path, 0.5)
        ? "an integer"
        : "a number"
      : types.size === 1 && types.has("boolean")
        ? "a bool"
        : "a number, a bool, a list or a dict";
  return (
    `${ref.place} is os.environ["${ref.name}"], which Python reads as text whatever the environment holds, and dlt's config ` +
    `validation wants ${wanted} there (\`${field}='…'\` has invalid type \`str\`): use dlt.config["${ref.name}"], which dlt ` +
    "casts (`10` becomes the integer 10), or write the value."
  );
}

/** An `invalid_type` error on the reference `ref`, for what this run's value of it is. */
const invalidValue = (ref: RunTimeRef, loc: Locator, out: DiagnosticOut, message: string, fixes?: Diagnostic["fixes"]): void =>
  out.push({
    severity: "error",
    code: "invalid_type",
    path: loc.pointer(ref.path),
    range: loc.value(ref.path),
    message,
    ...(fixes ? { fixes } : {}),
  });

/** A run's value dlt reads as a whole float where its config wants an integer. */
const floatWhereInt = (ref: RunTimeRef, loc: Locator, out: DiagnosticOut): void =>
  invalidValue(
    ref,
    loc,
    out,
    `${ref.place} is ${spelled(ref)}, whose value this run reads as a float (dlt's auto_cast), and dlt's config validation ` +
      "wants an integer there (`has invalid type `float` while `int` is expected`): give the value as an integer.",
  );

/**
 * A list's or dict's value (`dltConfigValue`: Python's json read it, so `2.0` is a float, `NaN` and `Infinity` are, and an
 * integer past 2^53 keeps its digits) put in place at `ref.path` of `copy`: each such number stays as Python holds it where
 * the config takes it so (a `json` body, `params`: sent so), else it is JavaScript's number, and a float where dlt's config
 * validation wants an integer is its error (checked with dlt 1.26.0: `field \`limit=2.0\` has invalid type \`float\` while
 * \`int\` is expected`, and so `maximum_offset=nan`, `inf`).
 */
function pythonNumbers(copy: PlainValue, ref: RunTimeRef, value: Json, loc: Locator, out: DiagnosticOut): PlainValue {
  const target = valueAt(copy, ref.path.slice(0, -1)) as Record<string | number, unknown>;
  target[ref.path[ref.path.length - 1]!] = value;
  const walk = (v: Json, path: Path, owner: Record<string | number, unknown>, key: string | number): void => {
    if (isPyNumber(v)) {
      const schema = schemaAt(RestApiConfigSchema, copy, path);
      if (schema !== null && schema.safeParse(v).success) return;
      const text = v[PY_NUMBER];
      const n = Number(pyNumberValue(v));
      owner[key] = n;
      if (/^-?\d+$/.test(text) || !wantsInteger(copy, path, Number.isFinite(n) ? n : 0)) return;
      // Said here, in dlt's words: the schema is not to say it again (`nan` is no integer either).
      if (!Number.isFinite(n)) owner[key] = 0;
      const field = String(path[path.length - 1]);
      invalidValue(
        ref,
        loc,
        out,
        `${where(path)} is ${text} in the value this run gives ${spelled(ref)}, a float for Python's json, and dlt's config ` +
          `validation wants an integer there (\`${field}=${text}\` has invalid type \`float\` while \`int\` is expected): write ` +
          "the value with an integer.",
      );
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i], v as unknown as Record<number, unknown>, i));
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...path, k], v, k);
  };
  walk(value, ref.path, target, ref.path[ref.path.length - 1]!);
  return target[ref.path[ref.path.length - 1]!] as PlainValue;
}

/**
 * `value` without the references only a run knows (a copy when there are any), each said with an info; `removed`
 * receives their paths. `given` (a run's values by reference name) puts the value dlt reads in place instead (`held`: what
 * dlt's TOML providers hold for some as other than text, which `get` hands over as it is).
 */
export function withoutRunTimeRefs(
  value: PlainValue,
  loc: Locator,
  out: DiagnosticOut,
  removed: Path[],
  given: Readonly<Record<string, string>> = {},
  held: HeldValues = {},
): PlainValue {
  const found = runTimeRefs(value);
  if (found.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(value)) as PlainValue;
  // List items without a value are taken out last, from the end: the items after one move.
  const items: RunTimeRef[] = [];
  for (const ref of found) {
    const target = valueAt(copy, ref.path.slice(0, -1)) as Record<string, unknown>;
    const key = String(ref.path[ref.path.length - 1]);
    const known = Object.hasOwn(given, ref.name) ? given[ref.name] : undefined;
    const environ = environAt(loc, ref.path);
    const cast =
      ref.get !== undefined && !ref.isType
        ? getValue(copy, ref.path, ref, known, getOwn(held, ref.name), loc, out)
        : ref.cast
          ? castValue(copy, ref, known, getOwn(held, ref.name), environ, loc, out)
          : undefined;
    if (cast && "value" in cast) {
      target[key] = cast.value;
      continue;
    }
    if (cast) {
      if (Array.isArray(target)) items.unshift(ref);
      else delete target[key];
      removed.push(ref.path);
      continue;
    }
    if (known !== undefined && environ) {
      // Python's environ is text: the schema says what dlt's config validation says of text there.
      target[key] = known;
      continue;
    }
    if (known !== undefined) {
      const cast = dltAutoCast(known);
      target[key] = cast;
      // A whole float (`2.0`, `1e2`) is a float for Python, which dlt refuses where it wants an int (checked with dlt 1.26.0).
      if (typeof cast === "number" && Number.isInteger(cast) && dltAutoCastType(known) === "float")
        if (wantsInteger(copy, ref.path, cast)) floatWhereInt(ref, loc, out);
      if (typeof cast === "object" && cast !== null) target[key] = pythonNumbers(copy, ref, dltConfigValue(known), loc, out);
      continue;
    }
    if (Array.isArray(target)) items.unshift(ref);
    else delete target[key];
    removed.push(ref.path);
    const schema = environ && !ref.isType ? schemaAt(RestApiConfigSchema, value, ref.path) : null;
    if (schema !== null && takesNoText(schema)) {
      const read = `dlt.config["${ref.name}"]`;
      const range = loc.value(ref.path);
      // Python's own cast of the text, where it gives what dlt wants (not bool(): any text but "" is True).
      const cast = schema.safeParse(1).success ? "int" : schema.safeParse(0.5).success ? "float" : null;
      const own = cast ? `${cast}(${loc.doc.text.slice(range.start, range.end)})` : null;
      invalidValue(ref, loc, out, environText(ref, schema, value), [
        { title: `Read it with ${read} (dlt casts it)`, edits: [{ range, newText: read }] },
        ...(own ? [{ title: `Cast it: ${own}`, edits: [{ range, newText: own }] }] : []),
      ]);
      continue;
    }
    out.push({
      severity: "info",
      code: ref.isType ? "type_at_run_time" : "value_at_run_time",
      path: loc.pointer(ref.path),
      range: loc.value(ref.path),
      message: message(ref, environ),
    });
  }
  for (const ref of items) (valueAt(copy, ref.path.slice(0, -1)) as unknown[]).splice(Number(ref.path[ref.path.length - 1]), 1);
  return copy;
}

/**
 * `diagnostics` as they may be said of the values a run put in place of references (`given`): a secret's value is masked,
 * and on the reference also its strings and numbers as dlt read them (`1e5` is said as 100000), and no fix writes it into
 * the text. One said inside such a value (`"auth": dlt.secrets["auth"]` holding a dict) is placed on the reference, the value not
 * being in the text, without a fix (its edits would be made to the text); a secret's strings and numbers in it are masked
 * too (a typed dict's `type` aside: dlt's word); and a `hardcoded_secret` there is dropped: that value is not written into
 * the config.
 */
export function maskBoundSecrets(
  diagnostics: Diagnostic[],
  value: PlainValue | null,
  given: Readonly<Record<string, string>>,
  loc: Locator,
): Diagnostic[] {
  if (value === null || Object.keys(given).length === 0) return diagnostics;
  const refs = runTimeRefs(value);
  const secrets = refs.flatMap((r) => (r.kind === "secret" && Object.hasOwn(given, r.name) ? [given[r.name]!] : []));
  const masker = new Masker(secrets);
  const bound = refs.flatMap((r) => {
    const text = Object.hasOwn(given, r.name) ? given[r.name]! : undefined;
    if (text === undefined) return [];
    const cast = dltAutoCast(text);
    // A dict or list is also said as Python's str() of it (`{'a': 1}`).
    const spelled = typeof cast === "object" && cast !== null ? [pyStr(cast as PyValue)] : [];
    const masked = r.kind === "secret" ? new Masker([...secrets, ...leaves(cast), ...spelled]) : masker;
    return [{ pointer: loc.pointer(r.path), range: loc.value(r.path), masker: masked }];
  });
  return diagnostics.flatMap((d) => {
    const at = bound.find((b) => d.path === b.pointer || d.path.startsWith(`${b.pointer}/`));
    if (!at) return [secrets.length > 0 ? { ...d, message: masker.text(d.message) } : d];
    // On the reference itself: its value as dlt read it (`1e5` is the number 100000) is masked too, and a fix that would write
    // a secret's value into the text (one moving it elsewhere) is no fix.
    if (d.path === at.pointer) {
      const fixes = d.fixes?.filter((f) => f.edits.every((e) => at.masker.text(e.newText) === e.newText));
      const { fixes: _, ...rest } = d;
      return [{ ...rest, message: at.masker.text(d.message), ...(fixes && fixes.length > 0 ? { fixes } : {}) }];
    }
    if (d.code === "hardcoded_secret") return [];
    const { fixes: _, ...rest } = d;
    return [{ ...rest, range: at.range, message: at.masker.text(d.message) }];
  });
}

/** The strings and numbers (as text) in a value, but a dict's `type`. */
function leaves(v: unknown): string[] {
  const out: string[] = [];
  const walk = (x: unknown, key: string | null): void => {
    if (typeof x === "string" && key !== "type") out.push(x);
    else if (typeof x === "number" && Number.isFinite(x)) out.push(String(x));
    else if (Array.isArray(x)) x.forEach((item) => walk(item, null));
    else if (isObj(x)) for (const [k, item] of Object.entries(x)) walk(item, k);
  };
  walk(v, null);
  return out;
}
