import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatTimestamp, formatUtcText, isIsoDateTime, parseIso, parseIsoLike, parseTime } from "./datetime";

describe("the UTC fast path", () => {
  it("formats `…Z` date-times exactly as parse + format does", () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
    const text = fc
      .tuple(fc.integer({ min: 1, max: 9999 }), two(13), two(32), two(24), two(60), two(60), fc.option(fc.stringMatching(/^[0-9]{1,9}$/)))
      .map(([y, mo, d, h, mi, s, f]) => `${String(y).padStart(4, "0")}-${mo}-${d}T${h}:${mi}:${s}${f === null ? "" : `.${f}`}Z`);
    fc.assert(
      fc.property(text, fc.boolean(), (t, tz) => {
        const parsed = parseIso(t);
        const want = parsed?.kind === "datetime" ? formatTimestamp(parsed.value, tz) : null;
        expect(formatUtcText(t, tz)).toBe(want);
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves other spellings to the full parser", () => {
    expect(formatUtcText("2025-01-31T08:15:00+02:00", true)).toBeNull();
    expect(formatUtcText("2025-01-31", true)).toBeNull();
    expect(formatUtcText("2025-03-09T07:30:00.25Z", true)).toBe("2025-03-09T07:30:00.250000+00:00");
  });

  it("needs a digit after the `.`, as the full ISO pattern does", () => {
    expect(parseIso("2024-01-01T00:00:00.Z")).toBeNull();
    expect(formatUtcText("2024-01-01T00:00:00.Z", true)).toBeNull();
    expect(isIsoDateTime("2024-01-01T00:00:00.Z")).toBe(false);
  });

  it("detects date-times as parseIso does", () => {
    for (const t of [
      "2025-03-09T07:45:00Z",
      "2025-03-09 07:45",
      "2025-03-09",
      "2025-02-29T10:00:00Z",
      "2025-03-09T07:45:00.123456789Z",
      "x",
    ])
      expect(isIsoDateTime(t)).toBe(parseIso(t)?.kind === "datetime");
  });
});

describe("text read as dlt reads it (parse_iso_like_datetime with pendulum 3)", () => {
  // Recorded from dlt 1.26.0 with pendulum 3.2.0 by scripts/record-iso-like.py.
  const { pendulum, readings } = JSON.parse(readFileSync(join(__dirname, "../testing/fixtures/iso-like.json"), "utf8")) as {
    pendulum: string;
    readings: [string, ...([null] | [string, number, number, number, number, number, number, number, number | null])][];
  };

  it(`reads ${readings.length} recorded texts as pendulum ${pendulum} does`, () => {
    expect(readings.filter(([, kind]) => kind !== null).length).toBeGreaterThan(300);
    const wrong: string[] = [];
    for (const [text, ...want] of readings) {
      const f = parseIsoLike(text);
      const got = f === null ? [null] : [f.kind, f.year, f.month, f.day, f.hour, f.minute, f.second, f.micro, f.offset];
      if (f?.kind === "time") got.splice(1, 3, 0, 1, 1);
      if (JSON.stringify(got) !== JSON.stringify(want))
        wrong.push(`${JSON.stringify(text)}: dlt ${JSON.stringify(want)}, restplay ${JSON.stringify(got)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("takes the forms APIs send beyond plain ISO 8601 as dlt does", () => {
    // pendulum's common formats and ISO's year-month, week and ordinal dates.
    expect(parseIso("2024")?.kind).toBe("date");
    expect(parseIso("2024/01/15 10:30")).toEqual({ kind: "datetime", value: { seconds: 1705314600, micro: 0, aware: false } });
    expect(isIsoDateTime("2024/01/15 10:30")).toBe(true);
    expect(parseIso("2024-W01-1T10:00:00Z")?.value.seconds).toBe(Date.UTC(2024, 0, 1, 10) / 1000);
    expect(parseIso("2024-032")?.value.seconds).toBe(Date.UTC(2024, 1, 1) / 1000);
    // A bare number is not a date (dlt then reads it as seconds since the epoch), a time of day is not a date-time.
    expect(parseIso("123456")).toBeNull();
    expect(parseIso("10:30")).toBeNull();
    expect(parseTime("10:30:45+02:00")).toBe("08:30:45");
    expect(parseTime("T10")).toBe("10:00:00");
    expect(parseTime("2024")).toBeNull();
  });
});
