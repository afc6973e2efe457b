/**
 * `dlt.config.get("x")` / `dlt.secrets.get("x", int)` in a pasted Python config: read as the reference with `$get`
 * (`{"$config": "x", "$get": true}`, `"$get": "int"` with Python's own type), kept through JSON and YAML and written back
 * as Python wrote it — dlt's `get` differs from `dlt.config["x"]` (None without a value, the text uncast, the type's cast).
 */
import { describe, expect, it } from "vitest";
import { parseDocument, toPlain, writeJson, writePythonLiteral, writeYaml, type PlainValue, type SourceFormat } from "./index";

const plain = (text: string, format: SourceFormat = "python"): PlainValue => {
  const root = parseDocument(text, format).root;
  return root === null ? null : toPlain(root);
};
const valueOf = (expr: string): PlainValue =>
  (plain(`import dlt\nconfig = {"client": {"base_url": "https://h/"}, "v": ${expr}}\n`) as { v: PlainValue }).v;

describe("the Python reader: dlt's get", () => {
  it("reads get without a type, with Python's types, and cast around it", () => {
    expect(valueOf('dlt.config.get("lim")')).toEqual({ $config: "lim", $get: true });
    expect(valueOf('dlt.secrets.get("k", int)')).toEqual({ $secret: "k", $get: "int" });
    for (const t of ["float", "bool", "str", "dict", "list"])
      expect(valueOf(`dlt.config.get("x", ${t})`)).toEqual({ $config: "x", $get: t });
    expect(valueOf('int(dlt.config.get("lim"))')).toEqual({ $config: "lim", $get: true, $cast: "int" });
    expect(valueOf("f\"v{dlt.config.get('p', int)}\"")).toEqual({ $format: ["v", { $config: "p", $get: "int" }] });
  });

  it("leaves a type restplay does not know as code", () => {
    expect(valueOf('dlt.config.get("x", MyType)')).toEqual({ $python: 'dlt.config.get("x", MyType)' });
  });

  it("keeps get through JSON and YAML, and writes it back as Python", () => {
    const v = { client: { base_url: { $config: "b", $get: true } }, limit: { $config: "lim", $get: "int", $cast: "float" } };
    const json = writeJson(v);
    expect(json).toContain('"base_url": {"$config": "b", "$get": true}');
    expect(plain(json, "json")).toEqual(v);
    expect(plain(writeYaml(v), "yaml")).toEqual(v);
    const py = writePythonLiteral(v);
    expect(py).toContain('dlt.config.get("b")');
    expect(py).toContain('float(dlt.config.get("lim", int))');
  });

  it("reads a dict with $get and another key, or a $get of another type, as data", () => {
    expect(plain('{"a": {"$config": "b", "$get": "uuid"}}', "json")).toEqual({ a: { $config: "b", $get: "uuid" } });
    const root = parseDocument('{"a": {"$config": "b", "$get": "uuid"}}', "json").root;
    const a = root?.kind === "object" ? root.entries[0]?.value : undefined;
    expect(a?.kind).toBe("object");
  });
});
