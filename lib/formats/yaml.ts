/**
 * YAML import with the `yaml` package: node ranges become document ranges (keys include their
 * quotes), anchors/aliases and `<<` merge keys are resolved, recursion and alias bombs are stopped:
 * the text guard bounds nesting and size before `yaml` parses it, and alias expansion is bounded by
 * MAX_ALIAS_VALUES (sizes known in advance, so an alias bomb is refused before any expansion).
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Parser, YAMLParseError } from "yaml";
import type { Document, Node as YNode } from "yaml";
import type { Diagnostic, DocEntry, DocNode, ParsedDocument, Range } from "./types";
import { duplicateKeyWarning, escapeSegment, longKey, specialObject } from "./refs";
import { yamlDiagnostics } from "./yaml-errors";
import { guardYaml } from "./yaml-guard";
import { guardDiagnostics, tooDeep } from "./guard";
import { aliasTable, type AliasTable } from "./yaml-aliases";
import { MAX_ALIAS_VALUES, MAX_DEPTH } from "./limits";
import { emptyDocument, isSpace, where } from "./syntax";
import { yaml11Difference, yaml11Key } from "./yaml-1-1";

interface Ctx {
  readonly text: string;
  readonly diagnostics: Diagnostic[];
  /** Built when the first alias is met (most documents have none). */
  readonly aliases: () => AliasTable;
  /** Nodes being converted (an alias to one of them is recursive). */
  readonly active: Set<YNode>;
  /** Aliases already reported as unresolved or recursive. */
  readonly reported: Set<YNode>;
  /** Nulls standing for aliases that were not expanded (reported already: a `<<` of one adds no error). */
  readonly leftOut: WeakSet<DocNode>;
  /**
   * Anchored nodes converted already, and the depth they were converted at: reused at that depth or
   * less (only a deeper use can cut more). Without it a chain of `<<` merges is converted again at
   * every link, quadratic in the chain.
   */
  readonly converted: Map<YNode, { node: DocNode; depth: number }>;
  /** Values added by expanding aliases so far (nested aliases are counted with the outermost). */
  aliasValues: number;
  /** Inside an alias's expansion (its aliases are paid for already). */
  expanding: number;
  /** The first alias left unexpanded because of MAX_ALIAS_VALUES, and how many were. */
  overBudget: { range: Range; pointer: string; source: string; size: number; anchor: Range | null; count: number } | null;
  /** The first value nested past MAX_DEPTH through aliases, and how many were. */
  tooDeep: { range: Range; pointer: string; what: string; count: number } | null;
}

/** Block collections end after the newline that follows them; ranges stop at the last non-blank character. */
function rangeOf(ctx: Ctx, node: YNode, fallback: number): Range {
  const r = node.range ?? [fallback, fallback, fallback];
  let end = r[1];
  while (end > r[0] && isSpace(ctx.text.charCodeAt(end - 1))) end--;
  return { start: r[0], end };
}

function leftOut(ctx: Ctx, range: Range): DocNode {
  const node: DocNode = { kind: "null", range };
  ctx.leftOut.add(node);
  return node;
}

/** A problem with an alias: reported once, where it is first reached (an anchor's alias is reached on each expansion). */
function problem(ctx: Ctx, alias: YNode, code: string, range: Range, pointer: string, message: string): DocNode {
  if (!ctx.reported.has(alias)) ctx.diagnostics.push({ severity: "error", code, path: pointer, range, message });
  ctx.reported.add(alias);
  return leftOut(ctx, range);
}

function convertAlias(ctx: Ctx, node: YNode & { source: string }, pointer: string, range: Range, depth: number): DocNode {
  const target = isAlias(node) ? ctx.aliases().target(node) : undefined;
  const name = node.source;
  if (!target) {
    const message = `YAML syntax error: alias \`*${name}\` names no anchor \`&${name}\` defined before it.`;
    return problem(ctx, node, "syntax_error", range, pointer, message);
  }
  if (ctx.active.has(target)) {
    const message = `YAML alias \`*${name}\` refers to a node that contains it; a config cannot be recursive.`;
    return problem(ctx, node, "yaml_recursive_alias", range, pointer, message);
  }
  if (ctx.expanding === 0) {
    const size = ctx.aliases().size(target);
    if (ctx.aliasValues + size > MAX_ALIAS_VALUES) {
      if (ctx.overBudget) ctx.overBudget.count++;
      else {
        const anchor = target.range ? { start: target.range[0], end: target.range[0] + 1 } : null;
        ctx.overBudget = { range, pointer, source: name, size, anchor, count: 1 };
      }
      return leftOut(ctx, range);
    }
    ctx.aliasValues += size;
  }
  // The value's own ranges point at the anchor; the alias itself is where this value is used.
  const done = ctx.converted.get(target);
  if (done && depth <= done.depth) return { ...done.node, range };
  const cuts = ctx.tooDeep?.count ?? 0;
  ctx.expanding++;
  try {
    const node = convert(ctx, target, pointer, range.start, depth);
    if ((ctx.tooDeep?.count ?? 0) === cuts) ctx.converted.set(target, { node, depth });
    return { ...node, range };
  } finally {
    ctx.expanding--;
  }
}

function keyOf(ctx: Ctx, k: unknown, pointer: string, fallback: Range): { key: string; range: Range } | "merge" | null {
  if (isScalar(k)) {
    const range = rangeOf(ctx, k, fallback.start);
    if (typeof k.value === "symbol" || (k.source === "<<" && k.type === "PLAIN")) return "merge";
    if (k.type === "PLAIN" && !k.tag && range.end > range.start) {
      const source = ctx.text.slice(range.start, range.end);
      const odd = yaml11Key(source, range, `${pointer}/${escapeSegment(source)}`);
      if (odd) ctx.diagnostics.push(odd);
    }
    if (typeof k.value === "string") {
      const tooLong = longKey(k.value, pointer, range);
      if (!tooLong) return { key: k.value, range };
      ctx.diagnostics.push(tooLong);
      return null;
    }
    if (typeof k.value === "number" || typeof k.value === "boolean") return { key: String(k.source ?? k.value), range };
  }
  const range = isScalar(k) || isMap(k) || isSeq(k) || isAlias(k) ? rangeOf(ctx, k as YNode, fallback.start) : fallback;
  ctx.diagnostics.push({
    severity: "error",
    code: "invalid_key",
    path: pointer,
    range,
    message: "Keys must be plain strings such as `name:`; this key is empty or a collection.",
  });
  return null;
}

function convertMap(ctx: Ctx, node: YNode, pointer: string, range: Range, depth: number): DocNode {
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
        const v = convert(ctx, s, pointer, range.start, depth - 1);
        if (v.kind === "object") for (const e of v.entries) group.push(e);
        else if (!ctx.leftOut.has(v)) {
          const message = "YAML syntax error: `<<` merges mappings only; this value is not a mapping.";
          ctx.diagnostics.push({ severity: "error", code: "syntax_error", path: pointer, range: v.range, message });
        }
      }
      merged.push(group);
      order.push(group);
      continue;
    }
    const childPointer = `${pointer}/${escapeSegment(key.key)}`;
    const value = valueNode
      ? convert(ctx, valueNode, childPointer, key.range.end, depth)
      : { kind: "null" as const, range: { start: key.range.end, end: key.range.end } };
    if (seen.has(key.key)) ctx.diagnostics.push(duplicateKeyWarning(key.key, childPointer, key.range));
    seen.add(key.key);
    const entry: DocEntry = {
      key: key.key,
      keyRange: key.range,
      value,
      range: { start: key.range.start, end: Math.max(value.range.end, key.range.end) },
    };
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

/** `depth`: collections around `node` (it is too deep when it is a collection at MAX_DEPTH). */
function convert(ctx: Ctx, node: YNode, pointer: string, fallback: number, depth: number): DocNode {
  const range = rangeOf(ctx, node, fallback);
  if (isAlias(node)) return convertAlias(ctx, node, pointer, range, depth);
  if ((isMap(node) || isSeq(node)) && depth >= MAX_DEPTH) {
    if (ctx.tooDeep) ctx.tooDeep.count++;
    else ctx.tooDeep = { range: { start: range.start, end: range.start + 1 }, pointer, what: isMap(node) ? "dict" : "list", count: 1 };
    return { kind: "null", range };
  }
  ctx.active.add(node);
  try {
    if (isMap(node)) return convertMap(ctx, node, pointer, range, depth + 1);
    if (isSeq(node)) {
      const items = node.items.map((it, i) => convert(ctx, it as YNode, `${pointer}/${i}`, range.start, depth + 1));
      return { kind: "array", range, items };
    }
    if (isScalar(node)) {
      const v = node.value;
      // A plain value `yaml.safe_load` (YAML 1.1, how dlt gets it) reads otherwise is told (keys: `keyOf`).
      const source = ctx.text.slice(range.start, range.end);
      if (node.type === "PLAIN" && !node.tag && source !== "" && (typeof v !== "string" || v === source)) {
        const differs = yaml11Difference(source, v ?? null, range, pointer);
        if (differs) ctx.diagnostics.push(differs);
      }
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

const OPTIONS = { prettyErrors: false, uniqueKeys: false, merge: true, keepSourceTokens: false } as const;

/** `yaml`'s parseDocument, fed the guard's lexemes when it has them (the text is then lexed once). */
function compose(text: string, lexemes: readonly string[] | null): Document.Parsed {
  if (!lexemes) return parseDocument(text, OPTIONS);
  const parser = new Parser();
  function* tokens() {
    for (const lexeme of lexemes ?? []) yield* parser.next(lexeme);
    yield* parser.end();
  }
  let doc: Document.Parsed | null = null;
  for (const next of new Composer(OPTIONS).compose(tokens(), true, text.length)) {
    if (!doc) doc = next;
    else {
      const message = "Source contains multiple documents; please use YAML.parseAllDocuments()";
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], "MULTIPLE_DOCS", message));
      break;
    }
  }
  return doc ?? parseDocument(text, OPTIONS);
}

export function parseYaml(text: string): ParsedDocument {
  // Bounded before parsing: `yaml` and convert recurse once per nesting level (limits.ts).
  const guarded = guardYaml(text);
  if (guarded.refused) return { format: "yaml", text, root: null, diagnostics: guardDiagnostics(text, guarded, null, "yaml") };
  const doc = compose(guarded.text, guarded.lexemes);
  const diagnostics = yamlDiagnostics(text, doc.errors, doc.warnings);
  if (!doc.contents) {
    if (!diagnostics.some((d) => d.severity === "error")) {
      diagnostics.push(emptyDocument("a YAML mapping with `client:` and `resources:`"));
    }
    return { format: "yaml", text, root: null, diagnostics: [...diagnostics, ...guardDiagnostics(text, guarded, null, "yaml")] };
  }
  let table: AliasTable | null = null;
  const ctx: Ctx = {
    text,
    diagnostics,
    aliases: () => (table ??= aliasTable(doc, MAX_ALIAS_VALUES)),
    active: new Set(),
    reported: new Set(),
    leftOut: new WeakSet(),
    converted: new Map(),
    aliasValues: 0,
    expanding: 0,
    overBudget: null,
    tooDeep: null,
  };
  const root = convert(ctx, doc.contents as YNode, "", 0, 0);
  const guard = guardDiagnostics(text, guarded, root, "yaml");
  diagnostics.push(...guard, ...limitDiagnostics(ctx, text, new Set(guard.map((d) => d.range.start))));
  return { format: "yaml", text, root, diagnostics };
}

/** The alias budget and depth found while converting: one diagnostic each, at the first place. */
function limitDiagnostics(ctx: Ctx, text: string, reported: ReadonlySet<number>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const over = ctx.overBudget;
  if (over) {
    const n = (x: number) => x.toLocaleString("en-US");
    const anchorAt = over.anchor ? ` (anchor \`&${over.source}\` at ${where(text, over.anchor.start)})` : "";
    const size = `${over.size > MAX_ALIAS_VALUES ? "more than " : ""}${n(over.size)}`;
    const others = over.count > 1 ? ` ${n(over.count - 1)} more alias${over.count === 2 ? " was" : "es were"} not expanded either.` : "";
    out.push({
      severity: "error",
      code: "yaml_alias_limit",
      path: over.pointer,
      range: over.range,
      message:
        `YAML alias \`*${over.source}\` would add ${size} values${anchorAt}, past the ${n(MAX_ALIAS_VALUES)} that aliases may add ` +
        `in one document: aliases of aliases multiply (an "alias bomb"). It is not expanded.${others} ` +
        "Write the values out, or alias smaller parts.",
    });
  }
  const deep = ctx.tooDeep;
  if (deep && !reported.has(deep.range.start)) out.push(tooDeep(deep.range, deep.pointer, deep.what, deep.count - 1));
  return out;
}
