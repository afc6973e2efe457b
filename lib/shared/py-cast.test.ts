/**
 * Python's int(), float() and bool() of what a reference gives, as Python 3 computes them (each case run in dlt 1.26.0's
 * venv: `int(" 12 ")`, `int("1.5")`, `float(10**400)`, …), and the cast beside a reference's marker.
 */
import { describe, expect, it } from "vitest";
import { pyCast } from "./py-cast";
import { dltConfigValue } from "./dlt";
import { markerOf, refOf, refSpelling, refValue, soleMarker } from "./markers";

const value = (c: "int" | "float" | "bool", v: Parameters<typeof pyCast>[1]) => {
  const r = pyCast(c, v);
  return "value" in r ? r.value : r.error;
};

describe("pyCast: text (os.environ[...] is text whatever it holds)", () => {
  it("int() reads a base-10 integer with spaces and single underscores, else ValueError", () => {
    expect(value("int", "12")).toBe(12);
    expect(value("int", " 12 ")).toBe(12);
    expect(value("int", "1_000")).toBe(1000);
    expect(value("int", "+5")).toBe(5);
    expect(value("int", "１２")).toBe(12);
    expect(value("int", "123456789012345678901234567890")).toEqual({ $number: "123456789012345678901234567890" });
    expect(value("int", "1.5")).toBe("ValueError: invalid literal for int() with base 10: '1.5'");
    expect(value("int", "0x10")).toBe("ValueError: invalid literal for int() with base 10: '0x10'");
    expect(value("int", "")).toBe("ValueError: invalid literal for int() with base 10: ''");
    expect(value("int", "1__0")).toBe("ValueError: invalid literal for int() with base 10: '1__0'");
  });

  it("float() reads Python's float spellings; a whole one stays a float (10.0)", () => {
    expect(value("float", "1e3")).toEqual({ $number: "1000.0" });
    expect(value("float", " 12 ")).toEqual({ $number: "12.0" });
    expect(value("float", "1.5")).toBe(1.5);
    expect(value("float", "nan")).toEqual({ $number: "nan" });
    expect(value("float", "-inf")).toEqual({ $number: "-inf" });
    expect(value("float", "abc")).toBe("ValueError: could not convert string to float: 'abc'");
    expect(value("float", "0x10")).toBe("ValueError: could not convert string to float: '0x10'");
  });

  it("bool() of text is True unless it is empty: bool('false') is True", () => {
    expect([value("bool", "false"), value("bool", "0"), value("bool", "")]).toEqual([true, true, false]);
  });

  it("a message shows the value as the caller says (a secret's masked)", () => {
    expect(pyCast("int", "s3cret", () => "'s*****t'")).toEqual({ error: "ValueError: invalid literal for int() with base 10: 's*****t'" });
  });
});

describe("pyCast: what dlt.config[...] hands over (dlt's auto_cast of the text)", () => {
  const cast = (c: "int" | "float" | "bool", text: string) => value(c, dltConfigValue(text));
  it("int() of dlt's int, float and bool", () => {
    expect(cast("int", "10")).toBe(10);
    expect(cast("int", "12.7")).toBe(12); // a TOML float, or LIM=12.7: dlt gives the float 12.7
    expect(cast("int", "1.5")).toBe(1);
    expect(cast("int", "1e3")).toBe(1000);
    expect(cast("int", "true")).toBe(1);
    expect(cast("int", "0x10")).toBe(16);
    expect(cast("int", "abc")).toBe("ValueError: invalid literal for int() with base 10: 'abc'");
    expect(cast("int", "nan")).toBe("ValueError: cannot convert float NaN to integer");
    expect(cast("int", "inf")).toBe("OverflowError: cannot convert float infinity to integer");
    expect(cast("int", '{"a": 1}')).toBe("TypeError: int() argument must be a string, a bytes-like object or a real number, not 'dict'");
  });

  it("float() and bool() of dlt's values: bool(dlt.config['f']) with false is False, an int 0 too", () => {
    expect(cast("float", "10")).toEqual({ $number: "10.0" });
    expect(cast("float", "2.5")).toBe(2.5);
    expect(cast("float", "1" + "0".repeat(400))).toBe("OverflowError: int too large to convert to float");
    expect(cast("float", "[1]")).toBe("TypeError: float() argument must be a string or a real number, not 'list'");
    expect([cast("bool", "false"), cast("bool", "0"), cast("bool", "{}"), cast("bool", "nan"), cast("bool", "x")]).toEqual([
      false,
      false,
      false,
      true,
      true,
    ]);
  });
});

describe("a reference's cast marker", () => {
  it("is the reference's, beside its marker; a cast restplay does not know leaves no reference", () => {
    expect(markerOf({ $config: "lim", $cast: "int" })).toBe("$config");
    expect(markerOf({ $cast: "bool", $secret: "on" })).toBe("$secret");
    expect(refOf({ $config: "lim", $cast: "float" })).toEqual({ kind: "config", name: "lim", cast: "float" });
    expect(markerOf({ $config: "lim", $cast: "str" })).toBeNull();
    expect(markerOf({ $python: "x", $cast: "int" })).toBeNull();
    expect(markerOf({ $cast: "int" })).toBeNull();
    expect(soleMarker({ $format: [], $cast: "int" })).toBeNull();
  });

  it("is written as Python spells it, and made back by refValue", () => {
    expect(refSpelling("config", "lim", "int")).toBe('int(dlt.config["lim"])');
    expect(refValue("secret", "id", "float")).toEqual({ $secret: "id", $cast: "float" });
    expect(refValue("secret", "id")).toEqual({ $secret: "id" });
  });
});
