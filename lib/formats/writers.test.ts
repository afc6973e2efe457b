import { describe, expect, it } from "vitest";
import { parseDocument, toPlain, writeJson, writePythonLiteral, writeYaml } from "./index";
import type { PlainValue } from "./index";

const TRICKY: [string, PlainValue][] = [
  [
    "text made with references ($format: an f-string, or str() and + where an f-string cannot hold the name)",
    {
      u: { $format: ["https://", { $secret: "s" }, '."{x}" \\ \n'] },
      n: { $format: [{ $config: "it's" }, "-", { $secret: 'q"' }] },
      one: { $format: [{ $secret: "a\\b" }] },
    },
  ],
  ["unicode and emoji", { a: "ünïcödé ✓ 日本 😀", ключ: "значение" }],
  ["quotes and backslashes", { q: `say "hi" and 'bye'`, b: "C:\\path\\n", both: `\\"`, tq: '"""', sq: "'''" }],
  ["control characters", { nl: "a\nb", tab: "a\tb", cr: "a\r\nb", trail: "line\n", nul: "\u0000\u001f\u007f", nbsp: "\u00a0\u2028" }],
  [
    "strings that look like other things",
    {
      t: "true",
      n: "null",
      num: "123",
      f: "1e21",
      e: "",
      sp: " x ",
      colon: "a: b",
      hash: "#x",
      dash: "- x",
      star: "*x",
      amp: "&a",
      none: "None",
      py: "True",
    },
  ],
  ["empty and nested containers", { e: {}, l: [], n: [[1, [2, []]], [{}]], d: { a: { b: { c: [] } } } }],
  ["numbers", { big: 1e21, small: 1.5e-7, neg: -0.5, int: -42, zero: 0, max: Number.MAX_SAFE_INTEGER, frac: 0.1 }],
  ["literals", { t: true, f: false, z: null, list: [true, null, "x", 1] }],
  [
    "references and code",
    { s: { $secret: "client_id" }, c: { $config: "base_url" }, p: { $python: 'lambda r: r["id"]' }, l: [{ $secret: "a.b" }] },
  ],
  ["special keys", { "a/b": 1, "~x": 2, "": 3, "with space": 4, 'quote"key': 5, "123": 6 }],
];

describe("writers round-trip through the parsers", () => {
  it.each(TRICKY)("%s: JSON", (_name, value) => expect(toPlain(parseDocument(writeJson(value), "json").root!)).toEqual(value));
  it.each(TRICKY)("%s: YAML", (_name, value) => {
    const doc = parseDocument(writeYaml(value), "yaml");
    expect(doc.diagnostics).toEqual([]);
    expect(toPlain(doc.root!)).toEqual(value);
  });
  it.each(TRICKY)("%s: Python", (_name, value) => {
    const doc = parseDocument(`config = ${writePythonLiteral(value)}\n`, "python");
    expect(doc.diagnostics).toEqual([]);
    expect(toPlain(doc.root!)).toEqual(value);
  });
  it("top-level scalars and lists", () => {
    for (const v of ["x", 1, true, null, [1, "a"]] as PlainValue[]) {
      expect(toPlain(parseDocument(writeJson(v), "json").root!)).toEqual(v);
      expect(toPlain(parseDocument(writeYaml(v), "yaml").root!)).toEqual(v);
    }
  });
});

describe("writer output", () => {
  const value: PlainValue = {
    client: { base_url: "https://x", auth: { token: { $secret: "token" } } },
    resources: ["a", { name: "b" }],
    empty: {},
  };

  it("JSON: 2-space indent, trailing newline, references on one line", () => {
    expect(writeJson({ a: { $config: 'x"y' }, b: { $secret: "s", other: 1 } })).toBe(
      `{\n  "a": {"$config": "x\\"y"},\n  "b": {\n    "$secret": "s",\n    "other": 1\n  }\n}\n`,
    );
    expect(writeJson(value)).toBe(
      `{\n  "client": {\n    "base_url": "https://x",\n    "auth": {\n      "token": {"$secret": "token"}\n    }\n  },\n  "resources": [\n    "a",\n    {\n      "name": "b"\n    }\n  ],\n  "empty": {}\n}\n`,
    );
  });

  it("YAML: 2-space indent, references as flow maps", () => {
    expect(writeYaml(value)).toBe(
      `client:\n  base_url: https://x\n  auth:\n    token: { $secret: token }\nresources:\n  - a\n  - name: b\nempty: {}\n`,
    );
    expect(writeYaml({ f: { $python: "lambda r: (\n  r)" } })).toBe(`f: { $python: "lambda r: (\\n  r)" }\n`);
  });

  it("Python: 4-space indent, double quotes, True/False/None, dlt references, raw code", () => {
    expect(writePythonLiteral({ a: [true, null], s: { $secret: "k" }, c: { $config: "u" }, f: { $python: "my_func" }, q: 'x"y' })).toBe(
      `{\n    "a": [\n        True,\n        None\n    ],\n    "s": dlt.secrets["k"],\n    "c": dlt.config["u"],\n    "f": my_func,\n    "q": "x\\"y"\n}`,
    );
    expect(writePythonLiteral({ a: 1 }, 2)).toBe(`{\n            "a": 1\n        }`);
    expect(writePythonLiteral(-0)).toBe("-0.0");
    expect(writePythonLiteral("\ud800")).toBe('"\\ud800"');
  });

  it("text made with references: one line in JSON and YAML, an f-string in Python", () => {
    const v: PlainValue = { u: { $format: ["https://", { $secret: "sub" }, ".x/{id}"] } };
    expect(writeJson(v)).toBe(`{\n  "u": {"$format": ["https://", {"$secret": "sub"}, ".x/{id}"]}\n}\n`);
    expect(writeYaml(v)).toBe(`u: { $format: [ https://, { $secret: sub }, ".x/{id}" ] }\n`);
    expect(writePythonLiteral(v)).toBe(`{\n    "u": f"https://{dlt.secrets['sub']}.x/{{id}}"\n}`);
    expect(writePythonLiteral(v, 0, "'")).toBe(`{\n    'u': f'https://{dlt.secrets["sub"]}.x/{{id}}'\n}`);
  });

  it("is deterministic", () => {
    expect(writeYaml(value)).toBe(writeYaml(JSON.parse(JSON.stringify(value)) as PlainValue));
    expect(writePythonLiteral(value)).toBe(writePythonLiteral(JSON.parse(JSON.stringify(value)) as PlainValue));
  });
});

describe("YAML as yaml.safe_load reads it (PyYAML, YAML 1.1: the downloads' loading snippet)", () => {
  // Each is a string YAML 1.2 leaves plain and PyYAML reads as something else (checked with PyYAML 6):
  // a datetime, a date, a bool, an int (underscores, octal, base 60), a merge key or the value tag.
  const TEXT = [
    "2024-01-01T00:00:00Z",
    "2024-01-01 10:00:00",
    "2024-01-01",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "1_000",
    "0777",
    "1:30",
    "<<",
    "=",
    // …and strings YAML 1.2 (restplay's reading) takes for numbers where PyYAML reads text.
    "0o17",
    "1e3",
    ".5e1",
  ];
  it("quotes every string PyYAML would read as another type, and restplay reads the file back as written", () => {
    const value = Object.fromEntries(TEXT.map((t, i) => [`k${i}`, t]));
    const text = writeYaml({ ...value, list: [...TEXT], "<<": 1 });
    for (const t of TEXT) expect(text).not.toMatch(new RegExp(`^\\s*(k\\d+: |- )${t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    expect(text).toContain('!!str "<<": 1');
    const back = parseDocument(text, "yaml");
    expect(back.diagnostics).toEqual([]);
    expect(toPlain(back.root!)).toEqual({ ...value, list: TEXT, "<<": 1 });
  });
});
