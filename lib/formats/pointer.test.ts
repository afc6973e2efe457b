import { describe, expect, it } from "vitest";
import {
  detectFormat,
  sniffFormat,
  findEntry,
  findNode,
  nearestNode,
  offsetAt,
  parseDocument,
  parsePointer,
  pointerFromPath,
  pointerToString,
  positionAt,
  toPlain,
} from "./index";

describe("JSON pointers", () => {
  it("escape and unescape ~ and / (RFC 6901)", () => {
    expect(pointerFromPath([])).toBe("");
    expect(pointerFromPath(["resources", 0, "a/b", "~c"])).toBe("/resources/0/a~1b/~0c");
    expect(pointerToString(["x"])).toBe("/x");
    expect(parsePointer("")).toEqual([]);
    expect(parsePointer("/resources/0/a~1b/~0c/~01")).toEqual(["resources", "0", "a/b", "~c", "~1"]);
    expect(parsePointer("/")).toEqual([""]);
  });

  const doc = parseDocument(`{"a/b": {"~": [10, {"k": null}]}, "": 1, "d": 1, "d": 2}`, "json");

  it("find nodes and entries by pointer or path", () => {
    expect(findNode(doc.root, "")).toBe(doc.root);
    expect(findNode(doc.root, "/a~1b/~0/0")).toMatchObject({ kind: "number", value: 10 });
    expect(findNode(doc.root, ["a/b", "~", 1, "k"])).toMatchObject({ kind: "null" });
    expect(findNode(doc.root, "/")).toMatchObject({ kind: "number", value: 1 });
    expect(findNode(doc.root, "/d")).toMatchObject({ value: 2 });
    expect(findNode(doc.root, "/a~1b/~0/01")).toBeUndefined();
    expect(findNode(doc.root, "/a~1b/~0/5")).toBeUndefined();
    expect(findNode(null, "/x")).toBeUndefined();
    expect(findEntry(doc.root, "/a~1b/~0")?.key).toBe("~");
    expect(findEntry(doc.root, "/a~1b/~0/0")).toBeUndefined();
    expect(findEntry(doc.root, "")).toBeUndefined();
  });

  it("nearestNode returns the deepest existing node, its depth and entry", () => {
    const near = nearestNode(doc.root, "/a~1b/~0/1/missing/deeper")!;
    expect(near.depth).toBe(3);
    expect(near.node.kind).toBe("object");
    expect(near.entry).toBeUndefined();
    const keyed = nearestNode(doc.root, ["a/b", "nope"])!;
    expect(keyed).toMatchObject({ depth: 1, entry: { key: "a/b" } });
    expect(nearestNode(null, "/x")).toBeUndefined();
  });

  it("toPlain keeps __proto__ as data", () => {
    const v = toPlain(parseDocument(`{"__proto__": {"x": 1}}`, "json").root!) as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });
});

describe("positions", () => {
  it("are 1-based, count UTF-16 units, and handle \\n, \\r\\n and \\r", () => {
    const t = "ab\ncd\r\nef\rg😀h";
    expect(positionAt(t, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(t, 3)).toEqual({ line: 2, column: 1 });
    expect(positionAt(t, 7)).toEqual({ line: 3, column: 1 });
    expect(positionAt(t, 10)).toEqual({ line: 4, column: 1 });
    expect(positionAt(t, 13)).toEqual({ line: 4, column: 4 });
    expect(positionAt(t, 999)).toEqual({ line: 4, column: 5 });
    for (let o = 0; o <= t.length; o++) if (t[o - 1] !== "\r") expect(offsetAt(t, positionAt(t, o))).toBe(o);
    expect(offsetAt(t, { line: 1, column: 99 })).toBe(2);
    expect(offsetAt(t, { line: 99, column: 1 })).toBe(10);
  });

  it("switch between texts correctly (the line index is cached per text)", () => {
    expect(positionAt("a\nb", 2)).toEqual({ line: 2, column: 1 });
    expect(positionAt("ab", 2)).toEqual({ line: 1, column: 3 });
  });
});

describe("detectFormat", () => {
  it.each([
    ["import dlt\n\nsource = rest_api_source({})", "python"],
    ['config = {\n  "a": 1\n}', "python"],
    ["config: RESTAPIConfig = {}", "python"],
    ['# my config\n{"a": True}', "python"],
    ['{"a": True}', "python"],
    ["{'a': 1}", "python"],
    ['{"a": dlt.secrets["k"]}', "python"],
    ['{"a": 1}', "json"],
    ["  [1, 2]", "json"],
    ['{"a": 1,}', "json"],
    ['{"a": "True"}', "json"],
    ["{client: {base_url: x}}", "yaml"],
    ["client:\n  base_url: https://dlt.example.com\n", "yaml"],
    ["# comment\nclient:\n  base_url: x\n", "yaml"],
    ["- a\n- b\n", "yaml"],
    ["enabled: True\n", "yaml"],
    ["", "yaml"],
  ] as const)("%j is %s", (text, format) => {
    expect(detectFormat(text)).toBe(format);
    // Without the YAML parser only flow style stays open (the page's guess before its validator loads).
    expect(sniffFormat(text)).toBe(text === "{client: {base_url: x}}" ? null : format);
  });

  // Shapes of dlt 1.26.0's docs (docs/website/docs/dlt-ecosystem/verified-sources/rest_api/basic.md, advanced.md):
  // whole files that open with a function, and dict fragments holding Python values.
  it.each([
    ['def anonymize_email(record):\n    return record\n\nconfig: RESTAPIConfig = {\n    "resources": [],\n}\n', "a def"],
    ["def set_encoding(response, *args, **kwargs):\n    return response\n\nsource_config = {}\n", "a def with *args"],
    ["@dlt.resource\ndef repositories():\n    yield from []\n", "a decorator"],
    ["class CustomPaginator(SinglePagePaginator):\n    pass\n", "a class"],
    ['BASE_URL = "https://api.example.com/"\nconfig = {"client": {"base_url": BASE_URL}}\n', "a constant first"],
    ['{\n    "name": "posts",\n    "processing_steps": [\n        {"filter": lambda x: x["id"] < 10},\n    ],\n}', "a lambda"],
    ['{\n    "incremental": {\n        "cursor_path": "id",\n        "convert": my_callable,\n    }\n}', "a name as a value"],
    ['{\n    "path": "posts",\n    "paginator": JSONLinkPaginator(next_url_path="next"),\n}', "a class call"],
    ['{\n    "name": "issue_comments",\n    "endpoint": {\n        ...\n    },\n}', "an Ellipsis"],
    ['{\n    "json": {\n        "query": """\n            query Artist {{ id }}\n        """\n    }\n}', "a triple-quoted string"],
  ])("reads Python as Python: %j (%s)", (text) => {
    expect(sniffFormat(text)).toBe("python");
    expect(detectFormat(text)).toBe("python");
  });

  it("keeps JSON that a user is typing JSON: a literal's first letters and a trailing comma stay JSON's errors", () => {
    for (const text of ['{"a": tr', '{"a": f}', '{"a": [n]}', '{\n  "a": 1,\n}', '{"a": NaN}']) expect(detectFormat(text)).toBe("json");
    // A key: value line with `=` in its value is YAML, not an assignment.
    expect(detectFormat("path: users?fields=a\nparams:\n  sort: x=1\n")).toBe("yaml");
    expect(detectFormat("description: def f(x): y\n")).toBe("yaml");
  });

  it("leaves only text that opens like JSON but is neither JSON nor Python to the YAML parse", () => {
    expect(sniffFormat("[a, b]")).toBeNull();
    expect(detectFormat("[a, b]")).toBe("yaml");
    expect(sniffFormat("{a: [1, }")).toBeNull();
    expect(detectFormat("{a: [1, }")).toBe("json");
  });
});
