/** What every rule gets: the document, a locator, and a way to report. */
import type { ParsedDocument, QuickFix, Range, Severity, SourceFormat } from "../../formats";
import type { Locator, Path } from "../located";
import type { DiagnosticOut } from "../sink";

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export interface Finding {
  readonly at: Path;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly range: Range;
  readonly fixes?: readonly QuickFix[];
}

export interface RuleContext {
  readonly loc: Locator;
  readonly doc: ParsedDocument;
  readonly format: SourceFormat;
  readonly text: string;
  add(finding: Finding): void;
  /** No more findings are kept (MAX_DIAGNOSTICS): loops over long lists stop. */
  readonly full: boolean;
}

/** Whether the value at `at` is a Python call (`BearerTokenAuth(...)`, `dlt.sources.incremental(...)`) the reader gave as a dict. */
export function isPythonCall(ctx: RuleContext, at: Path): boolean {
  const node = ctx.loc.node(at);
  return ctx.format === "python" && node !== undefined && ctx.text[node.range.start] !== "{";
}

/**
 * Whether the value at `at` is Python restplay does not evaluate (`f"{dlt.secrets['email']}/token"`, `make_key()`,
 * a name bound to a call), or a list with such an item: restplay leaves it out (decision 0022), dlt evaluates it.
 * A check that needs that value cannot tell dlt's answer, so it says nothing.
 */
export function isUnreadPython(ctx: RuleContext, at: Path): boolean {
  const node = ctx.loc.node(at);
  return node?.kind === "python" || (node?.kind === "array" && node.items.some((item) => item.kind === "python"));
}

export function createContext(loc: Locator, out: DiagnosticOut): RuleContext {
  return {
    loc,
    doc: loc.doc,
    format: loc.doc.format,
    text: loc.doc.text,
    add({ at, ...rest }) {
      out.push({ ...rest, path: loc.pointer(at) });
    },
    get full() {
      return out.full;
    },
  };
}

/** An error on a required key that is missing: the range is where the key would go in its dict. */
export function missingKey(ctx: RuleContext, at: Path, message: string): void {
  ctx.add({ at, severity: "error", code: "missing_key", range: ctx.loc.missing(at), message });
}

/** Python's `None` or JSON/YAML's `null`, as the user would type it. */
export const nullWord = (ctx: RuleContext) => (ctx.format === "python" ? "None" : "null");
