import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { readSettings, SETTINGS_ENV } from "./settings";

const doc = readFileSync(new URL("../../../docs/security.md", import.meta.url), "utf8");

/** How docs/security.md writes a default: 1,000 · 20 MB · the list itself. */
function written(value: string | number): string {
  if (typeof value === "string") return value === "" ? "(none)" : value;
  if (value >= 1024 * 1024 && value % (1024 * 1024) === 0) return `${value / (1024 * 1024)} MB`;
  return value.toLocaleString("en-US");
}

describe("server settings", () => {
  it("docs/security.md lists every setting with its default", () => {
    for (const [name, value] of Object.values(SETTINGS_ENV)) {
      const row = doc.split("\n").find((l) => l.startsWith(`| \`${name}\` |`));
      expect(row, name).toBeDefined();
      expect(row, name).toContain(written(value));
    }
  });

  it("reads positive integers (with _ separators) and falls back on nonsense", () => {
    const s = readSettings({ RESTPLAY_MAX_PAGES: "2_000", RESTPLAY_MAX_REQUESTS: "-1", RESTPLAY_MAX_RUNS: "lots" });
    expect(s.ceilings.maxPages).toBe(2000);
    expect(s.ceilings.maxRequests).toBe(1000);
    expect(s.runsInTotal).toBe(32);
  });
});
