import { describe, expect, it } from "vitest";
import { formatDeep, formatString, pyRepr, pyStr } from "./interpolate";
import type { Json } from "./types";

const values: Record<string, Json> = { id: 42, s: "it's", none: null, yes: true, f: 3.14, obj: { a: 1, b: [null, "x"] } };
const lookup = (name: string) => {
  if (!(name in values)) throw new Error(`KeyError: '${name}'`);
  return values[name];
};

describe("placeholder formatting (Python str.format, as dlt uses it)", () => {
  it("values are Python-stringified", () => {
    expect([pyStr(null), pyStr(true), pyStr(false), pyStr(3.14), pyStr("x"), pyStr({ a: [1, null] })]).toEqual([
      "None",
      "True",
      "False",
      "3.14",
      "x",
      "{'a': [1, None]}",
    ]);
    expect(pyRepr("it's")).toBe('"it\'s"');
    expect(pyRepr(["a", true])).toBe("['a', True]");
  });
  it("escapes, repeats, conversions and format specs", () => {
    expect(formatString("{id}{id}", lookup)).toBe("4242");
    expect(formatString("{id:>5}", lookup)).toBe("   42");
    expect(formatString("{id:05}", lookup)).toBe("00042");
    expect(formatString("{f:.1f}", lookup)).toBe("3.1");
    expect(formatString("{id!r}", lookup)).toBe("42");
    expect(formatString("{s!r}", lookup)).toBe('"it\'s"');
    expect(formatString("posts/{{{id}}}", lookup)).toBe("posts/{42}");
    expect(formatString("{{{{x}}}}", lookup)).toBe("{{x}}");
    expect(formatString("{none}/{yes}", lookup)).toBe("None/True");
    expect(() => formatString("{missing}", lookup)).toThrow("KeyError: 'missing'");
  });
  it("a lone placeholder keeps its type in JSON bodies only", () => {
    expect(formatDeep({ a: "{id}", b: "{obj}", c: "{none}", d: "n={id}", e: "{id:>3}", "{s}": 1 }, lookup, true)).toEqual({
      a: 42,
      b: { a: 1, b: [null, "x"] },
      c: null,
      d: "n=42",
      e: " 42",
      "it's": 1,
    });
    expect(formatDeep({ a: "{id}" }, lookup, false)).toEqual({ a: "42" });
  });
  it("shares the parts without placeholders and never changes its input", () => {
    const fixed = { k: ["a", { b: 1 }], "{{x}}": "lit" };
    expect(formatDeep({ fixed: { k: ["a"] } }, lookup, true)).toEqual({ fixed: { k: ["a"] } });
    const plain = { k: ["a", { b: 1 }], n: null };
    expect(formatDeep(plain, lookup, false)).toBe(plain);
    const input = { plain, id: "{id}", list: ["x", "{id}"], fixed };
    const out = formatDeep(input, lookup, true) as Record<string, unknown>;
    expect(out).toEqual({ plain, id: 42, list: ["x", 42], fixed: { k: ["a", { b: 1 }], "{x}": "lit" } });
    expect(out.plain).toBe(plain);
    expect(input).toEqual({ plain, id: "{id}", list: ["x", "{id}"], fixed: { k: ["a", { b: 1 }], "{{x}}": "lit" } });
  });
  it("keeps a `__proto__` key an own property of the copy", () => {
    const out = formatDeep(JSON.parse('{"__proto__": {"p": 1}, "id": "{id}"}') as Json, lookup, true) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["__proto__", "id"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });
});
