/**
 * A reference's value as dlt's config providers read its text (auto_cast, checked with dlt 1.26.0 on a loopback API):
 * an f-string formats it with Python's str() (`2.0`, `True`, `100.0` for `1e2`, `{'a': 1}`); in a path or a query it
 * is sent as requests sends that value (`0x10` → `16`); in a `json` body it is that value; an endpoint header whose
 * value is not text fails the resource before any request, as requests refuses it.
 */
import { describe, expect, it } from "vitest";
import { RefResolver } from "./refs";
import { collect, fakeFetch, json } from "../testing/engine";

describe("RefResolver: a reference's value as dlt reads it", () => {
  it("an f-string part is Python's str() of it (dlt 1.26.0 sent these in a path and a header)", () => {
    const cases: [string, string][] = [
      ["2.0", "v2.0"],
      ["True", "vTrue"],
      ["1e2", "v100.0"],
      ["0x10", "v16"],
      ['{"a": 1}', "v{'a': 1}"],
      ['[1, "x"]', "v[1, 'x']"],
      [" 7 ", "v7"],
      ["1_000", "v1000"],
      ["inf", "vinf"],
      ["abc", "vabc"],
    ];
    for (const [value, joined] of cases) expect(new RefResolver({ v: value }).bind({ $format: ["v", { $config: "v" }] })).toBe(joined);
  });

  it("cast: numbers, bools, dicts as Python holds them; text stays text (auth binds text)", () => {
    const refs = new RefResolver({ n: "8080", f: "2.0", b: "false", d: '{"limit": 2.0, "big": 99999999999999999999}', t: "x" });
    const v = { n: { $config: "n" }, f: { $config: "f" }, b: { $config: "b" }, d: { $config: "d" }, t: { $config: "t" } };
    expect(refs.bind(v, true)).toEqual({
      n: 8080,
      f: { $number: "2.0" },
      b: false,
      d: { limit: { $number: "2.0" }, big: { $number: "99999999999999999999" } },
      t: "x",
    });
    expect(refs.bind(v)).toEqual({ n: "8080", f: "2.0", b: "false", d: '{"limit": 2.0, "big": 99999999999999999999}', t: "x" });
  });
});

describe("a run with references in a path, a query, a body and a header", () => {
  const config = {
    client: { base_url: "https://api.test/" },
    resources: [
      {
        name: "items",
        endpoint: {
          path: "items/{id}",
          method: "POST",
          params: { id: { $config: "id" }, v: { $config: "v" } },
          json: { port: { $config: "id" }, ratio: { $config: "v" } },
          headers: { "X-Token": { $secret: "token" } },
          paginator: "single_page",
        },
      },
    ],
  };

  it("sends each as dlt does: 0x10 as 16, 1e2 as 100.0 in the path and query, numbers in the body", async () => {
    const api = fakeFetch(() => json([{ id: 1 }]));
    const run = await collect(config, api.fetch, { secrets: { id: "0x10", v: "1e2", token: "abc" } });
    expect(run.errors).toEqual([]);
    expect(api.calls[0]!.url).toBe("https://api.test/items/16?v=100.0");
    expect(api.calls[0]!.body).toBe('{"port": 16, "ratio": 100.0}');
    expect(api.calls[0]!.headers["x-token"]).toBe("abc");
  });

  it("a header value dlt reads as a number fails the resource with requests' InvalidHeader, masked, and sends nothing", async () => {
    const api = fakeFetch(() => json([{ id: 1 }]));
    const run = await collect(config, api.fetch, { secrets: { id: "1", v: "1", token: "12345" } });
    expect(api.calls).toHaveLength(0);
    expect(run.errors[0]).toMatchObject({ code: "invalid_request", resource: "items" });
    expect(run.errors[0]!.message).toContain(
      "InvalidHeader: Header part (1*****5) from {'X-Token': 1*****5} must be of type str or bytes, not <class 'int'>",
    );
  });
});

describe("a whole body or params dict given as a reference (JSON text)", () => {
  it("is sent as dlt sends it: 2.0 a float, an integer past 2^53 its digits (dlt 1.26.0 sent these bytes)", async () => {
    const api = fakeFetch(() => json([{ id: 1 }]));
    const config = {
      client: { base_url: "https://api.test/" },
      resources: [
        {
          name: "items",
          endpoint: { path: "items", method: "POST", json: { $config: "body" }, params: { $config: "params" }, paginator: "single_page" },
        },
      ],
    };
    const secrets = { body: '{"n": 99999999999999999999, "f": 2.0, "s": "a", "t": true}', params: '{"p": 2.0, "q": 12345678901234567890}' };
    const run = await collect(config, api.fetch, { secrets });
    expect(run.errors).toEqual([]);
    expect(api.calls[0]!.url).toBe("https://api.test/items?p=2.0&q=12345678901234567890");
    expect(api.calls[0]!.body).toBe('{"n": 99999999999999999999, "f": 2.0, "s": "a", "t": true}');
  });
});

describe("RefResolver: a reference with Python's int(), float() or bool() around it (decision 0047)", () => {
  it("is Python's cast of what dlt hands over, in a query or a body, whatever `cast` says", () => {
    const refs = new RefResolver({ n: "2.7", f: "2", b: "false", t: "x" });
    const v = {
      n: { $config: "n", $cast: "int" as const },
      f: { $config: "f", $cast: "float" as const },
      b: { $config: "b", $cast: "bool" as const },
      t: { $secret: "t", $cast: "bool" as const },
    };
    expect(refs.bind(v, true)).toEqual({ n: 2, f: { $number: "2.0" }, b: false, t: true });
    expect(refs.bind(v)).toEqual({ n: 2, f: { $number: "2.0" }, b: false, t: true });
  });

  it("os.environ's text is cast as it is (bool('false') is True), and an f-string formats the cast value", () => {
    const refs = new RefResolver({ E: "false", N: " 7 " }, ["E", "N"]);
    expect(refs.bind({ $secret: "E", $cast: "bool" })).toBe(true);
    expect(refs.bind({ $format: ["p", { $secret: "N", $cast: "float" }] })).toBe("p7.0");
  });
});

describe("a secret sent as the number dlt or Python makes of it", () => {
  it("is masked in the trace as that number too, not only as the text given (int() of 00123456 is sent as 123456)", async () => {
    const api = fakeFetch(() => json([{ id: 1 }]));
    const config = {
      client: { base_url: "https://api.test/" },
      resources: [
        {
          name: "items",
          endpoint: {
            path: "items",
            params: { pin: { $secret: "pin", $cast: "int" as const }, acct: { $secret: "acct" } },
            headers: { "X-Tag": { $format: ["t", { $secret: "tag" }] } },
            paginator: "single_page",
          },
        },
      ],
    };
    const run = await collect(config, api.fetch, { secrets: { pin: "00123456", acct: "0x77abcd", tag: "1e6" } });
    expect(run.errors).toEqual([]);
    // Sent as dlt sends them: Python's int(), dlt's reading of 0x77abcd (an int), str() of 1e6 (1000000.0).
    expect(api.calls[0]!.url).toBe(`https://api.test/items?pin=123456&acct=${0x77abcd}`);
    expect(api.calls[0]!.headers["x-tag"]).toBe("t1000000.0");
    const traced = JSON.stringify(run.events);
    for (const spelled of ["123456", String(0x77abcd), "1000000.0"]) expect(traced).not.toContain(spelled);
  });
});
