/**
 * dlt's default `snake_case` naming convention, applied to table and column names, and the
 * deterministic row ids the preview gives its rows.
 *
 * Why: dlt loads `BankTransactionID` as the column `bank_transaction_id`, and a preview that
 * showed the raw keys would promise columns the destination never gets.
 */

const REDUCE: Record<string, string> = { "+": "x", "*": "x", "-": "_", "@": "a", "|": "l" };
const cache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

/** dlt's `snake_case.normalize_identifier` (without shortening to a destination's maximum length). */
export function normalizeIdentifier(identifier: string): string {
  const hit = cache.get(identifier);
  if (hit !== undefined) return hit;
  let s = identifier.trim();
  if (s === "") s = "_empty";
  s = s.replace(/[+*\-@|]/g, (c) => REDUCE[c] ?? "_");
  s = s.replace(/[^a-zA-Z\d_]+/g, "_");
  s = s.replace(/([^_])([A-Z][a-z]+)/g, "$1_$2");
  s = s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
  if (/^\d/.test(s)) s = `_${s}`;
  const stripped = s.replace(/_+$/, "");
  s = stripped + "x".repeat(s.length - stripped.length);
  s = s.replace(/__+/g, "_");
  // Keys come from data, so the cache must not grow without bound.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(identifier, s);
  return s;
}

/** dlt's separator between a parent and a nested name: `contacts__addresses`, `address__city`. */
export const PATH_SEPARATOR = "__";

/** FNV-1a of a string: the per-table seed of row ids. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Mixes three numbers into one 32-bit hash (murmur3's finaliser on a running combination). */
export function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35) ^ c;
  h ^= h >>> 13;
  h = Math.imul(h, 0x27d4eb2d);
  return (h ^ (h >>> 16)) >>> 0;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));

/**
 * A row id: 11 base64url characters of a 64-bit hash `(h1, h2)`.
 * dlt gives root rows random ids and nested rows a digest of `(parent id, table, list index)`;
 * the preview derives both from hashes so the same run always shows the same ids.
 */
export function encodeId(h1: number, h2: number): string {
  const c = CODES;
  return String.fromCharCode(
    c[h1 & 63] as number, c[(h1 >>> 6) & 63] as number, c[(h1 >>> 12) & 63] as number, c[(h1 >>> 18) & 63] as number,
    c[(h1 >>> 24) & 63] as number, c[((h1 >>> 30) | (h2 << 2)) & 63] as number, c[(h2 >>> 4) & 63] as number,
    c[(h2 >>> 10) & 63] as number, c[(h2 >>> 16) & 63] as number, c[(h2 >>> 22) & 63] as number, c[(h2 >>> 28) & 63] as number,
  );
}
