/**
 * dlt's `get` (`dltGet`), each answer recorded from dlt 1.26.0: `dlt.config.get(name)` / `dlt.config.get(name, type)` with
 * the value in the environment (text), or as TOML holds it.
 */
import { describe, expect, it } from "vitest";
import { dltGet } from "./py-cast";
import type { Json } from "./json";
import type { RefGet } from "./markers";

const raises = (type: string) => ({
  error: `ConfigValueCannotBeCoercedException: Configured value for field \`x\` cannot be coerced into type \`<class '${type}'>\``,
});
const get = (handed: Json | undefined, type: RefGet = true) => dltGet("x", type, handed);

describe("dlt's get", () => {
  it("gives None for a value that is not set, whatever the type", () => {
    for (const t of [true, "int", "float", "bool", "str", "dict", "list"] as const) expect(get(undefined, t)).toEqual({ value: null });
  });

  it("hands the environment's text over uncast without a type (LIM=10 gives '10', BO=false 'false')", () => {
    expect(get("10")).toEqual({ value: "10" });
    expect(get("false")).toEqual({ value: "false" });
    expect(get('{"a": 1}')).toEqual({ value: '{"a": 1}' });
    expect(get("")).toEqual({ value: "" });
  });

  it("reads text as int: stripped, 0x hex, underscores; a float's text raises", () => {
    expect(get("10", "int")).toEqual({ value: 10 });
    expect(get(" 12 ", "int")).toEqual({ value: 12 });
    expect(get("0x10", "int")).toEqual({ value: 16 });
    expect(get("1_000", "int")).toEqual({ value: 1000 });
    for (const t of ["2.7", "false", "", "yes", '{"a": 1}']) expect(get(t, "int")).toEqual(raises("int"));
  });

  it("reads text as float (10 is 10.0, 0x10 is 16.0)", () => {
    expect(get("10", "float")).toEqual({ value: { $number: "10.0" } });
    expect(get("2.7", "float")).toEqual({ value: 2.7 });
    expect(get("0x10", "float")).toEqual({ value: { $number: "16.0" } });
    expect(get("false", "float")).toEqual(raises("float"));
  });

  it("reads text as bool with dlt's str2bool (yes is True, 10 raises)", () => {
    expect(get("false", "bool")).toEqual({ value: false });
    expect(get("yes", "bool")).toEqual({ value: true });
    for (const t of ["10", "2.7", "", "0x10"]) expect(get(t, "bool")).toEqual(raises("bool"));
  });

  it("keeps text as str, and reads a JSON dict or list only as that type", () => {
    expect(get(" 12 ", "str")).toEqual({ value: " 12 " });
    expect(get('{"a": 1}', "dict")).toEqual({ value: { a: 1 } });
    expect(get('{"a": 1}', "list")).toEqual(raises("list"));
    expect(get("[1, 2]", "list")).toEqual({ value: [1, 2] });
    expect(get("[1, 2]", "dict")).toEqual(raises("dict"));
    expect(get("10", "dict")).toEqual(raises("dict"));
  });

  it("casts TOML's own values: an int as a float or a bool, a float as str, a bool as 'True', a table as a list", () => {
    expect(get(10, "float")).toEqual({ value: { $number: "10.0" } });
    expect(get(10, "bool")).toEqual({ value: true });
    expect(get(10, "str")).toEqual({ value: "10" });
    expect(get(2.5, "int")).toEqual(raises("int"));
    expect(get(2.5, "str")).toEqual({ value: "2.5" });
    expect(get(true, "int")).toEqual(raises("int"));
    expect(get(true, "str")).toEqual({ value: "True" });
    expect(get({ a: 1 }, "list")).toEqual({ value: { a: 1 } });
    expect(get({ a: 1 }, "int")).toEqual(raises("int"));
  });
});
