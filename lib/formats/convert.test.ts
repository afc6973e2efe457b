import { describe, expect, it } from "vitest";
import { seedBlocks } from "../testing/seeds";
import { convertDocument, countComments, describeLoss, parseDocument, toPlain, type SourceFormat } from "./index";

const FORMATS: SourceFormat[] = ["json", "yaml", "python"];
const plainOf = (text: string, format: SourceFormat) => {
  const doc = parseDocument(text, format);
  expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return toPlain(doc.root!);
};
const convert = (text: string, from: SourceFormat, to: SourceFormat) => {
  const r = convertDocument(text, from, to);
  if (!r.ok) throw new Error(r.reason);
  return r;
};

describe("convertDocument", () => {
  it("keeps every seed's content through every format and back", () => {
    for (const seed of seedBlocks()) {
      const original = plainOf(seed.code, "python");
      for (const a of FORMATS) {
        const first = convert(seed.code, "python", a);
        expect(plainOf(first.text, a)).toEqual(original);
        for (const b of FORMATS) expect(plainOf(convert(first.text, a, b).text, b)).toEqual(original);
      }
    }
  });

  it("writes Python as a runnable rest_api_source call with dlt.secrets references", () => {
    const json = `{"client": {"base_url": "https://x", "auth": {"type": "bearer", "token": {"$secret": "token"}}}, "resources": ["posts"]}`;
    expect(convert(json, "json", "python").text).toBe(`import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {
        "base_url": "https://x",
        "auth": {
            "type": "bearer",
            "token": dlt.secrets["token"]
        }
    },
    "resources": [
        "posts"
    ]
})
`);
  });

  it("keeps Python callables as code in JSON and YAML and gives them back verbatim", () => {
    const py = `rest_api_source({"client": {"base_url": "https://x"}, "resources": [{"name": "a", "processing_steps": [{"map": lambda r: {**r, "x": 1}}]}]})`;
    const yaml = convert(py, "python", "yaml").text;
    expect(yaml).toContain(`- map: { $python: 'lambda r: {**r, "x": 1}' }`);
    expect(convert(yaml, "yaml", "python").text).toContain(`{\n                    "map": lambda r: {**r, "x": 1}\n                }`);
  });

  it("counts the comments each format would drop", () => {
    expect(countComments(`# top\nclient:  # inline\n  base_url: "https://x#not-a-comment"\nresources: []\n`, "yaml")).toBe(2);
    expect(
      countComments(
        `# top\nsource = rest_api_source({  # inline\n  "client": {"base_url": "https://x#no"},\n  // seed style\n  "resources": [],\n})\n`,
        "python",
      ),
    ).toBe(3);
    expect(countComments(`{"a": "# // no"}`, "json")).toBe(0);
    const seed004 = seedBlocks().find((s) => s.code.includes("// Additional"))!;
    const r = convert(seed004.code, "python", "json");
    expect(r.loss).toEqual({ comments: 1, pythonCode: [] });
    expect(describeLoss(r.loss, "json")).toBe("JSON has no place for 1 comment: they will be dropped.");
  });

  it("reports Python code around the dict that only the Python form can hold", () => {
    const py = `import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source({"client": {"base_url": "https://x"}, "resources": ["a"]})\npipeline = dlt.pipeline(pipeline_name="x", destination="duckdb")\npipeline.run(source)\n`;
    const r = convert(py, "python", "yaml");
    expect(r.loss.pythonCode).toEqual(['pipeline = dlt.pipeline(pipeline_name="x", destination="duckdb")', "pipeline.run(source)"]);
    expect(describeLoss(r.loss, "yaml")).toBe(
      'YAML has no place for 2 lines of Python code outside the config (`pipeline = dlt.pipeline(pipeline_name="…`): they will be dropped.',
    );
  });

  it("converts a Markdown document's config block, and counts its prose as what is dropped (not as Python code)", () => {
    const md = "# My API\n\nThe config:\n\n```python\n" + seedBlocks()[0]!.code + "```\n\nThat is all.\n";
    const r = convert(md, "python", "json");
    expect(JSON.parse(r.text)).toEqual(JSON.parse(convert(seedBlocks()[0]!.code, "python", "json").text));
    expect(r.loss).toEqual({ comments: 0, pythonCode: [], prose: 5 }); // the heading, two lines, the fences
    expect(describeLoss(r.loss, "json")).toBe(
      "JSON has no place for 5 lines of Markdown text around the config block: they will be dropped.",
    );
  });

  it("nothing is lost from JSON, and switching to the same format only re-indents", () => {
    const r = convert(`{"client":{"base_url":"https://x"},"resources":["a"]}`, "json", "json");
    expect(r.text).toBe(`{\n  "client": {\n    "base_url": "https://x"\n  },\n  "resources": [\n    "a"\n  ]\n}\n`);
    expect(describeLoss(r.loss, "yaml")).toBeNull();
  });

  it("refuses text with a syntax error, saying which", () => {
    const r = convertDocument(`{"client": {"base_url": "https://x"} "resources": []}`, "json", "yaml");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/^Fix the syntax error first: .*comma/i);
    const empty = convertDocument("", "yaml", "json");
    expect(empty.ok).toBe(false);
    // An error of the reader that is not a syntax error is named for what it is.
    const tuple = convertDocument('source = rest_api_source({"resources": [{"name": "a", "primary_key": ("id",)}]})\n', "python", "json");
    expect(!tuple.ok && tuple.reason).toMatch(/^Fix this error first: /);
  });

  it("keeps a custom class that runs through a stand-in as its code, not as the stand-in", () => {
    const text = [
      "from dlt.sources.rest_api import rest_api_source",
      "from dlt.sources.helpers.rest_client.paginators import BasePaginator",
      "",
      "class MyPaginator(BasePaginator):",
      "    def __init__(self, step: int = 10):",
      "        super().__init__()",
      "        self.step = step",
      "",
      "    def update_state(self, response, data=None):",
      "        self._has_next_page = False",
      "",
      "    def update_request(self, request):",
      "        pass",
      "",
      "source = rest_api_source({",
      '    "client": {"base_url": "https://lab.example.com"},',
      '    "resources": [{"name": "items", "endpoint": {"path": "json-link/items",',
      '        "paginator": MyPaginator(step=5)},  # restplay: run as json_link',
      "    }],",
      "})",
      "",
    ].join("\n");
    const yaml = convert(text, "python", "yaml");
    expect(yaml.text).toContain("paginator: { $python: MyPaginator(step=5) }");
    expect(yaml.text).not.toContain("json_link");
  });

  it("keeps number spellings JavaScript would change (1.0, 100.0, big integers) through every format and back", () => {
    const params = `{"after": 12345678901234567891, "ratio": 1.0, "neg": -2.50, "n": 7}`;
    const json = `{"resources": [{"name": "a", "endpoint": {"params": ${params}}}]}`;
    for (const to of ["yaml", "python"] as const) {
      const there = convert(json, "json", to);
      for (const spelling of ["12345678901234567891", "1.0", "-2.50"]) expect(there.text, to).toContain(spelling);
      const back = convert(there.text, to, "json");
      expect(back.text.replace(/\s+/g, "")).toBe(json.replace(/\s+/g, ""));
    }
    // Spellings another format reads otherwise are written as their value.
    expect(convert("a: 0x1F\nb: 1e3\n", "yaml", "json").text).toBe('{\n  "a": 31,\n  "b": 1000\n}\n');
  });
});
