/**
 * Python dict import (decision 0002): a `rest_api_source({...})` call, a variable it names, or a bare
 * dict. `//` comments are masked and warned about; lezer's tree is repaired where a typo is clear;
 * literals become document nodes with exact ranges.
 */
import type { Diagnostic, ParsedDocument } from "./types";
import { maskSlashComments } from "./python-scan";
import { parseWithRepairs } from "./python-parse";
import { findConfigDict } from "./python-find";
import { convert, type ConvertContext } from "./python-convert";
import { rangeAt, skipSpace } from "./syntax";
import { positionAt } from "./positions";
import { guardPython } from "./python-guard";
import { guardDiagnostics } from "./guard";

export function parsePython(original: string): ParsedDocument {
  const masked = maskSlashComments(original);
  // Bounded before parsing: lezer's stack and our tree walks grow with each nesting level (limits.ts).
  const guarded = guardPython(masked.text);
  if (guarded.refused) {
    const diagnostics = [...masked.diagnostics, ...guardDiagnostics(original, guarded, null, "python")];
    return { format: "python", text: original, root: null, diagnostics: sortByStart(diagnostics) };
  }
  const parsed = parseWithRepairs(guarded.text, original);
  // A `//` after a syntax error on its line is most likely inside a string whose quote went missing.
  const errorLines = parsed.diagnostics.map((d) => ({ line: positionAt(original, d.range.start).line, at: d.range.start }));
  const comments = masked.diagnostics.filter((c) => !errorLines.some((e) => e.at < c.range.start && e.line === positionAt(original, c.range.start).line));
  const diagnostics: Diagnostic[] = [...comments, ...parsed.diagnostics];
  const found = findConfigDict(original, parsed.tree.topNode);
  if (!found.dict) {
    const at = found.argument ?? found.call;
    const range = at ? { start: at.from, end: at.to } : rangeAt(original, skipSpace(original, 0));
    const message = found.argument
      ? `The config passed to rest_api_source is \`${original.slice(found.argument.from, Math.min(found.argument.to, found.argument.from + 60))}\`: restplay reads a dict literal \`{...}\`, or a variable assigned one above the call.`
      : found.call
        ? "rest_api_source(...) is called without a config: expected a dict literal `rest_api_source({...})`."
        : "No config found: expected `rest_api_source({...})` or a dict literal `{...}`.";
    diagnostics.push({ severity: "error", code: "no_config_dict", path: "", range, message });
    diagnostics.push(...guardDiagnostics(original, guarded, null, "python"));
    return { format: "python", text: original, root: null, diagnostics: sortByStart(diagnostics) };
  }
  const converted: Diagnostic[] = [];
  const root = convert({ text: original, diagnostics: converted } satisfies ConvertContext, found.dict, "");
  // A key that lost its opening quote is already explained by its syntax error.
  const syntaxAt = new Set(parsed.diagnostics.map((d) => d.range.start));
  // One by one: a spread of 100,000 arguments overflows the stack.
  for (const d of converted) if (d.code !== "invalid_key" || !syntaxAt.has(d.range.start)) diagnostics.push(d);
  diagnostics.push(...guardDiagnostics(original, guarded, root, "python"));
  return { format: "python", text: original, root, diagnostics: sortByStart(diagnostics) };
}

function sortByStart(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => a.range.start - b.range.start);
}
