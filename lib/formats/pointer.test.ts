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

  it("leaves only text that opens like JSON but is neither JSON nor Python to the YAML parse", () => {
    expect(sniffFormat("[a, b]")).toBeNull();
    expect(detectFormat("[a, b]")).toBe("yaml");
    expect(sniffFormat("{a: [1, }")).toBeNull();
    expect(detectFormat("{a: [1, }")).toBe("json");
  });
});
