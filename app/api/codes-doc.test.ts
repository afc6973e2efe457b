import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { API_ERROR_CODES } from "@/lib/run";
import { DUCK_ERROR_CODES, SQL_ERROR_CODES } from "@/lib/duck";

describe("docs/diagnostics.md, the server's answers", () => {
  it("documents every code the routes and the SQL console answer with", () => {
    const doc = readFileSync("docs/diagnostics.md", "utf8");
    const section = doc.slice(doc.indexOf("## Server answers"), doc.indexOf("## Found in the records"));
    const codes = [...new Set([...API_ERROR_CODES, ...DUCK_ERROR_CODES, ...SQL_ERROR_CODES])];
    expect(codes.filter((code) => !section.includes(`\`${code}\``))).toEqual([]);
  });
});
