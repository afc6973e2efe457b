/**
 * The format of a text from its tell-tale tokens alone, without a parser: what the page needs before
 * its validator chunk (and the YAML library in it) has loaded, outside the first-load budget
 * (docs/performance.md). `detectFormat` (./detect) is the same guess plus the one YAML parse that
 * tells a YAML flow mapping (`{a: 1}`) from broken JSON.
 */
import type { SourceFormat } from "./types";

const PY_CALL_OR_IMPORT =
  /\brest_api_(source|resources)\s*\(|\bdlt\.(secrets|config|sources)\b|^[ \t]*(import[ \t]+\w|from[ \t]+[\w.]+[ \t]+import\b)/m;
/** `config = {`, `config: RESTAPIConfig = {` (YAML has no `=` after a key). */
const PY_ASSIGNMENT = /^[A-Za-z_]\w*[ \t]*(:[ \t]*[\w.[\], ]+)?=[ \t]*[{([]/;
const YAML_START = /^(-[ \t]|[\w$"'.-][^:\n]*:([ \t]|\r?\n|$)|---)/;

/** Python tell-tales outside double-quoted strings: `True`/`False`/`None`, single quotes, `#` comments. */
function hasPythonTokens(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
    } else if (c === "'" || c === "#") return true;
    else if (c === "T" || c === "F" || c === "N") {
      const word = /^(True|False|None)\b/.exec(text.slice(i, i + 6));
      if (word && !/\w/.test(text[i - 1] ?? "")) return true;
    }
  }
  return false;
}

/** JSON.parse is the fastest strict-JSON check there is (native, ~1 ms for 6,000 lines). */
function isStrictJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The text after leading blank lines and `#` comment lines. */
function afterComments(text: string): { body: string; comments: boolean } {
  const m = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*(?:#[^\n]*$)?/.exec(text);
  const skipped = m?.[0] ?? "";
  return { body: text.slice(skipped.length), comments: skipped.includes("#") };
}

/**
 * Guesses the format of pasted text. Python wins on its tell-tale tokens (a `rest_api_source(` call,
 * `dlt.secrets`, imports, `name = {`, `True`/`None`/single quotes in a dict). Text opening with `{`/`[`
 * is JSON (also when broken, so the user sees JSON errors) unless it reads as YAML flow style: that
 * needs a parse, and this answers `null` (see `detectFormat`). Else YAML. A leading `#` comment means
 * Python unless YAML (`key:` or `- item`) follows it: YAML files often start with a comment too.
 */
export function sniffFormat(text: string): SourceFormat | null {
  // Tell-tales in `#` comment lines do not count (a YAML download documents its Python loading snippet).
  if (PY_CALL_OR_IMPORT.test(text) && PY_CALL_OR_IMPORT.test(text.replace(/^[ \t]*#[^\n]*/gm, ""))) return "python";
  const { body, comments } = afterComments(text);
  if (PY_ASSIGNMENT.test(body)) return "python";
  const first = body[0];
  if (first === "{" || first === "[") {
    if (comments) return "python";
    if (isStrictJson(text)) return "json";
    if (hasPythonTokens(text)) return "python";
    if (/"[^"\n]*"\s*:/.test(text)) return "json";
    return null;
  }
  if (comments && !YAML_START.test(body) && body.trim() !== "") return "python";
  return "yaml";
}

/** How the UI and messages name each format. */
export const FORMAT_NAMES: Readonly<Record<SourceFormat, string>> = { json: "JSON", yaml: "YAML", python: "Python" };
