/**
 * Row ids. dlt gives root rows random ids (`generate_dlt_id`) and nested rows a digest of
 * `(parent id, table, list index)` (`get_nested_row_hash`); the preview derives both from fast
 * 64-bit hashes instead, seeded with the load id, so a run always shows the same ids and two loads
 * never share one.
 */

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

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));

/** A row id: 11 base64url characters of the 64-bit hash `(h1, h2)`. */
export function encodeId(h1: number, h2: number): string {
  const c = CODES;
  return String.fromCharCode(
    c[h1 & 63] as number,
    c[(h1 >>> 6) & 63] as number,
    c[(h1 >>> 12) & 63] as number,
    c[(h1 >>> 18) & 63] as number,
    c[(h1 >>> 24) & 63] as number,
    c[((h1 >>> 30) | (h2 << 2)) & 63] as number,
    c[(h2 >>> 4) & 63] as number,
    c[(h2 >>> 10) & 63] as number,
    c[(h2 >>> 16) & 63] as number,
    c[(h2 >>> 22) & 63] as number,
    c[(h2 >>> 28) & 63] as number,
  );
}
