/** Python's `{**defaults, **own}` over lib/config's layers, and own-property writes. */
import { describe, expect, it } from "vitest";
import { mergeLayers, setOwn } from "./objects";

describe("mergeLayers", () => {
  it("keeps the defaults' order with the own values in place, then the own new keys, without the omitted keys", () => {
    const defaults = { a: 1, b: 2, c: 3 };
    const own = { b: 20, d: 4 };
    expect(Object.entries(mergeLayers({ defaults, own, omit: ["c"] }))).toEqual([
      ["a", 1],
      ["b", 20],
      ["d", 4],
    ]);
    expect(defaults).toEqual({ a: 1, b: 2, c: 3 });
    expect(own).toEqual({ b: 20, d: 4 });
  });

  it("returns a layer that is the whole result as it is (a 50,000-key body is not copied per run)", () => {
    const own = { x: 1 };
    expect(mergeLayers({ defaults: null, own, omit: [] })).toBe(own);
    expect(mergeLayers({ defaults: {}, own, omit: [] })).toBe(own);
    const defaults = { y: 2 };
    expect(mergeLayers({ defaults, own: {}, omit: [] })).toBe(defaults);
    expect(mergeLayers({ defaults, own: null, omit: [] })).toBe(defaults);
    expect(mergeLayers({ defaults, own: null, omit: ["y"] })).toEqual({});
    expect(mergeLayers({ defaults: null, own: null, omit: [] })).toEqual({});
  });

  it("writes a `__proto__` key as an own property", () => {
    const merged = mergeLayers({ defaults: JSON.parse('{"__proto__": {"p": 1}}') as Record<string, unknown>, own: { a: 1 }, omit: [] });
    expect(Object.keys(merged)).toEqual(["__proto__", "a"]);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    const o: Record<string, number> = {};
    setOwn(o, "__proto__", 1);
    expect(Object.hasOwn(o, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });
});
