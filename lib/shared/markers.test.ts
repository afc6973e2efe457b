/** The marker vocabulary: which plain values are references or Python code, and which are written wrong. */
import { describe, expect, it } from "vitest";
import { hasMarker, isFormat, isPython, isRef, isRefOrFormat, isSpecial, joinFormat, markedAs, markerOf, refOf, refsIn } from "./markers";

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

describe("$format: text made of literal parts and references", () => {
  const url = { $format: ["https://", { $secret: "sub" }, ".example.com/", { $config: "v" }] };

  it("is a special value when its one key holds a list of strings and references", () => {
    expect([markerOf(url), isFormat(url), isRefOrFormat(url), isSpecial(url), isRef(url)]).toEqual(["$format", true, true, true, false]);
    expect(markerOf({ $format: [] })).toBe("$format");
    expect(isRefOrFormat({ $secret: "s" })).toBe(true);
    expect(isRefOrFormat({ $python: "f()" })).toBe(false);
  });

  it("is written wrong with a part that is neither, a string value, or another key (the rules still leave it alone)", () => {
    for (const wrong of [
      { $format: ["a", 1] },
      { $format: ["a", { $secret: "s", x: 1 }] },
      { $format: [{ $python: "f()" }] },
      { $format: [{ $format: ["a"] }] },
      { $format: "a" },
      { $format: ["a"], note: 1 },
    ]) {
      expect([markerOf(wrong), isFormat(wrong), hasMarker(wrong)]).toEqual([null, false, true]);
    }
    expect(markedAs({ $format: "a", $python: "x" })).toBe("$format");
  });

  it("lists its references and joins its parts with their values", () => {
    expect(refsIn(url)).toEqual([
      { kind: "secret", name: "sub" },
      { kind: "config", name: "v" },
    ]);
    expect(refsIn({ $secret: "t" })).toEqual([{ kind: "secret", name: "t" }]);
    expect(refsIn({ $python: "x" })).toEqual([]);
    expect(joinFormat(url, (r) => ("$secret" in r ? "acme" : "v2"))).toBe("https://acme.example.com/v2");
  });
});

describe("a source parameter's reference ($param)", () => {
  it("is a reference with true or a section beside its marker; anything else there is data", () => {
    expect(refOf({ $secret: "sources.shop.api_key", $param: true })).toEqual({ kind: "secret", name: "sources.shop.api_key", param: true });
    expect(refOf({ $config: "sources.o.k", $param: "shop", $get: true })).toEqual({
      kind: "config",
      name: "sources.o.k",
      param: "shop",
      get: true,
    });
    expect(isRef({ $secret: "k", $param: "a.b" })).toBe(false);
    expect(isRef({ $secret: "k", $param: false })).toBe(false);
    expect(isRef({ $secret: "k", $param: true, $cast: "int", $get: true })).toBe(true);
  });
});
