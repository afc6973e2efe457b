/**
 * Quick-fix edits inside a dlt class call that the Python reader read as a dict (decision 0022):
 * `OffsetPaginator(limit=100)` gets `, total_path=None`, not a dict entry. Entries the reader added
 * (the `type` from the class name, credentials an auth object leaves unset) start before the `(`.
 */
import { writePythonLiteral, type DocEntry, type DocNode, type ParsedDocument, type PlainValue, type TextEdit } from "../formats";

/** The `(` of a call node, or -1 when the node is not a call (a dict literal starts with `{`). */
export function callParen(doc: ParsedDocument, node: DocNode): number {
  if (doc.format !== "python" || node.kind !== "object" || doc.text[node.range.start] === "{") return -1;
  const at = doc.text.indexOf("(", node.range.start);
  return at >= 0 && at < node.range.end ? at : -1;
}

const argsOf = (node: DocNode & { kind: "object" }, paren: number): DocEntry[] => node.entries.filter((e) => e.range.start > paren);

export function insertCallArg(
  doc: ParsedDocument,
  node: DocNode & { kind: "object" },
  paren: number,
  key: string,
  value: PlainValue,
): TextEdit {
  const last = argsOf(node, paren).at(-1);
  const arg = `${key}=${writePythonLiteral(value)}`;
  return last
    ? { range: { start: last.range.end, end: last.range.end }, newText: `, ${arg}` }
    : { range: { start: paren + 1, end: paren + 1 }, newText: arg };
}

export function removeCallArgs(
  doc: ParsedDocument,
  node: DocNode & { kind: "object" },
  paren: number,
  keys: readonly string[],
): TextEdit[] {
  const args = argsOf(node, paren);
  const edits: TextEdit[] = [];
  args.forEach((e, i) => {
    if (!keys.includes(e.key)) return;
    const next = args[i + 1];
    const prev = args[i - 1];
    if (next) edits.push({ range: { start: e.range.start, end: next.range.start }, newText: "" });
    else if (prev && !keys.includes(prev.key)) edits.push({ range: { start: prev.range.end, end: e.range.end }, newText: "" });
    else edits.push({ range: { start: e.range.start, end: e.range.end }, newText: "" });
  });
  return edits;
}
