import { describe, expect, it } from "vitest";
import { parseDocument } from "@/lib/formats";
import { insideString, locateKey, objectPathAt, openPlaceholder, stringAt } from "./doc-path";

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
