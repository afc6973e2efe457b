/**
 * `int(…)`, `float(…)`, `bool(…)` around one reference in a pasted Python config: read as the reference with its cast
 * (`{"$config": "lim", "$cast": "int"}` in JSON/YAML), written back as Python wrote it, and nothing fancier.
 */
import { describe, expect, it } from "vitest";
import { parseDocument, toPlain, writeJson, writePythonLiteral, writeYaml, type PlainValue, type SourceFormat } from "./index";

const plain = (text: string, format: SourceFormat = "python"): PlainValue => {
  const root = parseDocument(text, format).root;
  return root === null ? null : toPlain(root);
};
/** The value of `"v"` in a Python config dict (with `import dlt, os` above it). */
const valueOf = (expr: string, before = ""): PlainValue =>
  (plain(`import dlt, os\n${before}\nconfig = {"client": {"base_url": "https://h/"}, "v": ${expr}}\n`) as { v: PlainValue }).v;

describe("the Python reader: a cast on a reference", () => {
  it("reads int/float/bool of dlt.config, dlt.secrets and os.environ as the reference with its cast", () => {
    expect(valueOf('int(dlt.config["lim"])')).toEqual({ $config: "lim", $cast: "int" });
    expect(valueOf("float(dlt.config['ratio'])")).toEqual({ $config: "ratio", $cast: "float" });
    expect(valueOf('bool(dlt.secrets["on"])')).toEqual({ $secret: "on", $cast: "bool" });
    expect(valueOf('int(os.environ["X"])')).toEqual({ $secret: "X", $cast: "int" });
    expect(valueOf('int(os.getenv("X"))')).toEqual({ $secret: "X", $cast: "int", $get: true });
    expect(valueOf("int(LIM)", 'LIM = dlt.config["lim"]')).toEqual({ $config: "lim", $cast: "int" });
  });

  it("keeps os.environ's flag on the cast node (its value is text, not what dlt's providers make of it)", () => {
    const root = parseDocument('import os\nconfig = {"client": {"base_url": "https://h/"}, "v": int(os.environ["X"])}\n', "python").root;
    const v = root?.kind === "object" ? root.entries.find((e) => e.key === "v")?.value : undefined;
    expect(v).toMatchObject({ kind: "ref", name: "X", environ: true, cast: "int" });
  });

  it("str() of a reference stays text made of it (a $format), as before", () => {
    expect(valueOf('str(dlt.secrets["id"])')).toEqual({ $format: [{ $secret: "id" }] });
  });

  it("casts a default Python knows where the variable is not set: int(os.getenv('X', '10')) is 10", () => {
    expect(valueOf('int(os.getenv("X", "10"))')).toBe(10);
    expect(valueOf('bool(os.getenv("X", "false"))')).toBe(true);
    expect(valueOf('float(os.getenv("X", "0.5"))')).toBe(0.5);
    // Python raises, or restplay would lose the float (10.0): left as code.
    expect(valueOf('int(os.getenv("X", "abc"))')).toEqual({ $python: 'int(os.getenv("X", "abc"))' });
    expect(valueOf('float(os.getenv("X", "10"))')).toEqual({ $python: 'float(os.getenv("X", "10"))' });
  });

  it("leaves anything fancier as code", () => {
    expect(valueOf('int(dlt.config["lim"]) + 1')).toEqual({ $python: 'int(dlt.config["lim"]) + 1' });
    expect(valueOf('int(dlt.config["lim"], 16)')).toEqual({ $python: 'int(dlt.config["lim"], 16)' });
    expect(valueOf('int(float(dlt.config["lim"]))')).toEqual({ $python: 'int(float(dlt.config["lim"]))' });
    expect(valueOf('"n" + int(dlt.config["lim"])')).toEqual({ $python: '"n" + int(dlt.config["lim"])' });
    // A file's own `int` is not Python's.
    expect(valueOf('int(dlt.config["lim"])', "def int(x):\n    return x")).toEqual({ $python: 'int(dlt.config["lim"])' });
  });

  it("reads a cast in an f-string replacement as a part of the text", () => {
    expect(valueOf("f\"p{int(dlt.config['n'])}\"")).toEqual({ $format: ["p", { $config: "n", $cast: "int" }] });
  });
});

describe("a cast reference in JSON and YAML, and back to Python", () => {
  const config = { client: { base_url: "https://h/" }, v: { $config: "lim", $cast: "int" }, w: { $secret: "on", $cast: "bool" } };

  it("JSON and YAML read `$cast` beside the reference; other keys or casts are data", () => {
    expect(plain(writeJson(config), "json")).toEqual(config);
    expect(plain(writeYaml(config), "yaml")).toEqual(config);
    expect(plain('{"v": {"$config": "lim", "$cast": "str"}}', "json")).toEqual({ v: { $config: "lim", $cast: "str" } });
  });

  it("is written on one line in JSON and YAML, and as the call in Python", () => {
    expect(writeJson(config)).toContain('"v": {"$config": "lim", "$cast": "int"}');
    expect(writeYaml(config)).toContain("v: { $config: lim, $cast: int }");
    expect(writeJson({ u: { $format: ["p", { $config: "n", $cast: "int" }] } })).toContain(
      '"u": {"$format": ["p", {"$config": "n", "$cast": "int"}]}',
    );
    const python = writePythonLiteral(config);
    expect(python).toContain('"v": int(dlt.config["lim"])');
    expect(python).toContain('"w": bool(dlt.secrets["on"])');
  });

  it("JSON → Python → JSON gives the cast back", () => {
    const python = `import dlt\nconfig = ${writePythonLiteral(plain(writeJson(config), "json"))}\n`;
    expect(plain(writeJson(plain(python) as PlainValue), "json")).toEqual(config);
  });
});
