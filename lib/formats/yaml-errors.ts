/** YAML parser errors and warnings as located diagnostics with plain-language hints. */
import type { YAMLError, YAMLWarning } from "yaml";
import type { Diagnostic, Range } from "./types";
import { dedupeByStart, rangeAt, skipSpace } from "./syntax";
import { MAX_SYNTAX_ERRORS } from "./limits";

/** Plainer words for the mistakes people make most; matched on yaml's code and message. */
const HINTS: readonly [code: string, message: RegExp, hint: string][] = [
  [
    "BAD_INDENT",
    /^All mapping items/,
    "bad indentation: all keys of one mapping must start at the same column (use spaces, two per level)",
  ],
  ["BAD_INDENT", /^Flow (sequence|mapping)/, "a `[...]` or `{...}` is not closed, or its next line is not indented enough"],
  ["TAB_AS_INDENT", /./, "tabs cannot indent YAML; use spaces"],
  [
    "BLOCK_AS_IMPLICIT_KEY",
    /./,
    "a `key: value` cannot follow another key on the same line (`a: b: c`); quote the value or move it to an indented line",
  ],
  ["MULTILINE_IMPLICIT_KEY", /./, "a key must fit on one line; is a `:` missing, or is this line indented wrongly?"],
  ["MISSING_CHAR", /^Missing closing "quote/, 'string not closed: expected a closing `"`'],
  ["MISSING_CHAR", /^Missing closing 'quote/, "string not closed: expected a closing `'`"],
];

/** YAML's own message without its "at line X, column Y:" excerpt (editors show the place). */
function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}

/** yaml points some errors at the indentation before a token; move them onto the token. */
function located(text: string, pos: readonly [number, number]): Range {
  const [start, end] = pos;
  if (end > start && text.slice(start, end).trim() === "") {
    const at = skipSpace(text, start);
    return rangeAt(text, at);
  }
  if (end > start) return { start, end: Math.min(end, text.length) };
  return rangeAt(text, start);
}

export function yamlDiagnostics(text: string, errors: readonly YAMLError[], warnings: readonly YAMLWarning[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Garbage text yields an error per token: the first ones say what is wrong.
  for (const e of errors.slice(0, MAX_SYNTAX_ERRORS)) {
    const range = located(text, e.pos);
    const own = firstLine(e.message);
    const hint = HINTS.find(([code, re]) => code === e.code && re.test(own))?.[2];
    const message = hint
      ? `YAML syntax error: ${hint}.`
      : `YAML syntax error: ${own.charAt(0).toLowerCase()}${own.slice(1)}${own.endsWith(".") ? "" : "."}`;
    out.push({ severity: "error", code: "syntax_error", path: "", range, message });
  }
  for (const w of warnings.slice(0, MAX_SYNTAX_ERRORS)) {
    out.push({
      severity: "warning",
      code: "yaml_warning",
      path: "",
      range: located(text, w.pos),
      message: `YAML: ${firstLine(w.message)}`,
    });
  }
  return dedupeByStart(out);
}
