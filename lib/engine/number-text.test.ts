import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseBody, parseJson } from "../shared";
import type { NumberText } from "./types";
import { resolved } from "../testing/engine";

/** The page events of a run of `config` against `fetch` (on a virtual clock). */
async function pagesOf(config: unknown, fetch: (req: Request) => Promise<Response>) {
  const { extract } = await import("./extract");
  const { createVirtualClock } = await import("./clock");
  const { fetchTransport } = await import("./fetch-transport");
  const pages = [];
  for await (const e of extract(
    { source: resolved(config), secrets: {} },
    { transport: fetchTransport(fetch), ...createVirtualClock(), virtualClock: true },
  ))
    if (e.type === "page") pages.push(e);
  return pages;
}

describe("number spellings JSON.parse changes", () => {
  it("parses to the same value as JSON.parse, and keeps whole floats and big integers", () => {
    const sink = new WeakMap<object, NumberText>();
    const text = '{"a": 3.0, "b": [1, 2e2, 0.5, 12345678901234567], "c": {"d": -0.0, "e": 7}, "__proto__": {"x": 1.0}}';
    const value = parseJson(text, sink) as { b: unknown[]; c: object; __proto__: object };
    expect(value).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(sink.get(value)).toEqual(
      JSON.parse('{"a": "3.0", "b": {"1": "2e2", "3": "12345678901234567"}, "c": {"d": "-0.0"}, "__proto__": {"x": "1.0"}}'),
    );
    expect(sink.get(value.b)).toEqual({ 1: "2e2", 3: "12345678901234567" });
    expect(sink.get(value.c)).toEqual({ d: "-0.0" });
  });

  it("agrees with JSON.parse on any JSON, and rejects what it rejects", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(parseJson(text, new WeakMap())).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
    for (const bad of ["{", "[1,]", '{"a":1,}', "01", "tru", '"\\x"', "1 2"])
      expect(() => parseJson(bad, new WeakMap())).toThrow(SyntaxError);
  });

  it("parseBody keeps the spellings JSON.parse changes, and records nothing for plain bodies", () => {
    const plain =
      '{"price": 19.99, "id": 123456789012345, "big": 9007199254740991, "at": "2025-01-01", "r": 0.14285714285714285, ' +
      '"t": "2024-01-01T00:00:00.000Z", "s": "3.0 and 12345678901234567"}';
    const sink = new WeakMap<object, NumberText>();
    const value = parseBody(plain, sink);
    expect(value).toEqual(JSON.parse(plain));
    expect(sink.get(value as object)).toBeUndefined();
    const spelled: [string, unknown][] = [
      ["[3.0]", { 0: "3.0" }],
      ["[1e3]", { 0: "1e3" }],
      ['{"a": 12345678901234567}', { a: "12345678901234567" }],
      ['{"a": -12345678901234567}', { a: "-12345678901234567" }],
      ["[1.50e2 ]", { 0: "1.50e2" }],
      // Rounded to a whole number by JSON.parse, found by its size: a float for Python.
      ['{"a": 12345678901234567890.5}', { a: "12345678901234567890.5" }],
    ];
    for (const [text, expected] of spelled) {
      const s = new WeakMap<object, NumberText>();
      const v = parseBody(text, s);
      expect(v).toEqual(JSON.parse(text));
      expect(s.get(v as object)).toEqual(expected);
    }
  });

  it("parseBody walks deeply nested bodies without recursion", () => {
    const depth = 100_000;
    const sink = new WeakMap<object, NumberText>();
    let v = parseBody("[".repeat(depth) + "1" + "]".repeat(depth), sink);
    for (let i = 0; i < depth; i++) v = (v as unknown[])[0] as never;
    expect(v).toBe(1);
    // Too deep for parseJson's recursion: read as JSON all the same, without the spellings.
    let deep = parseBody("[".repeat(depth) + "3.0" + "]".repeat(depth), sink);
    for (let i = 0; i < depth; i++) deep = (deep as unknown[])[0] as never;
    expect(deep).toBe(3);
  });
});

describe("pages carry number_text", () => {
  it("for dict records, records wrapped as {value}, and child records with include_from_parent", async () => {
    const bodies: Record<string, string> = {
      "https://x.test/a": '[{"id": 1, "v": 2.0}, 3.0, [1.0], 4]',
      "https://x.test/b/1": '[{"w": 5.0}]',
    };
    const fetch = async (r: Request) => new Response(bodies[r.url] ?? "[]", { headers: { "content-type": "application/json" } });
    const config = {
      client: { base_url: "https://x.test", paginator: "single_page" },
      resources: [
        { name: "a", endpoint: { path: "a" } },
        { name: "b", include_from_parent: ["v"], endpoint: { path: "b/{resources.a.id}" } },
      ],
    } as const;
    const pages = await pagesOf(config, fetch);
    expect(pages[0]!.number_text).toEqual([{ v: "2.0" }, { value: "3.0" }, { value: { 0: "1.0" } }, null]);
    // The included `_a_v` keeps the parent's spelling: dlt loads it as a double (checked with dlt 1.26.0).
    expect(pages[1]!.number_text).toEqual([{ w: "5.0", _a_v: "2.0" }]);
  });

  it("for scalars a `sorted` selector moves, and `str()` prints a whole float as dlt's Python does", async () => {
    const body = '{"data": [2.0, 1, 3.5e0], "total": 2.0}';
    const fetch = async () => new Response(body, { headers: { "content-type": "application/json" } });
    const run = async (data_selector: string) => {
      const config = {
        client: { base_url: "https://x.test", paginator: "single_page" },
        resources: [{ name: "a", endpoint: { path: "a", data_selector } }],
      };
      return (await pagesOf(config, fetch))[0]!;
    };
    const sorted = await run("data.`sorted`");
    expect(sorted.records).toEqual([{ value: 1 }, { value: 2 }, { value: 3.5 }]);
    expect(sorted.number_text).toEqual([null, { value: "2.0" }, null]);
    expect((await run("$.total.`str()`")).records).toEqual([{ value: "2.0" }]);
  });

  it("1e400, NaN and ±Infinity are null in a response (Python reads floats, dlt's extract writes null)", async () => {
    const body = '{"data": [{"a": 1e400, "b": -1e999, "c": 2.0}, {"d": NaN, "e": [-Infinity]}]}';
    const fetch = async () => new Response(body, { headers: { "content-type": "application/json" } });
    const config = {
      client: { base_url: "https://x.test", paginator: "single_page" },
      resources: [{ name: "a", endpoint: { path: "a" } }],
    };
    const pages = await pagesOf(config, fetch);
    expect(pages[0]!.records).toEqual([
      { a: null, b: null, c: 2 },
      { d: null, e: [null] },
    ]);
    // The preview sees the null dlt loads: their spellings stay with the engine, for requests that carry them.
    expect(pages[0]!.number_text).toEqual([{ c: "2.0" }, null]);
    expect(parseBody("[1e400]", new WeakMap())).toEqual([Infinity]);
  });
});
