import { describe, expect, it } from "vitest";
import { KeySet } from "./key-set";

describe("KeySet", () => {
  it("has a Set's membership for numbers, strings and booleans, across growth", () => {
    const keys = new KeySet();
    const reference = new Set<string | number | boolean>();
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const pool: (string | number | boolean)[] = [0, -0, 1, "1", true, "true", 2 ** 53 + 2, -1.5, 1e-300, 9007199254740991];
    for (let i = 0; i < 20_000; i++) {
      const r = next();
      pool.push(r % 3 === 0 ? r % 5000 : r % 3 === 1 ? `k${r % 5000}` : (r % 5000) / 8);
    }
    for (const k of pool) expect(keys.add(k), String(k)).toBe(!reference.has(k) && (reference.add(k), true));
    expect(keys.size).toBe(reference.size);
    // Room made for the expected keys up front (after a string key: the first number key makes it).
    const sized = new KeySet(30_000);
    for (const k of ["first", ...pool]) sized.add(k);
    expect(sized.size).toBe(reference.size + 1);
    for (const k of pool) expect(sized.add(k), String(k)).toBe(false);
  });

  it("keeps a million consecutive ids", () => {
    const keys = new KeySet();
    for (let i = 0; i < 1_000_000; i++) keys.add(i);
    expect(keys.add(999_999)).toBe(false);
    expect(keys.add(1_000_000)).toBe(true);
    expect(keys.size).toBe(1_000_001);
  });
});
