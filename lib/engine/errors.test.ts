/**
 * The engine has no config errors to report (decision 0021): lib/config resolves the source and
 * reports dlt's build rules as located diagnostics, so every code the engine can emit is a run-time
 * condition, and a config defect it meets anyway is an `internal_error` (./defect.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ENGINE_ERROR_CODES } from "./types";

/** The engine's production sources (tests left out). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the engine reports no config errors", () => {
  it("`invalid_config` is not an engine error code", () => {
    expect(ENGINE_ERROR_CODES as readonly string[]).not.toContain("invalid_config");
  });

  it("no engine source names `invalid_config` (a user message about the config belongs to lib/config)", () => {
    const files = sources(join(__dirname));
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => readFileSync(f, "utf8").includes("invalid_config"))).toEqual([]);
  });
});
