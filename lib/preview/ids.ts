/**
 * Row ids. dlt gives root rows random ids (`generate_dlt_id`) and nested rows a digest of
 * `(parent id, table, list index)` (`get_nested_row_hash`); the preview derives both from fast
 * 64-bit hashes instead, seeded with the load id, so a run always shows the same ids and two loads
 * never share one. Where dlt's ids are not random — the root of an `upsert` or `insert-only` table
 * (a hash of its primary key) and of an `scd2` table (a hash of the record), and every row nested
 * below one — the loads match rows by them, and the preview computes dlt's own (`dltDigest`).
 */
import type { Json, NumberText } from "../engine/types";
import { pyJsonText, PyBytes, PyDate, PyDateTime, PyFloat, PyInt, PyTime, type Value } from "./values";
import { BASE64_ALPHABET, byCodePoint, digest128, getOwn, orjsonFloat } from "../shared";

/*
 * Hashes are 32 bits held as signed integers (`| 0`, not `>>> 0`): only their bits are used, and a
 * value of 2^31 or more would be a heap number wherever V8 does not keep it in a register (two per row).
 */

/** FNV-1a of a string: the per-table seed of row ids. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Mixes three numbers into one 32-bit hash (murmur3's finaliser on a running combination). */
export function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35) ^ c;
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2d);
  return h ^ (h >>> 16);
}

const CODES = Array.from(BASE64_ALPHABET, (c) => c.charCodeAt(0));

/**
 * A row id shaped as dlt's random ones (`generate_dlt_id`: 10 bytes in base64 without padding, 14
 * characters, the last one of `AQgw`): the 64-bit hash `(h1, h2)` and 16 bits mixed from it.
 */
export function encodeId(h1: number, h2: number): string {
  const c = CODES;
  const h3 = mix(h1, h2, 0x2545f491);
  // Bytes b0…b9: h1's four, h2's four, h3's low two; every three bytes are four characters.
  const g1 = h1 >>> 8; // b0 b1 b2
  const g2 = ((h1 & 255) << 16) | (h2 >>> 16); // b3 b4 b5
  const g3 = ((h2 & 65535) << 8) | ((h3 >>> 8) & 255); // b6 b7 b8
  const b9 = h3 & 255;
  return String.fromCharCode(
    c[g1 >>> 18] as number,
    c[(g1 >>> 12) & 63] as number,
    c[(g1 >>> 6) & 63] as number,
    c[g1 & 63] as number,
    c[g2 >>> 18] as number,
    c[(g2 >>> 12) & 63] as number,
    c[(g2 >>> 6) & 63] as number,
    c[g2 & 63] as number,
    c[g3 >>> 18] as number,
    c[(g3 >>> 12) & 63] as number,
    c[(g3 >>> 6) & 63] as number,
    c[g3 & 63] as number,
    c[b9 >>> 2] as number,
    c[(b9 & 3) << 4] as number,
  );
}

/** dlt's `digest128(text, DLT_ID_LENGTH_BYTES)`: 10 bytes, 14 characters. */
export const dltDigest = (text: string): string => digest128(text, 10);

/**
 * How a root table's rows get their ids when dlt's are not random (`get_root_row_id_type`):
 * `key_hash` (upsert, insert-only) hashes the primary key's columns, `row_hash` (scd2 with `_dlt_id`
 * as the row version) the record. Rows nested below then get dlt's own `get_nested_row_hash`.
 */
export type RootIds = { readonly kind: "key_hash"; readonly key: readonly string[] } | { readonly kind: "row_hash" };

/** A flattened value as orjson writes it (`get_row_hash` serialises the row's values with `sort_keys`). */
function hashText(v: Value | undefined): string {
  if (v instanceof PyFloat) return orjsonFloat(v.value);
  if (v instanceof PyInt) return v.digits;
  if (v instanceof PyDate || v instanceof PyTime || v instanceof PyDateTime) return JSON.stringify(v.iso);
  if (v instanceof PyBytes) return JSON.stringify(v.base64());
  return pyJsonText(v === undefined ? null : v, undefined, true);
}

/** `get_row_hash(row, subset)`: the digest of `{column: value}` of the key's columns, sorted by name. */
export function keyHash(row: { readonly [column: string]: Value }, key: readonly string[]): string {
  const names = [...key].sort(byCodePoint);
  return dltDigest(`{${names.map((k) => `${JSON.stringify(k)}:${hashText(getOwn(row, k))}`).join(",")}}`);
}

/** `get_row_hash(dict_row)`: the digest of the record as dlt holds it, sorted keys, without `_dlt…` keys. */
export function rowHash(record: { readonly [key: string]: Json }, text: NumberText | null): string {
  let own: { readonly [key: string]: Json } = record;
  for (const k in record)
    if (k.startsWith("_dlt")) {
      own = Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith("_dlt")));
      break;
    }
  return dltDigest(pyJsonText(own, text ?? undefined, true));
}
