/** Format-aware text for quick fixes: keep the user's quoting and indentation. */
import { writePythonLiteral, writeYaml, type PlainValue, type Range, type SourceFormat, type TextEdit } from "../formats";

/** `newText` quoted the way `original` was (double, single or plain YAML). */
export function quoteLike(original: string, newText: string): string {
  if (original.startsWith('"')) return JSON.stringify(newText);
  if (original.startsWith("'")) return `'${newText.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  return /^[A-Za-z_][\w.-]*$/.test(newText) ? newText : JSON.stringify(newText);
}

/** A secret reference in the document's own syntax. */
export function refText(format: SourceFormat, name: string): string {
  if (format === "python") return `dlt.secrets[${JSON.stringify(name)}]`;
  if (format === "json") return `{"$secret": ${JSON.stringify(name)}}`;
  return `{$secret: ${name}}`;
}

const lineIndent = (text: string, offset: number): string => {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
};

/** `value` written so that it can replace the value at `range` (continuation lines indented to fit). */
export function renderValue(value: PlainValue, format: SourceFormat, text: string, range: Range): string {
  const indent = lineIndent(text, range.start);
  if (format === "python") {
    return writePythonLiteral(value, 0).split("\n").map((l, i) => (i === 0 ? l : indent + l)).join("\n");
  }
  if (format === "json") {
    return JSON.stringify(value, null, 2).split("\n").map((l, i) => (i === 0 ? l : indent + l)).join("\n");
  }
  // YAML: a block value starts where the first key is; continue at the same column.
  const col = range.start - (text.lastIndexOf("\n", range.start - 1) + 1);
  const isBlock = typeof value === "object" && value !== null && text[range.start] !== "{" && text[range.start] !== "[";
  const body = isBlock ? writeYaml(value).trimEnd() : JSON.stringify(value);
  return body.split("\n").map((l, i) => (i === 0 ? l : " ".repeat(col) + l)).join("\n");
}

/** Text for a new `key: value` entry placed right after the entry ending at `afterEnd`, at the indentation of `keyStart`'s line. */
export function newEntryText(format: SourceFormat, text: string, keyStart: number, key: string, value: PlainValue): string {
  const indent = lineIndent(text, keyStart);
  if (format === "yaml") {
    const body = writeYaml({ [key]: value }).trimEnd();
    return "\n" + body.split("\n").map((l) => indent + l).join("\n");
  }
  const rendered = format === "python" ? writePythonLiteral(value, 0) : JSON.stringify(value, null, 2);
  const lines = rendered.split("\n").map((l, i) => (i === 0 ? l : indent + l)).join("\n");
  return `,\n${indent}${JSON.stringify(key)}: ${lines}`;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.range.start) + e.newText + out.slice(e.range.end);
  return out;
}
