/**
 * Primary keys: the merge key of a row, and a suggestion when the configured key is missing
 * from the records (seed 004 configures `id` while its records carry `BankTransactionID`).
 */
import type { DataRecord, Json } from "../engine/types";
import { normalizeIdentifier } from "./naming";

/** A merge key: primitives stand for themselves in the Map (1 and "1" stay distinct). */
export type MergeKey = string | number | boolean;

/**
 * The merge key of a row (normalised column names), or `null` when any key column is missing
 * or null: such a record is never merged, and no key is invented for it.
 * Compound keys (and object values) are joined with JSON.stringify behind a NUL prefix, so
 * `["a|b", "c"]` and `["a", "b|c"]` differ and no plain string can collide with them.
 */
export function keyOf(row: DataRecord, columns: readonly string[]): MergeKey | null {
  if (columns.length === 1) {
    const v = row[columns[0] as string];
    if (v === undefined || v === null) return null;
    if (typeof v === "number" || typeof v === "boolean") return v;
    if (typeof v === "string") return v.charCodeAt(0) === 0 ? `\u0000${v}` : v;
    return `\u0000${JSON.stringify(v)}`;
  }
  const values: Json[] = [];
  for (const c of columns) {
    const v = row[c];
    if (v === undefined || v === null) return null;
    values.push(v);
  }
  return `\u0000${JSON.stringify(values)}`;
}

interface Candidate {
  readonly order: number;
  present: number;
  readonly values: Set<string>;
}

/** Watches the records that lack the key and finds the field that looks like the real key. */
export class KeyCandidates {
  private readonly seen = new Map<string, Candidate | null>();
  private records = 0;
  private readonly keyNorm: string[];

  constructor(private readonly key: readonly string[], private readonly table: string) {
    this.keyNorm = key.map(normalizeIdentifier);
  }

  /** Is `field` named like a key: the configured key in another spelling, or ending in `ID`/`Id`/`_id`? */
  private looksLikeKey(field: string): boolean {
    const n = normalizeIdentifier(field);
    return this.keyNorm.some((k) => n === k || n.endsWith(`_${k}`)) || /(?:ID|Id|_id)$/.test(field) || n === "id";
  }

  add(record: DataRecord): void {
    this.records++;
    for (const field in record) {
      let c = this.seen.get(field);
      if (c === undefined) {
        c = this.looksLikeKey(field) ? { order: this.seen.size, present: 0, values: new Set() } : null;
        this.seen.set(field, c);
      }
      if (c === null) continue;
      const v = record[field];
      if (typeof v === "string" || typeof v === "number") {
        c.present++;
        c.values.add(typeof v === "string" ? `s${v}` : `n${v}`);
      }
    }
  }

  /**
   * The best candidate: present in every such record, unique (or nearly: at least 90 % distinct,
   * since the duplicates a merge collapses repeat their key), ranked by how much its name
   * resembles the configured key and the table (`BankTransactionID` for `bank_transactions`).
   */
  best(): string | null {
    let best: { field: string; score: number; order: number } | null = null;
    for (const [field, c] of this.seen) {
      if (!c || c.present < this.records || this.records === 0) continue;
      const distinct = c.values.size / c.present;
      if (distinct < 0.9) continue;
      const n = normalizeIdentifier(field);
      const stem = n.replace(/_?id$/, "");
      let score = distinct === 1 ? 4 : 2;
      if (this.keyNorm.includes(n)) score += 3;
      if (stem.length > 0 && this.table.startsWith(stem)) score += 2;
      if (this.keyNorm.some((k) => n.endsWith(`_${k}`))) score += 1;
      if (!best || score > best.score || (score === best.score && c.order < best.order)) best = { field, score, order: c.order };
    }
    return best?.field ?? null;
  }

  /** The warning for `missing` of `total` records lacking the key. */
  message(resource: string, missing: number, total: number): string {
    const shown = this.key.map((k) => `\`${k}\``).join(", ");
    const head = `primary_key ${shown} is missing in ${missing} of ${total} records of \`${resource}\``;
    const field = this.best();
    if (field !== null) return `${head}; the records carry \`${field}\` — set \`primary_key: "${field}"\``;
    return `${head}; those records are not merged (no key is invented) — set \`primary_key\` to a field every record carries`;
  }
}
