/**
 * The keys dlt's data-selector auto-detection prefers when a response holds several lists
 * (dlt-rest-api.md §8): the engine detects with exactly these; the importers guess with these and more.
 */
export const DLT_LIST_KEYS: readonly string[] = [
  "data",
  "items",
  "results",
  "entries",
  "records",
  "rows",
  "entities",
  "payload",
  "content",
  "objects",
  "values",
];
