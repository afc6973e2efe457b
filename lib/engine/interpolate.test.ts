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
});
