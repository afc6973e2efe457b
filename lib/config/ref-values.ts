/**
 * What a run's values of the config's references make Python refuse before any request, beyond the typed places
 * type-refs.ts checks (checked with dlt 1.26.0 on a loopback API, the values from the environment): a reference `+`
 * joins as it is (`"https://h:" + dlt.config["port"]`) whose value dlt's config providers read as other than text
 * (`PORT=8080` is an int) makes the pipeline script fail building the config with Python's `TypeError` (`can only
 * concatenate str (not "int") to str`), before dlt sees it. A client header, an auth field or an endpoint header whose
 * value is not text is a run's error, in dlt's order (lib/engine/prepare.ts: `castNotText`, `headerNotText`). A cast
 * on a reference (`int(dlt.config["lim"])`) Python raises on for this run's value (`abc`: `ValueError`) fails building the
 * config the same way: what dlt hands over is cast as Python casts it (lib/shared/py-cast.ts; `os.environ`'s text as it is).
 */
import type { DocNode } from "../formats";
import {
  dltAutoCastType,
  dltConfigValue,
  dltHanded,
  getOwn,
  heldDate,
  maskSecret,
  pyRepr,
  readRef,
  refOf,
  refSpelling,
  refValue,
  type FormatPart,
  type HeldValues,
  type PyValue,
  type RefValue,
} from "../shared";
import { getError } from "./get-refs";
import { where, type Locator, type Path } from "./located";
import type { DiagnosticOut } from "./sink";

type Given = Readonly<Record<string, string>>;

/** The value as a message shows it: a secret's masked, a config value's as Python's repr of what dlt reads. */
const shown = (kind: "secret" | "config", text: string) => (kind === "secret" ? maskSecret(text) : pyRepr(dltConfigValue(text) as PyValue));

/** Python's `TypeError` for the first `+` of `parts` that joins a value that is not text (in order; `null`: none). */
function concatError(
  parts: readonly FormatPart[],
  concatenated: readonly number[],
  given: Given,
  held: HeldValues,
): { ref: FormatPart; type: string; error: string } | null {
  let first = true;
  for (let i = 0; i < parts.length; i++, first = false) {
    const part = parts[i]!;
    const ref = concatenated.includes(i) ? refOf(part) : null;
    const text = ref ? getOwn(given, ref.name) : undefined;
    if (!ref || text === undefined) continue;
    // A TOML date is a Python datetime (checked with dlt 1.26.0: `can only concatenate str (not "datetime.datetime") to str`).
    const type = heldDate(getOwn(held, ref.name))?.type ?? dltAutoCastType(text);
    if (type === "str") continue;
    if (!first) return { ref: part, type, error: `can only concatenate str (not "${type}") to str` };
    const error =
      type === "list" ? 'can only concatenate list (not "str") to list' : `unsupported operand type(s) for +: '${type}' and 'str'`;
    return { ref: part, type, error };
  }
  return null;
}

/** Python's exception for a cast reference's value this run (`null`: none, or no value); a secret's value masked in it. */
function castError(part: RefValue, environ: boolean, given: Given, held: HeldValues): string | null {
  const ref = refOf(part);
  const text = ref?.cast ? getOwn(given, ref.name) : undefined;
  if (!ref?.cast || text === undefined) return null;
  const secret = ref.kind === "secret";
  const kept = getOwn(held, ref.name);
  const r = readRef(ref, text, kept, environ, secret ? () => `'${maskSecret(text)}'` : undefined);
  if ("value" in r) return null;
  const date = heldDate(kept);
  const value = date
    ? `a Python ${date.type.slice("datetime.".length)}`
    : secret
      ? `a Python ${dltAutoCastType(text)}`
      : pyRepr(dltHanded(text, kept, false) as PyValue);
  const handed = environ ? "Python reads it from the environment as text" : `dlt's config providers hand it over as ${value}`;
  const spelling = environ ? `${ref.cast}(os.environ["${ref.name}"])` : refSpelling(ref.kind, ref.name, ref.cast);
  return (
    `${spelling} fails on this run's value (${handed}): Python raises building the config, ` +
    `before any request (${r.error}). Give it a value ${ref.cast}() takes.`
  );
}

/** A cast's error, or what dlt's `get` raises (get-refs.ts), for a reference's value this run. */
function refError(part: RefValue, environ: boolean, given: Given, held: HeldValues): string | null {
  const ref = refOf(part);
  if (ref?.get !== undefined) return getError(ref, getOwn(given, ref.name), getOwn(held, ref.name));
  return castError(part, environ, given, held);
}

/**
 * The errors this run's values (`given`, by reference name; `held`: what dlt's TOML providers hold for some as other than
 * text) make where Python or dlt refuses them before any request.
 */
export function checkRefValues(root: DocNode | null, loc: Locator, out: DiagnosticOut, given: Given, held: HeldValues = {}): void {
  const failed = (node: DocNode, path: Path, error: string | null) => {
    if (error)
      out.push({
        severity: "error",
        code: "invalid_value",
        path: loc.pointer(path),
        range: node.range,
        message: `${where(path)}: ${error}`,
      });
  };
  const walk = (node: DocNode, path: Path): void => {
    if (node.kind === "object") for (const e of node.entries) walk(e.value, [...path, e.key]);
    else if (node.kind === "array") node.items.forEach((x, i) => walk(x, [...path, i]));
    else if (node.kind === "ref" && (node.cast || node.get !== undefined))
      failed(node, path, refError(refValue(node.ref, node.name, node.cast, node.get), node.environ === true, given, held));
    else if (node.kind === "format" && node.parts.some((p) => typeof p !== "string" && (p.$cast || p.$get !== undefined)))
      node.parts.forEach((p, i) =>
        failed(node, path, typeof p === "string" ? null : refError(p, node.environ?.includes(i) === true, given, held)),
      );
    if (node.kind === "format" && node.concatenated) {
      const found = concatError(node.parts, node.concatenated, given, held);
      const ref = found && refOf(found.ref);
      if (!found || !ref) return;
      out.push({
        severity: "error",
        code: "invalid_type",
        path: loc.pointer(path),
        range: node.range,
        message:
          `${where(path)} joins ${refSpelling(ref.kind, ref.name)} with \`+\`, and dlt's config providers read this run's value ` +
          `(${shown(ref.kind, given[ref.name]!)}) as a Python ${found.type}: Python fails building the config, before any request ` +
          `(TypeError: ${found.error}). Write \`str(${refSpelling(ref.kind, ref.name)})\` there, or an f-string.`,
      });
    }
  };
  if (root !== null) walk(root, []);
}
