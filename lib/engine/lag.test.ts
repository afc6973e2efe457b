import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Json } from "./types";
import { EngineError } from "./types";
import { lagCursor } from "./lag";

// Recorded from dlt 1.26.0 with pendulum 3.2.0 by scripts/record-lag.py.
const { pendulum, cases } = JSON.parse(readFileSync(join(__dirname, "../testing/fixtures/lag.json"), "utf8")) as {
  pendulum: string;
  cases: [Json, number, "max" | "min", ["text" | "object", string] | ["number", number] | null][];
};

describe("incremental lag as dlt applies it", () => {
  it(`moves ${cases.length} recorded cursor values as dlt with pendulum ${pendulum} does`, () => {
    const wrong: string[] = [];
    for (const [value, lag, func, want] of cases) {
      let got: Json | "raises";
      try {
        got = lagCursor(value, lag, func === "min", "updated_at");
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        got = "raises";
      }
      // Where dlt passes a pendulum object on ("object"), it fails comparing it with the string cursors.
      const expected = want === null || want[0] === "object" ? "raises" : want[1];
      if (got !== expected)
        wrong.push(`${JSON.stringify(value)} ${func} ${lag}: dlt ${JSON.stringify(expected)}, restplay ${JSON.stringify(got)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("keeps the cursor's own format and clock", () => {
    expect(lagCursor("2024-01-02T03:04:05.123Z", 3600, false, "u")).toBe("2024-01-02T02:04:05.123000Z");
    expect(lagCursor("2024-01-02T03:04:05+02:00", 3600, false, "u")).toBe("2024-01-02T02:04:05+02:00");
    expect(lagCursor("2024-01-02", 1.5, false, "u")).toBe("2023-12-31");
    expect(lagCursor(1700000000, 0.5, false, "u")).toBe(1699999999);
  });

  it("refuses what dlt refuses, saying where", () => {
    expect(() => lagCursor("soon", 60, false, "meta.updated")).toThrow(/`meta.updated`.*"soon" is not a date/);
    expect(() => lagCursor({ a: 1 }, 60, false, "u")).toThrow(EngineError);
    expect(() => lagCursor("2024-01-01 10:00:00", 60, false, "u")).toThrow(/'DateTime' and 'str'/);
  });
});
