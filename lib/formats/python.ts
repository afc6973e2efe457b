/**
 * Python import (decisions 0002 and 0022): a whole pipeline file or a fragment. `//` comments are
 * masked and warned about; lezer's tree is repaired where a typo is clear; the file's scope is read
 * (imports, constants, functions, classes); every config in it is found and the active one is read
 * into document nodes with exact ranges, names and dlt's classes resolved the way Python would.
 */
import type { ConditionTruth, Diagnostic, ParsedDocument, PythonConfigChoice } from "./types";
import { maskSlashComments, maskTrailingDotFloats } from "./python-scan";
import { parseWithRepairs } from "./python-parse";
import { findConfigs, noConfigMessage, type ConfigCandidate } from "./python-find";
import { convert, type ConvertContext } from "./python-convert";
import { rangeAt, skipSpace } from "./syntax";
import { positionAt } from "./positions";
import { guardPython } from "./python-guard";
import { guardDiagnostics } from "./guard";
import { readScope, type PyScope } from "./python-scope";
import { stepModule } from "./python-step-module";
import { createValueScope, resolver } from "./python-values";
import { registeredValue } from "./python-custom";
import { withInitialReads } from "./python-initial";
import { nameDiagnostics } from "./python-names";
import { configChanges, configVariable } from "./python-mutations";

/** `truth`: what the run knows of the references conditionals test (`ConditionTruth`); without it, the `if` branch. */
export function parsePython(original: string, truth?: ConditionTruth): ParsedDocument {
  const masked = maskSlashComments(original);
  // Bounded before parsing: lezer's stack and our tree walks grow with each nesting level (limits.ts).
  const guarded = guardPython(maskTrailingDotFloats(masked.text));
  if (guarded.refused) {
    const diagnostics = [...masked.diagnostics, ...guardDiagnostics(original, guarded, null, "python")];
    return { format: "python", text: original, root: null, diagnostics: sortByStart(diagnostics) };
  }
  const parsed = parseWithRepairs(guarded.text, original);
  // A `//` after a syntax error on its line is most likely inside a string whose quote went missing.
  const errorLines = parsed.diagnostics.map((d) => ({ line: positionAt(original, d.range.start).line, at: d.range.start }));
  const comments = masked.diagnostics.filter(
    (c) => !errorLines.some((e) => e.at < c.range.start && e.line === positionAt(original, c.range.start).line),
  );
  const diagnostics: Diagnostic[] = [...comments, ...parsed.diagnostics];
  const scope = readScope(original, parsed.tree);
  const found = findConfigs(original, scope, parsed.tree.topNode);
  if (!found.active) {
    const at = found.argument ?? found.call;
    const range = at ? { start: at.from, end: at.to } : rangeAt(original, skipSpace(original, 0));
    const message = found.argument
      ? `The config passed to ${original.slice(found.call?.from ?? 0, found.call?.firstChild?.to ?? 0) || "rest_api_source"} is ` +
        `\`${original.slice(found.argument.from, Math.min(found.argument.to, found.argument.from + 60))}\`: ` +
        "restplay reads a dict literal `{...}`, " +
        "or a variable assigned one (in the module or the function)."
      : found.call
        ? "rest_api_source(...) is called without a config: expected a dict literal `rest_api_source({...})`."
        : noConfigMessage(original, found.skipped);
    diagnostics.push({ severity: "error", code: "no_config_dict", path: "", range, message });
    diagnostics.push(...guardDiagnostics(original, guarded, null, "python"));
    return { format: "python", text: original, root: null, diagnostics: sortByStart(diagnostics) };
  }
  const active = found.active;
  const converted: Diagnostic[] = [];
  const env = { scope, sourceName: active.sourceName };
  const ctx: ConvertContext = {
    text: original,
    diagnostics: converted,
    resolve: resolver(createValueScope(scope, active.sourceName)),
    after: (c, value, n, pointer) => withInitialReads(scope, parsed.tree, registeredValue(c, env, value, n, pointer), pointer),
    module: stepModule(scope),
    ...(truth ? { truth } : {}),
  };
  const root = convert(ctx, active.dict, "");
  // A key that lost its opening quote is already explained by its syntax error.
  const syntaxAt = new Set(parsed.diagnostics.map((d) => d.range.start));
  // One by one: a spread of 100,000 arguments overflows the stack.
  for (const d of unique(converted)) if (d.code !== "invalid_key" || !syntaxAt.has(d.range.start)) diagnostics.push(d);
  if (parsed.diagnostics.length === 0) diagnostics.push(...nameDiagnostics(scope, parsed.tree));
  const variable = configVariable(original, active.dict);
  if (variable) diagnostics.push(...configChanges(original, parsed.tree, variable, active.dict.to));
  const configs = choices(scope, found.candidates, active);
  if (configs.length > 1 || !found.pragmaMatched) diagnostics.push(configsNote(scope, found.candidates, active, found.pragmaMatched));
  diagnostics.push(...guardDiagnostics(original, guarded, root, "python"));
  return { format: "python", text: original, root, diagnostics: sortByStart(diagnostics), ...(configs.length > 1 ? { configs } : {}) };
}

/** A constant read in two places reports its problems once. */
function unique(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.code}\u0000${d.range.start}\u0000${d.range.end}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Switching config = writing `# restplay: config=<label>` (replacing the one there, or above the config). */
function switchEdit(scope: PyScope, target: ConfigCandidate) {
  const newText = `# restplay: config=${target.label}`;
  if (scope.configPragma) return { range: scope.configPragma.range, newText };
  const lineStart = scope.text.lastIndexOf("\n", target.labelRange.start - 1) + 1;
  const indent = /^[ \t]*/.exec(scope.text.slice(lineStart))?.[0] ?? "";
  return { range: { start: lineStart, end: lineStart }, newText: `${indent}${newText}\n` };
}

function choices(scope: PyScope, candidates: readonly ConfigCandidate[], active: ConfigCandidate): PythonConfigChoice[] {
  return candidates.map((c) => ({ label: c.label, active: c === active, range: c.labelRange, select: switchEdit(scope, c) }));
}

function configsNote(scope: PyScope, candidates: readonly ConfigCandidate[], active: ConfigCandidate, matched: boolean): Diagnostic {
  const others = candidates.filter((c) => c !== active);
  const names = candidates.map((c) => `\`${c.label}\``).join(", ");
  const pragma = scope.configPragma;
  const lead = matched
    ? `This file holds ${candidates.length} configs (${names}).`
    : `\`# restplay: config=${pragma?.label ?? ""}\` names no config in this file (it holds ${names}).`;
  return {
    severity: "info",
    code: "multiple_configs",
    path: "",
    range: active.labelRange,
    message:
      `${lead} restplay checks and runs \`${active.label}\`; ` +
      "switch with the quick fixes (they write `# restplay: config=<label>`, a comment dlt ignores).",
    fixes: others.map((c) => ({ title: `Check and run \`${c.label}\` instead`, edits: [switchEdit(scope, c)] })),
  };
}

function sortByStart(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => a.range.start - b.range.start);
}
