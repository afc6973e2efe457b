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
  // `\n\s*\nLINE \d+:` found from each `LINE ` back over the blank before it (the pattern rescanned every blank run).
  const at = excerptStart(message);
  return (at < 0 ? message : message.slice(0, at)).trim();
}

function excerptStart(message: string): number {
  for (let line = message.indexOf("LINE "); line >= 0; line = message.indexOf("LINE ", line + 1)) {
    if (!/^LINE \d+:/.test(message.slice(line, line + 32))) continue;
    // Back over the blank before it: it must hold two line feeds, the first at the match's start.
    let at = line;
    while (at > 0 && message[at - 1]?.trim() === "") at--;
    const blank = message.slice(at, line);
    const first = blank.indexOf("\n");
    if (first >= 0 && blank.endsWith("\n") && first < blank.length - 1) return at + first;
  }
  return -1;
}
