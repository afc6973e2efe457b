/** parseDocument: the one entry from text to a located document, with a one-entry cache per format. */
import { parseJson } from "./json";
import { parsePython } from "./python";
import { parseYaml } from "./yaml";
import { detectFormat } from "./detect";
import { fencedBlock, markdownDocument } from "./markdown";
import type { ConditionTruth, ParsedDocument, SourceFormat } from "./types";

/** The last result per format: editor, validator and hover often parse the same text in a row. */
const last = new Map<SourceFormat, ParsedDocument>();

/** Parses text in the given (or detected) format. The result is immutable and may be shared. */
export function parseDocument(text: string, format: SourceFormat = detectFormat(text), truth?: ConditionTruth): ParsedDocument {
  // A run's reading (`truth`) is its own: neither cached nor taken from the cache.
  const cached = truth ? undefined : last.get(format);
  if (cached && cached.text === text) return cached;
  const fresh = parseFresh(text, format, truth);
  const markdown = markdownDocument(
    text,
    fresh.diagnostics.some((d) => d.severity === "error"),
  );
  // A Markdown document (a seed pasted whole) is read through its config block, as the command line reads
  // it: the prose is blanked, so every range is the document's own, and the warning's fix keeps the block.
  const block = markdown ? fencedBlock(text) : null;
  const inner = block ? parseFresh(block.config, block.format, truth) : null;
  const doc = markdown && inner ? { ...inner, text, diagnostics: [markdown, ...inner.diagnostics] } : fresh;
  if (!truth) last.set(format, doc);
  return doc;
}

function parseFresh(text: string, format: SourceFormat, truth?: ConditionTruth): ParsedDocument {
  try {
    if (format === "json") return parseJson(text);
    if (format === "yaml") return parseYaml(text);
    return parsePython(text, truth);
  } catch (e) {
    // A parser defect must not take the editor down: show it where the user can see it.
    const message = `restplay could not read this ${format} text (${e instanceof Error ? e.message : String(e)}). Please report it.`;
    return {
      format,
      text,
      root: null,
      diagnostics: [{ severity: "error", code: "internal_error", path: "", range: { start: 0, end: 0 }, message }],
    };
  }
}
