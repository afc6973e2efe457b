import { describe, expect, it } from "vitest";
import { pyYamlType } from "./yaml-1-1";
import { parseDocument } from "./index";

/** `yaml.safe_load("v: <text>")` with PyYAML 6 (the dlt oracle's): the type of `v`, and its value for integers. */
const PYYAML: [string, string, number | null][] = [
  ["yes", "bool", null],
  ["No", "bool", null],
  ["ON", "bool", null],
  ["off", "bool", null],
  ["y", "str", null],
  ["n", "str", null],
  ["true", "bool", null],
  ["False", "bool", null],
  ["~", "null", null],
  ["null", "null", null],
  ["Null", "null", null],
  ["0", "int", 0],
  ["010", "int", 8],
  ["0o10", "str", null],
  ["0x1F", "int", 31],
  ["0b101", "int", 5],
  ["1_000", "int", 1000],
  ["1:30", "int", 90],
  ["-1:30", "int", -90],
  ["190:20:30", "int", 685230],
  ["1.5", "float", null],
  ["1.", "float", null],
  ["1e3", "str", null],
  ["1.0e3", "str", null],
  ["1.0e+3", "float", null],
  [".5", "float", null],
  [".inf", "float", null],
  ["-.Inf", "float", null],
  [".nan", "float", null],
  ["2024-01-01", "timestamp", null],
  ["2024-1-1", "str", null],
  ["2024-01-01T00:00:00Z", "timestamp", null],
  ["2024-01-01 10:00:00", "timestamp", null],
  ["2024-01-01t10:00:00.5+02:00", "timestamp", null],
  ["<<", "merge", null],
  ["=", "value", null],
  ["plain", "str", null],
  ["12abc", "str", null],
  ["+12", "int", 12],
  ["-0", "int", 0],
  ["0.0", "float", null],
  ["1__0", "int", 10],
  ["0_7", "int", 7],
];

describe("YAML as yaml.safe_load reads it (YAML 1.1)", () => {
  it("resolves every plain scalar to the type PyYAML does", () => {
    expect(PYYAML.map(([text]) => [text, pyYamlType(text)])).toEqual(PYYAML.map(([text, type]) => [text, type]));
  });

  it("warns where restplay's YAML 1.2 reading differs, the integer's value included, with a fix that means the same in both", () => {
    const doc = parseDocument(PYYAML.map(([text], i) => `k${i}: ${text}`).join("\n") + "\n", "yaml");
    const warned = new Map(doc.diagnostics.filter((d) => d.code === "yaml_1_1_value").map((d) => [d.path, d]));
    const differs = (i: number) => warned.has(`/k${i}`);
    const at = (text: string) => PYYAML.findIndex(([t]) => t === text);
    for (const text of [
      "yes",
      "off",
      "010",
      "0o10",
      "1_000",
      "1:30",
      "1e3",
      "1.0e3",
      "2024-01-01",
      "2024-01-01T00:00:00Z",
      "=",
      "1__0",
      "0_7",
    ])
      expect(differs(at(text)), text).toBe(true);
    for (const text of ["y", "true", "~", "0", "0x1F", "1.5", "1.0e+3", ".inf", "plain", "12abc", "+12", "2024-1-1"])
      expect(differs(at(text)), text).toBe(false);
    expect(warned.get(`/k${at("010")}`)!.message).toContain("the integer 8");
    expect(warned.get(`/k${at("yes")}`)!.fixes![0]!.edits[0]!.newText).toBe('"yes"');
    expect(warned.get(`/k${at("1e3")}`)!.fixes![0]!.edits[0]!.newText).toBe("1000");
    // The second fix takes dlt's reading (where the schema wants a boolean or an integer, that is the one that validates).
    const second = (text: string) => warned.get(`/k${at(text)}`)!.fixes!.map((f) => f.edits[0]!.newText);
    expect(second("yes")).toEqual(['"yes"', "true"]);
    expect(second("off")).toEqual(['"off"', "false"]);
    expect(second("1_000")).toEqual(['"1_000"', "1000"]);
    expect(second("010")).toEqual(["10", "8"]);
    expect(second("2024-01-01")).toEqual(['"2024-01-01"']);
  });
});
