/**
 * Python syntax errors from lezer's error-recovery nodes (⚠), told in plain words ("missing comma?"),
 * with a quick fix where the mistake is clear. Line/column in messages come from `original`.
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import type { Diagnostic, QuickFix, Range } from "./types";
import { backSpace, isSpace, openBracketsAt, rangeAt, showToken, syntaxError, tokenAt, where } from "./syntax";

/** Bracketed node types: opener, closer, what to call them. */
const CONTAINERS: Record<string, readonly [string, string, string]> = {
  ArrayExpression: ["[", "]", "list"],
  ArrayComprehensionExpression: ["[", "]", "list"],
  DictionaryExpression: ["{", "}", "dict"],
  DictionaryComprehensionExpression: ["{", "}", "dict"],
  SetExpression: ["{", "}", "dict"],
  SetComprehensionExpression: ["{", "}", "dict"],
  TupleExpression: ["(", ")", "tuple"],
  ParenthesizedExpression: ["(", ")", "parentheses"],
  ArgList: ["(", ")", "call"],
  ParamList: ["(", ")", "parameter list"],
};
const VALUE_END = /[\w)\]}"']/;
const VALUE_START = /^[\w"'([{-]/;
const CLOSERS = new Set(["}", "]", ")"]);

/** A same-length substitution that lets the parser recover (offsets stay exact). */
export interface Repair {
  readonly at: number;
  readonly char: string;
}

export interface ErrorReport {
  readonly diagnostic: Diagnostic;
  readonly repair?: Repair;
}

/** Start of the `#` comment that covers `offset` on its line, if any (strings on the line are skipped). */
function commentStart(text: string, offset: number): number | null {
  let i = text.lastIndexOf("\n", offset - 1) + 1;
  let quote: string | null = null;
  for (; i < offset; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "#") return i;
  }
  return null;
}

/** End of the last code token before `offset` (whitespace and `#` comments skipped). */
export function prevCodeEnd(text: string, offset: number): number {
  let end = backSpace(text, offset);
  for (let guard = 0; guard < 1000 && end > 0; guard++) {
    const hash = commentStart(text, end);
    if (hash === null) return end;
    end = backSpace(text, hash);
  }
  return end;
}

/** Start of the next code token at or after `offset` (whitespace and `#` comments skipped). */
export function nextCodeStart(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text[i] ?? "";
    if (isSpace(text.charCodeAt(i))) i++;
    else if (c === "#") while (i < text.length && text[i] !== "\n") i++;
    else break;
  }
  return i;
}

function unclosed(node: SyntaxNode): { node: SyntaxNode; close: string; word: string } | null {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    const c = CONTAINERS[n.name];
    if (!c || n.firstChild?.name !== c[0]) continue;
    let closed = false;
    for (let k = n.firstChild.nextSibling; k && !closed; k = k.nextSibling) closed = k.name === c[1];
    if (!closed) return { node: n, close: c[1], word: c[2] };
  }
  return null;
}

/** The closing bracket of the innermost bracketed node around `node` (closed or not), if any. */
const containerClose = (node: SyntaxNode): string | null => {
  for (let n: SyntaxNode | null = node.parent; n; n = n.parent) {
    const c = CONTAINERS[n.name];
    if (c) return c[1];
  }
  return null;
};

const fix = (title: string, start: number, end: number, newText: string): QuickFix[] => [
  { title, edits: [{ range: { start, end }, newText }] },
];
const say = (m: string) => `Python syntax error: ${m}`;
const BRACKET_CLOSE: Record<string, string> = { "{": "}", "[": "]", "(": ")" };

interface Site {
  readonly text: string;
  readonly original: string;
  readonly err: SyntaxNode;
  /** Start, text and range of the token the parser stumbled on (`null` text: end of the document). */
  readonly next: number;
  readonly found: string | null;
  readonly range: Range;
  /** End of the previous code token, its last character, and its innermost node. */
  readonly prevEnd: number;
  readonly prevChar: string;
  readonly leaf: SyntaxNode | null;
}

/** The innermost bracket open at the error: from the tree, else from a plain bracket scan. */
function innermostOpen(site: Site): { at: number; close: string; word: string } | null {
  const open = unclosed(site.err);
  if (open) return { at: open.node.from, close: open.close, word: open.word };
  const b = openBracketsAt(site.text, [site.next], "'\"", "#")[0]?.at(-1);
  return b ? { at: b.offset, close: BRACKET_CLOSE[b.char] ?? "", word: `\`${b.char}\`` } : null;
}

/** A stray quote: a key missing its opening quote (`client": 1`), or a string never closed. */
function strayQuote(site: Site): ErrorReport | null {
  const { text, found, leaf, next } = site;
  if (!found || !/^['"]/.test(found)) return null;
  const q = found[0] ?? '"';
  // A name glued to a quote (`client": {`) lost its opening quote; string prefixes (f"", r"") are not names.
  if (leaf && leaf.name === "VariableName" && leaf.to === next) {
    const word = text.slice(leaf.from, leaf.to);
    return {
      diagnostic: syntaxError(
        { start: leaf.from, end: next + 1 },
        say(`\`${word}${q}\` has no opening quote — write \`${q}${word}${q}\`.`),
        fix(`Insert \`${q}\``, leaf.from, leaf.from, q),
      ),
    };
  }
  if (found.length > 1 && found.endsWith(q)) return null;
  return { diagnostic: syntaxError(site.range, say(`unmatched \`${q}\`: the string it starts is not closed on this line.`)) };
}

/** `"bearer"` newline `"token": ...`: adjacent strings join, so the missing comma shows up at the `:`. */
function joinedStrings(site: Site): ErrorReport | null {
  const { text, found, leaf } = site;
  if (found !== ":" || !leaf || leaf.name !== "String" || leaf.parent?.name !== "ContinuedString") return null;
  const before = leaf.prevSibling;
  if (!before) return null;
  const canRepair = /\s/.test(text[before.to] ?? "");
  const key = showToken(text.slice(leaf.from, leaf.to));
  return {
    diagnostic: syntaxError(
      { start: leaf.from, end: leaf.to },
      say(`expected \`,\` before ${key} — missing comma? (Adjacent strings join into one, so the \`:\` after ${key} is unexpected.)`),
      fix("Insert `,`", before.to, before.to, ","),
    ),
    ...(canRepair ? { repair: { at: before.to, char: "," } } : {}),
  };
}

function closingBracket(site: Site): ErrorReport | null {
  const { found, range, next } = site;
  if (found === null || !CLOSERS.has(found)) return null;
  const open = innermostOpen(site);
  if (open && open.close !== found) {
    return {
      diagnostic: syntaxError(
        range,
        say(`expected \`${open.close}\` to close the ${open.word} opened at ${where(site.original, open.at)}, found \`${found}\`.`),
      ),
    };
  }
  if (!open)
    return {
      diagnostic: syntaxError(
        range,
        say(`unexpected \`${found}\`: no bracket is open here — one \`${found}\` too many?`),
        fix(`Remove \`${found}\``, next, next + 1, ""),
      ),
      repair: { at: next, char: " " },
    };
  return null;
}

/** Two values side by side inside brackets: a missing comma (or, after a key, a missing colon). */
function missingSeparator(site: Site): ErrorReport | null {
  const { text, found, prevEnd, prevChar, leaf, range, next, err } = site;
  const close = containerClose(err);
  if (!VALUE_END.test(prevChar) || found === null || !VALUE_START.test(found) || close === null) return null;
  const canRepair = /\s/.test(text[prevEnd] ?? "");
  const keyLeaf = leaf && leaf.name === "String" ? leaf : null;
  const beforeKey = keyLeaf ? text[prevCodeEnd(text, keyLeaf.from) - 1] : undefined;
  if (keyLeaf && close === "}" && (beforeKey === "{" || beforeKey === ",") && text[nextCodeStart(text, next + found.length)] !== ":") {
    const key = showToken(text.slice(keyLeaf.from, keyLeaf.to));
    return {
      diagnostic: syntaxError(
        range,
        say(`expected \`:\` between the key ${key} and its value ${showToken(found)} — missing colon?`),
        fix("Insert `:`", prevEnd, prevEnd, ":"),
      ),
      ...(canRepair ? { repair: { at: prevEnd, char: ":" } } : {}),
    };
  }
  return {
    diagnostic: syntaxError(
      range,
      say(`expected \`,\` before ${showToken(found)} — missing comma?`),
      fix("Insert `,`", prevEnd, prevEnd, ","),
    ),
    ...(canRepair ? { repair: { at: prevEnd, char: "," } } : {}),
  };
}

/** Explains one error node; `text` is what was parsed, `original` what the user sees (same offsets). */
export function explainError(text: string, original: string, tree: Tree, err: SyntaxNode): ErrorReport {
  const next = nextCodeStart(text, err.from);
  const prevEnd = prevCodeEnd(text, err.from);
  const site: Site = {
    text,
    original,
    err,
    next,
    prevEnd,
    found: tokenAt(text, next),
    range: rangeAt(text, next),
    prevChar: text[prevEnd - 1] ?? "",
    leaf: prevEnd > 0 ? tree.resolveInner(prevEnd, -1) : null,
  };
  const { found, prevChar, range, leaf } = site;
  if (found === null) {
    const open = innermostOpen(site);
    const detail = open
      ? ` the \`${text[open.at]}\` opened at ${where(original, open.at)} is never closed — expected \`${open.close}\``
      : " the statement is incomplete";
    return { diagnostic: syntaxError(range, say(`unexpected end of the document:${detail}.`)) };
  }
  const special = strayQuote(site) ?? joinedStrings(site) ?? closingBracket(site);
  if (special) return special;
  if (found === "," && (prevChar === "," || prevChar === "{" || prevChar === "[" || prevChar === "(")) {
    return {
      diagnostic: syntaxError(range, say("unexpected `,` — two commas in a row?"), fix("Remove the extra `,`", next, next + 1, "")),
      repair: { at: next, char: " " },
    };
  }
  if (prevChar === ":" && (found === "," || CLOSERS.has(found))) {
    return { diagnostic: syntaxError(range, say(`expected a value after \`:\`, found ${showToken(found)}.`)) };
  }
  const separator = missingSeparator(site);
  if (separator) return separator;
  const prevToken = leaf && leaf.to === prevEnd && leaf.to - leaf.from <= 40 ? text.slice(leaf.from, leaf.to) : prevChar;
  const hint = found === ":" ? " — is a `{` missing before this key, or a `,` before it?" : ".";
  return {
    diagnostic: syntaxError(range, say(`unexpected ${showToken(found)}${prevToken ? ` after ${showToken(prevToken)}` : ""}${hint}`)),
  };
}
