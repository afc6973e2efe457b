import { describe, expect, it } from "vitest";
import { applyEdits, validateText } from "./index";

const H =
  "import dlt\nfrom dlt.sources.rest_api import rest_api_source\nfrom dlt.sources.helpers.rest_client.paginators import OffsetPaginator, PageNumberPaginator\n\n";
const cfg = (p: string) => `${H}source = rest_api_source({"client": {"base_url": "https://x", "paginator": ${p}}, "resources": ["a"]})\n`;
const fixed = (text: string, code: string) => {
  const d = validateText(text).diagnostics.find((x) => x.code === code)!;
  return applyEdits(text, d.fixes![0]!.edits);
};

describe("quick fixes inside dlt class calls", () => {
  it("adds a keyword argument, not a dict entry", () => {
    const text = fixed(cfg("OffsetPaginator(limit=100)"), "default_total_path");
    expect(text).toContain("OffsetPaginator(limit=100, total_path=None)");
    expect(validateText(text).diagnostics).toEqual([]);
  });
  it("removes a keyword argument with its comma", () => {
    const text = fixed(cfg('PageNumberPaginator(page_param="p", page_body_path="b", total_path=None)'), "page_param_and_body_path");
    expect(text).toContain('PageNumberPaginator(page_param="p", total_path=None)');
    const last = fixed(cfg('PageNumberPaginator(total_path=None, page_param="", base_page=1)'), "page_param_and_body_path");
    expect(last).toContain("PageNumberPaginator(total_path=None, base_page=1)");
  });
  it("renames a misspelt keyword", () => {
    const text = fixed(cfg("OffsetPaginator(limit=10, total_pth=None)"), "python_type_error");
    expect(text).toContain("OffsetPaginator(limit=10, total_path=None)");
  });
});
