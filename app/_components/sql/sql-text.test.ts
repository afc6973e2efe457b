import { describe, expect, it } from "vitest";
import { errorSpot, starterQuery } from "./sql-text";

describe("the SQL console's text", () => {
  it("marks the spot of an error under its line", () => {
    const sql = "SELECT name,\n  nope\nFROM t";
    expect(errorSpot(sql, sql.indexOf("nope"), sql.indexOf("nope") + 4)).toEqual({ line: 2, column: 3, text: "  nope", caret: "  ^^^^" });
  });

  it("starts from the first table, quoted when it must be", () => {
    expect(starterQuery("contacts")).toBe("SELECT *\nFROM contacts\nLIMIT 100");
    expect(starterQuery("Weird Name")).toContain('"Weird Name"');
  });

  it("names no table before the first run (there is none, not even _dlt_loads)", () => {
    expect(starterQuery(undefined)).toBe("");
  });
});
