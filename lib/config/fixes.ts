/**
 * Text edits for quick fixes, in the document's own syntax: keep the user's quoting and indentation,
 * touch only the entries a fix is about (so comments and layout elsewhere survive), and produce text
 * that parses again in all three formats (JSON, YAML block or flow style, Python dict).
 */
import {
  findNode,
  plainYamlText,
  writePythonLiteral,
  writeYaml,
  type DocEntry,
  type DocNode,
  type ParsedDocument,
  type PlainValue,
  type QuickFix,
  type Range,
  type SourceFormat,
  type TextEdit,
} from "../formats";
import type { Path } from "./located";
import { hasLineTerminator, soleMarker, spaceBeforeHash } from "../shared";
import { callParen, insertCallArg, removeCallArgs } from "./fixes-call";

/**
 * `newText` quoted the way `original` was (double, single or plain YAML). A Python string prefix
 * (`f"post"`, `u'x'`, `r'…'`) is dropped, the quotes kept: the new text is a plain literal.
 */
export function quoteLike(original: string, newText: string): string {
  original = original.replace(/^[rRuUbBfF]{1,2}(?=["'])/, "");
  if (original.startsWith('"')) return JSON.stringify(newText);
  if (original.startsWith("'")) return `'${newText.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  return /^[A-Za-z_][\w.-]*$/.test(newText) ? newText : JSON.stringify(newText);
}

/** The quick fix of a misspelt key: renamed to `guess` where `text` has it at `range`, quoted as it was. */
export const renameKeyFix = (text: string, range: Range, guess: string): QuickFix => ({
  title: `Rename to \`${guess}\``,
  edits: [{ range, newText: quoteLike(text.slice(range.start, range.end), guess) }],
});

/** A secret reference in the document's own syntax. */
export function refText(format: SourceFormat, name: string): string {
  if (format === "python") return `dlt.secrets[${JSON.stringify(name)}]`;
  if (format === "json") return `{"$secret": ${JSON.stringify(name)}}`;
  return `{$secret: ${/^[A-Za-z_][\w-]*$/.test(name) ? name : JSON.stringify(name)}}`;
}

const lineStartOf = (text: string, offset: number) => text.lastIndexOf("\n", offset - 1) + 1;
const lineEndOf = (text: string, offset: number) => {
  const i = text.indexOf("\n", offset);
  return i < 0 ? text.length : i;
};
const indentOf = (text: string, offset: number) => /^[ \t]*/.exec(text.slice(lineStartOf(text, offset)))?.[0] ?? "";
/** True when only blanks precede `offset` on its line. */
const startsLine = (text: string, offset: number) => /^[ \t]*$/.test(text.slice(lineStartOf(text, offset), offset));

/** A YAML mapping written as `key: value` lines (not `{...}`). */
const isBlock = (doc: ParsedDocument, node: DocNode) =>
  doc.format === "yaml" && doc.text[node.range.start] !== "{" && doc.text[node.range.start] !== "[";

/**
 * `value` as a one-line flow value that is valid in the document's format (JSON is valid YAML flow);
 * Python strings in `quote`s (the file's own, see `pythonQuote`).
 */
export function inlineValue(format: SourceFormat, value: PlainValue, quote: Quote = '"'): string {
  // YAML: plain where both YAML readings take the text as it is (`method: POST`), else quoted.
  const str = (s: string) =>
    format === "python" ? writePythonLiteral(s, 0, quote) : format === "yaml" && plainYamlText(s) ? s : JSON.stringify(s);
  if (typeof value === "string") return str(value);
  if (value === null || typeof value !== "object") return format === "python" ? writePythonLiteral(value, 0, quote) : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v: PlainValue) => inlineValue(format, v, quote)).join(", ")}]`;
  const obj = value as { readonly [k: string]: PlainValue };
  const keys = Object.keys(obj);
  if (format === "python" && soleMarker(obj)) return writePythonLiteral(obj, 0, quote);
  return `{${keys.map((k) => `${str(k)}: ${inlineValue(format, obj[k] ?? null, quote)}`).join(", ")}}`;
}

type Quote = '"' | "'";

/** The quotes a Python dict's keys are written in (single when its first key is), so a fix writes alike. */
function pythonQuote(doc: ParsedDocument, node: DocNode): Quote {
  if (doc.format !== "python" || node.kind !== "object") return '"';
  const first = node.entries[0];
  const key = first ? doc.text.slice(first.keyRange.start, first.keyRange.end).replace(/^[rRuUbBfF]{1,2}/, "") : "";
  return key.startsWith("'") ? "'" : '"';
}

/** `value` written so that it can replace the value at `range` (continuation lines indented to fit). */
export function renderValue(value: PlainValue, format: SourceFormat, text: string, range: Range, quote: Quote = '"'): string {
  const indent = indentOf(text, range.start);
  if (format === "python")
    return writePythonLiteral(value, 0, quote)
      .split("\n")
      .map((l, i) => (i === 0 ? l : indent + l))
      .join("\n");
  if (format === "json")
    return JSON.stringify(value, null, 2)
      .split("\n")
      .map((l, i) => (i === 0 ? l : indent + l))
      .join("\n");
  return inlineValue(format, value);
}

const keyText = (format: SourceFormat, key: string, quote: Quote = '"') =>
  format === "yaml" && plainYamlText(key) ? key : format === "python" ? writePythonLiteral(key, 0, quote) : JSON.stringify(key);

/**
 * Adds `key: value` as the last entry of the dict at `objectPath` (null when it is not a dict); a key
 * that is there already (`token: null`) gets the value instead of a second entry.
 */
export function insertEntryEdit(doc: ParsedDocument, objectPath: Path, key: string, value: PlainValue): TextEdit | null {
  const node = findNode(doc.root, objectPath);
  if (!node || node.kind !== "object") return null;
  const paren = callParen(doc, node);
  if (paren >= 0) return insertCallArg(doc, node, paren, key, value);
  const { text, format } = doc;
  const q = pythonQuote(doc, node);
  const present = node.entries.find((e) => e.key === key);
  if (present) return { range: present.value.range, newText: renderValue(value, format, text, present.value.range, q) };
  const last = node.entries[node.entries.length - 1];
  if (!last) return { range: node.range, newText: `{${keyText(format, key, q)}: ${inlineValue(format, value, q)}}` };
  if (isBlock(doc, node)) {
    const indent = " ".repeat(last.keyRange.start - lineStartOf(text, last.keyRange.start));
    const body =
      typeof value === "object" && value !== null && Object.keys(value).length > 0
        ? writeYaml({ [key]: value }).trimEnd()
        : `${keyText(format, key)}: ${inlineValue(format, value)}`;
    const at = lineEndOf(text, last.range.end);
    return {
      range: { start: at, end: at },
      newText:
        "\n" +
        body
          .split("\n")
          .map((l) => indent + l)
          .join("\n"),
    };
  }
  const at = last.range.end;
  if (!startsLine(text, last.range.start))
    return { range: { start: at, end: at }, newText: `, ${keyText(format, key, q)}: ${inlineValue(format, value, q)}` };
  const indent = indentOf(text, last.range.start);
  const rendered =
    format === "python" ? writePythonLiteral(value, 0, q) : format === "json" ? JSON.stringify(value, null, 2) : inlineValue(format, value);
  const entry = `${keyText(format, key, q)}: ${rendered
    .split("\n")
    .map((l, i) => (i === 0 ? l : indent + l))
    .join("\n")}`;
  // Python: a `# comment` after the last entry stays on its line (the new entry goes below it), and a
  // trailing comma is kept for the new entry too.
  const end = lineEndOf(text, at);
  const rest = text.slice(at, end);
  const tail = format === "python" ? commentTail(rest) : null;
  if (tail) {
    const { blank, comma, comment } = tail;
    return { range: { start: at, end }, newText: `,${blank}${comment}\n${indent}${entry}${comma}` };
  }
  return { range: { start: at, end: at }, newText: `,\n${indent}${entry}` };
}

/** Removes the entries `keys` of the dict at `objectPath`: one edit per run of adjacent entries, never overlapping. */
export function removeEntriesEdits(doc: ParsedDocument, objectPath: Path, keys: readonly string[]): TextEdit[] {
  const node = findNode(doc.root, objectPath);
  if (!node || node.kind !== "object") return [];
  const paren = callParen(doc, node);
  if (paren >= 0) return removeCallArgs(doc, node, paren, keys);
  const { text } = doc;
  const entries = node.entries;
  const drop = entries.map((e) => keys.includes(e.key));
  if (isBlock(doc, node)) {
    const start = entries.length > 0 && drop.every(Boolean) ? lineStartOf(text, (entries[0] as DocEntry).range.start) : 0;
    if (start > 0) {
      // Every entry goes: the key above keeps an empty dict (`endpoint: {}`; a bare `endpoint:` is null),
      // written before a comment on its line.
      const end = lineEndOf(text, (entries[entries.length - 1] as DocEntry).range.end);
      const keyLine = lineStartOf(text, start - 1);
      const hash = spaceBeforeHash(text.slice(keyLine, start - 1));
      const at = hash >= 0 ? keyLine + hash : start - 1;
      return [{ range: { start: at, end }, newText: ` {}${text.slice(at, start - 1)}` }];
    }
    // Whole lines, from the newline before the entry: an insertion at the end of the line before stays valid.
    return entries
      .filter((_, i) => drop[i])
      .map((e) => {
        const start = lineStartOf(text, e.range.start);
        const end = lineEndOf(text, e.range.end);
        return start > 0
          ? { range: { start: start - 1, end }, newText: "" }
          : { range: { start, end: Math.min(text.length, end + 1) }, newText: "" };
      });
  }
  const edits: TextEdit[] = [];
  // Python, one entry per line: whole lines go, each with its own `# comment` (the line before keeps its
  // comma, which Python takes), so no comment moves to another entry.
  const ownLine = (e: DocEntry) =>
    startsLine(text, e.range.start) && restOfLineIsComment(text.slice(e.range.end, lineEndOf(text, e.range.end)));
  if (doc.format === "python" && entries.some((e, i) => drop[i]) && !drop.every(Boolean) && entries.every(ownLine))
    return entries
      .filter((_, i) => drop[i])
      .map((e) => ({ range: { start: lineStartOf(text, e.range.start) - 1, end: lineEndOf(text, e.range.end) }, newText: "" }));
  for (let i = 0; i < entries.length; i++) {
    if (!drop[i]) continue;
    let j = i;
    while (j + 1 < entries.length && drop[j + 1]) j++;
    const first = entries[i] as DocEntry;
    const lastDropped = entries[j] as DocEntry;
    const next = entries[j + 1];
    const prev = entries[i - 1];
    if (next) edits.push({ range: { start: first.range.start, end: next.range.start }, newText: "" });
    else if (prev) edits.push({ range: { start: prev.range.end, end: lastDropped.range.end }, newText: "" });
    else {
      // Every entry goes: also drop a trailing comma (`{"a": 1,}` -> `{}`).
      const rest = /^\s*,/.exec(text.slice(lastDropped.range.end, node.range.end));
      edits.push({ range: { start: first.range.start, end: lastDropped.range.end + (rest ? rest[0].length : 0) }, newText: "" });
    }
    i = j;
  }
  return edits;
}

/** Applies non-overlapping edits (offsets into the original text), as an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}

/**
 * What follows an entry on its line, read as `/^(\s*)(,?)(\s*#.*)$/` reads it (in one pass: the two `\s*` traded
 * spaces on a line without a comment), or null: the blank before a comma, the comma, and the comment with the blank before it.
 */
function commentTail(rest: string): { blank: string; comma: string; comment: string } | null {
  const afterBlank = rest.length - rest.trimStart().length;
  const comma = rest[afterBlank] === "," ? "," : "";
  const comment = rest.slice(afterBlank + comma.length);
  return comment.trimStart().startsWith("#") && !hasLineTerminator(comment.trimStart())
    ? { blank: rest.slice(0, afterBlank), comma, comment }
    : null;
}

/** Whether the rest of an entry's line holds nothing but a comma and a comment (`/^\s*,?\s*(#.*)?$/`). */
function restOfLineIsComment(rest: string): boolean {
  let t = rest.trimStart();
  if (t.startsWith(",")) t = t.slice(1).trimStart();
  return t === "" || (t.startsWith("#") && !hasLineTerminator(t));
}
