/** lib/config: the config language — schema, validation with located diagnostics, exports. */
export * from "./schema";
export type * from "./resolved";
export { validateText, validateDocument, validateValue, type ValidateOptions, type ValidationResult } from "./validate";
export { convertConfig } from "./unread-python";
export { runTimeRefs, type RunTimeRef } from "./type-refs";
export { listSecrets, referencesInCode, type SecretUse } from "./secrets";
export { checkConfig, notRunnableReason, type CheckedConfig } from "./checked";
export { toDltCanonical, type Canonical, type RuntimeRetry } from "./canonical";
export {
  EXPORT_FILENAMES,
  exportConfig,
  secretsTomlFile,
  secretsTomlTemplate,
  pythonPipeline,
  type ExportFile,
  type ExportFormat,
} from "./export";
export { getJsonSchema, SCHEMA_ID } from "./jsonschema";
export { applyEdits, refText } from "./fixes";
export { RECORD_FINDING_CODES, recordFindingDiagnostics, type RecordFinding, type RecordFindingCode } from "./findings";
export { resourceNames } from "./resources";
export { describeKey, keyCompletions, type KeyDoc } from "./docs";
export { DIAGNOSTIC_CODES, type DiagnosticCode } from "./codes";
export { secretNameFor } from "./rules/secret-literals";
export { configValueCompletions, valueCompletions, valueContext, type ValueSuggestion } from "./value-complete";
export { MAX_ALIAS_VALUES, MAX_DEPTH, MAX_DIAGNOSTICS, MAX_RESOURCES, MAX_VALUES } from "./limits";
export { placeholderCompletions, acceptsPlaceholders, type PlaceholderSuggestion } from "./placeholder-complete";
