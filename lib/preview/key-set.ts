/**
 * The set of merge keys a windowed load has seen (`streamingSurvivors` in ./load.ts): numbers (the
 * common integer id) in an open-addressing hash table on a Float64Array — 8 to 16 bytes a key, off
 * the JS heap, so a million ids do not grow the heap V8 sizes from its live set — and every other key
 * (strings, booleans, composite keys as JSON) in a `Set`. Same membership as a `Set` (SameValueZero:
 * `0` and `-0` are one key; `1` and `"1"` are two).
 */
export class KeySet {
  private table: Float64Array;
  /** Which slots hold a key (a number key may be any double, so emptiness is kept apart). */
  private used: Uint8Array;
  private numbers = 0;
  private readonly others = new Set<string | boolean>();

  /** `expected`: how many keys to make room for with the first number key (the table grows as needed anyway). */
  constructor(private expected = 0) {
    this.table = new Float64Array(1024);
    this.used = new Uint8Array(1024);
  }

  get size(): number {
    return this.numbers + this.others.size;
  }

  /** Adds `key`; `false` when it was there already. */
  add(key: string | number | boolean): boolean {
    if (typeof key !== "number") {
      if (this.others.has(key)) return false;
      this.others.add(key);
      return true;
    }
    const k = key === 0 ? 0 : key;
    if (this.expected > 0) this.reserve();
    const mask = this.table.length - 1;
    for (let i = slot(k, mask); ; i = (i + 1) & mask) {
      if (this.used[i] === 0) {
        this.table[i] = k;
        this.used[i] = 1;
        if (++this.numbers * 2 > this.table.length) this.grow();
        return true;
      }
      if (this.table[i] === k) return false;
    }
  }

  /** Room for `expected` number keys, made when the first one arrives (string keys need none). */
  private reserve(): void {
    let size = this.table.length;
    while (size < this.expected * 2 && size < 1 << 26) size *= 2;
    this.expected = 0;
    if (size === this.table.length || this.numbers > 0) return;
    this.table = new Float64Array(size);
    this.used = new Uint8Array(size);
  }

  private grow(): void {
    const [table, used] = [this.table, this.used];
    this.table = new Float64Array(table.length * 2);
    this.used = new Uint8Array(table.length * 2);
    const mask = this.table.length - 1;
    for (let j = 0; j < table.length; j++) {
      if (used[j] === 0) continue;
      const k = table[j] as number;
      let i = slot(k, mask);
      while (this.used[i] !== 0) i = (i + 1) & mask;
      this.table[i] = k;
      this.used[i] = 1;
    }
  }
}

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

/** A slot for a number: its bits mixed (integers are the usual keys: consecutive ones spread out). */
function slot(k: number, mask: number): number {
  bits[0] = k;
  const h = Math.imul((words[0] as number) ^ Math.imul(words[1] as number, 0x9e3779b1), 0x85ebca6b);
  return (h ^ (h >>> 15)) & mask;
}
