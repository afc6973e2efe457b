/**
 * DuckDB's error messages locate parser and binder errors with a `LINE n: <snippet>` line and a
 * caret under the spot; this turns that into an offset in the query text (the snippet may be a
 * window of a long line, cut with `...`).
 */
const LINE = /^LINE (\d+): (.*)$/m;

export function errorOffset(message: string, sql: string): number | null {
  const m = LINE.exec(message);
  if (!m) return null;
  const after = message.slice((m.index ?? 0) + m[0].length + 1);
  const caretLine = after.split("\n")[0] ?? "";
  const caret = caretLine.indexOf("^");
  if (caret < 0) return null;
  const prefix = `LINE ${m[1]}: `.length;
  let snippet = m[2] ?? "";
  let at = caret - prefix;
  if (snippet.startsWith("...")) {
    snippet = snippet.slice(3);
    at -= 3;
  }
  if (snippet.endsWith("...")) snippet = snippet.slice(0, -3);
  const lines = sql.split("\n");
  const lineNo = Number(m[1]) - 1;
  const line = lines[lineNo];
  if (line === undefined) return null;
  const within = line.indexOf(snippet);
  const column = Math.max(0, (within < 0 ? 0 : within) + Math.max(0, at));
  let offset = 0;
  for (let i = 0; i < lineNo; i++) offset += (lines[i]?.length ?? 0) + 1;
  return Math.min(sql.length, offset + column);
}

/** The message without DuckDB's `LINE …` excerpt (the console marks the spot itself). */
export function errorText(message: string): string {
  const at = message.search(/\n\s*\nLINE \d+:/);
  return (at < 0 ? message : message.slice(0, at)).trim();
}
