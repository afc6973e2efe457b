/** The marker vocabulary: which plain values are references or Python code, and which are written wrong. */
import { describe, expect, it } from "vitest";
import { hasMarker, isPython, isRef, markedAs, markerOf, refOf } from "./markers";

describe("markerOf", () => {
  it("names the marker of a one-key object with a string value", () => {
    expect(markerOf({ $secret: "token" })).toBe("$secret");
    expect(markerOf({ $config: "base_url" })).toBe("$config");
    expect(markerOf({ $python: "lambda r: r" })).toBe("$python");
  });

  it("is null for a marker with another key, a non-string value, or no marker", () => {
    expect(markerOf({ $secret: "token", note: 1 })).toBeNull();
    expect(markerOf({ $secret: 1 })).toBeNull();
    expect(markerOf({ secret: "token" })).toBeNull();
    expect(markerOf(["$secret"])).toBeNull();
    expect(markerOf("$secret")).toBeNull();
  });
});

describe("references and Python", () => {
  it("tells a reference from Python code, with its kind and name", () => {
    expect([isRef({ $config: "u" }), isPython({ $config: "u" })]).toEqual([true, false]);
    expect([isRef({ $python: "f()" }), isPython({ $python: "f()" })]).toEqual([false, true]);
    expect(refOf({ $config: "u" })).toEqual({ kind: "config", name: "u" });
    expect(refOf({ $secret: "t", $config: "u" })).toBeNull();
  });

  it("recognises a value written as a marker but wrongly, first marker first", () => {
    expect(markedAs({ $python: "x", $secret: 1 })).toBe("$secret");
    expect(hasMarker({ $config: "u", note: 1 })).toBe(true);
    expect(hasMarker({ note: 1 })).toBe(false);
  });
});
