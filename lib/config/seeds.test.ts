/** The five seed documents, pasted verbatim: valid, with exactly the dialect warnings they deserve. */
import { describe, expect, it } from "vitest";
import { parseDocument, positionAt, toPlain, writeJson, writeYaml } from "../formats";
import { seedBlocks } from "../testing/seeds";
import { applyEdits, validateText } from "./index";

const seeds = seedBlocks();

/** Expected diagnostics per seed: `severity code path line:column` in document order. */
const EXPECTED: Record<string, string[]> = {
  "000": ["warning dialect_oauth2 /client/auth/type 8:21", "info default_total_path /resources/0/endpoint/paginator/type 25:29"],
  "001": ["warning dialect_oauth2 /client/auth/type 8:21", "info default_total_path /resources/0/endpoint/paginator/type 25:29"],
  "002": ["info default_total_path /resources/0/endpoint/paginator/type 25:29"],
  "003": ["info default_total_path /resources/0/endpoint/paginator/type 25:29"],
  "004": [
    "warning dialect_oauth2 /client/auth/type 8:21",
    "info default_total_path /resources/0/endpoint/paginator/type 25:29",
    "warning dialect_page_number_limit /resources/0/endpoint/paginator/limit 26:21",
    "warning dialect_page_number_limit /resources/0/endpoint/paginator/limit_param 28:21",
    "warning dialect_error_handler /resources/0/endpoint/error_handler 30:17",
    "info default_total_path /resources/1/endpoint/paginator/type 43:29",
    "warning dialect_page_number_limit /resources/1/endpoint/paginator/limit 44:21",
    "warning dialect_page_number_limit /resources/1/endpoint/paginator/limit_param 46:21",
    "warning dialect_error_handler /resources/1/endpoint/error_handler 48:17",
    "warning js_comment  55:9",
  ],
};

/** Applies the first fix of the first warning that has one, until none is left. */
function fixAllWarnings(text: string, format?: "json" | "yaml"): string {
  for (let i = 0; i < 30; i++) {
    const d = validateText(text, format).diagnostics.find((x) => x.severity === "warning" && x.fixes?.length);
    if (!d) return text;
    text = applyEdits(text, d.fixes![0]!.edits);
  }
  throw new Error("fixes do not converge");
}

describe("seeds", () => {
  it("all five are there", () => expect(seeds.map((s) => s.file.slice(0, 3))).toEqual(["000", "001", "002", "003", "004"]));

  for (const { file, code } of seeds) {
    const id = file.slice(0, 3);
    it(`${id} is valid Python with the expected warnings, located`, () => {
      const r = validateText(code);
      expect(r.format).toBe("python");
      expect(r.valid).toBe(true);
      expect(r.config).not.toBeNull();
      expect(
        r.diagnostics.map(
          (d) => `${d.severity} ${d.code} ${d.path} ${positionAt(code, d.range.start).line}:${positionAt(code, d.range.start).column}`,
        ),
      ).toEqual(EXPECTED[id]);
    });

    it(`${id}: applying every warning's fix gives dlt's form with no warnings left`, () => {
      const fixed = fixAllWarnings(code);
      const r = validateText(fixed);
      expect(r.valid).toBe(true);
      expect(r.diagnostics.filter((d) => d.severity !== "info").map((d) => d.code)).toEqual([]);
      expect(fixed).not.toMatch(/"oauth2"|"token_url"|error_handler|limit_param|^\s*\/\//m);
      if (id === "004") expect(fixed).toContain('"params": {\n                    "page_size": 100\n                }');
    });
  }

  it("004 as JSON and YAML: the same warnings, and the same fixes work", () => {
    const value = toPlain(parseDocument(seeds[4]!.code).root!);
    for (const [format, text] of [
      ["json", writeJson(value)],
      ["yaml", writeYaml(value)],
    ] as const) {
      const r = validateText(text, format);
      expect(r.valid).toBe(true);
      expect(r.diagnostics.map((d) => d.code)).toEqual(EXPECTED["004"]!.map((e) => e.split(" ")[1]).filter((c) => c !== "js_comment"));
      const fixed = fixAllWarnings(text, format);
      const after = validateText(fixed, format);
      expect(after.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
      const endpoints = (
        toPlain(parseDocument(fixed, format).root!) as { resources: { endpoint: { params?: object; paginator: object } }[] }
      ).resources.map((res) => res.endpoint);
      for (const ep of endpoints) {
        expect(ep.params).toEqual({ page_size: 100 });
        expect(ep.paginator).toEqual({ type: "page_number", page_param: "page" });
      }
    }
  });
});
