/**
 * A Markdown document holding a config in a fenced block (as the seed documents do): its first
 * ```python / ```json / ```yaml block is the config, read (and run) by the editor and the command line
 * alike; the editor says so, with a fix that keeps only the block (`markdown_document`).
 */
import type { Diagnostic, SourceFormat } from "./types";

const FENCE = /^```(python|py|json|yaml|yml)[ \t]*\r?\n([\s\S]*?)^```/m;

/** The first fenced config block of `text`: its offsets (the code, without the fences), language and text. */
export function fencedCode(text: string): { start: number; end: number; fence: number; format: SourceFormat; code: string } | null {
  const m = FENCE.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const start = m.index + m[0].length - m[2].length - 3;
  const lang = m[1];
  const format: SourceFormat = lang === "json" ? "json" : lang === "yaml" || lang === "yml" ? "yaml" : "python";
  return { start, end: start + m[2].length, fence: m.index, format, code: m[2] };
}

/**
 * The first fenced block of a Markdown document with every character outside it turned into a space:
 * offsets, lines and columns stay those of the file, so diagnostics point into the document as it is.
 */
export function fencedBlock(text: string): { config: string; code: string; format: SourceFormat } | null {
  const block = fencedCode(text);
  if (!block) return null;
  const blank = (s: string) => s.replace(/[^\r\n]/g, " ");
  return { config: blank(text.slice(0, block.start)) + block.code + blank(text.slice(block.end)), code: block.code, format: block.format };
}

/** The config block of a document parsed as a Markdown document (`markdown_document`), else `null`. */
export function markdownBlock(doc: { readonly text: string; readonly diagnostics: readonly Diagnostic[] }): ReturnType<typeof fencedCode> {
  return doc.diagnostics.some((d) => d.code === "markdown_document") ? fencedCode(doc.text) : null;
}

/** Text that does not parse but holds a fenced config block (more than the block): the warning and its fix. */
export function markdownDocument(text: string, hasErrors: boolean): Diagnostic | null {
  if (!hasErrors) return null;
  const block = fencedCode(text);
  if (!block || text.trim() === block.code.trim()) return null;
  const lang = text.slice(block.fence + 3, text.indexOf("\n", block.fence)).trim();
  return {
    severity: "warning",
    code: "markdown_document",
    path: "",
    range: { start: block.fence, end: block.start },
    message:
      `This text is a Markdown document: the config is its \`\`\`${lang} block, and the text around it is not ${block.format}. ` +
      "restplay checks and runs the block, as the command line does; keep only the block for a file dlt can read.",
    fixes: [{ title: `Keep only the \`\`\`${lang} block`, edits: [{ range: { start: 0, end: text.length }, newText: block.code }] }],
  };
}
