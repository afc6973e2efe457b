import { describe, expect, it } from "vitest";
import { isIndexKey, isKeyOrder, orderedKeys, type KeyOrder } from "./key-order";
import { parseBody, parseJson, type NumberText } from "./json";

/** The value and the orders `parseBody` records for `text`. */
function parsed(text: string) {
  const orders = new WeakMap<object, KeyOrder>();
  const value = parseBody(text, new WeakMap<object, NumberText>(), { orders });
  return { value, order: typeof value === "object" && value !== null ? (orders.get(value) ?? null) : null, orders };
}

describe("key order", () => {
  it("knows the keys JavaScript lists first (canonical array indices up to 2^32 − 2)", () => {
    for (const k of ["0", "7", "2023", "4294967294"]) expect(isIndexKey(k), k).toBe(true);
    for (const k of ["", "07", "-1", "1.5", "1e3", " 1", "4294967295", "99999999999", "a1"]) expect(isIndexKey(k), k).toBe(false);
    // The definition itself: JavaScript puts exactly these before a string key.
    for (const k of ["4294967294", "4294967295", "07"]) expect(Object.keys({ a: 1, [k]: 2 })[0] === k).toBe(isIndexKey(k));
  });

  it("records an object's keys only where JavaScript's order differs from the text's", () => {
    expect(parsed('{"a": 1, "2": 2}').order).toEqual({ keys: ["a", "2"] });
    expect(parsed('{"2": 1, "10": 2}').order).toBeNull();
    expect(parsed('{"10": 1, "2": 2}').order).toEqual({ keys: ["10", "2"] });
    expect(parsed('{"a": 1, "b": 2}').order).toBeNull();
    // A duplicate key keeps its first place (Python's dict and JavaScript alike), its last value.
    const dup = parsed('{"b": 1, "1": 2, "b": 3}');
    expect(dup.value).toEqual({ 1: 2, b: 3 });
    expect(dup.order).toEqual({ keys: ["b", "1"] });
  });

  it("in the shape of the value: lists by position, containers above an ordered object", () => {
    const { value, order, orders } = parsed('{"x": [{"q": 1}, {"q": 1, "5": 2}], "__proto__": {"z": 0, "1": 1}}');
    expect(order).toEqual({ at: { x: { at: { 1: { keys: ["q", "5"] } } }, ["__proto__"]: { keys: ["z", "1"] } } });
    expect(Object.hasOwn(order!.at!, "__proto__")).toBe(true);
    // Each container has its own entry, so a selected record finds its order without its page.
    const x = (value as { x: object[] }).x;
    expect(orders.get(x[1]!)).toEqual({ keys: ["q", "5"] });
    expect(orders.get(x[0]!)).toBeUndefined();
  });

  it("parses a body JSON.parse reads alone again only when it has such a key, and only when asked to", () => {
    const text = '[{"id": 1, "2": 3}]';
    expect(parsed(text).value).toEqual(JSON.parse(text));
    expect(parsed(text).orders.get((parsed(text).value as object[])[0]!)).toBeUndefined(); // a new parse, new objects
    const { value, orders } = parsed(text);
    expect(orders.get((value as object[])[0]!)).toEqual({ keys: ["id", "2"] });
    // Without `orders`, the same value and nothing recorded (callers that do not need it pay nothing).
    expect(parseJson(text, new WeakMap())).toEqual(JSON.parse(text));
  });

  it("walks an object's keys in the recorded order, then keys it gained since in JavaScript's", () => {
    const obj = { ...JSON.parse('{"id": 1, "2": 3}'), _parent_v: 9, 7: 1 } as object;
    expect(orderedKeys(obj, { keys: ["id", "2"] })).toEqual(["id", "2", "7", "_parent_v"]);
    // A recorded key the object lost is skipped; no order recorded: JavaScript's is the text's.
    expect(orderedKeys({ a: 1 }, { keys: ["gone", "a"] })).toEqual(["a"]);
    expect(orderedKeys(obj, null)).toBeNull();
    expect(orderedKeys(obj, { at: {} })).toBeNull();
  });

  it("reads a KeyOrder back from a stream only when it has the shape", () => {
    expect(isKeyOrder({ keys: ["a", "1"], at: { x: { keys: [] } } })).toBe(true);
    expect(isKeyOrder({})).toBe(true);
    for (const bad of [null, [], "x", { keys: "a" }, { keys: [1] }, { at: [] }, { at: { x: { keys: {} } } }])
      expect(isKeyOrder(bad)).toBe(false);
  });
});
