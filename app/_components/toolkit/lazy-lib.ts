/**
 * The heavy half of lib/ the browser needs — the validator (zod, the three parsers), the format
 * converter, the exporters and the preview — in one chunk loaded after first paint (see ./useToolkit).
 */
export { validateText, exportConfig, secretsTomlTemplate, recordFindingDiagnostics } from "@/lib/config";
export { convertDocument, describeLoss } from "@/lib/formats";
export { createPreview } from "@/lib/preview";
export { ContractError, decodeEvents, readErrorEnvelope } from "@/lib/run";
