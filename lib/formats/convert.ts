/**
 * Format switching: the same config written as JSON, YAML or a Python `rest_api_source({...})` call.
 * Content is kept exactly (references, `$python` code, key order, numbers); what a format cannot carry
 * — comments, and Python code around the config dict — is counted so the UI can warn before dropping it.
 */
import { parser as pythonParser } from "@lezer/python";
import { Lexer } from "yaml";
import { parseDocument } from "./parse";
import { findSlashComments } from "./python-scan";
import { writePythonLiteral } from "./python-writer";
import { markdownBlock } from "./markdown";
import { toPlain } from "./pointer";
import type { ParsedDocument, SourceFormat } from "./types";
import { FORMAT_NAMES } from "./sniff";
import { writeJson, writeYaml } from "./writers";

export interface ConversionLoss {
  /** Comments in the source that the target format will not have. */
  readonly comments: number;
  /** Non-blank Python lines outside the config dict other than the standard imports and the call. */
  readonly pythonCode: readonly string[];
  /** Non-blank lines of a Markdown document around its config block (a seed pasted whole). */
  readonly prose?: number;
}

export type Conversion =
  | { readonly ok: true; readonly from: SourceFormat; readonly to: SourceFormat; readonly text: string; readonly loss: ConversionLoss }
  | { readonly ok: false; readonly from: SourceFormat; readonly to: SourceFormat; readonly reason: string };

const PYTHON_PRELUDE = "import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\n";
/** Lines any Python config has around its dict; they carry nothing the other formats need. */
const PYTHON_FRAME = [
  /^import dlt$/,
  /^from dlt\.sources\.rest_api import rest_api_source$/,
  /^[A-Za-z_]\w*\s*=\s*rest_api_source\($/,
  /^rest_api_source\($/,
  /^\)$/,
];

/**
 * Number spellings a conversion keeps: a float with a fraction (`1.0`, `100.0`: JavaScript writes `1`,
 * an integer to dlt) and an integer beyond 2^53 (JavaScript rounds it), spelled the same in JSON, YAML
 * (1.1 and 1.2) and Python. Others (`0x1F`, `1_000`, `1e3`) are written as their value.
 */
const KEPT_SPELLING = /^-?(?:\d+\.\d+|\d{16,})$/;
const SPELLING = "__restplay_number_";
const SPELLED = /"?__restplay_number_(\d+)__"?/g;

/** `adjust`: how the config language reads the parsed document (lib/config's convertConfig). */
export function convertDocument(
  text: string,
  from: SourceFormat,
  to: SourceFormat,
  adjust: (doc: ParsedDocument) => ParsedDocument = (doc) => doc,
): Conversion {
  const doc = adjust(parseDocument(text, from));
  const syntax = doc.diagnostics.find((d) => d.severity === "error");
  if (!doc.root || syntax) {
    const first = syntax?.code === "syntax_error" ? "Fix the syntax error first" : "Fix this error first";
    return { ok: false, from, to, reason: syntax ? `${first}: ${syntax.message}` : "There is no config to convert yet." };
  }
  // A number is written as it was spelled where JavaScript would change it and every format reads the spelling alike.
  const spelled: string[] = [];
  const value = toPlain(doc.root, (n) => {
    // A stand-in's own code goes, not the stand-in (its `# restplay: run as` comment is one the target drops).
    if (n.kind === "object" && n.standInFor !== undefined) return { $python: n.standInFor };
    if (n.kind !== "number") return undefined;
    const source = text.slice(n.range.start, n.range.end).trim();
    if (source === String(n.value) || !KEPT_SPELLING.test(source)) return n.value;
    spelled.push(source);
    return `${SPELLING}${spelled.length - 1}__`;
  });
  const written =
    to === "json"
      ? writeJson(value)
      : to === "yaml"
        ? writeYaml(value)
        : `${PYTHON_PRELUDE}source = rest_api_source(${writePythonLiteral(value)})\n`;
  const out = spelled.length ? written.replace(SPELLED, (_, i: string) => spelled[Number(i)] as string) : written;
  // A Markdown document is read through its block (parse.ts): what is lost is counted in the block, and its prose.
  const block = markdownBlock(doc);
  const code = block ? block.code : text;
  const dict = block ? { start: doc.root.range.start - block.start, end: doc.root.range.end - block.start } : doc.root.range;
  const prose = block ? { prose: nonBlankLines(text.slice(0, block.start)) + nonBlankLines(text.slice(block.end)) } : {};
  const loss: ConversionLoss =
    from === to
      ? { comments: 0, pythonCode: [] }
      : { comments: countComments(code, from), pythonCode: from === "python" ? codeOutside(code, dict) : [], ...prose };
  return { ok: true, from, to, text: out, loss };
}

const nonBlankLines = (s: string): number => s.split("\n").filter((l) => l.trim() !== "").length;

/** Comments in the text: `#` comments in YAML and Python, and the seeds' `//` lines in Python. */
export function countComments(text: string, format: SourceFormat): number {
  if (format === "json") return 0;
  if (format === "yaml") {
    let n = 0;
    for (const token of new Lexer().lex(text)) if (token.startsWith("#")) n++;
    return n;
  }
  let n = findSlashComments(text).length;
  const cursor = pythonParser.parse(text).cursor();
  do if (cursor.name === "Comment") n++;
  while (cursor.next());
  return n;
}

function codeOutside(text: string, dict: { start: number; end: number }): string[] {
  const outside = `${text.slice(0, dict.start)}\n${text.slice(dict.end)}`;
  const slash = findSlashComments(outside);
  const lines: string[] = [];
  let offset = 0;
  let next = 0; // comments are in text order: one pass over both (a find per line was quadratic)
  for (const raw of outside.split("\n")) {
    const start = offset;
    offset += raw.length + 1;
    while (next < slash.length && (slash[next]?.start ?? 0) < start) next++;
    const candidate = slash[next];
    const comment = candidate && candidate.start <= start + raw.length ? candidate : undefined;
    const code = beforeHash(comment ? raw.slice(0, comment.start - start) : raw).trim();
    if (code === "" || PYTHON_FRAME.some((re) => re.test(code))) continue;
    lines.push(code);
  }
  return lines;
}

/** A one-line summary of a loss for a confirmation prompt, or null when nothing is dropped. */
export function describeLoss(loss: ConversionLoss, to: SourceFormat): string | null {
  const parts: string[] = [];
  if (loss.comments > 0) parts.push(`${loss.comments} comment${loss.comments === 1 ? "" : "s"}`);
  if (loss.pythonCode.length > 0) {
    const first = loss.pythonCode[0] ?? "";
    parts.push(
      `${loss.pythonCode.length} line${loss.pythonCode.length === 1 ? "" : "s"} of Python code outside the config (\`${first.length > 40 ? first.slice(0, 39) + "…" : first}\`)`,
    );
  }
  if (loss.prose) parts.push(`${loss.prose} line${loss.prose === 1 ? "" : "s"} of Markdown text around the config block`);
  if (parts.length === 0) return null;
  return `${FORMAT_NAMES[to]} has no place for ${parts.join(" and ")}: they will be dropped.`;
}

/** The line without a `#` comment: what `/#.*$/` removes (from the first `#` after the last line terminator), in one pass. */
function beforeHash(line: string): string {
  const lastBreak = Math.max(line.lastIndexOf("\r"), line.lastIndexOf("\u2028"), line.lastIndexOf("\u2029"));
  const hash = line.indexOf("#", lastBreak + 1);
  return hash < 0 ? line : line.slice(0, hash);
}
