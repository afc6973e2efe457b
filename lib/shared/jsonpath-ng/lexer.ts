/**
 * The tokens of jsonpath-ng's "ext" lexer (`ExtendedJsonPathLexer`, a PLY lexer), which dlt 1.26
 * reads every JSONPath with. PLY tries the rule functions in the order they are defined, then the
 * string rules longest first, then one-character literals; blanks and tabs are skipped. So `true` and
 * `false` are booleans before they are names (`$.true_count` is `true` then `_count`), and a quoted
 * name is a name whatever it spells. Positions are UTF-16 offsets into the path.
 */

/** A token: `type` is a terminal of tables.ts (`ID`, `NUMBER`, `[`, …). */
export interface Token {
  readonly type: string;
  readonly value: string | number | boolean;
  readonly start: number;
  readonly end: number;
}

/** A text jsonpath-ng refuses, with the offsets it refuses. */
export class JsonPathSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
    /** A field name the lexer read as a keyword (`true_count`, `where`): quoted, the path parses further. */
    readonly unquoted?: { readonly start: number; readonly end: number },
  ) {
    super(message);
  }
}

const RESERVED: Readonly<Record<string, string>> = { where: "WHERE", wherenot: "WHERENOT" };
const LITERALS = new Set("*.[]()$,:|&~?@+/-");
const NUMBER_TEXT = /^-?\p{Nd}+$/u;

/** Python's `int()` of a `\d+` match, which takes any Unicode decimal digits. */
function pyInt(text: string): number {
  if (!NUMBER_TEXT.test(text)) return Number(text);
  let n = 0;
  for (const ch of text.replace("-", "")) n = n * 10 + digitValue(ch);
  return text.startsWith("-") ? -n : n;
}

/** The value of one Unicode decimal digit: Unicode encodes them in runs of whole blocks of ten, 0 to 9. */
function digitValue(ch: string): number {
  const cp = ch.codePointAt(0) ?? 48;
  let first = cp;
  while (first > 0 && ND.test(String.fromCodePoint(first - 1))) first--;
  return (cp - first) % 10;
}
const ND = /^\p{Nd}$/u;

type Rule = readonly [RegExp, (text: string) => [string, Token["value"]] | "quote" | null];

/** INITIAL's rules in PLY's order (functions by line, then strings by length); `null`: skipped (a newline). */
const RULES: readonly Rule[] = [
  [/true|false/y, (t) => ["BOOL", t === "true"]],
  [/,?\s*(\/|\\)/uy, (t) => ["SORT_DIRECTION", t.slice(-1)]],
  [/@?[a-zA-Z_][a-zA-Z0-9_@-]*/y, (t) => [RESERVED[t] ?? "ID", t]],
  [/-?\p{Nd}+\.\p{Nd}+/uy, (t) => ["FLOAT", Number(t.replace(/\p{Nd}/gu, (d) => String(digitValue(d))))]],
  [/-?\p{Nd}+/uy, (t) => ["NUMBER", pyInt(t)]],
  [/['"`]/y, () => "quote"],
  [/\n/y, () => null],
  [/=~|==?|<=|>=|!=|<|>/y, (t) => ["FILTER_OP", t]],
  [/\.\./y, () => ["DOUBLEDOT", ".."]],
];

/** A quoted name (`'…'`, `"…"`) or a back-quoted operator from `start` (the quote): its token and where it ends. */
function quoted(text: string, start: number): Token {
  const quote = text.charAt(start);
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === quote) return { type: quote === "`" ? "NAMED_OPERATOR" : "ID", value, start, end: i + 1 };
    if (ch === "\\") {
      // `\\.`: any character but a newline; a backslash before a newline or the end stops the lexer.
      const next = text[i + 1];
      if (next === undefined || next === "\n") break;
      value += next;
      i += 2;
    } else {
      value += ch;
      i++;
    }
  }
  if (i >= text.length) throw new JsonPathSyntaxError("the quoted name is never closed", start, text.length);
  throw new JsonPathSyntaxError("a backslash must be followed by the character it escapes", i, i + 1);
}

/** The tokens of `text`, as jsonpath-ng's lexer reads them: one at a time, as its parser asks for them. */
export class Lexer {
  private pos = 0;
  constructor(private readonly text: string) {}

  /** The next token, or null at the end of the text. */
  next(): Token | null {
    const text = this.text;
    outer: while (this.pos < text.length) {
      const pos = this.pos;
      const ch = text.charAt(pos);
      if (ch === " " || ch === "\t") {
        this.pos++;
        continue;
      }
      for (const [re, make] of RULES) {
        re.lastIndex = pos;
        const m = re.exec(text);
        if (!m) continue;
        const made = make(m[0]);
        if (made === "quote") {
          const token = quoted(text, pos);
          this.pos = token.end;
          return token;
        }
        this.pos += m[0].length;
        if (made) return { type: made[0], value: made[1], start: pos, end: pos + m[0].length };
        continue outer;
      }
      if (LITERALS.has(ch)) {
        this.pos++;
        return { type: ch, value: ch, start: pos, end: pos + 1 };
      }
      const cp = String.fromCodePoint(text.codePointAt(pos) ?? 0);
      throw new JsonPathSyntaxError(`\`${cp}\` cannot appear here (outside quotes)`, pos, pos + cp.length);
    }
    return null;
  }
}

/** All the tokens of `text`. */
export function tokenize(text: string): Token[] {
  const lexer = new Lexer(text);
  const out: Token[] = [];
  for (let t = lexer.next(); t !== null; t = lexer.next()) out.push(t);
  return out;
}
