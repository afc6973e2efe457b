/**
 * Writing a JSONPath from key names so that jsonpath-ng reads each as that name: a name its lexer
 * reads as one plain name (`data`, `next-page`, `_embedded`) as it is, any other quoted — names that
 * start with `true`/`false` (read as booleans), `where`/`wherenot` (keywords), digits (`12` is the
 * fields `1` and `2`), or hold dots, spaces or quotes.
 */
import { JsonPathSyntaxError, tokenize } from "./lexer";

/** Whether jsonpath-ng's lexer reads `name` as exactly one name token spelling `name`. */
function plain(name: string): boolean {
  try {
    const tokens = tokenize(name);
    return tokens.length === 1 && tokens[0]?.type === "ID" && tokens[0].value === name;
  } catch (e) {
    if (e instanceof JsonPathSyntaxError) return false;
    throw e;
  }
}

/** `name` as one segment of a JSONPath jsonpath-ng reads as exactly that name. */
export function jsonPathName(name: string): string {
  return plain(name) ? name : `'${name.replace(/[\\']/g, "\\$&")}'`;
}

/** The JSONPath through `names`, dict by dict (`$` for none). */
export function jsonPathOf(names: readonly string[]): string {
  return names.length ? names.map(jsonPathName).join(".") : "$";
}

/** A path as a message quotes it: whole up to 80 characters, else its start. */
export function shownPath(path: string): string {
  return path.length <= 80 ? path : `${path.slice(0, 60)}… (${path.length.toLocaleString("en-US")} characters)`;
}

/** What to say when jsonpath-ng refuses `path` (`where`: the config key it is written at, if any). */
export function refusedMessage(path: string, e: JsonPathSyntaxError, where?: string): string {
  return `dlt cannot read the JSONPath \`${shownPath(path)}\`${where ? ` in ${where}` : ""} (column ${e.start + 1}): ${e.message}.`;
}
