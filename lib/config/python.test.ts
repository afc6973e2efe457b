/** The Python table (lib/testing/python-cases): exact diagnostics and the config read, for every row. */
import { describe, expect, it } from "vitest";
import { PYTHON_CASES } from "../testing/python-cases";
import { validateText } from "./index";

describe("Python files as dlt users write them", () => {
  it.each(PYTHON_CASES.map((c) => [c.title, c] as const))("%s", (_title, c) => {
    const r = validateText(c.text, "python");
    expect(r.format).toBe("python");
    const got = r.diagnostics.map((d, i) => [d.code, d.path, c.text.slice(d.range.start, d.range.start + (c.notes[i]?.[2].length ?? 12))]);
    expect(got).toEqual(c.notes.map((n) => [...n]));
    expect(r.value).toEqual(c.value);
    expect(r.valid).toBe(c.notes.every(([code]) => r.diagnostics.find((d) => d.code === code)?.severity !== "error"));
    for (const d of r.diagnostics) expect(d.message.length, d.code).toBeGreaterThan(40);
  });

  it("has at least 60 rows, each titled once", () => {
    expect(PYTHON_CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(PYTHON_CASES.map((c) => c.title)).size).toBe(PYTHON_CASES.length);
  });
});
