import { describe, expect, it } from "vitest";
import { cellText, clipMiddle, columnWidth, headerKey, resizeKey, statsLine } from "./cells";
import { createPreview } from "@/lib/preview";

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

  it("writes a json cell as dlt does, numbers with the spellings the preview kept", () => {
    const p = createPreview();
    p.push({ type: "run_start", resources: ["r"], at: 0 });
    p.push({
      type: "resource_start",
      resource: "r",
      paginator: "single_page",
      data_selector: "$",
      primary_key: null,
      write_disposition: "append",
      parent: null,
      table_name: "r",
      max_table_nesting: 0,
      merge_key: null,
      merge_strategy: null,
      columns: [],
    });
    const records = [{ v: { a: 46, b: 9007199254740992, c: 1.5e-7 } }];
    const number_text = [{ v: { a: "46.0", b: "9007199254740993" } }];
    p.push({
      type: "page",
      resource: "r",
      page: 1,
      request_id: 1,
      records,
      count: 1,
      selector: "$",
      selector_source: "configured",
      number_text,
    });
    expect(cellText(p.tables()[0]!.rows[0]!.v)).toBe('{"a":46.0,"b":9007199254740993,"c":1.5e-7}');
  });

  it("sizes columns between bounds", () => {
    expect(columnWidth("id", [1, 2])).toBe(96);
    expect(columnWidth("x", ["a".repeat(500)])).toBe(320);
  });

  it("writes the stats line dlt users expect", () => {
    expect(statsLine({ fetched: 251, merged: 250, duplicates_collapsed: 1 }, true)).toBe(
      "fetched 251 · merged 250 · 1 duplicate collapsed",
    );
    expect(statsLine({ fetched: 1251, merged: 1251, duplicates_collapsed: 0 }, true)).toBe(
      "fetched 1,251 · merged 1,251 · 0 duplicates collapsed",
    );
  });

  it("says what an append or replace table holds, not 'merged' (a merge table's word in dlt)", () => {
    expect(statsLine({ fetched: 45, merged: 90, duplicates_collapsed: 0 }, false)).toBe("fetched 45 · 90 rows in the table");
    expect(statsLine({ fetched: 1, merged: 1, duplicates_collapsed: 0 }, false)).toBe("fetched 1 · 1 row in the table");
  });
});

describe("clipMiddle", () => {
  it("keeps a long column name's start and end, so names that share a prefix stay apart", () => {
    const a = "attribute_with_a_rather_long_descriptive_name_number_01";
    const b = "attribute_with_a_rather_long_descriptive_name_number_02";
    expect(clipMiddle(a, 30)).toHaveLength(30);
    expect(clipMiddle(a, 30)).toBe("attribute_with_…name_number_01");
    expect(clipMiddle(a, 30)).not.toBe(clipMiddle(b, 30));
    expect(clipMiddle("short", 30)).toBe("short");
    expect([...clipMiddle("données_🚀_日本語_and_more_text", 12)]).toHaveLength(12);
  });

  it("resizes a column from its header's resize keys, within the column's limits", () => {
    const key = (k: string, big = false) => resizeKey(k, big, 100, 48, 1200);
    expect([key("ArrowRight"), key("ArrowLeft"), key("ArrowRight", true), key("Home"), key("End"), key("Enter"), key("a")]).toEqual([
      116,
      84,
      164,
      48,
      1200,
      null,
      undefined,
    ]);
    expect([resizeKey("ArrowLeft", true, 60, 48, 1200), resizeKey("ArrowRight", false, 1190, 48, 1200)]).toEqual([48, 1200]);
  });

  it("moves along the header row with the arrows, resizes with Shift, and leaves Enter, Space and other shortcuts alone", () => {
    const key = (k: string, mods: { shift?: boolean; ctrl?: boolean; meta?: boolean; alt?: boolean } = {}, at = 1) =>
      headerKey(
        { key: k, shiftKey: mods.shift ?? false, ctrlKey: mods.ctrl ?? false, metaKey: mods.meta ?? false, altKey: mods.alt ?? false },
        at,
        4,
        100,
        48,
        1200,
      );
    expect([key("ArrowRight"), key("ArrowLeft"), key("Home"), key("End"), key("ArrowDown")]).toEqual([
      { focus: 2 },
      { focus: 0 },
      { focus: 0 },
      { focus: 3 },
      { rows: true },
    ]);
    // At either end the focus stays (no wrap: a wide table's first and last columns are far apart).
    expect([key("ArrowLeft", {}, 0), key("ArrowRight", {}, 3)]).toEqual([{ focus: 0 }, { focus: 3 }]);
    expect([key("ArrowRight", { shift: true }), key("ArrowLeft", { shift: true, ctrl: true }), key("Enter", { shift: true })]).toEqual([
      { resize: 116 },
      { resize: 48 },
      { resize: null },
    ]);
    // Enter and Space sort (the button's own), Ctrl/Cmd+Shift+Enter maximises the panel, Alt+← is the browser's Back.
    expect([key("Enter"), key(" "), key("Enter", { shift: true, ctrl: true }), key("ArrowLeft", { alt: true }), key("ArrowUp")]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
