/** Human messages for jsonc-parser's error codes: what was expected, where, and what was found. */
import { printParseErrorCode, type ParseError } from "jsonc-parser";
import type { Diagnostic, QuickFix } from "./types";
import { backSpace, bracketName, closerOf, dedupeByStart, openBracketsAt, rangeAt, showToken, syntaxError, tokenAt, where } from "./syntax";
import { positionAt } from "./positions";
import { MAX_SYNTAX_ERRORS } from "./limits";

const PY_LITERALS = new Map([
  ["True", "true"],
  ["False", "false"],
  ["None", "null"],
]);

const insert = (title: string, at: number, newText: string): QuickFix => ({ title, edits: [{ range: { start: at, end: at }, newText }] });
const remove = (title: string, start: number, end: number): QuickFix => ({ title, edits: [{ range: { start, end }, newText: "" }] });

/** The first `//` of a line comment between `from` and `to` (outside strings), or -1. */
function lineCommentStart(text: string, from: number, to: number): number {
  let inString = false;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "/" && text[i + 1] === "/") return i;
  }
  return -1;
}

/** The end of the last token before `offset`, past blanks and comments (`// …`, `/* … *\/`): where a missing `,` goes. */
function tokenEndBefore(text: string, offset: number): number {
  let p = backSpace(text, offset);
  for (;;) {
    if (text.slice(p - 2, p) === "*/") {
      const open = text.lastIndexOf("/*", p - 3);
      if (open < 0) return p;
      p = backSpace(text, open);
      continue;
    }
    const comment = lineCommentStart(text, text.lastIndexOf("\n", p - 1) + 1, p);
    if (comment < 0) return p;
    p = backSpace(text, comment);
  }
}

interface Context {
  readonly text: string;
  /** Brackets open at the error (innermost last). */
  readonly open: readonly { char: string; offset: number }[];
}

function describe(code: string, e: ParseError, ctx: Context): Diagnostic {
  const { text } = ctx;
  const found = tokenAt(text, e.offset);
  const shown = showToken(found);
  const range = rangeAt(text, e.offset, e.length || undefined);
  const prevEnd = tokenEndBefore(text, e.offset);
  const prevChar = text[prevEnd - 1] ?? "";
  const inner = ctx.open[ctx.open.length - 1];
  const container = inner ? bracketName(inner.char) : "document";
  const trailingComma = prevChar === "," && (found === "}" || found === "]");
  if (trailingComma) {
    return syntaxError(
      { start: prevEnd - 1, end: prevEnd },
      `JSON syntax error: trailing comma before ${shown}. JSON allows no \`,\` after the last entry of ${container === "list" ? "a list" : "an object"}.`,
      [remove("Remove the trailing comma", prevEnd - 1, prevEnd)],
    );
  }
  const py = found !== null ? PY_LITERALS.get(found) : undefined;
  if (py !== undefined && found !== null) {
    return syntaxError(range, `JSON syntax error: \`${found}\` is Python; JSON writes \`${py}\`.`, [
      { title: `Replace with \`${py}\``, edits: [{ range: { start: e.offset, end: e.offset + found.length }, newText: py }] },
    ]);
  }
  const isCloser = found === "}" || found === "]";
  if (isCloser && inner && closerOf(inner.char) !== found && code !== "EndOfFileExpected") {
    return syntaxError(
      range,
      `JSON syntax error: expected \`${closerOf(inner.char)}\` to close the ${container} opened at ${where(text, inner.offset)}, found ${shown}.`,
    );
  }
  switch (code) {
    case "CommaExpected":
      return syntaxError(
        range,
        `JSON syntax error: expected \`,\` between the entries of this ${container}, found ${shown} — missing comma?`,
        [insert("Insert `,`", prevEnd, ",")],
      );
    case "ColonExpected":
      return syntaxError(range, `JSON syntax error: expected \`:\` after the key, found ${shown}.`, [insert("Insert `:`", prevEnd, ":")]);
    case "PropertyNameExpected":
      if (found?.startsWith("'")) return syntaxError(range, `JSON syntax error: keys need double quotes, found ${shown}.`);
      return syntaxError(range, `JSON syntax error: expected a key in double quotes (like \`"name"\`), found ${shown}.`);
    case "ValueExpected":
      return syntaxError(
        range,
        `JSON syntax error: expected a value${prevChar === ":" ? " after `:`" : ""} (a string, number, object, list, \`true\`, \`false\` or \`null\`), found ${shown}.`,
      );
    case "CloseBraceExpected":
    case "CloseBracketExpected": {
      const want = code === "CloseBraceExpected" ? "}" : "]";
      const opener = [...ctx.open].reverse().find((b) => closerOf(b.char) === want);
      const opened = opener ? ` opened at ${where(text, opener.offset)}` : "";
      return syntaxError(
        range,
        `JSON syntax error: expected \`${want}\` to close the ${want === "}" ? "object" : "list"}${opened}, found ${shown}.`,
      );
    }
    case "EndOfFileExpected":
      if (isCloser)
        return syntaxError(range, `JSON syntax error: unexpected ${shown} after the end of the document — one \`${found}\` too many?`, [
          remove(`Remove ${shown}`, e.offset, e.offset + 1),
        ]);
      return syntaxError(
        range,
        `JSON syntax error: expected the end of the document after the top-level value, found ${shown}. A document holds one value.`,
      );
    case "InvalidCommentToken":
    case "UnexpectedEndOfComment":
      return syntaxError(
        range,
        "JSON syntax error: comments are not allowed. restplay reads strict JSON; write the config " +
          "as YAML or a Python dict to keep comments.",
        [remove("Remove the comment", e.offset, e.offset + e.length)],
      );
    case "UnexpectedEndOfString":
      return syntaxError(
        range,
        'JSON syntax error: string not closed — expected `"` before the end of the line (write a line break as `\\n`).',
      );
    case "InvalidSymbol":
      if (found?.startsWith("'")) return syntaxError(range, `JSON syntax error: strings need double quotes, found ${shown}.`);
      return syntaxError(range, `JSON syntax error: unexpected ${shown} (strings need double quotes).`);
    case "InvalidEscapeCharacter":
      return syntaxError(
        range,
        'JSON syntax error: invalid escape in a string; JSON allows `\\"` `\\\\` `\\/` `\\b` `\\f` `\\n` `\\r` `\\t` and `\\uXXXX`.',
      );
    case "InvalidUnicode":
      return syntaxError(range, "JSON syntax error: invalid `\\u` escape; expected four hex digits.");
    case "InvalidNumberFormat":
      return syntaxError(range, `JSON syntax error: invalid number ${shown}.`);
    case "InvalidCharacter":
      return syntaxError(range, "JSON syntax error: control character in a string; write it as an escape (`\\n`, `\\t`).");
    default:
      return syntaxError(range, `JSON syntax error: ${code}.`);
  }
}

/**
 * Diagnostics for jsonc-parser errors. One per line: jsonc-parser reports the follow-on errors of a
 * mistake on the same line (`{"a": True}` also yields "value expected" at `}`), which only add noise.
 */
export function jsonSyntaxDiagnostics(text: string, errors: readonly ParseError[]): Diagnostic[] {
  if (errors.length === 0) return [];
  // Garbage text yields an error per character: the first ones say what is wrong.
  const sorted = [...errors].sort((a, b) => a.offset - b.offset).slice(0, MAX_SYNTAX_ERRORS);
  const open = openBracketsAt(
    text,
    sorted.map((e) => e.offset),
    '"',
    null,
  );
  const out: Diagnostic[] = [];
  const lines = new Set<number>();
  sorted.forEach((e, i) => {
    const d = describe(printParseErrorCode(e.error), e, { text, open: open[i] ?? [] });
    const line = positionAt(text, d.range.start).line;
    if (lines.has(line)) return;
    lines.add(line);
    out.push(d);
  });
  return dedupeByStart(out);
}
