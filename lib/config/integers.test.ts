/**
 * A whole number spelled as a float where dlt wants an integer (lib/config/rules/integers.ts): the
 * verdicts below are dlt 1.26.0's `rest_api_source` on the same configs (probed with the dlt oracle).
 */
import { describe, expect, it } from "vitest";
import { applyEdits, validateText } from "./index";

const json = (limit: string, nesting = "2") =>
  `{"client": {"base_url": "https://a.example/"}, "resources": [{"name": "a", "max_table_nesting": ${nesting}, ` +
  `"endpoint": {"path": "a", "params": {"page_size": 10.0}, "paginator": {"type": "offset", "limit": ${limit}, "total_path": "total"}}}]}`;

describe("an integer spelled as a float", () => {
  it("is refused where dlt's config validation wants an integer, with a fix; free-form params keep their float", () => {
    const r = validateText(json("100.0", "2.0"), "json");
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ["invalid_type", "error", "/resources/0/max_table_nesting"],
      ["invalid_type", "error", "/resources/0/endpoint/paginator/limit"],
    ]);
    expect(r.diagnostics[1]!.message).toContain("`limit=100.0` has invalid type `float` while `int` is expected");
    // Fixes apply back to front (the second edit is further on).
    const fixed = applyEdits(applyEdits(json("100.0", "2.0"), r.diagnostics[1]!.fixes![0]!.edits), r.diagnostics[0]!.fixes![0]!.edits);
    expect(fixed).toContain('"max_table_nesting": 2,');
    expect(fixed).toContain('"limit": 100,');
    expect(validateText(fixed, "json").valid).toBe(true);
    expect(validateText(json("1e2"), "json").diagnostics.map((d) => d.path)).toEqual(["/resources/0/endpoint/paginator/limit"]);
    expect(validateText(json("100"), "json").valid).toBe(true);
    // Beyond 2^53 there is no integer to write (JavaScript spells it `1e+21` again): no fix.
    const huge = validateText(json("1e21"), "json").diagnostics.filter((d) => d.code === "invalid_type");
    expect(huge.map((d) => [d.code, d.fixes?.length ?? 0, d.message.endsWith("Write an integer.")])).toEqual([["invalid_type", 0, true]]);
  });

  it("reads each format as Python does: a Python float literal, YAML 1.1's fraction (and `1e2` as text)", () => {
    const py =
      'source = rest_api_source({"client": {"base_url": "https://a.example/"}, ' +
      '"resources": [{"name": "a", "max_table_nesting": 2.0, "endpoint": "a"}]})\n';
    expect(validateText(py, "python").diagnostics.map((d) => d.code)).toEqual(["invalid_type"]);
    expect(validateText(py.replace("2.0", "0x2"), "python").valid).toBe(true);
    const yaml = (v: string) =>
      `client:\n  base_url: https://a.example/\nresources:\n  - name: a\n    max_table_nesting: ${v}\n    endpoint: a\n`;
    expect(validateText(yaml("2.0"), "yaml").diagnostics.map((d) => d.message)).toEqual([expect.stringContaining("is a float for Python")]);
    const invalid = (text: string) => validateText(yaml(text), "yaml").diagnostics.filter((d) => d.code === "invalid_type");
    for (const text of ["2e0", "2.0e0"])
      expect(invalid(text).map((d) => d.message)).toEqual([expect.stringContaining("is text for `yaml.safe_load`")]);
    expect(invalid("2.0e+0").map((d) => d.message)).toEqual([expect.stringContaining("is a float for Python")]);
    expect(validateText(yaml("2"), "yaml").valid).toBe(true);
  });

  it("YAML 1.1's text is no type error where dlt also takes text: a response action's status_code (dlt 1.26.0 builds it)", () => {
    const yaml = (v: string) =>
      `client:\n  base_url: https://a.example/\nresources:\n  - name: a\n    endpoint:\n      path: a\n` +
      `      response_actions:\n        - {status_code: ${v}, action: ignore}\n`;
    for (const v of ["1e3", "1e16"]) {
      const r = validateText(yaml(v), "yaml");
      expect(r.valid).toBe(true);
      expect(r.diagnostics.map((d) => d.code)).toEqual(["yaml_1_1_value"]);
    }
  });

  it("a negative max_table_nesting is valid: dlt 1.26.0 builds the source and loads it as 0 (nested data kept as json)", () => {
    for (const nesting of ["-1", "-12345678901234567890"]) expect(validateText(json("100", nesting), "json").valid).toBe(true);
  });
});
