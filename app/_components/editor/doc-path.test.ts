import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/formats";
import { insideString, locateKey, objectPathAt, openPlaceholder, pythonDictPathAt, stringAt } from "./doc-path";

const text =
  'source = rest_api_source({\n    "client": {"base_url": "https://x", "paginator": {"type": "offset", "limit": 10}},\n    "resources": [{"name": "a", "endpoint": {\n        \n    }}]\n})\n';
const doc = parseDocument(text, "python");
const at = (needle: string, delta = 1) => text.indexOf(needle) + delta;

describe("locateKey", () => {
  it("finds the key path under the cursor, through objects and lists", () => {
    expect(locateKey(doc.root, at('"limit"'))?.path).toEqual(["client", "paginator", "limit"]);
    expect(locateKey(doc.root, at('"name"'))?.path).toEqual(["resources", 0, "name"]);
    expect(locateKey(doc.root, at('"offset"'))?.path).toEqual(["client", "paginator", "type"]);
  });

  it("returns null between entries and outside the dict", () => {
    expect(locateKey(doc.root, 0)).toBeNull();
    expect(locateKey(doc.root, at("{\n        \n", 3))).toBeNull();
  });
});

describe("objectPathAt", () => {
  it("names the innermost enclosing object", () => {
    expect(objectPathAt(doc.root, at("{\n        \n", 6))).toEqual(["resources", 0, "endpoint"]);
    expect(objectPathAt(doc.root, at('"limit"', 0))).toEqual(["client", "paginator"]);
    expect(objectPathAt(doc.root, at('"client"', 0))).toEqual([]);
    expect(objectPathAt(doc.root, 3)).toBeNull();
  });

  it('takes a Python dict being written, which parses as a set (`{""}`) or a `dict(…)` call, as that dict', () => {
    // Typing `"` in `{}` leaves `{""}` (Monaco closes the quote): the keys are the new dict's, not its parent's.
    const cases: [string, (string | number)[]][] = [
      ['rest_api_source({"client": {"base_url": "https://x", "paginator": {"|"}}, "resources": ["a"]})', ["client", "paginator"]],
      ['rest_api_source({"resources": [{"|"}]})', ["resources", 0]],
      ['rest_api_source({"client": dict(|), "resources": []})', ["client"]],
    ];
    for (const [marked, path] of cases) {
      const offset = marked.indexOf("|");
      const source = marked.replace("|", "");
      expect(objectPathAt(parseDocument(source, "python").root, offset, source), marked).toEqual(path);
    }
  });

  it("knows a place inside a string value, where no key belongs", () => {
    const source = 'rest_api_source({"client": {"base_url": "https://x"}, "resources": ["a"]})';
    const root = parseDocument(source, "python").root;
    expect([source.indexOf("https"), source.indexOf('x"') + 1].map((o) => insideString(root, o))).toEqual([true, true]);
    expect([source.indexOf('"https'), source.indexOf('x"') + 2].map((o) => insideString(root, o))).toEqual([false, false]);
  });
});

describe("stringAt and openPlaceholder (placeholder completion)", () => {
  it("finds the string under the cursor in JSON, and in a YAML plain scalar ending at the cursor", () => {
    const json = '{"resources": [{"name": "c", "endpoint": {"path": "/posts/{res"}}]}';
    const j = parseDocument(json, "json");
    expect(stringAt(j.root, json.indexOf("{res") + 4)).toEqual(["resources", 0, "endpoint", "path"]);
    expect(stringAt(j.root, json.indexOf('"c"'))).toBeNull();
    const yaml = "resources:\n  - name: c\n    endpoint:\n      path: /posts/{resources.";
    const y = parseDocument(yaml, "yaml");
    expect(stringAt(y.root, yaml.length)).toEqual(["resources", 0, "endpoint", "path"]);
  });

  it("reads the expression after the last open brace; escaped braces and closed ones do not count", () => {
    expect(openPlaceholder('      "path": "/posts/{resources.po')).toEqual({ typed: "resources.po", braceIndex: 22 });
    expect(openPlaceholder('"path": "/posts/{')).toEqual({ typed: "", braceIndex: 16 });
    expect(openPlaceholder('"path": "/posts/{{literal')).toBeNull();
    expect(openPlaceholder('"path": "/posts/{resources.posts.id}/x')).toBeNull();
    expect(openPlaceholder('"path": "/posts/x')).toBeNull();
  });
});

describe("pythonDictPathAt (completion in a Python text that does not parse)", () => {
  /** `|` marks the cursor; the config starts at its first `{` or `dict(`. */
  const read = (src: string) => {
    const offset = src.indexOf("|");
    const t = src.slice(0, offset) + src.slice(offset + 1);
    return pythonDictPathAt(t, /\{|dict\(/.exec(t)!.index, offset);
  };

  it("finds the dict the cursor is in where the parser's recovery loses it (a missing comma after a list)", () => {
    const src =
      'source = rest_api_source({\n    "client": {"base_url": "https://x"},\n' +
      '    "resources": [{"name": "a", "endpoint": {"path": "x", "pa|"}}]\n    "resource_defaults": {},\n})\n';
    const clean = src.replace("|", "");
    expect(objectPathAt(parseDocument(clean, "python").root, src.indexOf("|"), clean)).toEqual([]);
    expect(read(src)).toEqual({
      path: ["resources", 0, "endpoint"],
      root: { client: { base_url: "https://x" }, resources: [{ name: "a", endpoint: { path: "x" } }] },
      kwargs: false,
      inValue: false,
    });
  });

  it("follows list items, dict(…) keywords, comments and strings with brackets, colons and escapes in them", () => {
    const src =
      "config = {\n  # a comment with { and [\n  'client': dict(base_url='https://x/{a}:b', paginator=dict(type=\"offset\", |)),\n" +
      '  "resources": ["a", {"name": "b \\" }"}]\n}\n';
    expect(read(src)).toEqual({
      path: ["client", "paginator"],
      root: { client: { base_url: "https://x/{a}:b", paginator: { type: "offset" } } },
      kwargs: true,
      inValue: false,
    });
    expect(read('x = {"resources": ["a", r"b]", {"name": "c", "endpoint": {"params": {"id": {"type": "resolve", |')?.path).toEqual([
      "resources",
      2,
      "endpoint",
      "params",
      "id",
    ]);
  });

  it("has no dict for a call's arguments or a place after the config; a set is a dict being written", () => {
    expect(read('x = {"client": {"base_url": "ht|"}}')).toMatchObject({ path: ["client"], inValue: true });
    expect(read('x = {"client": {"ba|"}}')).toMatchObject({ path: ["client"], inValue: false });
    expect(read('x = {"client": {"paginator": OffsetPaginator(|)}}')).toBeNull();
    expect(read('x = {"client": {"headers": {"a", |}}}')).toMatchObject({ path: ["client", "headers"], kwargs: false });
    expect(read('x = {"client": {}}\ny = {|}')).toBeNull();
  });
});
