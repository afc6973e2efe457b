/**
 * Text helpers in one pass, for what a backtracking pattern makes quadratic on text we are given (config text, API
 * responses, headers, imported documents): `/x+$/` tries every inner run of `x` as the start of the trailing one, and
 * `/\{[^}]*\}/g` scans to the end from every `{` when no `}` follows. eslint's `regexp/no-super-linear-*` rules
 * (eslint.config.mjs) refuse such patterns; these are what to use instead.
 */

export type Sides = "both" | "start" | "end";

/** `s` without the leading and/or trailing characters (UTF-16 code units) for which `drop` holds. */
export function trimWhere(s: string, drop: (code: number) => boolean, sides: Sides = "both"): string {
  let start = 0;
  let end = s.length;
  if (sides !== "end") while (start < end && drop(s.charCodeAt(start))) start++;
  if (sides !== "start") while (end > start && drop(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** `s` without the leading and/or trailing characters of `chars` (`trimChars(url, "/", "end")`). */
export const trimChars = (s: string, chars: string, sides: Sides = "both"): string =>
  trimWhere(s, (c) => chars.includes(String.fromCharCode(c)), sides);

export interface BraceSpan {
  /** The `{`. */
  readonly start: number;
  /** Just after the `}`. */
  readonly end: number;
  /** What is between them (a `{` included: `{{a}` is one span named `{a`, as `/\{([^}]+)\}/g` reads it). */
  readonly name: string;
}

/**
 * The `{…}` spans of `s` as `/\{([^}]*)\}/g` finds them (`/\{([^}]+)\}/g` with `nonEmpty`), left to right, without
 * rescanning the rest of the text from every `{`.
 */
export function braceSpans(s: string, nonEmpty = false): BraceSpan[] {
  const out: BraceSpan[] = [];
  let from = 0;
  for (;;) {
    const open = s.indexOf("{", from);
    if (open < 0) break;
    const close = s.indexOf("}", open + 1);
    // No `}` after this `{` means none after any later one either.
    if (close < 0) break;
    if (nonEmpty && close === open + 1) {
      from = open + 1;
      continue;
    }
    out.push({ start: open, end: close + 1, name: s.slice(open + 1, close) });
    from = close + 1;
  }
  return out;
}

/** `s` with every span of `braceSpans(s, nonEmpty)` replaced by what `by` makes of its name. */
export function replaceBraces(s: string, by: (name: string) => string, nonEmpty = false): string {
  const spans = braceSpans(s, nonEmpty);
  if (spans.length === 0) return s;
  let out = "";
  let last = 0;
  for (const span of spans) {
    out += s.slice(last, span.start) + by(span.name);
    last = span.end;
  }
  return out + s.slice(last);
}

/** The index of the first `#` preceded by whitespace, moved back to the start of that whitespace (`s.search(/\s+#/)`). */
export function spaceBeforeHash(s: string): number {
  for (let hash = s.indexOf("#"); hash >= 0; hash = s.indexOf("#", hash + 1)) {
    let at = hash;
    while (at > 0 && isJsSpace(s[at - 1] as string)) at--;
    if (at < hash) return at;
  }
  return -1;
}

/** Whether `c` (one character) is in JavaScript's `\s` (what `trim` removes). */
export const isJsSpace = (c: string): boolean => c.length > 0 && c.trim() === "";

/** Whether `s` holds a line terminator: the characters `.` does not match without the `s` flag. */
export const hasLineTerminator = (s: string): boolean => /[\n\r\u2028\u2029]/.test(s);
