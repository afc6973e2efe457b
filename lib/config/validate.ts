import { parseDocument, toPlain, type Diagnostic, type ParsedDocument, type PlainValue, type SourceFormat } from "../formats";
import { RestApiConfigSchema, type RestApiConfig } from "./schema";
import { mapIssues } from "./mapping";
import { runRules } from "./rules";
import { Locator } from "./located";

export interface ValidationResult {
  readonly format: SourceFormat;
  readonly document: ParsedDocument;
  /** The validated config; `null` when there is any error. */
  readonly config: RestApiConfig | null;
  /** The document as a plain value (references as `{"$secret": name}`), even when invalid. */
  readonly value: PlainValue | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly valid: boolean;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Validates a parsed document. Never throws: every problem is a diagnostic. */
export function validateDocument(document: ParsedDocument): ValidationResult {
  const diagnostics: Diagnostic[] = [...document.diagnostics];
  let config: RestApiConfig | null = null;
  let value: PlainValue | null = null;
  if (document.root) {
    value = toPlain(document.root);
    const loc = new Locator(document);
    const parsed = RestApiConfigSchema.safeParse(value);
    if (parsed.success) config = parsed.data;
    try {
      if (!parsed.success) diagnostics.push(...mapIssues(RestApiConfigSchema, value, loc, parsed.error.issues));
      diagnostics.push(...runRules(value, loc));
    } catch (e) {
      // Bad input must never crash the editor: report the defect where the user can see it.
      diagnostics.push({ severity: parsed.success ? "warning" : "error", code: "internal_error", path: "", range: { start: 0, end: 0 },
        message: `restplay could not finish checking this config (${e instanceof Error ? e.message : String(e)}). Please report it.` });
    }
  }
  // One diagnostic per code and place.
  const unique = new Map<string, Diagnostic>();
  for (const d of diagnostics) unique.set(`${d.code}:${d.range.start}:${d.range.end}:${d.path}`, d);
  const sorted = [...unique.values()].sort((a, b) => a.range.start - b.range.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const valid = !sorted.some((d) => d.severity === "error");
  return { format: document.format, document, config: valid ? config : null, value, diagnostics: sorted, valid };
}

export function validateText(text: string, format?: SourceFormat): ValidationResult {
  return validateDocument(parseDocument(text, format));
}
