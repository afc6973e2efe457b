/** The SQL console's text helpers: where an error is (line, column, the line with a caret) and a starter query. */

export interface ErrorSpot {
  readonly line: number;
  readonly column: number;
  /** The query's line at the spot. */
  readonly text: string;
  /** Spaces up to the spot, then `^` under the marked part. */
  readonly caret: string;
}

export function errorSpot(sql: string, start: number, end = start + 1): ErrorSpot {
  const before = sql.slice(0, start);
  const line = before.split("\n").length;
  const lineStart = before.lastIndexOf("\n") + 1;
  const lineEnd = sql.indexOf("\n", start) === -1 ? sql.length : sql.indexOf("\n", start);
  const column = start - lineStart + 1;
  const width = Math.max(1, Math.min(end, lineEnd) - start);
  return { line, column, text: sql.slice(lineStart, lineEnd), caret: `${" ".repeat(column - 1)}${"^".repeat(width)}` };
}

const quote = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);

/** Before the first load there is no table to name (not even `_dlt_loads`): the box starts empty. */
export const starterQuery = (table: string | undefined): string => (table === undefined ? "" : `SELECT *\nFROM ${quote(table)}\nLIMIT 100`);

export const tableQuery = (table: string): string => `SELECT * FROM ${quote(table)} LIMIT 100`;
