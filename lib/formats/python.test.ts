import { describe, expect, it } from "vitest";
import { findEntry, findNode, parseDocument, positionAt, pythonCodeOnly, toPlain } from "./index";

const py = (text: string) => parseDocument(text, "python");
const plain = (body: string) => toPlain(py(`config = ${body}`).root!);

describe("Python literals", () => {
  it("converts scalars: strings of every quoting, numbers, booleans, None", () => {
    expect(plain(`{"a": 'single', "b": """tri\nple""", "c": '''x''', "d": r"\\d+", "e": "\\u00e9\\n\\t\\x41\\101", "f": u"u"}`)).toEqual({
      a: "single",
      b: "tri\nple",
      c: "x",
      d: "\\d+",
      e: "é\n\tAA",
      f: "u",
    });
    expect(plain(`{"i": 1_000, "n": -5, "p": +2, "f": -0.5, "e": 1e21, "h": 0x1F, "t": True, "F": False, "z": None}`)).toEqual({
      i: 1000,
      n: -5,
      p: 2,
      f: -0.5,
      e: 1e21,
      h: 31,
      t: true,
      F: false,
      z: null,
    });
  });

  it("concatenates adjacent literals, also across lines", () => {
    expect(plain(`{"s": "a" 'b'\n    "c", "p": ("x"\n "y")}`)).toEqual({ s: "abc", p: "xy" });
  });

  it("turns lists, tuples and nesting into arrays; trailing commas are fine", () => {
    expect(plain(`{"l": [1, [2, (3, 4)], ()], "t": ("only",), "g": (5), "e": [], "d": {},}`)).toEqual({
      l: [1, [2, [3, 4]], []],
      t: ["only"],
      g: 5,
      e: [],
      d: {},
    });
  });

  it("reads dict(name=value, …) as the dict Python makes; with a positional argument it stays code", () => {
    expect(plain(`{"p": dict(type="offset", limit=5, total_path=None), "e": dict()}`)).toEqual({
      p: { type: "offset", limit: 5, total_path: null },
      e: {},
    });
    const source = `config = {"p": dict(type="offset", limit=5)}`;
    const keyed = findEntry(py(source).root!, ["p", "limit"]);
    expect(keyed?.keyRange).toEqual({ start: source.indexOf("limit"), end: source.indexOf("limit") + 5 });
    expect(plain(`{"p": dict(other), "q": dict(other, limit=1)}`)).toEqual({
      p: { $python: "dict(other)" },
      q: { $python: "dict(other, limit=1)" },
    });
  });

  it("reads dlt.secrets / dlt.config references in subscript and .get() form (a text as its second argument too)", () => {
    const doc = py(
      `c = {"a": dlt.secrets["api_key"], "b": dlt.config['base'], "c": dlt.secrets.get("token"), "d": dlt.secrets.get("t", "default")}`,
    );
    // `get` is recorded: dlt's gives None without a value and hands the environment's text over uncast.
    expect(toPlain(doc.root!)).toEqual({
      a: { $secret: "api_key" },
      b: { $config: "base" },
      c: { $secret: "token", $get: true },
      d: { $secret: "t", $get: true },
    });
    // dlt's `get` takes a type there, not a default (it raises once the value is set); the text is a credential
    // written into the file besides: both flagged, the text never shown.
    expect(doc.diagnostics.map((d) => [d.code, d.severity, d.message.includes('"default"')])).toEqual([
      ["invalid_value", "error", false],
      ["hardcoded_secret", "warning", false],
    ]);
    expect(findNode(doc.root, "/a")).toMatchObject({ kind: "ref", ref: "secret", range: { start: 10, end: 32 } });
  });

  it("reads the environment as secrets, or as the default Python falls back to (the playground has no environment)", () => {
    const doc = py(
      [
        "import os",
        "c = {",
        '  "a": os.environ["A"], "b": os.getenv("B"), "c": os.environ.get("C", ""), "d": os.getenv("D", None),',
        '  "e": os.getenv("LAB_BASE_URL", "https://lab.example.com/"), "f": os.environ.get("PAGE", 50),',
        "}",
      ].join("\n"),
    );
    // `os.getenv("B")` and a None default give None where the variable is not set: read as dlt's get reads a reference.
    expect(toPlain(doc.root!)).toEqual({
      a: { $secret: "A" },
      b: { $secret: "B", $get: true },
      c: { $secret: "C" },
      d: { $secret: "D", $get: true },
      e: "https://lab.example.com/",
      f: 50,
    });
  });

  it("blanks comments and string contents, keeps an f-string's names, offsets unchanged (pythonCodeOnly)", () => {
    const text = `a = "TOKEN # x" + TOKEN  # TOKEN\nb = f"Bearer {API_KEY}" + '''TOKEN'''\n`;
    const code = pythonCodeOnly(text);
    expect(code).toHaveLength(text.length);
    expect(code.match(/[A-Za-z_]\w*/g)).toEqual(["a", "TOKEN", "b", "API_KEY"]);
  });

  it("keeps every other expression as Python source text", () => {
    expect(
      plain(
        `{"f": lambda r: r["id"], "p": JSONLinkPaginator(next_url_path="n"), "n": my_func, "fs": f"x{y}", "mix": f"a" "b", "b": b"x", "cx": 1j, "set": {1, 2}}`,
      ),
    ).toEqual({
      f: { $python: 'lambda r: r["id"]' },
      p: { type: "json_link", next_url_path: "n" },
      n: { $python: "my_func" },
      fs: { $python: 'f"x{y}"' },
      mix: "ab",
      b: { $python: 'b"x"' },
      cx: { $python: "1j" },
      set: { $python: "{1, 2}" },
    });
  });

  it("reads JSON's true/false/null with a warning and a fix", () => {
    const doc = py(`c = {"a": true, "b": null}`);
    expect(toPlain(doc.root!)).toEqual({ a: true, b: null });
    expect(doc.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual([
      ["json_literal", "warning", "/a"],
      ["json_literal", "warning", "/b"],
    ]);
    expect(doc.diagnostics[0]!.fixes![0]!.edits[0]).toEqual({ range: { start: 10, end: 14 }, newText: "True" });
  });

  it("reports non-string keys, duplicate keys and ** unpacking", () => {
    const doc = py(`c = {1: "x", "a": 1, "a": 2, **extra}`);
    expect(doc.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ["invalid_key", "error"],
      ["duplicate_key", "warning"],
      ["python_unpacking", "warning"],
    ]);
    expect(toPlain(doc.root!)).toEqual({ a: 2 });
  });

  it("keeps # comments and exact key ranges", () => {
    const text = `config = {\n    # the API\n    "client": {  # inline\n        "base_url": "https://x",\n    },\n}\n`;
    const doc = py(text);
    expect(doc.diagnostics).toEqual([]);
    const e = findEntry(doc.root, "/client/base_url")!;
    expect(positionAt(text, e.keyRange.start)).toEqual({ line: 4, column: 9 });
    expect(text.slice(e.range.start, e.range.end)).toBe('"base_url": "https://x"');
  });
});

describe("finding the config dict", () => {
  it("takes rest_api_source's first argument, config= keyword, or a variable assigned before the call", () => {
    expect(toPlain(py(`other = {"x": 1}\nsource = rest_api_source({"y": 2}, name="n")`).root!)).toEqual({ y: 2 });
    expect(toPlain(py(`source = rest_api_source(name="n", config={"k": 1})`).root!)).toEqual({ k: 1 });
    expect(toPlain(py(`cfg = {"z": 0}\ncfg = {"z": 3}\nsource = rest_api_source(cfg)\ncfg = {"z": 9}`).root!)).toEqual({ z: 3 });
    expect(toPlain(py(`from dlt.sources.rest_api import rest_api_resources\nrest_api_resources({"r": 1})`).root!)).toEqual({ r: 1 });
  });

  it("takes a bare dict or an annotated assignment", () => {
    expect(toPlain(py(`# my config\n{"a": 1}`).root!)).toEqual({ a: 1 });
    const text = `from dlt.sources.rest_api import RESTAPIConfig\n\nconfig: RESTAPIConfig = {"a": 1}\n`;
    const doc = parseDocument(text);
    expect(doc.format).toBe("python");
    expect(toPlain(doc.root!)).toEqual({ a: 1 });
  });

  it("without a call or an annotation, takes the first dict that has a config's key, not a constant above it", () => {
    const text = `HEADERS = {"User-Agent": "x"}\n\nconfig = {\n    "client": {"headers": HEADERS},\n    "resources": ["posts"],\n}\n`;
    expect(toPlain(py(text).root!)).toEqual({ client: { headers: { "User-Agent": "x" } }, resources: ["posts"] });
    // A part of a config pasted alone (no dict has such a key) is still read: its diagnostics say where its keys belong.
    expect(toPlain(py(`{"path": "posts", "params": {"a": 1}}`).root!)).toEqual({ path: "posts", params: { a: 1 } });
  });

  it("reports text with no dict, and a call whose config is not a dict", () => {
    const none = py(`import dlt\nprint("hi")`);
    expect(none.root).toBeNull();
    expect(none.diagnostics.map((d) => d.code)).toEqual(["no_config_dict"]);
    expect(none.diagnostics[0]?.message).toContain("This text has no dict.");
    const text = `source = rest_api_source(load_config())`;
    const call = py(text).diagnostics[0]!;
    expect(call.code).toBe("no_config_dict");
    expect(text.slice(call.range.start, call.range.end)).toBe("load_config()");
  });
});

describe("a file with no REST API config", () => {
  const noConfig = (text: string) => {
    const doc = py(text);
    expect(doc.root).toBeNull();
    expect(doc.diagnostics.map((d) => d.code)).toEqual(["no_config_dict"]);
    const message = doc.diagnostics[0]?.message ?? "";
    for (const sought of ["rest_api_source(...)", "rest_api_resources(...)", "RESTAPIConfig", "`resource_defaults`", "at the module level"])
      expect(message).toContain(sought);
    return message;
  };

  it("does not take a dict given to another call, or one inside a function or class, and says where it was", () => {
    const decorator = ["import dlt", "from dlt.hub import run", "", "@run.pipeline(", '    "gh",', '    expose={"tags": ["ingest"]},', ")"]
      .concat(["def load():", "    pass", ""])
      .join("\n");
    expect(noConfig(decorator)).toContain("The dict on line 6 is an argument of `run.pipeline(...)`.");
    const records = `@dlt.resource\ndef repositories():\n    yield from [{"name": "dlt"}]\n`;
    expect(noConfig(records)).toContain("is inside the `@dlt.resource` function `repositories`");
    const local = `@dlt.source\ndef blog(token=dlt.secrets.value):\n    auth = {"type": "bearer", "token": token}\n    return auth\n`;
    expect(noConfig(local)).toContain("inside the `@dlt.source` function `blog`");
    expect(noConfig(`pipeline.run([{"id": 1}], table_name="users")\n`)).toContain("is an argument of `pipeline.run(...)`");
    expect(noConfig(`data = [{"id": 1}]\n`)).toContain("is an item of a list");
    expect(noConfig(`class K:\n    hints = {"a": 1}\n`)).toContain("is inside the class `K`");
  });

  it("still reads a part of a config pasted alone or assigned at the module level, and a config's shape anywhere", () => {
    expect(toPlain(py(`from x import P\n\nif True:\n    auth = {"type": "bearer"}\n`).root!)).toEqual({ type: "bearer" });
    expect(toPlain(py(`def f(r):\n    return r\n\n{"path": "posts"}\n`).root!)).toEqual({ path: "posts" });
    // Skipped dicts before it do not hide it.
    expect(toPlain(py(`print({"a": 1})\n{"path": "posts"}\n`).root!)).toEqual({ path: "posts" });
    // A config's key says what it is wherever it is: returned by a helper, or given to a misspelt call.
    const helper = `def make():\n    return {"client": {"base_url": "https://x"}, "resources": ["a"]}\n`;
    expect(toPlain(py(helper).root!)).toEqual({ client: { base_url: "https://x" }, resources: ["a"] });
    const typo = py(`import dlt\nsource = rest_api_sorce({"resources": ["a"]})\n`);
    expect(toPlain(typo.root!)).toEqual({ resources: ["a"] });
    expect(typo.diagnostics.map((d) => d.code)).toEqual(["undefined_name"]);
  });
});

describe("`//` comments", () => {
  it("warns on whole-line and trailing `//` comments, keeps offsets, and fixes them", () => {
    const text = `c = {\n    // a note\n    "a": 1,  // trailing\n    "u": "http://x//y",\n    "b": 2 // after a value\n}`;
    const doc = py(text);
    const comments = doc.diagnostics.filter((d) => d.code === "js_comment");
    expect(comments.map((d) => positionAt(text, d.range.start))).toEqual([
      { line: 2, column: 5 },
      { line: 3, column: 14 },
      { line: 5, column: 12 },
    ]);
    expect(doc.diagnostics).toHaveLength(3);
    expect(toPlain(doc.root!)).toEqual({ a: 1, u: "http://x//y", b: 2 });
    expect(comments[1]!.fixes![0]!.edits[0]).toEqual({ range: { start: 33, end: 35 }, newText: "#" });
  });

  it("ignores `//` inside triple-quoted strings that span lines", () => {
    const text = `c = {"doc": """see\n// not a comment\n""", "u": 'a//b', "a": 1  // real\n}`;
    const doc = py(text);
    expect(doc.diagnostics.map((d) => text.slice(d.range.start, d.range.end))).toEqual(["// real"]);
    expect(toPlain(doc.root!)).toEqual({ doc: "see\n// not a comment\n", u: "a//b", a: 1 });
  });

  it("leaves floor division alone", () => {
    const doc = py(`c = {"a": 100 // 2}`);
    expect(doc.diagnostics).toEqual([]);
    expect(toPlain(doc.root!)).toEqual({ a: { $python: "100 // 2" } });
    // By a parenthesised expression, a call or a subscript: division too (a step's `total // (n - 1)`).
    const more = py(`c = {"a": 100 // (1 + 1), "b": 7 // len("ab"), "c": 9 // x[0]}`);
    expect(more.diagnostics.filter((d) => d.code === "js_comment")).toEqual([]);
  });

  it("reads Python's float literals with nothing after the point (`1.`, `1.e5`), not in strings or names", () => {
    const doc = py(`c = {"a": 1., "b": 1.e5, "c": [2., -3.], "d": "1.", "e": 1.5, "f": x1.y}  # 4.`);
    expect(doc.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(toPlain(doc.root!)).toEqual({ a: 1, b: 100000, c: [2, -3], d: "1.", e: 1.5, f: { $python: "x1.y" } });
  });
});
