import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { braceSpans, replaceBraces, spaceBeforeHash, trimChars, trimWhere } from "./text";
import { stripHttpWhitespace } from "./mask";

// Strings over the characters the patterns care about, so that runs, nesting and near-misses are common.
const text = (chars: string) => fc.array(fc.constantFrom(...chars.split("")), { maxLength: 24 }).map((a) => a.join(""));

describe("the one-pass text helpers read text as the patterns they replace did", () => {
  it("trimChars is /^x+|x+$/g, /x+$/ and /^x+/", () => {
    fc.assert(
      fc.property(text("_/a b"), (s) => {
        expect(trimChars(s, "_/")).toBe(s.replace(/^[_/]+|[_/]+$/g, ""));
        expect(trimChars(s, "/", "end")).toBe(s.replace(/\/+$/, ""));
        expect(trimChars(s, "_", "start")).toBe(s.replace(/^_+/, ""));
      }),
    );
  });

  it("stripHttpWhitespace is /^[\\t\\n\\r ]+|[\\t\\n\\r ]+$/g (no other whitespace)", () => {
    fc.assert(
      fc.property(text("\t\n\r \u00a0x"), (s) => void expect(stripHttpWhitespace(s)).toBe(s.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, ""))),
    );
  });

  it("braceSpans and replaceBraces find what /\\{([^}]*)\\}/g and /\\{([^}]+)\\}/g find", () => {
    fc.assert(
      fc.property(text("{}ab"), (s) => {
        expect(braceSpans(s).map((b) => b.name)).toEqual([...s.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]));
        expect(braceSpans(s, true).map((b) => [b.start, b.end])).toEqual(
          [...s.matchAll(/\{([^}]+)\}/g)].map((m) => [m.index, m.index + m[0].length]),
        );
        expect(replaceBraces(s, (n) => `<${n}>`, true)).toBe(s.replace(/\{([^}]+)\}/g, (_, n: string) => `<${n}>`));
      }),
    );
  });

  it("spaceBeforeHash is s.search(/\\s+#/)", () => {
    fc.assert(fc.property(text(" \t\n#a"), (s) => void expect(spaceBeforeHash(s)).toBe(s.search(/\s+#/))));
  });

  it("finishes on the inputs that made the patterns quadratic (a test that hangs if one comes back)", () => {
    const n = 400_000;
    expect(trimChars(`${"/".repeat(n)}x${"/".repeat(3)}`, "/", "end")).toHaveLength(n + 1);
    expect(braceSpans("{".repeat(n))).toEqual([]);
    expect(replaceBraces(`${"{".repeat(n)}a}`, () => "_", true)).toBe("_");
    expect(spaceBeforeHash(`${" ".repeat(n)}x`)).toBe(-1);
    expect(trimWhere(`${" ".repeat(n)}x${" ".repeat(n)}`, (c) => c === 32)).toBe("x");
  });
});
