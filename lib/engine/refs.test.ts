/** Secret references bound into a resolved value: replaced where they are, everything else shared, never copied. */
import { describe, expect, it } from "vitest";
import { RefResolver } from "./refs";
import type { ConfigValue } from "../config/resolved";

describe("RefResolver.bind", () => {
  it("replaces each reference with its value and records the missing ones as empty strings", () => {
    const refs = new RefResolver({ token: "t-1" });
    const v: ConfigValue = { a: 1, list: ["x", { $secret: "token" }], nested: { key: { $config: "absent" }, keep: "k" } };
    expect(refs.bind(v)).toEqual({ a: 1, list: ["x", "t-1"], nested: { key: "", keep: "k" } });
    expect([...refs.missing]).toEqual([["absent", "config"]]);
    // The resolved value itself is left as it was.
    expect(v).toEqual({ a: 1, list: ["x", { $secret: "token" }], nested: { key: { $config: "absent" }, keep: "k" } });
  });

  it("returns the parts without references as they are (a large params dict is not copied per run)", () => {
    const plain = { k0: "{resources.p.f0}", k1: [1, 2], k2: { deep: true } };
    const refs = new RefResolver({ s: "v" });
    expect(refs.bind(plain)).toBe(plain);
    const mixed = { shared: plain, secret: { $secret: "s" } };
    const bound = refs.bind(mixed) as Record<string, unknown>;
    expect(bound).not.toBe(mixed);
    expect(bound.shared).toBe(plain);
    expect(bound.secret).toBe("v");
  });

  it("keeps keys in order and a `__proto__` key as an own property, never on a prototype", () => {
    const v = JSON.parse('{"first": 1, "__proto__": {"polluted": 1}, "tok": {"$secret": "s"}, "last": 2}') as ConfigValue;
    const bound = new RefResolver({ s: "v" }).bind(v) as Record<string, unknown>;
    expect(Object.keys(bound)).toEqual(["first", "__proto__", "tok", "last"]);
    expect(Object.hasOwn(bound, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(bound)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
