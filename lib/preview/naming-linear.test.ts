import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { computeTag, normalizeIdentifier, pyStrip } from "./naming";

const PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, "g");

describe("dlt's naming of an API's keys, in linear time", () => {
  it("pyStrip strips Python's whitespace as str.strip() (the pattern it replaces)", () => {
    const chars = ["\t", "\x0b", "\x1c", " ", "\x85", "\u00a0", "\u2007", "\u200b", "\u3000", "a", "_"];
    const s = fc.array(fc.constantFrom(...chars), { maxLength: 20 }).map((a) => a.join(""));
    fc.assert(fc.property(s, (x) => void expect(pyStrip(x)).toBe(x.replace(STRIP, ""))));
  });

  it("the tag of a shortened name has no padding", () => {
    expect(computeTag("a")).toMatch(/^[a-z0-9]{6}$/);
  });

  it("keys with 300,000 spaces or underscores inside are named at once (the patterns rescanned every inner run)", () => {
    expect(pyStrip(`x${" ".repeat(300_000)}y`)).toHaveLength(300_002);
    expect(normalizeIdentifier(`x${"_".repeat(300_000)}y`).length).toBeGreaterThan(0);
    expect(normalizeIdentifier(`x${" ".repeat(300_000)}y`).length).toBeGreaterThan(0);
  });
});
