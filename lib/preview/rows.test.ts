import { describe, expect, it } from "vitest";
import { ExactInt, jsonPieces, stringifyJson } from "./rows";

const joined = (value: unknown, space?: number) => [...jsonPieces(value, space)].join("");

describe("JSON in pieces", () => {
  const values: [string, unknown][] = [
    ["a primitive", 42],
    ["a string with a newline", "a\nb"],
    ["null", null],
    ["an exact integer alone", new ExactInt("123456789012345678901")],
    ["empty containers", { a: [], b: {}, c: [[], {}] }],
    ["leaves and containers mixed in one list", [1, { a: 1 }, { b: [1] }, null, "x", [2], { c: { d: 1 } }, undefined, 3]],
    [
      "a long list of rows with a large one among them",
      Array.from({ length: 20_000 }, (_, i) =>
        i === 300 ? { j: { k: Array.from({ length: 20_000 }, (_, n) => ({ n })) } } : { i, s: `r${i}` },
      ),
    ],
    [
      "a run summary's shape",
      {
        ok: true,
        resources: [
          {
            name: "items",
            records: [
              { id: 1, tags: ["a"] },
              { id: 2, nested: { deep: [1, { x: null }] } },
            ],
          },
        ],
        tables: [
          {
            name: "items",
            columns: [{ name: "id", data_type: "bigint", nullable: false }],
            rows: [
              { id: new ExactInt("98765432109876543210"), json_col: { k: [1, 2] }, s: "x\ny", n: null },
              { id: 2, json_col: null, s: "", n: 1.5 },
            ],
          },
        ],
      },
    ],
    ["skipped values", { u: undefined, f: () => 1, keep: 1, list: [undefined, () => 1, { a: undefined }] }],
    ["toJSON", { when: new Date(Date.UTC(2024, 0, 2)), inner: [{ toJSON: () => ({ swapped: [1] }) }] }],
    ["an own __proto__ key, as JSON.parse makes it", JSON.parse('{"__proto__": [{"a": 1}], "b": {"c": [2]}}') as unknown],
    ["keys that need escaping", { 'a"b': { "\u0000": [1] }, __proto__x: [{ y: 1 }] }],
  ];
  it.each(values)("%s: the pieces joined are stringifyJson's text, compact and indented", (_name, value) => {
    expect(joined(value)).toBe(stringifyJson(value));
    expect(joined(value, 2)).toBe(stringifyJson(value, 2));
    expect(joined(value, 4)).toBe(stringifyJson(value, 4));
  });

  it("writes a large document in pieces of some thousand values each", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ id: i, name: `row ${i}`, tags: null }));
    const doc = { tables: [{ name: "t", rows }] };
    const pieces = [...jsonPieces(doc, 2)];
    expect(pieces.length).toBeGreaterThan(5);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1024 * 1024);
    expect(pieces.join("")).toBe(stringifyJson(doc, 2));
  });
});
