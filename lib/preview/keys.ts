/**
 * A suggestion when the configured primary key is missing from the records (seed 004 configures
 * `id` while its records carry `BankTransactionID`).
 */
import type { DataRecord } from "../engine/types";
import { normalizeIdentifier } from "./naming";

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

  constructor(
    private readonly key: readonly string[],
    private readonly table: string,
  ) {
    this.keyNorm = key.map(normalizeIdentifier);
  }

  /** Is `field` named like a key: the configured key in another spelling, or ending in `ID`/`Id`/`_id`? */
  private looksLikeKey(field: string): boolean {
    const n = normalizeIdentifier(field);
    return this.keyNorm.some((k) => n === k || n.endsWith(`_${k}`)) || /(?:ID|Id|_id)$/.test(field) || n === "id";
  }

  /** Whether `field` is (a spelling of) one of the configured key's fields. */
  private isKey(field: string): boolean {
    return this.keyNorm.includes(normalizeIdentifier(field));
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
      // The configured key itself, present in a record that lacks it: null, or a value its column cannot hold (`carried`).
      if (!c || c.present < this.records || this.records === 0 || this.isKey(field)) continue;
      const distinct = c.values.size / c.present;
      if (distinct < 0.9) continue;
      const n = normalizeIdentifier(field);
      const stem = n.replace(/_?id$/, "");
      let score = distinct === 1 ? 4 : 2;
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
    const carried = [...this.seen.keys()].filter((f) => this.isKey(f));
    // A key field none of them has (a compound key's `item_id` beside `k`) is named, not the fields they do carry.
    const absent = this.key.filter((k, i) => !carried.some((f) => normalizeIdentifier(f) === this.keyNorm[i]));
    if (carried.length > 0 && absent.length > 0) {
      const names = absent.map((k) => `\`${k}\``).join(", ");
      return `${head}: none of them carries ${names} — set \`primary_key\` to fields every record carries`;
    }
    if (carried.length > 0)
      return (
        `${head}: they carry ${carried.map((f) => `\`${f}\``).join(", ")}, but null or a value of another type than its column ` +
        "(a variant column took it) — make the key's values one type, or choose another key"
      );
    const fix = "set `primary_key` to a field every record carries";
    // What dlt then does (its normalize or load step fails: a primary key column is not nullable) is the table's own warning.
    return `${head}; the preview keeps them unmerged — ${fix}`;
  }
}
