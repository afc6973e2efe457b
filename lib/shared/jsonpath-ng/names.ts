/**
 * Writing a JSONPath from key names so that jsonpath-ng reads each as that name: a name that is one
 * plain token (`data`, `next-page`, `_embedded`) as it is, any other quoted — names that start with
 * `true`/`false` (read as booleans), `where`/`wherenot` (keywords), digits (`12` is the fields `1`
 * and `2`), or hold dots, spaces, `@…` or quotes.
 */
const PLAIN = /^[a-zA-Z_][a-zA-Z0-9_@-]*$/;
const KEYWORD = /^(?:true|false)|^(?:where|wherenot)$/;

/** `name` as one segment of a JSONPath jsonpath-ng reads as exactly that name. */
export function jsonPathName(name: string): string {
  return PLAIN.test(name) && !KEYWORD.test(name) ? name : `'${name.replace(/[\\']/g, "\\$&")}'`;
}

/** The JSONPath through `names`, dict by dict (`$` for none). */
export function jsonPathOf(names: readonly string[]): string {
  return names.length ? names.map(jsonPathName).join(".") : "$";
}
