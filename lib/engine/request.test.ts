/** Decision 0024: the request handed to the transport is what a WHATWG `Request` made of the same spec held. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildRequest, fullUrl, toQueryParams, type RequestSpec } from "./request";
import { EngineError, type Json } from "./types";
import { Masker } from "../shared";

const spec = (headers: Record<string, string>, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  method: "GET",
  url: "https://api.example.com/items",
  params: [],
  headers,
  ...extra,
});

/**
 * What the engine sent before decision 0024: the pairs of a `Request` built from the same spec, read
 * into an object as the live transport and the trace read them (a repeated `set-cookie`: the last).
 */
const SESSION = { accept: "*/*", "user-agent": "dlt/1.26.0" };

function asRequest(s: RequestSpec, body?: string): [string, string][] | "refused" {
  try {
    const headers = new Headers(s.headers);
    // dlt's session headers, under the request's own (requests merges the request's over the session's).
    for (const [k, v] of Object.entries(SESSION)) if (!headers.has(k)) headers.set(k, v);
    const request = new Request(s.url, { method: s.method, headers, ...(body !== undefined ? { body } : {}) });
    return Object.entries(Object.fromEntries(request.headers));
  } catch {
    return "refused";
  }
}

function built(s: RequestSpec): [string, string][] | "refused" {
  try {
    return Object.entries(buildRequest(s).headers);
  } catch (e) {
    if (e instanceof EngineError && e.code === "invalid_request") return "refused";
    throw e;
  }
}

const name = fc.oneof(
  fc.constantFrom(
    "Accept",
    "accept",
    "ACCEPT",
    "X-Api-Key",
    "x-api-key",
    "X-API-KEY",
    "Cookie",
    "cookie",
    "Set-Cookie",
    "set-cookie",
    "Content-Type",
    "Authorization",
    "x y",
    "",
    "ä",
  ),
  fc.stringMatching(/^[A-Za-z!#$%&'*+.^_`|~-]{1,8}$/),
);
const value = fc.oneof(
  fc.constantFrom("v", " padded\t", "a\nb", "nul\u0000", "é", "€", "", "  ", "Bearer abc"),
  fc.string({ maxLength: 8 }),
);

describe("buildRequest's headers", () => {
  it("are the pairs a Request holds for the same headers, or refused where a Request refuses them", () => {
    fc.assert(
      fc.property(fc.dictionary(name, value, { maxKeys: 6 }), (headers) => {
        expect(built(spec(headers))).toEqual(asRequest(spec(headers)));
      }),
      { numRuns: 2000 },
    );
  });

  it("a value with a long run of inner spaces loses only its edge whitespace, in one pass", () => {
    // `/[\t\n\r ]+$/` tried every space as the start of the trailing run: quadratic on a long inner run.
    const inner = `a${" ".repeat(200_000)}a`;
    expect(buildRequest(spec({ "X-Key": ` ${inner}\t` })).headers["x-key"]).toBe(inner);
    expect(new Masker([` ${inner}`]).text(`got ${inner}.`)).not.toContain(inner);
  });

  it("a str body goes as requests sends it: no content type, Latin-1 (dlt 1.26.0's bytes); JSON and forms keep theirs", () => {
    const post = (extra: Partial<RequestSpec>) => spec({ "X-Key": "k" }, { method: "POST", ...extra });
    expect(buildRequest(post({ data: "raw body é ~*" }))).toMatchObject({ body: "raw body é ~*", headers: { "x-key": "k" } });
    expect(buildRequest(post({ data: "raw body é ~*" })).headers["content-type"]).toBeUndefined();
    // http.client's words (dlt 1.26.0's error), the run of characters past U+00FF named.
    expect(() => buildRequest(post({ data: "a €😀" }))).toThrow(
      "UnicodeEncodeError: 'latin-1' codec can't encode characters in position 2-3: Body ('€😀') is not valid Latin-1.",
    );
    expect(() => buildRequest(post({ data: "é😀x" }))).toThrow("character '\\U0001f600' in position 1: Body ('😀') is not");
    expect(buildRequest(post({ json: { a: 1 } })).headers["content-type"]).toBe("application/json");
    expect(buildRequest(post({ data: { a: "1" } })).headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(buildRequest(spec({ "Content-Type": "text/csv" }, { method: "POST", data: "a,b" })).headers["content-type"]).toBe("text/csv");
  });

  it("params and form fields as requests' _encode_params and urlencode(doseq=True) write them (dlt 1.26.0's bytes)", () => {
    expect(toQueryParams({ l: [{ a: 1, b: 2 }, [null, 1.5], null, []], s: "x" })).toEqual([
      ["l", "a"],
      ["l", "b"],
      ["l", "None"],
      ["l", "1.5"],
      ["s", "x"],
    ]);
    const form = (data: Json) => buildRequest(spec({}, { method: "POST", data })).body;
    expect(form({ d: { k: "v", k2: "w" }, nl: [[1, null], { a: 1 }, "s", 1.5], b: false })).toBe(
      "d=k&d=k2&nl=1&nl=None&nl=a&nl=s&nl=1.5&b=False",
    );
    expect(
      form([
        ["k", { a: 1 }],
        ["m", [[2, 3]]],
      ]),
    ).toBe("k=a&m=2&m=3");
  });

  it("a lone surrogate in a param or form field fails the request with dlt 1.26.0's UnicodeEncodeError (positions in code points)", () => {
    const url = (params: [string, string][]) => fullUrl(spec({}, { params }));
    // Recorded from dlt 1.26.0 (ResourceExtractionError … caused an exception: <these words>).
    expect(() => url([["q", "ab\ud800c"]])).toThrow("'utf-8' codec can't encode character '\\ud800' in position 2: surrogates not allowed");
    expect(() => url([["q\udc00", "x"]])).toThrow(
      "`q\udc00` holds a lone surrogate (UnicodeEncodeError: 'utf-8' codec can't encode character '\\udc00' in position 1",
    );
    expect(() => url([["q", "\ud800\ud801"]])).toThrow("can't encode characters in position 0-1: surrogates not allowed");
    // Code points: the emoji before it is one position, as in Python.
    expect(() => url([["q", "😀\ud800"]])).toThrow("character '\\ud800' in position 1:");
    expect(() => url([["q", "ab\ud800c"]])).toThrow(EngineError);
    expect(url([["q", "😀 é"]])).toBe("https://api.example.com/items?q=%F0%9F%98%80+%C3%A9");
    expect(() => buildRequest(spec({}, { method: "POST", data: { f: "x\udfff" } }))).toThrow("encodes form fields as UTF-8");
  });

  it("carries dlt's session headers (User-Agent: dlt/1.26.0, Accept: */*) unless the config sets its own, in any case", () => {
    expect(buildRequest(spec({})).headers).toMatchObject(SESSION);
    const own = buildRequest(spec({ "USER-AGENT": "mine/1", Accept: "application/json" })).headers;
    expect(own).toMatchObject({ "user-agent": "mine/1", accept: "application/json" });
    expect(Object.keys(own).filter((k) => k === "user-agent" || k === "accept")).toHaveLength(2);
  });

  it("a header named __proto__ is sent as configured (Node's Headers dropped it without a word)", () => {
    const headers: Record<string, string> = {};
    Object.defineProperty(headers, "__proto__", { value: "x", enumerable: true, writable: true, configurable: true });
    expect(asRequest(spec(headers))).toEqual(Object.entries(SESSION));
    expect(built(spec(headers))).toEqual([["__proto__", "x"], ...Object.entries(SESSION)]);
  });

  it("a URL with credentials is refused as a Request refuses it", () => {
    expect(() => buildRequest(spec({}, { url: "https://user:pw@api.example.com/items" }))).toThrow(/could not be built/);
  });

  it("a JSON body with an infinite float fails as requests fails it (dlt 1.26.0: InvalidJSONError; restplay sent null)", () => {
    const post = (json: Json) => () => buildRequest(spec({}, { method: "POST", json }));
    expect(post({ l: [1.5, Infinity] })).toThrow("Out of range float values are not JSON compliant");
    expect(post({ n: { $number: "-inf" } as unknown as Json })).toThrow(EngineError);
    expect(post({ n: 1e300 })).not.toThrow();
  });
});
