/**
 * The engine's bookkeeping of number spellings and key orders (lib/shared/json.ts parses them): per
 * run, carried to copies of records, to wrapped items and onto each page's event.
 */
import type { DataRecord, Json, KeyOrder, NumberText } from "./types";
import { nonFiniteText, setOwn, type Masker } from "../shared";

/** A side table by container that knows whether it has recorded any (a run whose bodies had none skips its bookkeeping). */
class Recorded<V> extends WeakMap<object, V> {
  recorded = false;

  override set(container: object, value: V): this {
    this.recorded = true;
    return super.set(container, value);
  }
}

/**
 * A run's spellings by container (what `parseJson` records), and its key orders (`orders`, recorded
 * with `parseJson`'s `orders`): almost every run records neither.
 */
export class NumberTexts extends Recorded<NumberText> {
  readonly orders = new Recorded<KeyOrder>();
}

/** Gives `to` (a copy of `from`, e.g. with `include_from_parent` fields) the spellings and key orders of `from`. */
export function carryNumberText<T extends object>(sink: NumberTexts, from: object, to: T): T {
  const t = sink.get(from);
  if (t) sink.set(to, t);
  if (sink.orders.recorded) {
    const o = sink.orders.get(from);
    if (o) sink.orders.set(to, o);
  }
  return to;
}

/**
 * `from` with the run's secret values masked (a number that spells one becomes its masked text), carrying
 * its key orders and the spellings of the numbers left.
 */
export function maskedRecord(sink: NumberTexts, masker: Masker, from: DataRecord): DataRecord {
  const masked = masker.record(from, sink.get(from), sink.orders.recorded ? sink.orders.get(from) : undefined);
  const to = masked.value as DataRecord;
  if (masked.spelling !== undefined) sink.set(to, masked.spelling);
  if (masked.order !== undefined) sink.orders.set(to, masked.order);
  return to;
}

/** Spellings and key orders for records the engine wrapped as `{"value": item}` (items that are not dicts). */
export function wrapNumberText(sink: NumberTexts, selected: readonly Json[], records: readonly object[]): void {
  const orders = sink.orders;
  if (orders.recorded)
    selected.forEach((item, i) => {
      const o = Array.isArray(item) ? orders.get(item) : undefined;
      const record = records[i];
      if (o !== undefined && record) orders.set(record, { at: { value: o } });
    });
  if (!sink.recorded) return;
  const list = sink.get(selected);
  selected.forEach((item, i) => {
    if (item !== null && typeof item === "object" && !Array.isArray(item)) return;
    const t = item !== null && typeof item === "object" ? sink.get(item) : list?.[String(i)];
    const record = records[i];
    if (t !== undefined && record) sink.set(record, { value: t });
  });
}

/** A side table's entries parallel to `records`, or `undefined` when no record has any. */
function parallel<V>(table: Recorded<V>, records: readonly object[]): (V | null)[] | undefined {
  if (!table.recorded) return undefined;
  let any = false;
  const out = records.map((r) => {
    const v = table.get(r) ?? null;
    any ||= v !== null;
    return v;
  });
  return any ? out : undefined;
}

/**
 * `t` without the spellings of values not finite for Python (`NaN`, `1e400`: null in the record, their
 * spelling kept only for requests that carry them), so the preview sees the null dlt loads; `null` when none is left.
 */
function finiteOnly(t: NumberText): NumberText | null {
  let out: NumberText | null = null;
  for (const k in t) {
    const v = t[k] as string | NumberText;
    const kept = typeof v === "string" ? (nonFiniteText(v) ? null : v) : finiteOnly(v);
    if (kept !== v) out ??= { ...t };
    if (out === null) continue;
    if (kept === null) delete out[k];
    else setOwn(out, k, kept);
  }
  if (out === null) return t;
  return Object.keys(out).length > 0 ? out : null;
}

/** The `number_text` of a page: parallel to `records`, or `undefined` when no record has any. */
export function pageNumberText(sink: NumberTexts, records: readonly object[]): (NumberText | null)[] | undefined {
  const texts = parallel(sink, records);
  if (texts === undefined) return undefined;
  const finite = texts.map((t) => (t === null ? null : finiteOnly(t)));
  return finite.some((t) => t !== null) ? finite : undefined;
}

/** The `key_order` of a page: parallel to `records`, or `undefined` when no record has any. */
export const pageKeyOrder = (sink: NumberTexts, records: readonly object[]): (KeyOrder | null)[] | undefined =>
  parallel(sink.orders, records);
