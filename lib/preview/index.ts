/** lib/preview: engine events -> the tables dlt would load (merge by key, nested tables, columns). */
export { createPreview, type Preview, type PreviewOptions } from "./preview";
export { previewHints } from "./hints";
export { normalizeIdentifier } from "./naming";
export type * from "./types";
