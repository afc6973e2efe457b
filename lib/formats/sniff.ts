/**
 * The format of a text from its tell-tale tokens alone, without a parser: what the page needs before
 * its validator chunk (and the YAML library in it) has loaded, outside the first-load budget
 * (docs/performance.md). `detectFormat` (./detect) is the same guess plus the one YAML parse that
 * tells a YAML flow mapping (`{a: 1}`) from broken JSON.
 */
import type { SourceFormat } from "./types";

const PY_CALL_OR_IMPORT =
  /\brest_api_(source|resources)\s*\(|\bdlt\.(secrets|config|sources)\b|^[ \t]*(import[ \t]+\w|from[ \t]+[\w.]+[ \t]+import\b)/m;
/**
 * Python statements at a line's start that YAML has no use for: `def f(…):`, `class C(…):`, a decorator
 * (`@` cannot start a YAML scalar), `NAME = …` (a YAML line without `: ` is no entry). dlt's docs open
 * whole files with a processing step's function, a custom paginator's class or a module constant.
 */
const PY_STATEMENT = /^((async[ \t]+)?def[ \t]+\w+[ \t]*\(|class[ \t]+\w+[ \t]*[(:]|@[A-Za-z_][\w.]*|[A-Za-z_]\w*[ \t]*=[ \t]*[^=\s])/m;
/** `config = {`, `config: RESTAPIConfig = {` (YAML has no `=` after a key). */
// The annotation takes tabs itself: a `[ \t]*` before it traded spaces with it on a line with no `=` (quadratic).
const PY_ASSIGNMENT = /^[A-Za-z_]\w*[ \t]*(:[\w.[\], \t]+)?=[ \t]*[{([]/;
const YAML_START = /^(-[ \t]|[\w$"'.-][^:\n]*:([ \t]|\r?\n|$)|---)/;
/** What a JSON user may be half-way through typing, and JSON's own non-standard numbers: not Python's. */
const JSON_WORDS = ["true", "false", "null", "NaN", "Infinity"];

/**
 * Python tell-tales outside double-quoted strings: `True`/`False`/`None`, single quotes, `#` comments,
 * a triple-quoted string, `lambda`, a call (`JSONLinkPaginator(…)`), `...`, and a name given as the value
 * of a double-quoted key (`"map": lower_title`) unless it is (the start of) one of JSON's words.
 */
function hasPythonTokens(text: string): boolean {
  let afterKey = false;
  let lastWasString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    if (c === " " || c === "\t" || c === "\n" || c === "\r") continue;
    if (c === '"') {
      if (text.startsWith('"""', i)) return true;
      for (i++; i < text.length && text[i] !== '"' && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
      lastWasString = true;
      afterKey = false;
      continue;
    }
    if (c === "'" || c === "#" || text.startsWith("...", i)) return true;
    const key = afterKey;
    afterKey = c === ":" && lastWasString;
    lastWasString = false;
    if (!/[A-Za-z_]/.test(c) || /\w/.test(text[i - 1] ?? "")) continue;
    const word = /^[A-Za-z_]\w*/.exec(text.slice(i, i + 100))?.[0] ?? c;
    if (word === "True" || word === "False" || word === "None" || word === "lambda") return true;
    if (/^[ \t]*\(/.test(text.slice(i + word.length, i + word.length + 20))) return true;
    if (key && !JSON_WORDS.some((w) => w.startsWith(word))) return true;
    i += word.length - 1;
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
  if (PY_STATEMENT.test(text)) return "python";
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
