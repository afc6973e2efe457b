/**
 * The heavy half of lib/ the browser needs — the validator (zod, the three parsers), the format
 * converter, the exporters, the quick fixes' edits and the preview — in one chunk loaded after first
 * paint (see ./useToolkit). The YAML library comes with it: `detectFormat` (one YAML parse for text
 * that opens like JSON) and `applyEdits` (YAML-written values) live here, not in the first load.
 */
export { validateText, exportConfig, secretsTomlFile, recordFindingDiagnostics, applyEdits, convertConfig } from "@/lib/config";
export { describeLoss, detectFormat } from "@/lib/formats";
export { createPreview } from "@/lib/preview";
export { ContractError, decodeEvents, readErrorEnvelope } from "@/lib/run";
