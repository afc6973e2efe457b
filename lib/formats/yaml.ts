/**
 * YAML import with the `yaml` package: node ranges become document ranges (keys include their
 * quotes), anchors/aliases and `<<` merge keys are resolved, recursion and alias bombs are stopped.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YNode } from "yaml";
import type { Diagnostic, DocEntry, DocNode, ParsedDocument, Range } from "./types";
import { duplicateKeyWarning, escapeSegment, specialObject } from "./refs";
import { yamlDiagnostics } from "./yaml-errors";

/** Most nodes one document may expand to through aliases (a 6,000-line config has ~20,000). */
const NODE_BUDGET = 200_000;

interface Ctx {
  readonly text: string;
  readonly doc: Document;
  readonly diagnostics: Diagnostic[];
  /** Nodes being converted (an alias to one of them is recursive). */
  readonly active: Set<YNode>;
  budget: number;
}

/** Block collections end after the newline that follows them; ranges stop at the last non-blank character. */
function rangeOf(ctx: Ctx, node: YNode, fallback: number): Range {
  const r = node.range ?? [fallback, fallback, fallback];
  let end = r[1];
  while (end > r[0] && /\s/.test(ctx.text[end - 1] ?? "")) end--;
  return { start: r[0], end };
}

function problem(ctx: Ctx, code: string, range: Range, pointer: string, message: string): DocNode {
  ctx.diagnostics.push({ severity: "error", code, path: pointer, range, message });
  return { kind: "null", range };
}

function convertAlias(ctx: Ctx, node: YNode & { source: string }, pointer: string, range: Range): DocNode {
  const target = isAlias(node) ? (node.resolve(ctx.doc) as YNode | undefined) : undefined;
  if (!target) return problem(ctx, "syntax_error", range, pointer, `YAML syntax error: alias \`*${node.source}\` names no anchor \`&${node.source}\` defined before it.`);
  if (ctx.active.has(target)) return problem(ctx, "yaml_recursive_alias", range, pointer, `YAML alias \`*${node.source}\` refers to a node that contains it; a config cannot be recursive.`);
  if (ctx.budget <= 0) return problem(ctx, "yaml_alias_limit", range, pointer, `YAML aliases expand to more than ${NODE_BUDGET} values; alias \`*${node.source}\` is not expanded.`);
  // The value's own ranges point at the anchor; the alias itself is where this value is used.
  return { ...convert(ctx, target, pointer, range.start), range };
}

function keyOf(ctx: Ctx, k: unknown, pointer: string, fallback: Range): { key: string; range: Range } | "merge" | null {
  if (isScalar(k)) {
    const range = rangeOf(ctx, k, fallback.start);
    if (typeof k.value === "symbol" || (k.source === "<<" && k.type === "PLAIN")) return "merge";
    if (typeof k.value === "string") return { key: k.value, range };
    if (typeof k.value === "number" || typeof k.value === "boolean") return { key: String(k.source ?? k.value), range };
  }
  const range = isScalar(k) || isMap(k) || isSeq(k) || isAlias(k) ? rangeOf(ctx, k as YNode, fallback.start) : fallback;
  ctx.diagnostics.push({ severity: "error", code: "invalid_key", path: pointer, range, message: "Keys must be plain strings such as `name:`; this key is empty or a collection." });
  return null;
}

function convertMap(ctx: Ctx, node: YNode, pointer: string, range: Range): DocNode {
  if (!isMap(node)) return { kind: "null", range };
  const explicit: DocEntry[] = [];
  const merged: DocEntry[][] = [];
  const order: (DocEntry | DocEntry[])[] = [];
  const seen = new Set<string>();
  for (const pair of node.items) {
    if (!isPair(pair)) continue;
    const key = keyOf(ctx, pair.key, pointer, range);
    if (key === null) continue;
    const valueNode = pair.value as YNode | null;
    if (key === "merge") {
      // `<<: *base` or `<<: [*a, *b]`: earlier sources win, explicit keys win over all of them.
      const sources = isSeq(valueNode) ? (valueNode.items as YNode[]) : valueNode ? [valueNode] : [];
      const group: DocEntry[] = [];
      for (const s of sources) {
        const v = convert(ctx, s, pointer, range.start);
        if (v.kind === "object") group.push(...v.entries);
        else ctx.diagnostics.push({ severity: "error", code: "syntax_error", path: pointer, range: v.range, message: "YAML syntax error: `<<` merges mappings only; this value is not a mapping." });
      }
      merged.push(group);
      order.push(group);
      continue;
    }
    const childPointer = `${pointer}/${escapeSegment(key.key)}`;
    const value = valueNode ? convert(ctx, valueNode, childPointer, key.range.end) : { kind: "null" as const, range: { start: key.range.end, end: key.range.end } };
    if (seen.has(key.key)) ctx.diagnostics.push(duplicateKeyWarning(key.key, childPointer, key.range));
    seen.add(key.key);
    const entry: DocEntry = { key: key.key, keyRange: key.range, value, range: { start: key.range.start, end: Math.max(value.range.end, key.range.end) } };
    explicit.push(entry);
    order.push(entry);
  }
  const entries: DocEntry[] = [];
  for (const item of order) {
    if (!Array.isArray(item)) entries.push(item);
    else
      for (const e of item) {
        if (seen.has(e.key)) continue;
        seen.add(e.key);
        entries.push(e);
      }
  }
  return specialObject(entries, range) ?? { kind: "object", range, entries };
}

function convert(ctx: Ctx, node: YNode, pointer: string, fallback: number): DocNode {
  ctx.budget--;
  const range = rangeOf(ctx, node, fallback);
  if (isAlias(node)) return convertAlias(ctx, node, pointer, range);
  ctx.active.add(node);
  try {
    if (isMap(node)) return convertMap(ctx, node, pointer, range);
    if (isSeq(node)) return { kind: "array", range, items: node.items.map((it, i) => convert(ctx, it as YNode, `${pointer}/${i}`, range.start)) };
    if (isScalar(node)) {
      const v = node.value;
      if (v === null || v === undefined) return { kind: "null", range };
      if (typeof v === "string") return { kind: "string", range, value: v };
      if (typeof v === "number") return { kind: "number", range, value: v };
      if (typeof v === "boolean") return { kind: "boolean", range, value: v };
      return { kind: "string", range, value: String(node.source ?? v) };
    }
    return { kind: "null", range };
  } finally {
    ctx.active.delete(node);
  }
}

export function parseYaml(text: string): ParsedDocument {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, merge: true, keepSourceTokens: false });
  const diagnostics = yamlDiagnostics(text, doc.errors, doc.warnings);
  if (!doc.contents) {
    if (!diagnostics.some((d) => d.severity === "error")) {
      diagnostics.push({ severity: "error", code: "syntax_error", path: "", range: { start: 0, end: 0 }, message: "The document is empty: expected a YAML mapping with `client:` and `resources:`." });
    }
    return { format: "yaml", text, root: null, diagnostics };
  }
  const ctx: Ctx = { text, doc, diagnostics, active: new Set(), budget: NODE_BUDGET };
  const root = convert(ctx, doc.contents as YNode, "", 0);
  return { format: "yaml", text, root, diagnostics };
}
