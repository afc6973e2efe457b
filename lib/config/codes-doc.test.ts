import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { DIAGNOSTIC_CODES } from "./index";

describe("docs/diagnostics.md", () => {
  it("documents every diagnostic code", () => {
    const doc = readFileSync("docs/diagnostics.md", "utf8");
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((code) => !doc.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});
