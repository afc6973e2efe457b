/** The record and resource behind each staged root row of a load (lib/preview/pending.ts stages them). */
import type { DataRecord, KeyOrder, NumberText } from "../engine/types";
import { keepOrder, keepSpelling } from "./values";

/** A root table's records and resources, parallel to its staged rows (`pkg.rows`; holes for rows of no record). */
class OriginList {
  readonly records: DataRecord[] = [];
  readonly resources: string[] = [];

  /** The record behind staged row `at`, kept as the API sent it (`records` lists): its numbers' spellings, its keys' order. */
  store(at: number, record: DataRecord, resource: string, text: NumberText | null | undefined, order: KeyOrder | null | undefined): void {
    this.records[at] = record;
    this.resources[at] = resource;
    if (text) keepSpelling(record, text);
    if (order) keepOrder(record, order);
  }
}

/**
 * The record and resource behind each staged root row, by the row's index in its table's staged rows:
 * arrays filled as rows are staged (a map from row to origin cost a tenth of the preview).
 */
export class Origins {
  private readonly tables = new Map<string, OriginList>();

  table(name: string): OriginList {
    let t = this.tables.get(name);
    if (!t) this.tables.set(name, (t = new OriginList()));
    return t;
  }

  record(table: string, index: number): DataRecord | undefined {
    return this.tables.get(table)?.records[index];
  }

  resource(table: string, index: number): string | undefined {
    return this.tables.get(table)?.resources[index];
  }

  /** The records of `resource` staged into `table`, in staging order. */
  recordsOf(table: string, resource: string): DataRecord[] {
    const t = this.tables.get(table);
    const out: DataRecord[] = [];
    if (t) t.resources.forEach((r, i) => r === resource && out.push(t.records[i] as DataRecord));
    return out;
  }
}
