/**
 * The engine's bookkeeping of number spellings (lib/shared/json.ts parses them): per run, carried to
 * copies of records, to wrapped items and onto each page's event.
 */
import type { Json, NumberText } from "./types";

/**
 * A run's spellings by container (what `parseJson` records), knowing whether it has recorded any: a
 * run whose bodies had none (almost every run) skips the per-page bookkeeping below.
 */
export class NumberTexts extends WeakMap<object, NumberText> {
  recorded = false;

  override set(container: object, text: NumberText): this {
    this.recorded = true;
    return super.set(container, text);
  }
}

/** Gives `to` (a copy of `from`, e.g. with `include_from_parent` fields) the spellings of `from`. */
export function carryNumberText<T extends object>(sink: WeakMap<object, NumberText>, from: object, to: T): T {
  const t = sink.get(from);
  if (t) sink.set(to, t);
  return to;
}

/** Spellings for records the engine wrapped as `{"value": item}` (items that are not dicts). */
export function wrapNumberText(sink: NumberTexts, selected: readonly Json[], records: readonly object[]): void {
  if (!sink.recorded) return;
  const list = sink.get(selected);
  selected.forEach((item, i) => {
    if (item !== null && typeof item === "object" && !Array.isArray(item)) return;
    const t = item !== null && typeof item === "object" ? sink.get(item) : list?.[String(i)];
    const record = records[i];
    if (t !== undefined && record) sink.set(record, { value: t });
  });
}

/** The `number_text` of a page: parallel to `records`, or `undefined` when no record has any. */
export function pageNumberText(sink: NumberTexts, records: readonly object[]): (NumberText | null)[] | undefined {
  if (!sink.recorded) return undefined;
  let any = false;
  const out = records.map((r) => {
    const t = sink.get(r) ?? null;
    any ||= t !== null;
    return t;
  });
  return any ? out : undefined;
}
