/** Diagnostics for the terminal (rustc/tsc style, with a source excerpt and carets) and as JSON. */
import { positionAt, type Diagnostic, type Range, type SourceFormat } from "../formats";
import { cells, type Style } from "./io";
import { maskSecret } from "../shared";

export interface DiagnosticJson {
  readonly severity: Diagnostic["severity"];
  readonly code: string;
  readonly message: string;
  readonly path: string;
  /** 1-based, at the start of the offending token. */
  readonly line: number;
  readonly column: number;
}

export interface ValidateJson {
  readonly valid: boolean;
  readonly format: SourceFormat;
  readonly diagnostics: DiagnosticJson[];
  /** Set when nothing could be validated (a usage error, failure-json.ts): `null` in a validation's document. */
  readonly error: null;
}

export function diagnosticJson(d: Diagnostic, text: string): DiagnosticJson {
  const { line, column } = positionAt(text, d.range.start);
  return { severity: d.severity, code: d.code, message: d.message, path: d.path, line, column };
}

function lineAt(text: string, line: number): string {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf("\n", start);
    if (next < 0) return "";
    start = next + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, "");
}

const MAX_EXCERPT = 160;

/** `file:line:col  severity  code  message`, then the source line with carets under the range. */
export function formatDiagnostic(d: Diagnostic, text: string, file: string, style: Style, secrets: readonly Range[] = []): string {
  const start = positionAt(text, d.range.start);
  const end = positionAt(text, Math.max(d.range.start, d.range.end));
  const paint = d.severity === "error" ? style.red : d.severity === "warning" ? style.yellow : style.cyan;
  const [first = "", ...rest] = d.message.split("\n");
  const out = [`${style.bold(`${file}:${start.line}:${start.column}`)}  ${paint(d.severity)}  ${style.dim(d.code)}  ${first}`];
  for (const more of rest) out.push(`    ${more}`);

  let source = lineAt(text, start.line);
  let col = start.column;
  let endColumn = end.column;
  // Every literal credential on the line (`secrets`: the hardcoded_secret ranges) is masked in the excerpt
  // as in the messages, right to left: CI logs keep validate's output.
  const own = d.code === "hardcoded_secret" ? [d.range] : [];
  const onLine = [...own, ...secrets]
    .map((r) => [positionAt(text, r.start), positionAt(text, r.end)] as const)
    .filter(([a, b]) => a.line === start.line && b.line === start.line && b.column > a.column)
    .sort((x, y) => y[0].column - x[0].column)
    .filter((r, i, all) => i === 0 || r[1].column <= (all[i - 1] as (typeof all)[number])[0].column);
  for (const [a, b] of onLine) {
    const token = source.slice(a.column - 1, b.column - 1);
    const quoted = /^([rRuUbBfF]{0,2}["']{1,3})([^]*?)(["']{1,3})$/.exec(token);
    const masked = quoted ? `${quoted[1]}${maskSecret(quoted[2] ?? "")}${quoted[3]}` : maskSecret(token);
    source = source.slice(0, a.column - 1) + masked + source.slice(b.column - 1);
    const shift = masked.length - (b.column - a.column);
    if (a.column === start.column && b.column === end.column) endColumn = col + masked.length;
    else if (b.column <= start.column) {
      col += shift;
      endColumn += shift;
    }
  }
  // Very long lines (minified JSON): show a window around the range.
  let cut = 0;
  if (source.length > MAX_EXCERPT && col > MAX_EXCERPT / 2) cut = col - 1 - 40;
  if (cut > 0) {
    source = `…${source.slice(cut, cut + MAX_EXCERPT)}`;
    col = col - cut + 1;
    endColumn = endColumn - cut + 1;
  } else if (source.length > MAX_EXCERPT) source = `${source.slice(0, MAX_EXCERPT)}…`;
  const width = end.line === start.line ? endColumn - col : source.length - col + 1;
  // As many carets, and as much indent, as the text takes terminal cells (a CJK character or an emoji takes two).
  const carets = "^".repeat(Math.max(1, cells(source.slice(col - 1, col - 1 + Math.max(1, width)))));
  const gutter = String(start.line);
  const pad = " ".repeat(gutter.length);
  // Keep tabs so the carets line up under tab-indented source.
  const indent = source.slice(0, col - 1).replace(/[^\t]+/g, (run) => " ".repeat(cells(run)));
  if (source.trim() !== "") {
    out.push(`${style.dim(`${gutter} |`)} ${source}`);
    out.push(`${style.dim(`${pad} |`)} ${indent}${paint(carets)}`);
  }
  for (const fix of d.fixes ?? []) out.push(`${pad} ${style.dim("=")} ${style.cyan("fix")}: ${fix.title}`);
  return out.join("\n");
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The closing line: `✔ file is valid (2 warnings)` / `✖ file: 1 error, 2 warnings`. */
export function formatSummary(diagnostics: readonly Diagnostic[], file: string, style: Style): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  const infos = diagnostics.length - errors - warnings;
  const counts = [plural(errors, "error"), plural(warnings, "warning"), ...(infos ? [plural(infos, "note")] : [])];
  if (errors > 0) return style.red(`✖ ${file} is invalid: ${counts.join(", ")}`);
  return style.green(`✔ ${file} is valid`) + (warnings + infos > 0 ? ` (${counts.slice(1).join(", ")})` : "");
}

/** Every diagnostic, a blank line between them, and the summary. */
export function formatReport(diagnostics: readonly Diagnostic[], text: string, file: string, style: Style): string {
  const secrets = diagnostics.filter((d) => d.code === "hardcoded_secret").map((d) => d.range);
  const blocks = diagnostics.map((d) => formatDiagnostic(d, text, file, style, secrets));
  return [...blocks, formatSummary(diagnostics, file, style)].join("\n\n") + "\n";
}
