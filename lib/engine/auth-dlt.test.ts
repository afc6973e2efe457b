/**
 * Auth as dlt 1.26.0 sends it, where a loopback comparison against dlt (requests recorded by a logging
 * server) found restplay sending other bytes: dlt/sources/helpers/rest_client/auth.py.
 */
import { describe, expect, it } from "vitest";
import { collect, fakeFetch, items, json, one } from "../testing/engine";

const TOKEN_URL = "https://auth.test/token";
const single = { data_selector: "data", paginator: "single_page" };
const linked = { data_selector: "data", paginator: "json_link" };
const oauth = (extra: object = {}) => ({
  auth: {
    type: "oauth2_client_credentials",
    access_token_url: TOKEN_URL,
    client_id: "the-client",
    client_secret: "sensitive-secret",
    ...extra,
  },
});
const raw = (text: string) => new Response(text, { headers: { "content-type": "application/json" } });

/** An API whose token endpoint answers `token` (a JSON text) and whose pages 1..3 are linked by `next`. */
function api(token: string) {
  return fakeFetch((_req, _n, url) => {
    if (url.origin === "https://auth.test") return raw(token);
    const page = url.pathname === "/items" ? 1 : Number(url.pathname.slice(2));
    return json({ data: items(page * 10, 2), next: page < 3 ? `/p${page + 1}` : null });
  });
}
const sent = (a: ReturnType<typeof fakeFetch>) =>
  a.calls.map((c) => `${c.method} ${new URL(c.url).pathname} ${c.headers.authorization ?? ""}`.trim());

describe("auth headers replace a header of the same name in any case (requests' CaseInsensitiveDict)", () => {
  it("bearer over an endpoint's `authorization` header, api_key over `X-API-Key`", async () => {
    const bearer = fakeFetch(() => json({ data: [] }));
    await collect(
      one({ ...single, headers: { authorization: "Token foo" } }, { auth: { type: "bearer", token: "tok-over" } }),
      bearer.fetch,
    );
    expect(bearer.calls[0]!.headers.authorization).toBe("Bearer tok-over");
    const key = fakeFetch(() => json({ data: [] }));
    const auth = { type: "api_key", name: "x-api-key", api_key: "auth-key-9" };
    await collect(one({ ...single, headers: { "X-API-Key": "endpoint-key" } }, { auth }), key.fetch);
    expect(key.calls[0]!.headers["x-api-key"]).toBe("auth-key-9");
  });
});

describe("api_key in the query", () => {
  it("is appended after the request's own parameters, even one of the same name (requests' prepare_url)", async () => {
    const a = fakeFetch(() => json({ data: [] }));
    const auth = { type: "api_key", name: "key", api_key: "auth-key-2", location: "query" };
    await collect(one({ ...single, params: { key: "endpoint-val", x: 1 } }, { auth }), a.fetch);
    expect(a.calls[0]!.url).toBe("https://api.test/items?key=endpoint-val&x=1&key=auth-key-2");
  });
});

describe("a header value sent without its edge whitespace", () => {
  it("is still masked in the trace", async () => {
    const a = fakeFetch(() => json({ data: [] }));
    const run = await collect(one(single, { auth: { type: "api_key", name: "X-K", api_key: " lead-key" } }), a.fetch);
    expect(a.calls[0]!.headers["x-k"]).toBe("lead-key");
    expect(JSON.stringify(run.events)).not.toContain("lead-key");
  });
});

describe("oauth2_client_credentials' token request and response", () => {
  it("form-encodes access_token_request_data as requests does: lists repeated, a dict's keys, Python's True", async () => {
    const a = api('{"access_token": "t1", "expires_in": 3600}');
    const data = { scope: "read write", lst: ["a", "b"], b: true, f: 1.5, none: null, d: { k1: 1, k2: 2 } };
    await collect(one(linked, oauth({ access_token_request_data: data })), a.fetch);
    expect(a.calls[0]!.body).toBe(
      "client_id=the-client&client_secret=sensitive-secret&grant_type=client_credentials" +
        "&scope=read+write&lst=a&lst=b&b=True&f=1.5&d=k1&d=k2",
    );
  });
  it("sends no Accept of its own: dlt's session's headers, as on every request", async () => {
    const a = api('{"access_token": "t1"}');
    await collect(one(linked, oauth()), a.fetch);
    expect(a.calls[0]!.headers).toMatchObject({ accept: "*/*", "user-agent": "dlt/1.26.0" });
  });
  it("reads expires_in with Python's int(): a float is cut to whole seconds, a string is parsed", async () => {
    const half = api('{"access_token": "t1", "expires_in": 0.5}');
    await collect(one(linked, oauth()), half.fetch);
    // int(0.5) is 0: the token is expired at once, so every request fetches one.
    expect(sent(half).filter((s) => s.startsWith("POST"))).toHaveLength(3);
    const text = api('{"access_token": "t1", "expires_in": " 3_600 "}');
    const run = await collect(one(linked, oauth()), text.fetch);
    expect(sent(text).filter((s) => s.startsWith("POST"))).toHaveLength(1);
    expect(run.of("auth")[1]!.detail).toBe("token received, valid for 3600 s (expires_in)");
  });
  it("an expires_in int() refuses fails the resource, naming Python's error; no API request is made", async () => {
    const cases: [string, string][] = [
      ['"soon"', "ValueError: invalid literal for int() with base 10: 'soon'"],
      ['"3600.0"', "ValueError: invalid literal for int() with base 10: '3600.0'"],
      ["null", "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'"],
      ["[1]", "TypeError: int() argument must be a string, a bytes-like object or a real number, not 'list'"],
    ];
    for (const [value, error] of cases) {
      const a = api(`{"access_token": "t1", "expires_in": ${value}}`);
      const run = await collect(one(linked, oauth()), a.fetch);
      expect(sent(a)).toEqual(["POST /token"]);
      expect(run.errors[0]).toMatchObject({ code: "auth_failed", resource: "r" });
      expect(run.errors[0]!.message).toContain(error);
    }
  });
  it("a token that is no string is sent as Python's str() writes it", async () => {
    const a = api('{"access_token": 1.0}');
    await collect(one(linked, oauth()), a.fetch);
    expect(a.calls[1]!.headers.authorization).toBe("Bearer 1.0");
    const d = api('{"access_token": {"a": 1, "b": "x"}}');
    await collect(one(linked, oauth()), d.fetch);
    expect(d.calls[1]!.headers.authorization).toBe("Bearer {'a': 1, 'b': 'x'}");
  });
  it("a response without access_token sends `Bearer None`, as dlt does, with a warning saying why", async () => {
    const a = api('{"token": "t1", "expires_in": 3600}');
    const run = await collect(one(linked, oauth()), a.fetch);
    expect(sent(a)).toEqual(["POST /token", "GET /items Bearer None", "GET /p2 Bearer None", "GET /p3 Bearer None"]);
    expect(run.records).toHaveLength(6);
    const warning = run.of("warning").find((w) => w.code === "no_access_token");
    expect(warning?.message).toContain("has no `access_token` (keys: token, expires_in)");
    // "None" is not a secret: records and messages keep it.
    expect(run.of("request")[1]!.headers.authorization).toBe("Bearer N*****e");
  });
  it("a token response that is not a JSON object fails as dlt's `.get` on it does", async () => {
    const a = api('["t1"]');
    const run = await collect(one(linked, oauth()), a.fetch);
    expect(sent(a)).toEqual(["POST /token"]);
    expect(run.errors[0]).toMatchObject({ code: "auth_failed" });
    expect(run.errors[0]!.message).toContain("AttributeError: 'list' object has no attribute 'get'");
  });
});

describe("a credential a header cannot carry", () => {
  it("fails the resource naming the cause dlt fails on (http.client's Latin-1), not the value", async () => {
    const a = fakeFetch(() => json({ data: [] }));
    const run = await collect(one(single, { auth: { type: "bearer", token: "tok€n-x" } }), a.fetch);
    expect(a.calls).toHaveLength(0);
    expect(run.errors[0]).toMatchObject({ code: "invalid_request" });
    expect(run.errors[0]!.message).toContain("holds a character past U+00FF (at position 10)");
    expect(run.errors[0]!.message).toContain("'latin-1' codec can't encode character");
    expect(run.errors[0]!.message).not.toContain("tok€n");
  });
});
