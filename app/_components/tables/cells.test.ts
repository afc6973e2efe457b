import { describe, expect, it } from "vitest";
import { cellText, columnWidth, statsLine } from "./cells";

describe("table cells", () => {
  it("spells out values", () => {
    expect([cellText(null), cellText(undefined), cellText("a"), cellText(1.5), cellText(false), cellText({ a: [1] })]).toEqual([
      "null",
      "null",
      "a",
      "1.5",
      "false",
      '{"a":[1]}',
    ]);
  });

  it("sizes columns between bounds", () => {
    expect(columnWidth("id", [1, 2])).toBe(96);
    expect(columnWidth("x", ["a".repeat(500)])).toBe(320);
  });

  it("writes the stats line dlt users expect", () => {
    expect(statsLine({ fetched: 251, merged: 250, duplicates_collapsed: 1 })).toBe("fetched 251 · merged 250 · 1 duplicate collapsed");
    expect(statsLine({ fetched: 1251, merged: 1251, duplicates_collapsed: 0 })).toBe(
      "fetched 1,251 · merged 1,251 · 0 duplicates collapsed",
    );
  });
});
