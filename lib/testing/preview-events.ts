/** Engine events built by hand for the preview's tests: a resource's start and one page of its records. */
import type { DataRecord, EngineEvent, NumberText } from "../engine/types";
import { appendStart } from "../preview/resource-start";

export type ResourceStart = Extract<EngineEvent, { type: "resource_start" }>;

/** `resource_start` for a single-page, append resource whose table is its name (`o` overrides). */
export const start = (resource: string, o: Partial<ResourceStart> = {}): ResourceStart => ({
  ...appendStart(resource),
  paginator: "single_page",
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
