/** A small seeded PRNG (mulberry32): the mocks never use Math.random or the wall clock. */
export type Rng = () => number;

export function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** `n` lowercase hex digits. */
export const hex = (r: Rng, n: number): string => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join("");

/** A GUID-like (version 4 layout) string. */
export const guid = (r: Rng): string => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
