/** JSON import with jsonc-parser: exact offsets for every key and value; strict JSON (no comments, no trailing commas). */
import { parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { Diagnostic, DocEntry, DocNode, ParsedDocument } from "./types";
import { duplicateKeyWarning, escapeSegment, longKey, specialObject } from "./refs";
import { jsonSyntaxDiagnostics } from "./json-errors";
import { guardJson } from "./json-guard";
import { guardDiagnostics } from "./guard";
import { emptyDocument } from "./syntax";

function convert(n: JsonNode, diagnostics: Diagnostic[], pointer: string): DocNode {
  const range = { start: n.offset, end: n.offset + n.length };
  switch (n.type) {
    case "object": {
      const entries: DocEntry[] = [];
      const seen = new Set<string>();
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || typeof k.value !== "string") continue;
        const keyRange = { start: k.offset, end: k.offset + k.length };
        const tooLong = longKey(k.value, pointer, keyRange);
        if (tooLong) {
          diagnostics.push(tooLong);
          continue;
        }
        const childPointer = `${pointer}/${escapeSegment(k.value)}`;
        // A key without a value (`{"a"}`) is a syntax error already; keep the key so paths still resolve.
        const value: DocNode = v
          ? convert(v, diagnostics, childPointer)
          : { kind: "null", range: { start: keyRange.end, end: keyRange.end } };
        if (seen.has(k.value)) diagnostics.push(duplicateKeyWarning(k.value, childPointer, keyRange));
        seen.add(k.value);
        entries.push({
          key: k.value,
          keyRange,
          value,
          range: { start: prop.offset, end: Math.max(prop.offset + prop.length, value.range.end) },
        });
      }
      return specialObject(entries, range) ?? { kind: "object", range, entries };
    }
    case "array":
      return { kind: "array", range, items: (n.children ?? []).map((c, i) => convert(c, diagnostics, `${pointer}/${i}`)) };
    case "string":
      return { kind: "string", range, value: String(n.value) };
    case "number":
      return { kind: "number", range, value: Number(n.value) };
    case "boolean":
      return { kind: "boolean", range, value: n.value === true };
    default:
      return { kind: "null", range };
  }
}

export function parseJson(text: string): ParsedDocument {
  const diagnostics: Diagnostic[] = [];
  if (text.trim() === "") {
    diagnostics.push(emptyDocument('a JSON object such as `{"client": {...}, "resources": [...]}`'));
    return { format: "json", text, root: null, diagnostics };
  }
  // Bounded before parsing: parseTree and convert recurse once per nesting level (limits.ts).
  const guarded = guardJson(text);
  if (guarded.refused) return { format: "json", text, root: null, diagnostics: guardDiagnostics(text, guarded, null, "json") };
  const errors: ParseError[] = [];
  const tree = parseTree(guarded.text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  diagnostics.push(...jsonSyntaxDiagnostics(guarded.text, errors));
  const root = tree ? convert(tree, diagnostics, "") : null;
  diagnostics.push(...guardDiagnostics(text, guarded, root, "json"));
  return { format: "json", text, root, diagnostics };
}
