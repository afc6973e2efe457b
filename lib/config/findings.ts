/**
 * Findings from a run's records (the preview's, lib/preview `findings.ts`) as diagnostics of the
 * document: each is placed on the value it is about — the resource's `primary_key`, its incremental
 * `cursor_path`, a `columns` hint — or, when the resource inherits it, on `resource_defaults` or
 * the resource's name; a replacement becomes a quick fix that edits that value. A finding whose value
 * the user has changed since the run is dropped (the next run tells).
 */
import { findNode, toPlain, type Diagnostic, type DocNode, type ParsedDocument, type PlainValue, type Severity } from "../formats";
import { quoteLike, renderValue } from "./fixes";

/** The codes of findings from records (not config checks: no text alone triggers them), with their meaning. */
export const RECORD_FINDING_CODES = {
  record_primary_key_missing: "The records lack the configured primary key (fix: the field they carry).",
  record_primary_key_not_unique:
    "The primary key repeats within one run's records (a warning; a note under merge delete-insert, which keeps one, " +
    "and scd2, which keys versions by row hash).",
  record_cursor_missing: "Records lack the incremental `cursor_path` (fix: the field they carry).",
  record_type_conflict:
    "Records hold values that do not fit a column's `data_type` hint: dlt writes a variant column (fix: the type they hold).",
} as const;
export type RecordFindingCode = keyof typeof RECORD_FINDING_CODES;

export interface RecordFinding {
  readonly resource: string;
  readonly code: RecordFindingCode;
  readonly severity: Severity;
  readonly message: string;
  /** Where in the resource the finding points: `["primary_key"]`, `["endpoint", "incremental", "cursor_path"]`, … */
  readonly at: readonly string[];
  /** The value there when the run ran (a changed value drops the finding). */
  readonly value: PlainValue;
  /** Values that fix it, each a quick fix. */
  readonly replacements?: readonly { readonly title: string; readonly value: PlainValue }[];
}

/** Equal values; a one-element list equals its element (`primary_key: "id"` is `["id"]`). */
const one = (v: PlainValue): PlainValue => (Array.isArray(v) && v.length === 1 ? (v[0] as PlainValue) : v);
const same = (a: PlainValue, b: PlainValue) => JSON.stringify(one(a)) === JSON.stringify(one(b));

function resourceIndex(doc: ParsedDocument, name: string): number | null {
  const list = findNode(doc.root, "/resources");
  if (list?.kind !== "array") return null;
  const i = list.items.findIndex((item) => {
    if (item.kind === "string") return item.value === name;
    const n = item.kind === "object" ? findNode(item, "/name") : undefined;
    return n?.kind === "string" && n.value === name;
  });
  return i < 0 ? null : i;
}

const pointer = (segments: readonly (string | number)[]) =>
  segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");

function fixText(doc: ParsedDocument, node: DocNode, value: PlainValue): string {
  const original = doc.text.slice(node.range.start, node.range.end);
  if (typeof value === "string" && node.kind === "string") return quoteLike(original, value);
  return renderValue(value, doc.format, doc.text, node.range);
}

/** The findings that still apply to `doc`, as located diagnostics with their quick fixes. */
export function recordFindingDiagnostics(doc: ParsedDocument, findings: readonly RecordFinding[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const index = resourceIndex(doc, f.resource);
    if (index === null) continue;
    const own = pointer(["resources", index, ...f.at]);
    const inherited = pointer(["resource_defaults", ...f.at]);
    const node = findNode(doc.root, own) ?? findNode(doc.root, inherited);
    const path = findNode(doc.root, own) ? own : node ? inherited : pointer(["resources", index]);
    if (node && !same(toPlain(node), f.value)) continue;
    const anchor = node ?? findNode(doc.root, pointer(["resources", index, "name"])) ?? findNode(doc.root, pointer(["resources", index]));
    if (!anchor) continue;
    const fixes = node
      ? (f.replacements ?? []).map((r) => ({ title: r.title, edits: [{ range: node.range, newText: fixText(doc, node, r.value) }] }))
      : [];
    out.push({ severity: f.severity, code: f.code, message: f.message, path, range: anchor.range, ...(fixes.length > 0 ? { fixes } : {}) });
  }
  return out;
}
