/**
 * SHAKE128 (FIPS 202), the hash dlt's naming convention takes its 6-character tags from when it
 * shortens an identifier to a destination's length limit (`NamingConvention._compute_tag`).
 * Pure TypeScript on BigInt lanes: it runs once per distinct long name, so clarity beats speed.
 */

const MASK = (1n << 64n) - 1n;
const RC = [
  0x0000000000000001n,
  0x0000000000008082n,
  0x800000000000808an,
  0x8000000080008000n,
  0x000000000000808bn,
  0x0000000080000001n,
  0x8000000080008081n,
  0x8000000000008009n,
  0x000000000000008an,
  0x0000000000000088n,
  0x0000000080008009n,
  0x000000008000000an,
  0x000000008000808bn,
  0x800000000000008bn,
  0x8000000000008089n,
  0x8000000000008003n,
  0x8000000000008002n,
  0x8000000000000080n,
  0x000000000000800an,
  0x800000008000000an,
  0x8000000080008081n,
  0x8000000000008080n,
  0x0000000080000001n,
  0x8000000080008008n,
];
/** Rotation offsets by lane index `x + 5y`. */
const ROT = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];
const RATE = 168;

function rotl(v: bigint, n: number): bigint {
  if (n === 0) return v;
  const s = BigInt(n);
  return ((v << s) | (v >> (64n - s))) & MASK;
}

function keccakF(a: bigint[]): void {
  const b: bigint[] = new Array<bigint>(25).fill(0n);
  const c: bigint[] = new Array<bigint>(5).fill(0n);
  for (const rc of RC) {
    for (let x = 0; x < 5; x++)
      c[x] = (a[x] as bigint) ^ (a[x + 5] as bigint) ^ (a[x + 10] as bigint) ^ (a[x + 15] as bigint) ^ (a[x + 20] as bigint);
    for (let x = 0; x < 5; x++) {
      const d = (c[(x + 4) % 5] as bigint) ^ rotl(c[(x + 1) % 5] as bigint, 1);
      for (let y = 0; y < 25; y += 5) a[x + y] = (a[x + y] as bigint) ^ d;
    }
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y] as bigint, ROT[x + 5 * y] as number);
    }
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++)
        a[x + y] = (b[x + y] as bigint) ^ (~(b[((x + 1) % 5) + y] as bigint) & MASK & (b[((x + 2) % 5) + y] as bigint));
    }
    a[0] = (a[0] as bigint) ^ rc;
  }
}

/** The first `length` bytes of SHAKE128(`data`). */
export function shake128(data: Uint8Array, length: number): Uint8Array {
  const state: bigint[] = new Array<bigint>(25).fill(0n);
  const padded = new Uint8Array(Math.ceil((data.length + 1) / RATE) * RATE);
  padded.set(data);
  padded[data.length] = 0x1f;
  padded[padded.length - 1] = (padded[padded.length - 1] as number) | 0x80;
  for (let off = 0; off < padded.length; off += RATE) {
    for (let i = 0; i < RATE / 8; i++) {
      let lane = 0n;
      for (let k = 7; k >= 0; k--) lane = (lane << 8n) | BigInt(padded[off + i * 8 + k] as number);
      state[i] = (state[i] as bigint) ^ lane;
    }
    keccakF(state);
  }
  const out = new Uint8Array(length);
  for (let n = 0; n < length; n++) {
    if (n > 0 && n % RATE === 0) keccakF(state);
    const i = n % RATE;
    out[n] = Number(((state[i >> 3] as bigint) >> BigInt((i & 7) * 8)) & 0xffn);
  }
  return out;
}
