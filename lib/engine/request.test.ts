/** Decision 0024: the request handed to the transport is what a WHATWG `Request` made of the same spec held. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildRequest, type RequestSpec } from "./request";
import { EngineError } from "./types";

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
function asRequest(s: RequestSpec, body?: string): [string, string][] | "refused" {
  try {
    const headers = new Headers(s.headers);
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

  it("a text body without a content type gets the one a Request gives it; JSON and forms keep theirs", () => {
    const post = (extra: Partial<RequestSpec>) => spec({ "X-Key": "k" }, { method: "POST", ...extra });
    expect(built(post({ data: "raw text" }))).toEqual(asRequest(post({}), "raw text"));
    expect(buildRequest(post({ json: { a: 1 } })).headers["content-type"]).toBe("application/json");
    expect(buildRequest(post({ data: { a: "1" } })).headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(buildRequest(spec({ "Content-Type": "text/csv" }, { method: "POST", data: "a,b" })).headers["content-type"]).toBe("text/csv");
  });

  it("a header named __proto__ is sent as configured (Node's Headers dropped it without a word)", () => {
    const headers: Record<string, string> = {};
    Object.defineProperty(headers, "__proto__", { value: "x", enumerable: true, writable: true, configurable: true });
    expect(asRequest(spec(headers))).toEqual([]);
    expect(built(spec(headers))).toEqual([["__proto__", "x"]]);
  });

  it("a URL with credentials is refused as a Request refuses it", () => {
    expect(() => buildRequest(spec({}, { url: "https://user:pw@api.example.com/items" }))).toThrow(/could not be built/);
  });
});
