import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { Diagnostic, DocEntry, DocNode, ParsedDocument } from "./types";
import { specialObject } from "./pointer";

const HINTS: Record<string, string> = {
  CommaExpected: "expected `,` between entries",
  ColonExpected: "expected `:` after the key",
  PropertyNameExpected: "expected a quoted key (JSON keys need double quotes; no trailing commas)",
  ValueExpected: "expected a value (JSON has no trailing commas, `True`/`None` are written `true`/`null`)",
  CloseBraceExpected: "expected `}` to close the object",
  CloseBracketExpected: "expected `]` to close the list",
  EndOfFileExpected: "expected the end of the document after the top-level value",
  InvalidCommentToken: "comments are not allowed in JSON",
  UnexpectedEndOfComment: "unterminated comment",
  UnexpectedEndOfString: "unterminated string",
  InvalidSymbol: "invalid symbol (strings need double quotes)",
  InvalidEscapeCharacter: "invalid escape sequence in string",
  InvalidUnicode: "invalid unicode escape",
  InvalidNumberFormat: "invalid number",
  InvalidCharacter: "invalid character in string",
};

function convert(n: JsonNode, diagnostics: Diagnostic[], pointer: string): DocNode {
  const range = { start: n.offset, end: n.offset + n.length };
  switch (n.type) {
    case "object": {
      const entries: DocEntry[] = [];
      const seen = new Map<string, DocEntry>();
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || typeof k.value !== "string") continue;
        const keyRange = { start: k.offset, end: k.offset + k.length };
        const childPointer = `${pointer}/${k.value.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        const value: DocNode = v ? convert(v, diagnostics, childPointer) : { kind: "null", range: { start: keyRange.end, end: keyRange.end } };
        const entry: DocEntry = { key: k.value, keyRange, value, range: { start: prop.offset, end: prop.offset + prop.length } };
        if (seen.has(k.value)) {
          diagnostics.push({ severity: "warning", code: "duplicate_key", path: childPointer, range: keyRange, message: `Duplicate key \`${k.value}\`: the last one wins.` });
        }
        seen.set(k.value, entry);
        entries.push(entry);
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
      return { kind: "boolean", range, value: Boolean(n.value) };
    default:
      return { kind: "null", range };
  }
}

export function parseJson(text: string): ParsedDocument {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const diagnostics: Diagnostic[] = errors.map((e) => {
    const name = printParseErrorCode(e.error);
    return {
      severity: "error",
      code: "syntax_error",
      path: "",
      range: { start: e.offset, end: e.offset + Math.max(1, e.length) },
      message: `JSON syntax error: ${HINTS[name] ?? name}.`,
    };
  });
  const root = tree ? convert(tree, diagnostics, "") : null;
  return { format: "json", text, root, diagnostics };
}
