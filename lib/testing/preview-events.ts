/** Engine events built by hand for the preview's tests: a resource's start and one page of its records. */
import type { DataRecord, EngineEvent, NumberText } from "../engine/types";
import type { NestedHint } from "../config/resolved";
import { appendStart } from "../preview/resource-start";
import { createDestination, createPreview, type PreviewTableData } from "../preview";
import { checkEvent } from "../run";

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

/**
 * Runs of the resource `items` (primary key `id`, `root`'s hints, one nested hint on `purchases`) into
 * one destination, each fed as the browser gets it — over the wire, checked by the event stream's
 * contract (which once dropped a nested hint's keys): every table after each run, by name.
 */
export function nestedHintRuns(
  root: Partial<ResourceStart>,
  hint: Omit<NestedHint, "path" | "columns">,
  runs: readonly DataRecord[][],
): Map<string, PreviewTableData>[] {
  const destination = createDestination();
  return runs.map((records, i) => {
    const p = createPreview({ destination });
    const events: EngineEvent[] = [
      { type: "run_start", resources: ["items"], at: i * 1000 },
      start("items", { primary_key: ["id"], ...root, nested_hints: [{ path: "purchases", columns: [], ...hint }] }),
      page("items", records),
      { type: "done", ok: true, duration_ms: 1, stats: {} },
    ];
    for (const e of events) p.push(checkEvent(JSON.parse(JSON.stringify(e))));
    return new Map(p.tables().flatMap((t) => [t, ...t.child_tables].map((c): [string, PreviewTableData] => [c.table_name, c])));
  });
}
