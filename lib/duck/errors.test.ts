import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { errorText } from "./errors";

const before = (message: string): string => {
  const at = message.search(/\n\s*\nLINE \d+:/);
  return (at < 0 ? message : message.slice(0, at)).trim();
};

describe("a DuckDB error without its LINE excerpt", () => {
  it("cuts where the pattern did", () => {
    const parts = ["\n", " ", "\t", "LINE 1:", "LINE x:", "Parser Error: syntax error", "a"];
    const s = fc.array(fc.constantFrom(...parts), { maxLength: 16 }).map((a) => a.join(""));
    fc.assert(fc.property(s, (m) => void expect(errorText(m)).toBe(before(m))));
    expect(errorText('Parser Error: syntax error at or near "x"\n\nLINE 1: select x x\n               ^')).toBe(
      'Parser Error: syntax error at or near "x"',
    );
  });

  it("reads a message with a long blank and no excerpt at once", () => {
    expect(errorText(`a${"\n".repeat(300_000)}b`)).toHaveLength(300_002);
  });
});
