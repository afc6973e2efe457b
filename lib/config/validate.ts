/**
 * The validation pipeline: parse diagnostics -> plain value -> zod -> union-aware issue mapping ->
 * rules -> one sorted list. Never throws: every problem, even a defect of ours, is a diagnostic.
 */
import { parseDocument, toPlain, writeJson, writePythonLiteral, writeYaml, type Diagnostic, type ParsedDocument, type PlainValue, type SourceFormat } from "../formats";
import { RestApiConfigSchema, type RestApiConfig } from "./schema";
import { mapIssues } from "./mapping";
import { runRules } from "./rules/index";
import { Locator } from "./located";

export interface ValidationResult {
  readonly format: SourceFormat;
  readonly document: ParsedDocument;
  /** The validated config (zod's output); `null` when there is any error. */
  readonly config: RestApiConfig | null;
  /** The document as a plain value (references as `{"$secret": name}`), even when invalid; `null` if unparseable. */
  readonly value: PlainValue | null;
  /** Sorted by position, errors first at the same position. */
  readonly diagnostics: readonly Diagnostic[];
  /** No error diagnostics (warnings and infos allowed). */
  readonly valid: boolean;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Validates a parsed document. */
export function validateDocument(document: ParsedDocument): ValidationResult {
  const diagnostics: Diagnostic[] = [...document.diagnostics];
  let config: RestApiConfig | null = null;
  let value: PlainValue | null = null;
  if (document.root) {
    const loc = new Locator(document);
    try {
      value = toPlain(document.root);
      const parsed = RestApiConfigSchema.safeParse(value);
      if (parsed.success) config = parsed.data;
      else {
        const before = diagnostics.length;
        mapIssues({ loc, plain: value, out: diagnostics }, parsed.error.issues, [], RestApiConfigSchema);
        // zod said no: the user must see why, even if our mapping found nothing to say.
        if (!diagnostics.slice(before).some((d) => d.severity === "error")) {
          const first = parsed.error.issues[0];
          const at = (first?.path ?? []) as (string | number)[];
          diagnostics.push({ severity: "error", code: "invalid_value", path: loc.pointer(at), range: loc.value(at), message: `${first?.message ?? "Invalid config"} at ${loc.pointer(at) || "the root"}.` });
        }
      }
      diagnostics.push(...runRules(value, loc));
    } catch (e) {
      // A defect of ours must not take the editor down: report it where the user can see it.
      diagnostics.push({ severity: "error", code: "internal_error", path: "", range: { start: 0, end: 0 },
        message: `restplay could not finish checking this config (${e instanceof Error ? e.message : String(e)}). Please report it.` });
      config = null;
    }
  }
  // One diagnostic per code, path and place (defaults shared by many resources are reported once).
  const unique = new Map<string, Diagnostic>();
  for (const d of diagnostics) {
    const key = `${d.code}\u0000${d.range.start}\u0000${d.range.end}\u0000${d.path}`;
    if (!unique.has(key)) unique.set(key, d);
  }
  const sorted = [...unique.values()].sort((a, b) => a.range.start - b.range.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const valid = document.root !== null && !sorted.some((d) => d.severity === "error");
  return { format: document.format, document, config: valid ? config : null, value, diagnostics: sorted, valid };
}

/** Parses and validates text; the format is detected when not given. */
export function validateText(text: string, format?: SourceFormat): ValidationResult {
  return validateDocument(parseDocument(text, format));
}

/**
 * Validates a plain value (e.g. from an API request). It is written out in `format` first, so the
 * diagnostics carry ranges into that text (`result.document.text`).
 */
export function validateValue(plain: PlainValue, format: SourceFormat = "json"): ValidationResult {
  const text = format === "json" ? writeJson(plain) : format === "yaml" ? writeYaml(plain) : `source = rest_api_source(${writePythonLiteral(plain)})\n`;
  return validateText(text, format);
}
