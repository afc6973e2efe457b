/** The scanners rewritten from backtracking patterns (eslint's regexp/no-super-linear-* rules): same reading, linear time. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseDocument, pythonCodeOnly, sniffFormat } from ".";

const text = (chars: string, maxLength = 24) => fc.array(fc.constantFrom(...chars.split("")), { maxLength }).map((a) => a.join(""));

/** pythonCodeOnly as it was written with the pattern. */
const before = (t: string): string =>
  t.replace(/#[^\n]*|([rRbBuUfF]{0,2})("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g, (m, prefix?: string) =>
    /f/i.test(prefix ?? "") ? m.replace(/[^{}]+(?=\{)|(?<=\})[^{}]+/g, (x) => " ".repeat(x.length)) : " ".repeat(m.length),
  );

describe("text scanners stay linear on hostile text", () => {
  it("pythonCodeOnly blanks an f-string around its braces as the pattern did", () => {
    fc.assert(fc.property(text(`f"{}ab `, 30), (s) => void expect(pythonCodeOnly(`x = ${s}`)).toBe(before(`x = ${s}`))));
    expect(pythonCodeOnly('x = f"ab{c}d{e}"')).toBe("x =     {c} {e} ");
  });

  it("pythonCodeOnly reads an f-string of 400,000 characters with no brace", () => {
    const s = `x = f"${"a".repeat(400_000)}"`;
    expect(pythonCodeOnly(s)).toBe(`x = f"${"a".repeat(400_000)}"`);
  });

  it("sniffs a line of spaces after an annotation without trading them between two patterns", () => {
    expect(sniffFormat(`config: ${" ".repeat(200_000)}x\n`)).not.toBe("python");
    expect(sniffFormat('config: RESTAPIConfig = {\n  "client": {"base_url": "https://x.example"},\n}\n')).toBe("python");
  });

  it("a Python integer with leading zeros is still refused, and a long one is read in linear time", () => {
    const d = parseDocument('{"a": 0100}', "python");
    expect(d.diagnostics.map((x) => x.code)).toContain("syntax_error");
    const long = parseDocument(`{"a": 0${"1".repeat(200_000)}x}`, "python");
    expect(long.diagnostics.some((x) => x.severity === "error")).toBe(true);
  });
});
