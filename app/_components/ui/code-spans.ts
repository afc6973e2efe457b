/**
 * Markdown's inline code, and nothing else of Markdown: the example descriptions write names as `code`.
 * A run of backticks opens a span that the next run of the same length closes (CommonMark 6.1); a run left
 * unclosed is text. One space on each side of a span's content is dropped when both are there (`` `a` ``).
 */
export type TextPart = { readonly code: boolean; readonly text: string };

export function codeSpans(source: string): TextPart[] {
  const parts: TextPart[] = [];
  const push = (code: boolean, text: string) => {
    const last = parts[parts.length - 1];
    if (!code && last && !last.code) parts[parts.length - 1] = { code, text: last.text + text };
    else if (text !== "" || code) parts.push({ code, text });
  };
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf("`", at);
    if (open === -1) break;
    let end = open;
    while (source[end] === "`") end++;
    const fence = end - open;
    const close = closingRun(source, end, fence);
    if (close === -1) {
      push(false, source.slice(at, end));
      at = end;
      continue;
    }
    push(false, source.slice(at, open));
    let inner = source.slice(end, close);
    if (inner.length > 2 && inner.startsWith(" ") && inner.endsWith(" ") && inner.trim() !== "") inner = inner.slice(1, -1);
    push(true, inner);
    at = close + fence;
  }
  push(false, source.slice(at));
  return parts;
}

/** Where a run of exactly `fence` backticks starts at or after `from`, or -1. */
function closingRun(source: string, from: number, fence: number): number {
  let at = source.indexOf("`", from);
  while (at !== -1) {
    let end = at;
    while (source[end] === "`") end++;
    if (end - at === fence) return at;
    at = source.indexOf("`", end);
  }
  return -1;
}

/** The plain text a reader sees (the spans' backticks dropped): for a terminal, a title or a search. */
export const plainText = (source: string): string =>
  codeSpans(source)
    .map((p) => p.text)
    .join("");
