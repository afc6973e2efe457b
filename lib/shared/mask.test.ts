/**
 * The masker is built from the run request's secrets on the request thread: up to 100 values of up to
 * 16 KB, each in a dozen spellings. Building it must cost in proportion to them: comparing every needle
 * with every other on each added value was quadratic (a 650 KB request held the server ~10 s).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { base64, Masker } from "./mask";

afterEach(() => vi.restoreAllMocks());

/** Values with characters that every spelling changes (HTML, JSON, percent, base64 all differ). */
const hostileValues = (n: number, length: number): string[] =>
  Array.from({ length: n }, (_, i) => `<&"'/ é${i}x`.repeat(length).slice(0, length));

describe("building a masker from many secrets", () => {
  it("compares each value's spellings with each other only, not with every needle of every value", () => {
    const values = hostileValues(60, 200);
    const includes = vi.spyOn(String.prototype, "includes");
    const masker = new Masker(values);
    const calls = includes.mock.calls.length;
    includes.mockRestore();
    // At most a dozen spellings each, each compared with the others of its value.
    expect(calls).toBeLessThan(values.length * 15 * 15);
    for (const v of values) {
      expect(masker.containsSecret(`x${v}x`)).toBe(true);
      expect(masker.containsSecret(`x${base64(v)}x`)).toBe(true);
      expect(masker.text(`a ${v} b`)).not.toContain(v);
    }
    expect(masker.containsSecret("nothing secret here")).toBe(false);
  });

  it("still masks a value that contains another one whole, and finds both", () => {
    const masker = new Masker(["abc", "xxabcxx"]);
    expect(masker.text("1 xxabcxx 2 abc")).toBe("1 x*****x 2 a*****c");
    expect(masker.containsSecret("..xxabcxx..")).toBe(true);
    expect(masker.containsSecret("..abc..")).toBe(true);
  });

  it("masks a value in a URL's host as the URL spells it (lower-cased, IDNA), and a value with a URL's delimiters as written", () => {
    const masker = new Masker(["AcmeCorp77", "Bücher", "a/B@c"]);
    expect(masker.text(new URL("https://AcmeCorp77.example.com/x").href)).toBe("https://A*****7.example.com/x");
    expect(masker.text(new URL("https://Bücher.example.com/").host)).not.toContain("xn--bcher");
    // `a/B@c` is no host's text: its host part (`c`) is not masked on its own.
    expect(masker.text("c.example.com a/B@c")).toBe("c.example.com a*****c");
  });

  it("spells long values in base64 as btoa does (bytes taken in chunks)", () => {
    const v = "é€😀".repeat(5000);
    const bytes = new TextEncoder().encode(v);
    expect(base64(v)).toBe(btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join("")));
  });
});
