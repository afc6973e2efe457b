/** lib/preview: engine events -> the tables dlt would load, kept in a destination across runs. */
export { createPreview, type Preview, type PreviewOptions } from "./preview";
export {
  adoptStateSpellings,
  createDestination,
  destinationRevision,
  readDestinationState,
  type Destination,
  type DestinationState,
  type StateRead,
} from "./destination";
export { jsonCellText } from "./values";
export { updatedWord } from "./view";
export { normalizeIdentifier } from "./naming";
export { ExactInt, jsonPieces, materialize, stringifyJson, tablesJson, type Cell, type TableJson } from "./rows";
export { DLT_ENGINE_VERSION, DLT_SCHEMA_FILE, DLT_SCHEMA_NAME, dltSchemaYaml, dltStoredSchema, type DltSchemaOptions } from "./dlt-schema";
export type { ColumnSchema, TableSchemaJson } from "./schema";
export type * from "./types";
export { dltType, duckType, type TypedColumn } from "./duck-types";
