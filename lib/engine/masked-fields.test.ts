/** Issue 12: `request`/`response` events mask `url` and `headers` on first read, and read as plain fields in order. */
import { describe, expect, it } from "vitest";
import { Masker } from "../shared";
import { maskedUrlOf, withMaskedRequest, withMaskedResponse } from "./masked-fields";

const SECRET = "sk-live-0123456789abcdef";

describe("masked event fields", () => {
  it("masks a request's url and headers once, and JSON.stringify, spreads and structuredClone see them in place", () => {
    const masker = new Masker([SECRET]);
    const event: { body?: string } & ReturnType<typeof withMaskedRequest<{ type: string; method: string }>> = withMaskedRequest(
      { type: "request", method: "GET" },
      masker,
      `https://api.example.com/items?api_key=abc&q=${SECRET}`,
      { authorization: `Bearer ${SECRET}`, "x-note": `has ${SECRET}` },
    );
    event.body = "b";
    const headers = event.headers;
    expect(event.url).not.toContain(SECRET);
    expect(event.url).not.toContain("abc");
    expect(JSON.stringify(headers)).not.toContain(SECRET);
    expect(event.headers).toBe(headers);
    expect(maskedUrlOf(event)).toBe(event.url);
    expect(Object.keys(JSON.parse(JSON.stringify(event)) as object)).toEqual(["type", "method", "url", "headers", "body"]);
    expect({ ...event }.headers).toBe(headers);
    expect(structuredClone(event)).toEqual({ type: "request", method: "GET", url: event.url, headers, body: "b" });
  });

  it("masks a response's headers on first read", () => {
    const masker = new Masker([SECRET]);
    const event = withMaskedResponse({ type: "response", size: 0 }, masker, new Map([["set-cookie", `s=${SECRET}`]]));
    expect(JSON.stringify(event)).not.toContain(SECRET);
    expect(Object.keys(event)).toEqual(["type", "size", "headers"]);
  });
});
