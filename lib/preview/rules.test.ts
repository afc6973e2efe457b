/** dlt's rules one by one (the golden cases cover them end to end): naming, Python's spellings, coercion. */
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { computeTag, Naming, normalizeIdentifier } from "./naming";
import { coerceValue, CoercionError } from "./coerce";
import { decimalFromFloat, decimalFromText } from "./decimal";
import { parseIso } from "./datetime";
import { inferType } from "./infer";
import { jsonCellText, PyFloat, PyInt, pyStr } from "./values";
import { pyFloatRepr } from "../shared";

describe("snake_case naming", () => {
  it("normalises keys as paths, as dlt does", () => {
    const keys = [
      "BankTransactionID",
      "UpdatedDateUTC",
      "contactId",
      "Email Address",
      "a-b",
      "1st",
      "trailing_",
      "x__y",
      "__meta",
      "suffix__",
      "x___y",
      "HTMLParser",
      "_dlt_id",
      "",
      " ",
      "৩rd",
      "naïve",
    ];
    expect(keys.map(normalizeIdentifier)).toEqual([
      "bank_transaction_id",
      "updated_date_utc",
      "contact_id",
      "email_address",
      "a_b",
      "_1st",
      "trailingx",
      "x__y",
      "meta",
      "suffix",
      "x___y",
      "html_parser",
      "_dlt_id",
      "_empty",
      "_empty",
      "_৩rd",
      "na_ve",
    ]);
  });

  it("shortens to an identifier limit with dlt's shake_128 tags", () => {
    for (const s of ["", "abc", "x".repeat(300)]) {
      expect(computeTag(s)).toBe(
        createHash("shake128", { outputLength: 4 })
          .update(s)
          .digest("base64")
          .replace(/=+$/, "")
          .replace(/\//g, "a")
          .replace(/\+/g, "b")
          .toLowerCase(),
      );
    }
    const n = new Naming(63);
    expect(n.path("measurement_configuration_parameter_for_the_primary_calibration_routine_value")).toBe(
      "measurement_configuration_parrickdgry_calibration_routine_value",
    );
    expect(new Naming(null).path("a".repeat(100))).toHaveLength(100);
  });
});

describe("Python's spellings", () => {
  it("repr(float)", () => {
    expect([3, 0.1, -0, 1e16, 1.5e-5, 123.456, 1e22, 0.0001, 2.5e-7].map(pyFloatRepr)).toEqual([
      "3.0",
      "0.1",
      "-0.0",
      "1e+16",
      "1.5e-05",
      "123.456",
      "1e+22",
      "0.0001",
      "2.5e-07",
    ]);
  });
  it("str() of values dlt writes into text columns", () => {
    expect([true, false, 5, new PyFloat(5), new PyInt("12345678901234567"), 2.5].map(pyStr)).toEqual([
      "True",
      "False",
      "5",
      "5.0",
      "12345678901234567",
      "2.5",
    ]);
  });
  it("Decimal(float) keeps the binary expansion; Decimal(text) its digits", () => {
    expect(decimalFromFloat(19.99)).toBe("19.989999999999998436805981327779591083526611328125");
    expect([decimalFromFloat(1), decimalFromFloat(0.5), decimalFromFloat(1e-7).slice(0, 6), decimalFromFloat(-0)]).toEqual([
      "1",
      "0.5",
      "9.9999",
      "-0",
    ]);
    expect(["0.50", " 1.000 ", "1e3", "0.0000001", "1_000", "abc", "0x1F"].map(decimalFromText)).toEqual([
      "0.50",
      "1.000",
      "1E+3",
      "1E-7",
      "1000",
      null,
      "31",
    ]);
  });
});

describe("type detection and coercion", () => {
  it("detects ISO date-times only (not dates, times or impossible dates)", () => {
    expect(
      ["2025-03-09T07:45:00Z", "2025-03-09 07:45", "2025-03-09", "07:45:00", "2025-02-29T10:00:00Z", "Sun, 09 Mar 2025 07:45:00 GMT"].map(
        inferType,
      ),
    ).toEqual(["timestamp", "timestamp", "text", "text", "text", "text"]);
    expect(["2024/01/15 10:30", "20241:2", "2024-W01-1T10", "2024", "2024/01/15"].map(inferType)).toEqual([
      "timestamp",
      "timestamp",
      "timestamp",
      "text",
      "text",
    ]);
    expect(parseIso("2025-03-09T04:15:00-0330")?.kind).toBe("datetime");
  });

  it("coerces as dlt's dispatch table, or refuses (a variant column follows)", () => {
    expect(coerceValue("text", "bool", true)).toBe("True");
    expect(coerceValue("bigint", "double", new PyFloat(11))).toBe(11);
    expect(coerceValue("bigint", "text", " 42 ")).toBe(42);
    expect(coerceValue("bool", "text", "no")).toBe(false);
    expect(coerceValue("double", "bigint", 3)).toBe(3);
    expect(coerceValue("timestamp", "bigint", 1738339200)).toBe("2025-01-31T16:00:00+00:00");
    expect(coerceValue("timestamp", "text", "2025-01-31T09:15:00+01:00", false)).toBe("2025-01-31T08:15:00");
    expect(coerceValue("date", "text", "2025-02-01T23:30:00-05:00")).toBe("2025-02-02");
    expect(coerceValue("json", "text", '{"a": 1}')).toEqual({ a: 1 });
    // Python's json reads an integer `-0` as 0 and keeps a float `-0.0` negative (dlt-diff --matrix).
    const zeros = coerceValue("json", "text", '{"a": -0, "b": "x-0", "c": [-0.0, -0.5, -0e1]}') as { a: number; b: string; c: number[] };
    expect([Object.is(zeros.a, 0), zeros.b, Object.is(zeros.c[0], -0), zeros.c[1], Object.is(zeros.c[2], -0)]).toEqual([
      true,
      "x-0",
      true,
      -0.5,
      true,
    ]);
    expect(Object.is(coerceValue("json", "text", "-0"), 0)).toBe(true);
    // orjson's loads keeps floats spelled whole and integers up to 64 bits exact, and reads a larger integer as a float.
    const spelled = coerceValue("json", "text", '{"a": 1.0, "b": [2e2, 9007199254740993, 18446744073709551616], "c": {"d": -0.0}}');
    expect(jsonCellText(spelled)).toBe('{"a":1.0,"b":[200.0,9007199254740993,1.8446744073709552e+19],"c":{"d":-0.0}}');
    expect(jsonCellText(coerceValue("json", "text", '[1, "2.0", 0.5]'))).toBe('[1,"2.0",0.5]');
    // Text as pendulum 3 reads it (scripts/dlt-diff.ts against dlt 1.26): common formats, week and
    // ordinal dates; a number of seconds only where the text is no date (pendulum 2 read `12` as a time).
    expect(coerceValue("timestamp", "text", "2024")).toBe("2024-01-01T00:00:00+00:00");
    expect(coerceValue("timestamp", "text", "2024/01/15 10:30")).toBe("2024-01-15T10:30:00+00:00");
    expect(coerceValue("date", "text", "2024-W01-1")).toBe("2024-01-01");
    expect(coerceValue("timestamp", "text", "12")).toBe("1970-01-01T00:00:12+00:00");
    expect(coerceValue("time", "text", "12:30:45+02:00")).toBe("10:30:45");
    // Python's int(), float() and Decimal() read every Unicode decimal digit.
    expect(coerceValue("bigint", "text", "１２")).toBe(12);
    expect(coerceValue("double", "text", "٣.٥")).toBe(3.5);
    expect(coerceValue("decimal", "text", "𝟏𝟐.𝟓")).toBe("12.5");
    for (const [to, from, v] of [
      ["bigint", "double", 2.5],
      ["bigint", "bool", true],
      ["bool", "text", "maybe"],
      ["timestamp", "text", "soon"],
      ["timestamp", "text", "10:30"],
      ["time", "text", "2024"],
    ] as const) {
      expect(() => coerceValue(to, from, v)).toThrow(CoercionError);
    }
  });
});
