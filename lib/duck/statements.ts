/**
 * Where the statements of a SQL text are: a small scanner that knows DuckDB's quoting (`'…'` with
 * `''`, `"…"` with `""`, `$tag$…$tag$`) and comments (`--`, nested `/* … *\/`), so a `;` inside
 * them does not split. Offsets are UTF-16 indexes into the text, for the console's located errors.
 */
export interface StatementSpan {
  /** Offset of the statement's first token (after whitespace and comments). */
  readonly start: number;
  /** Offset just after its last token (before the `;`). */
  readonly end: number;
  /** The first word, upper-cased (`SELECT`, `WITH`, `DELETE`, …). */
  readonly keyword: string;
}

function skipQuoted(text: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === quote) {
      if (text[j + 1] === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return j;
}

function skipBlockComment(text: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < text.length) {
    if (text.startsWith("/*", j)) {
      depth++;
      j += 2;
    } else if (text.startsWith("*/", j)) {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else j++;
  }
  return j;
}

/** The index after the token or gap at `i`, and whether it was code (not whitespace or a comment). */
function step(text: string, i: number): { next: number; code: boolean } {
  const ch = text[i] as string;
  if (/\s/.test(ch)) return { next: i + 1, code: false };
  if (text.startsWith("--", i)) {
    const nl = text.indexOf("\n", i);
    return { next: nl === -1 ? text.length : nl + 1, code: false };
  }
  if (text.startsWith("/*", i)) return { next: skipBlockComment(text, i), code: false };
  if (ch === "'" || ch === '"') return { next: skipQuoted(text, i, ch), code: true };
  const dollar = /^\$([A-Za-z_]\w*)?\$/.exec(text.slice(i, i + 64));
  if (dollar) {
    const close = text.indexOf(dollar[0], i + dollar[0].length);
    return { next: close === -1 ? text.length : close + dollar[0].length, code: true };
  }
  return { next: i + 1, code: true };
}

/** The non-empty statements of `text`, in order. */
export function splitStatements(text: string): StatementSpan[] {
  const out: StatementSpan[] = [];
  let start = -1;
  let end = -1;
  const close = () => {
    if (start >= 0) {
      const word = /^[A-Za-z_]+/.exec(text.slice(start, start + 32));
      out.push({ start, end, keyword: (word?.[0] ?? text.slice(start, start + 1)).toUpperCase() });
    }
    start = -1;
  };
  let i = 0;
  while (i < text.length) {
    if (text[i] === ";") {
      close();
      i++;
      continue;
    }
    const { next, code } = step(text, i);
    if (code) {
      if (start < 0) start = i;
      end = next;
    }
    i = next;
  }
  close();
  return out;
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}
