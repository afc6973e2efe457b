/**
 * The hostile inputs of issue #13, at the sizes the issue measured: each is refused with its code at
 * the first place past the limit, listed first. Timings are in bench/hostile.ts, not here.
 */
import { describe, expect, it } from "vitest";
import { positionAt, type SourceFormat } from "../formats";
import { MAX_BODY_BYTES, deepJson, hugeString, manyItems, manyResources, nestedList, yamlAliasBomb } from "../testing/hostile";
import { MAX_PATH_DEPTH } from "../shared/jsonpath-ng";
import { validateText, validateValue } from "./index";
import { MAX_DEPTH, MAX_RESOURCES, MAX_VALUES } from "./limits";

/** The issue's Python config: `endpoint.json` is the list nested `depth` deep (levels 5 and on). */
const issuePython = (depth: number) =>
  `source = rest_api_source({"client": {"base_url": "https://a.example/"}, ` +
  `"resources": [{"name": "r", "endpoint": {"path": "x", "json": ${nestedList(depth)}}}]})`;
/** Pointer and column of the first too-deep list when the outermost list is at `level` and starts at `column`. */
const firstTooDeep = (pointer: string, level: number, column: number) => ({
  path: pointer + "/0".repeat(MAX_DEPTH + 1 - level),
  column: column + MAX_DEPTH + 1 - level,
});

function first(text: string, format: SourceFormat) {
  const r = validateText(text, format);
  const d = r.diagnostics[0];
  if (!d) throw new Error("no diagnostic");
  expect(r.valid).toBe(false);
  expect(r.diagnostics.some((x) => x.code === "internal_error")).toBe(false);
  return { ...d, ...positionAt(text, d.range.start), token: text.slice(d.range.start, d.range.end) };
}

describe("hostile inputs (issue #13)", () => {
  it.each(["json", "yaml", "python"] as const)("a 1 MB JSONPath nested 500,000 deep (%s): invalid_jsonpath, quoted short", (format) => {
    const d = first(hugeString(MAX_BODY_BYTES - 200, format, "a."), format);
    expect([d.code, d.path]).toEqual(["invalid_jsonpath", "/resources/0/endpoint/data_selector"]);
    expect(d.message).toContain(`nests deeper than ${MAX_PATH_DEPTH} levels`);
    expect(d.message).toContain("characters)");
    expect(d.message.length).toBeLessThan(600);
  });

  it.each([2_000, 8_000])("Python nested %i deep: too_deep at the first list past the limit", (depth) => {
    const text = issuePython(depth);
    const d = first(text, "python");
    const want = firstTooDeep("/resources/0/endpoint/json", 5, text.indexOf("[[") + 1);
    expect([d.code, d.path, d.line, d.column, d.token]).toEqual(["too_deep", want.path, 1, want.column, "["]);
  });

  it("JSON nested 8,000 deep: too_deep at the first list past the limit", () => {
    const text = deepJson(8_000);
    const d = first(text, "json");
    const want = firstTooDeep("/resources/0/endpoint/json/a", 6, text.indexOf("[[") + 1);
    expect([d.code, d.path, d.line, d.column, d.token]).toEqual(["too_deep", want.path, 1, want.column, "["]);
  });

  it("YAML with 2,000 chained anchors: yaml_alias_limit first, at the first alias past the budget", () => {
    const text = yamlAliasBomb(2_000);
    const d = first(text, "yaml");
    // x1…x11 add 16,354 values, the first `*a11` of x12 8,191 more; the second passes MAX_ALIAS_VALUES (30,000).
    expect([d.code, d.path, d.line, d.column, d.token]).toEqual(["yaml_alias_limit", "/x12/1", 13, 18, "*a11"]);
    expect(d.message).toContain("anchor `&a11` at line 12");
    expect(d.message).toMatch(/\d[\d,]* more aliases were not expanded/);
  });

  it.each([
    ["a chain of 1,000 names (`x1 = x0`)", (i: number) => `x${i}`, 1_000],
    ["lists put in lists through 40 names (`x2 = [[…x1…]]`)", (i: number) => `${"[".repeat(30)}x${i}${"]".repeat(30)}`, 40],
  ])("Python: %s is too_deep at a name, not a stack overflow", (_name, definition, n) => {
    const names = Array.from({ length: n }, (_, i) => `x${i + 1} = ${definition(i)}`).join("\n");
    const text =
      `from dlt.sources.rest_api import rest_api_source\nx0 = "a"\n${names}\n` +
      `source = rest_api_source({"client": {"base_url": "https://a.example/"}, ` +
      `"resources": [{"name": "r", "endpoint": {"json": {"a": x${n}}}}]})\n`;
    const d = first(text, "python");
    expect([d.code, d.path.startsWith("/resources/0/endpoint/json/a")]).toEqual(["too_deep", true]);
    expect(d.token).toMatch(/^x\d+$/);
    expect(d.message).toContain(`nested more than ${MAX_DEPTH} levels deep`);
  });

  it.each([
    ["4,000 classes, each derived from the one before, the first from JSONLinkPaginator", "JSONLinkPaginator"],
    ["a cycle of 4,000 classes", "A4000"],
  ])("Python: a paginator of %s is the user's own class, read without recursion", (_name, firstBase) => {
    const classes = Array.from({ length: 4_000 }, (_, i) => `class A${i + 1}(A${i}):\n    pass\n`).join("");
    const text =
      "from dlt.sources.rest_api import rest_api_source\nfrom dlt.sources.helpers.rest_client.paginators import JSONLinkPaginator\n" +
      `class A0(${firstBase}):\n    pass\n${classes}` +
      `source = rest_api_source({"client": {"base_url": "https://a.example/", "paginator": A4000()}, "resources": ["r"]})\n`;
    const r = validateText(text, "python");
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([["python_custom_class", "/client/paginator"]]);
  });

  it.each(["json", "yaml", "python"] as const)("%s: 20,000 resources: too_many_resources at the first one past the limit", (format) => {
    const text = manyResources(20_000, format, true);
    const d = first(text, format);
    expect([d.code, d.path, d.token]).toEqual([
      "too_many_resources",
      `/resources/${MAX_RESOURCES}`,
      format === "yaml" ? `r${MAX_RESOURCES}` : `"r${MAX_RESOURCES}"`,
    ]);
    expect(d.message).toContain("20,000 resources");
  });

  it.each(["json", "yaml", "python"] as const)(
    "%s: validateValue of a value nested 100,000 deep writes and reports it, without recursing",
    (format) => {
      let deep: unknown = 1;
      for (let i = 0; i < 100_000; i++) deep = [deep];
      const r = validateValue(
        {
          client: { base_url: "https://a.example/" },
          resources: [{ name: "r", endpoint: { method: "POST", json: { a: deep } } }],
        } as never,
        format,
      );
      expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([["too_deep", firstTooDeep("/resources/0/endpoint/json/a", 6, 0).path]]);
    },
  );

  it.each([
    ["500,000 open brackets", "[".repeat(500_000)],
    ["60,000 flow keys", `{${Array.from({ length: 60_000 }, (_, i) => `k${i}: 1`).join(", ")}}`],
  ])("format detection is bounded too: %s", (_name, text) => {
    const r = validateText(text);
    expect(r.valid).toBe(false);
    expect(r.diagnostics.some((d) => d.code === "internal_error")).toBe(false);
  });

  it.each(["json", "yaml", "python"] as const)("%s: a 1 MB list of numbers is refused before it is parsed", (format) => {
    const text = manyItems(Math.floor(MAX_BODY_BYTES / 2) - 100, format);
    const r = validateText(text, format);
    expect(r.document.root).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual(["too_many_values"]);
    // The value past the limit is a `0` of the list (the values before it: dicts, keys and strings).
    expect(text[r.diagnostics[0]!.range.start]).toBe("0");
    expect(r.diagnostics[0]!.message).toContain(MAX_VALUES.toLocaleString("en-US"));
  });
});
