import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { formatTimestamp, formatUtcText, isIsoDateTime, parseIso } from "./datetime";

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
