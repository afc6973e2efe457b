/** Engine events built by hand for the preview's tests: a resource's start and one page of its records. */
import type { DataRecord, EngineEvent, NumberText } from "../engine/types";

export type ResourceStart = Extract<EngineEvent, { type: "resource_start" }>;

/** `resource_start` for a single-page, append resource whose table is its name (`o` overrides). */
export const start = (resource: string, o: Partial<ResourceStart> = {}): ResourceStart => ({
  type: "resource_start",
  resource,
  paginator: "single_page",
  data_selector: null,
  primary_key: null,
  write_disposition: "append",
  parent: null,
  table_name: resource,
  max_table_nesting: null,
  merge_key: null,
  merge_strategy: null,
  columns: [],
  ...o,
});

/** Page 1 of `resource` with these records (and, if given, the spellings of their numbers). */
export const page = (resource: string, records: DataRecord[], number_text?: (NumberText | null)[]): EngineEvent => ({
  type: "page",
  resource,
  page: 1,
  request_id: 1,
  records,
  count: records.length,
  selector: "$",
  selector_source: "detected",
  ...(number_text ? { number_text } : {}),
});
