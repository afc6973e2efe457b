import { describe, expect, it } from "vitest";
import { exportConfig, validateText } from "./index";
import type { SourceFormat } from "../formats";

/**
 * The downloads give dlt the numbers the user's text spells. Recorded with dlt 1.26.0 (requests, PyYAML 6,
 * orjson) against a loopback server, each download loaded as its snippet says: from the user's own file and
 * from every download, dlt sent `?big=12345678901234567890&f1=1.0&f2=1e%2B16&neg=-0.0&e=2.5&i=3` and the body
 * `{"ver": 1.0, "big": 9007199254740993, "e": 1e+16}`. Before, the JSON, YAML and generated Python downloads
 * wrote the numbers as JavaScript holds them, and dlt sent `big=12345678901234567000&f1=1&f2=10000000000000000&neg=0`
 * and `{"ver": 1, "big": 9007199254740992, "e": 10000000000000000}`, where restplay's run (and the user's file) sent
 * the former.
 */
const PARAMS = '{"big": 12345678901234567890, "f1": 1.0, "f2": 1e16, "neg": -0.0, "e": 2.50, "i": 3}';
const BODY = '{"ver": 1.0, "big": 9007199254740993, "e": 1e16}';
const jsonConfig = `{"client": {"base_url": "https://api.example.com"}, "resources": [
  {"name": "nums", "endpoint": {"path": "nums", "params": ${PARAMS}, "paginator": "single_page"}},
  {"name": "search", "endpoint": {"path": "search", "method": "POST", "json": ${BODY}, "paginator": "single_page"}}
]}`;
const pythonConfig = `import dlt
from dlt.sources.rest_api import rest_api_source

VER = 1.0
source = rest_api_source({
    "client": {"base_url": "https://api.example.com"},
    "resources": [
        {"name": "nums", "endpoint": {"path": "nums", "params": ${PARAMS}, "paginator": "single_page"}},
        {"name": "search", "endpoint": {"path": "search", "method": "POST", "json": {"ver": VER, "big": 9007199254740993, "e": 1e16},
         "paginator": "single_page"}},
    ],
})
`;

/** What a request of each resource carries, as restplay resolves it (numbers as Python holds them). */
function carried(text: string, format?: SourceFormat) {
  const r = validateText(text, format);
  expect(r.valid).toBe(true);
  return r.source!.resources.map((x) => ({ params: x.endpoint.params, json: x.endpoint.json }));
}

describe("downloads keep the numbers as Python reads the user's text", () => {
  for (const [format, text] of [
    ["json", jsonConfig],
    ["python", pythonConfig],
  ] as const) {
    it(`from ${format}: every download writes 1.0, 1e+16, -0.0 and a big integer's digits`, () => {
      const r = validateText(text, format);
      const json = exportConfig(r, "json")!.text;
      for (const s of ['"big": 12345678901234567890', '"f1": 1.0', '"f2": 1e+16', '"neg": -0.0', '"e": 2.5', '"i": 3', '"ver": 1.0'])
        expect(json).toContain(s);
      expect(json).toContain('"big": 9007199254740993');
      const yaml = exportConfig(r, "yaml")!.text;
      for (const s of ["big: 12345678901234567890", "f1: 1.0", 'f2: !!float "1.0e+16"', "neg: -0.0", "e: 2.5", "i: 3", "ver: 1.0"])
        expect(yaml).toContain(s);
      const python = exportConfig(r, "python")!.text;
      // From Python, the Python download is the user's own file, its spellings as they are (and the `__main__` block it lacked).
      if (format === "python") expect(python.slice(0, text.trimEnd().length)).toBe(text.trimEnd());
      else
        for (const s of ['"big": 12345678901234567890', '"f1": 1.0', '"f2": 1e+16', '"neg": -0.0', '"e": 2.5', '"i": 3'])
          expect(python).toContain(s);
      // Each download read back carries what the original does.
      const original = carried(text, format);
      expect(carried(json, "json")).toEqual(original);
      expect(carried(yaml, "yaml")).toEqual(original);
      if (format === "json") expect(carried(python, "python")).toEqual(original);
    });
  }

  it("YAML's 1e3 is text for yaml.safe_load: the JSON and Python downloads write the text", () => {
    const yaml = [
      "client:",
      "  base_url: https://api.example.com",
      "resources:",
      "  - name: a",
      "    endpoint:",
      "      path: a",
      "      params: {n: 1e3, f: 2.0}",
      "",
    ].join("\n");
    const r = validateText(yaml, "yaml");
    expect(exportConfig(r, "json")!.text).toContain('"n": "1e3"');
    expect(exportConfig(r, "json")!.text).toContain('"f": 2.0');
    expect(exportConfig(r, "python")!.text).toContain('"n": "1e3"');
  });

  it("an infinite float (1e400, YAML's .inf) is written as Python reads inf back, not null (dlt then sent nothing)", () => {
    // dlt 1.26.0 sent ?f=inf&g=-inf&y=inf from the user's file and from each download; JSON's null dropped them.
    const json =
      '{"client": {"base_url": "https://api.example.com"}, "resources": [{"name": "a", "endpoint": {"path": "a", ' +
      '"params": {"f": 1e400, "g": -1e400}}}]}';
    const r = validateText(json, "json");
    expect(exportConfig(r, "json")!.text).toContain('"f": 1e400,\n          "g": -1e400');
    expect(exportConfig(r, "python")!.text).toContain('"f": 1e400,');
    expect(exportConfig(r, "yaml")!.text).toContain("f: !!float .inf\n        g: !!float -.inf");
    const yaml =
      "client:\n  base_url: https://api.example.com\nresources:\n  - name: a\n    endpoint: {path: a, params: {y: .inf, t: 1e400}}\n";
    const y = exportConfig(validateText(yaml, "yaml"), "json")!.text;
    expect(y).toContain('"y": 1e400');
    // YAML 1.1's 1e400 is text (yaml.safe_load), and stays text.
    expect(y).toContain('"t": "1e400"');
  });

  it("numbers the seed dialect's rewrite reads stay numbers (error_handler → runtime settings)", () => {
    const text = `source = rest_api_source({"client": {"base_url": "https://api.example.com"}, "resources": [{"name": "a",
      "endpoint": {"path": "a", "error_handler": {"max_retries": 3, "backoff_factor": 2.0}}}]})`;
    const python = exportConfig(validateText(text, "python"), "python")!.text;
    expect(python).toContain('os.environ.setdefault("RUNTIME__REQUEST_BACKOFF_FACTOR", "2")');
  });
});
