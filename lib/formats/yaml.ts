import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YNode } from "yaml";
import type { Diagnostic, DocEntry, DocNode, ParsedDocument } from "./types";
import { specialObject } from "./pointer";

/** YAML block collections end after the newline that follows them; ranges stop at the last non-blank character. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1] ?? "")) e--;
  return e;
}

function convert(text: string, node: YNode | null | undefined, doc: Document, diagnostics: Diagnostic[], pointer: string, fallback: number): DocNode {
  if (!node) return { kind: "null", range: { start: fallback, end: fallback } };
  const r = node.range ?? [fallback, fallback, fallback];
  const range = { start: r[0], end: trimEnd(text, r[0], r[1]) };
  if (isAlias(node)) return convert(text, node.resolve(doc) ?? null, doc, diagnostics, pointer, r[0]);
  if (isMap(node)) {
    const entries: DocEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as YNode | null;
      if (!isScalar(k) || typeof k.value !== "string") {
        const kr = k?.range ?? r;
        diagnostics.push({ severity: "error", code: "invalid_key", path: pointer, range: { start: kr[0], end: kr[1] }, message: "Keys must be strings." });
        continue;
      }
      const kr = k.range ?? r;
      const keyRange = { start: kr[0], end: kr[1] };
      const childPointer = `${pointer}/${k.value.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      const value = convert(text, pair.value as YNode | null, doc, diagnostics, childPointer, keyRange.end);
      entries.push({ key: k.value, keyRange, value, range: { start: keyRange.start, end: Math.max(value.range.end, keyRange.end) } });
    }
    return specialObject(entries, range) ?? { kind: "object", range, entries };
  }
  if (isSeq(node)) return { kind: "array", range, items: node.items.map((it, i) => convert(text, it as YNode, doc, diagnostics, `${pointer}/${i}`, r[0])) };
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return { kind: "null", range };
    if (typeof v === "string") return { kind: "string", range, value: v };
    if (typeof v === "number") return { kind: "number", range, value: v };
    if (typeof v === "boolean") return { kind: "boolean", range, value: v };
    return { kind: "string", range, value: String(v) };
  }
  return { kind: "null", range };
}

export function parseYaml(text: string): ParsedDocument {
  const doc = parseDocument(text, { keepSourceTokens: false, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = [];
  for (const e of doc.errors) {
    const [start, end] = e.pos;
    const duplicate = e.code === "DUPLICATE_KEY";
    diagnostics.push({
      severity: duplicate ? "warning" : "error",
      code: duplicate ? "duplicate_key" : "syntax_error",
      path: "",
      range: { start, end: Math.max(end, start + 1) },
      message: duplicate ? "Duplicate key: the last one wins." : `YAML syntax error: ${e.message.split("\n")[0]}`,
    });
  }
  for (const w of doc.warnings) {
    diagnostics.push({ severity: "warning", code: "yaml_warning", path: "", range: { start: w.pos[0], end: Math.max(w.pos[1], w.pos[0] + 1) }, message: w.message.split("\n")[0] ?? w.message });
  }
  const hasFatal = diagnostics.some((d) => d.severity === "error");
  const root = doc.contents ? convert(text, doc.contents as YNode, doc, diagnostics, "", 0) : null;
  return { format: "yaml", text, root: hasFatal && !root ? null : root, diagnostics };
}
