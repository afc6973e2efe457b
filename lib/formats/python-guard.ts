/**
 * The Python text guard (guard.ts). Brackets nest, but so do prefix operators and right-nesting
 * forms (`not not x`, `- - 1`, `lambda: lambda: 1`, `a if b else c if d else …`, `x ** x ** …`):
 * lezer's stack grows with each, and a long chain costs it seconds and gigabytes. So nesting here is
 * brackets plus the chain of such operators in each open bracket. A bracket past MAX_DEPTH is
 * hollowed; an operator chain past it refuses the text (there is no bracket to hollow). The
 * parentheses of a call at the top level (`rest_api_source(...)`) do not count: the config inside
 * nests as deep as in JSON or YAML.
 */
import type { TextGuard } from "./guard";
import { DepthCounter } from "./depth-counter";
import { MAX_DEPTH } from "./limits";

/** A module-local copy, read once per operator (an imported binding may be a getter). */
const DEPTH_LIMIT = MAX_DEPTH;

/** After these words an operand is expected (so a following `-` or `not` is a prefix operator). */
const EXPECT_OPERAND = new Set([
  "and",
  "or",
  "not",
  "in",
  "is",
  "if",
  "else",
  "elif",
  "lambda",
  "await",
  "return",
  "yield",
  "assert",
  "del",
  "for",
  "while",
  "import",
  "from",
  "as",
  "with",
  "raise",
  "print",
]);
/** Words that nest what follows them (in prefix position for `not`/`await`; always for `lambda`/`else`). */
const NESTING_WORDS = new Set(["not", "await", "lambda", "else", "yield"]);

const isWordChar = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c >= 0x80;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
/** The operator characters (plus, minus, star, slash, percent, at, ampersand, bar, caret, tilde, <, >, =, !, dot), by char code. */
const OPERATOR_CODES = new Set([..."+-*/%@&|^~<>=!."].map((ch) => ch.charCodeAt(0)));

/** Offset after the string whose quote is at `i` (single-quoted strings stop at an unescaped line break). */
function skipString(text: string, i: number): number {
  const q = text[i] ?? '"';
  if (text.startsWith(q + q + q, i)) {
    let p = i + 3;
    for (;;) {
      const end = text.indexOf(q + q + q, p);
      if (end < 0) return text.length;
      let slashes = 0;
      for (let k = end - 1; k >= p && text.charCodeAt(k) === BACKSLASH; k--) slashes++;
      if (slashes % 2 === 0) return end + 3;
      p = end + 1;
    }
  }
  const quote = text.charCodeAt(i);
  let p = i + 1;
  while (p < text.length) {
    const c = text.charCodeAt(p);
    if (c === quote) return p + 1;
    if (c === BACKSLASH) p += 2;
    else if (c === NEWLINE) return p;
    else p++;
  }
  return text.length;
}

/** The chain of nesting operators in each open bracket (the innermost last), and their sum. */
class Chains {
  private readonly levels: { nest: number; lambdas: number }[] = [{ nest: 0, lambdas: 0 }];
  total = 0;
  private get top() {
    return this.levels[this.levels.length - 1] ?? { nest: 0, lambdas: 0 };
  }
  add(lambda = false): void {
    this.top.nest++;
    if (lambda) this.top.lambdas++;
    this.total++;
  }
  /** `,` `;` a statement's end, or a `:` that is not a lambda's: the expression ends. */
  reset(): void {
    this.total -= this.top.nest;
    this.top.nest = 0;
  }
  /** A `:`: the end of a lambda's parameters (the chain goes on), else of an expression. */
  colon(): void {
    if (this.top.lambdas > 0) this.top.lambdas--;
    else this.reset();
  }
  open(): void {
    this.levels.push({ nest: 0, lambdas: 0 });
  }
  close(): void {
    if (this.levels.length === 1) return;
    this.total -= this.top.nest;
    this.levels.pop();
  }
}

export function guardPython(text: string): TextGuard {
  const c = new DepthCounter();
  const chains = new Chains();
  let operand = false;
  /** Inside the parentheses of a call at the top level (one level not counted). */
  let topCall = false;
  const nest = (at: number, lambda = false) => {
    chains.add(lambda);
    if (!c.skipping && c.depth - (topCall ? 1 : 0) + chains.total > DEPTH_LIMIT) c.refuseDeep(at, "expression");
  };
  let i = 0;
  while (i < text.length && !c.done) {
    const ch = text.charCodeAt(i);
    switch (ch) {
      case NEWLINE:
        if (c.depth === 0) {
          chains.reset(); // a statement ends
          operand = false;
        }
        i++;
        continue;
      case 0x23: {
        // `#`
        const eol = text.indexOf("\n", i);
        i = eol < 0 ? text.length : eol;
        continue;
      }
      case 0x22: // `"`
      case 0x27: // `'`
        c.count(i);
        i = skipString(text, i);
        operand = true;
        continue;
      case 0x28: // `(`
      case 0x5b: // `[`
      case 0x7b: // `{`
        if (ch === 0x28 && operand && c.depth === 0) topCall = true;
        c.open(i, ch === 0x28 ? "expression" : ch === 0x5b ? "list" : "dict", c.skipping ? 0 : chains.total - (topCall ? 1 : 0));
        chains.open();
        operand = false;
        i++;
        continue;
      case 0x29: // `)`
      case 0x5d: // `]`
      case 0x7d: // `}`
        c.close(i + 1);
        if (c.depth === 0) topCall = false;
        chains.close();
        operand = true;
        i++;
        continue;
      case 0x2c: // `,`
      case 0x3b: // `;`
        chains.reset();
        operand = false;
        i++;
        continue;
      case 0x3a: // `:` (and `:=`)
        if (text.charCodeAt(i + 1) === 0x3d) i++;
        chains.colon();
        operand = false;
        i++;
        continue;
    }
    if (ch <= 0x20) i++;
    else if (isWordChar(ch)) {
      const start = i;
      while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
      // Keywords are short: longer words are names (and need no copy).
      const word = i - start <= 6 ? text.slice(start, i) : "";
      c.count(start);
      if (NESTING_WORDS.has(word) && (!operand || word === "else" || word === "lambda")) nest(start, word === "lambda");
      operand = !EXPECT_OPERAND.has(word);
    } else if (OPERATOR_CODES.has(ch)) {
      const power = ch === 0x2a && text.charCodeAt(i + 1) === 0x2a;
      // Prefix `-` `+` `~` `*` `**`, and `**` (right-associative) after an operand, nest.
      if ((!operand && (ch === 0x2d || ch === 0x2b || ch === 0x7e || ch === 0x2a)) || power) nest(i);
      c.count(i);
      operand = false;
      i += power ? 2 : 1;
    } else {
      c.count(i);
      i++;
    }
  }
  return c.finish(text);
}
