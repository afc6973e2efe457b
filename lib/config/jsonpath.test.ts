import { describe, expect, it } from "vitest";
import { applyEdits, validateText } from "./index";

const JSON_DOC = (selector: string) =>
  `{"client": {"base_url": "https://api.example.com"}, ` +
  `"resources": [{"name": "a", "endpoint": {"path": "a", "data_selector": ${selector}}}]}`;
const YAML_DOC = (selector: string) =>
  `client:\n  base_url: https://api.example.com\nresources:\n  - name: a\n    endpoint:\n      path: a\n      data_selector: ${selector}\n`;
const PY_DOC = (selector: string) =>
  `source = rest_api_source({"client": {"base_url": "https://api.example.com"}, ` +
  `"resources": [{"name": "a", "endpoint": {"path": "a", "data_selector": ${selector}}}]})\n`;

const jsonpathErrors = (text: string) => validateText(text).diagnostics.filter((d) => d.code === "invalid_jsonpath");

/** The text after the one quick fix of the one `invalid_jsonpath`. */
function fixed(text: string): string {
  const [d] = jsonpathErrors(text);
  expect(d?.fixes).toHaveLength(1);
  return applyEdits(text, d!.fixes![0]!.edits);
}

describe("invalid_jsonpath", () => {
  it("quotes a field name jsonpath-ng reads as a keyword, with the quote the string does not use", () => {
    expect(fixed(JSON_DOC('"$.true_count"'))).toBe(JSON_DOC(`"$.'true_count'"`));
    expect(fixed(YAML_DOC("$.data.where"))).toBe(YAML_DOC("$.data.'where'"));
    expect(fixed(YAML_DOC("'$.false_flag'"))).toBe(YAML_DOC(`'$."false_flag"'`));
    expect(fixed(PY_DOC("'$.true_count'"))).toBe(PY_DOC(`'$."true_count"'`));
    expect(fixed(PY_DOC("r'$.true_count'"))).toBe(PY_DOC(`r'$."true_count"'`));
    // After the fix the path parses: no invalid_jsonpath is left.
    expect(jsonpathErrors(fixed(JSON_DOC('"$.true_count"')))).toEqual([]);
  });

  it("offers no quote where it would change what the text means", () => {
    // A plain YAML scalar that starts with a quote is a quoted scalar.
    const [d] = jsonpathErrors(YAML_DOC("true_count"));
    expect(d?.message).toMatch(/reads `true` as a boolean/);
    expect(d?.fixes).toBeUndefined();
    // The path shows through escapes: the error marks the whole string.
    const text = JSON_DOC('"$.\\u0074rue_count"');
    const [e] = jsonpathErrors(text);
    expect(text.slice(e!.range.start, e!.range.end)).toBe('"$.\\u0074rue_count"');
    expect(e?.fixes).toBeUndefined();
  });

  it("leaves alone what dlt takes: empty optional paths, filters, unions, quoted names", () => {
    for (const ok of ['"$.data[?(@.active == true)]"', '"items | results"', "\"$['@odata.nextLink']\"", '"$..id"', '"data[-1]"']) {
      expect(jsonpathErrors(JSON_DOC(ok)), ok).toEqual([]);
    }
    const emptyTotal = JSON_DOC('"data"').replace('"path": "a"', '"path": "a", "paginator": {"type": "page_number", "total_path": ""}');
    expect(jsonpathErrors(emptyTotal)).toEqual([]);
  });
});
