import { describe, expect, it } from "vitest";
import { collect, fakeFetch, items, json, one } from "../testing/engine";
import { createVirtualClock } from "./index";

const TOKEN_URL = "https://auth.test/token";
const oauth = (extra: object = {}) => ({
  auth: {
    type: "oauth2_client_credentials",
    access_token_url: TOKEN_URL,
    client_id: { $secret: "client_id" },
    client_secret: { $secret: "client_secret" },
    ...extra,
  },
});
const secrets = { client_id: "the-client", client_secret: "sensitive-secret" };
const linked = { data_selector: "data", paginator: "json_link" };
/** Pages 1..3 linked by `next`; tokens tok1, tok2… with the given lifetime. */
function oauthApi(opts: { expiresIn?: number | null; onApi?: (req: Request, page: number) => Response | undefined } = {}) {
  let issued = 0;
  return fakeFetch((req, _n, url) => {
    if (url.origin === "https://auth.test")
      return json({
        access_token: `tok${++issued}`,
        token_type: "bearer",
        ...(opts.expiresIn === null ? {} : { expires_in: opts.expiresIn ?? 3600 }),
      });
    const page = url.pathname === "/items" ? 1 : Number(url.pathname.slice(2));
    return opts.onApi?.(req, page) ?? json({ data: items(page * 10, 2), next: page < 3 ? `/p${page + 1}` : null });
  });
}
const paths = (api: ReturnType<typeof fakeFetch>) =>
  api.calls.map((c) => `${c.method} ${new URL(c.url).pathname} ${c.headers.authorization ?? ""}`.trim());

describe("oauth2_client_credentials", () => {
  it("POSTs the form once, sends the bearer token on every page and reuses it", async () => {
    const api = oauthApi();
    const run = await collect(one(linked, oauth({ access_token_request_data: { scope: "read" } })), api.fetch, { secrets });
    expect(paths(api)).toEqual(["POST /token", "GET /items Bearer tok1", "GET /p2 Bearer tok1", "GET /p3 Bearer tok1"]);
    const token = api.calls[0]!;
    expect(token.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(token.body).toBe("client_id=the-client&client_secret=sensitive-secret&grant_type=client_credentials&scope=read");
    expect(run.of("auth").map((a) => a.step)).toEqual(["token_request", "token_ok", "token_cached"]);
    expect(run.of("auth")[1]!.detail).toBe("token received, valid for 3600 s (expires_in)");
    const tokenRequest = run.of("request")[0]!;
    expect(tokenRequest).toMatchObject({
      page: 0,
      method: "POST",
      url: TOKEN_URL,
      body: "client_id=t*****t&client_secret=s*****t&grant_type=client_credentials&scope=read",
    });
    expect(run.of("response")[0]!.body_preview).toEqual({ access_token: "t*****1", token_type: "bearer", expires_in: 3600 });
    expect(run.of("request")[1]!.headers.authorization).toBe("Bearer t*****1");
    expect(run.records).toHaveLength(6);
  });
  it("each resource gets its own token (auth is instantiated per resource, as in dlt)", async () => {
    const api = oauthApi();
    const cfg = {
      client: { base_url: "https://api.test", ...oauth() },
      resources: [
        { name: "a", endpoint: { path: "/p3", data_selector: "data" } },
        { name: "b", endpoint: { path: "/p3", data_selector: "data" } },
      ],
    };
    await collect(cfg, api.fetch, { secrets });
    expect(paths(api)).toEqual(["POST /token", "GET /p3 Bearer tok1", "POST /token", "GET /p3 Bearer tok2"]);
  });
  it("fetches a new token once expires_in has passed on the (virtual) clock", async () => {
    const clock = createVirtualClock(0);
    const api = oauthApi({
      expiresIn: 60,
      onApi: (_r, page) => {
        if (page === 2) void clock.sleep(61_000);
        return undefined;
      },
    });
    // The second answer takes 61 s of virtual time: within a raised request_timeout.
    const run = await collect(one(linked, oauth()), api.fetch, { secrets, clock, limits: { requestTimeoutMs: 120_000 } });
    expect(paths(api)).toEqual(["POST /token", "GET /items Bearer tok1", "GET /p2 Bearer tok1", "POST /token", "GET /p3 Bearer tok2"]);
    expect(run.of("auth").map((a) => `${a.step}: ${a.detail}`)).toEqual([
      "token_request: POST https://auth.test/token (grant_type=client_credentials, client_id, client_secret)",
      "token_ok: token received, valid for 60 s (expires_in)",
      "token_cached: reusing the token (valid for 60 s more)",
      "token_refresh: the token expired 1 s ago: fetching a new one",
      "token_request: POST https://auth.test/token (grant_type=client_credentials, client_id, client_secret)",
      "token_ok: token received, valid for 60 s (expires_in)",
    ]);
  });
  it("uses default_token_expiration when the response has no expires_in", async () => {
    const clock = createVirtualClock(0);
    const api = oauthApi({ expiresIn: null, onApi: (_r, page) => (page === 1 ? (void clock.sleep(11_000), undefined) : undefined) });
    const run = await collect(one(linked, oauth({ default_token_expiration: 10 })), api.fetch, { secrets, clock });
    expect(paths(api)).toEqual(["POST /token", "GET /items Bearer tok1", "POST /token", "GET /p2 Bearer tok2", "GET /p3 Bearer tok2"]);
    expect(run.of("auth")[1]!.detail).toBe("token received, valid for 10 s (default_token_expiration)");
  });
  it("a 401 from the API drops the token, fetches a new one and retries the request once", async () => {
    const api = oauthApi({
      onApi: (req, page) =>
        page === 2 && req.headers.get("authorization") === "Bearer tok1" ? json({ error: "invalid_token" }, 401) : undefined,
    });
    const run = await collect(one(linked, oauth()), api.fetch, { secrets });
    expect(paths(api)).toEqual([
      "POST /token",
      "GET /items Bearer tok1",
      "GET /p2 Bearer tok1",
      "POST /token",
      "GET /p2 Bearer tok2",
      "GET /p3 Bearer tok2",
    ]);
    expect(
      run
        .of("auth")
        .filter((a) => a.step === "token_refresh")
        .map((a) => a.detail),
    ).toEqual(["the API answered 401: fetching a fresh token and trying once more"]);
    const p2 = run.of("request").filter((r) => r.url === "https://api.test/p2");
    expect(p2.map((r) => [r.request_id, r.attempt])).toEqual([
      [p2[0]!.request_id, 1],
      [p2[0]!.request_id, 2],
    ]);
    expect(run.of("retry")).toEqual([]);
    expect(run.records).toHaveLength(6);
  });
  it("a fresh token that is rejected too ends in http_error 401", async () => {
    const api = oauthApi({ onApi: () => json({ error: "invalid_token" }, 401) });
    const run = await collect(one(linked, oauth()), api.fetch, { secrets });
    expect(paths(api)).toEqual(["POST /token", "GET /items Bearer tok1", "POST /token", "GET /items Bearer tok2"]);
    expect(run.errors[0]).toMatchObject({ code: "http_error", status: 401 });
    expect(run.errors[0]!.message).toContain(
      "401 Client Error: Unauthorized for url: https://api.test/items (a freshly fetched token was rejected too)",
    );
  });
  it("with the seed error_handler listing 401, the retry waits and fetches a fresh token first", async () => {
    const api = oauthApi({ onApi: (req) => (req.headers.get("authorization") === "Bearer tok1" ? json({}, 401) : undefined) });
    const run = await collect(
      one(
        {
          path: "/p3",
          data_selector: "data",
          error_handler: { retry_on_status_codes: [401, 403, 429], max_retries: 3, backoff_factor: 30 },
        },
        oauth(),
      ),
      api.fetch,
      { secrets },
    );
    expect(paths(api)).toEqual(["POST /token", "GET /p3 Bearer tok1", "POST /token", "GET /p3 Bearer tok2"]);
    expect(run.sleeps).toEqual([30_000]);
    expect(run.of("retry")[0]).toMatchObject({ status: 401, wait_ms: 30_000 });
  });
  it("a failed token request is auth_failed with the status and the masked body; no API request is made", async () => {
    const api = fakeFetch(() => json({ error: "invalid_client", echo: "sensitive-secret" }, 401));
    const run = await collect(one(linked, oauth()), api.fetch, { secrets });
    expect(api.calls).toHaveLength(1);
    expect(run.errors[0]).toMatchObject({ code: "auth_failed", status: 401, resource: "r", url: TOKEN_URL });
    expect(run.errors[0]!.message).toBe(
      'The token request to https://auth.test/token failed: 401 Client Error: Unauthorized for url: https://auth.test/token\nResponse: {"error":"invalid_client","echo":"s*****t"}',
    );
    const down = fakeFetch(() => json({}, 503));
    const downRun = await collect(one(linked, oauth()), down.fetch, { secrets });
    expect(down.calls).toHaveLength(5);
    expect(downRun.errors[0]).toMatchObject({ code: "auth_failed", status: 503 });
  });
  it("the seed dialect `oauth2` (token_url, scope) runs as client credentials", async () => {
    const api = oauthApi();
    await collect(
      one(
        { path: "/p3", data_selector: "data" },
        {
          auth: {
            type: "oauth2",
            token_url: "https://auth.test/oauth2/v2.0/token",
            client_id: { $secret: "client_id" },
            client_secret: { $secret: "client_secret" },
            scope: "api://x/.default",
          },
        },
      ),
      api.fetch,
      { secrets },
    );
    expect(api.calls[0]!.url).toBe("https://auth.test/oauth2/v2.0/token");
    expect(api.calls[0]!.body).toBe(
      "client_id=the-client&client_secret=sensitive-secret&grant_type=client_credentials&scope=api%3A%2F%2Fx%2F.default",
    );
    expect(paths(api).slice(1)).toEqual(["GET /p3 Bearer tok1"]);
  });
});

describe("static credentials", () => {
  const single = { data_selector: "data", paginator: "single_page" };
  const run = async (client: object, endpoint: object = single, s: Record<string, string> = {}) => {
    const api = fakeFetch(() => json({ data: [] }));
    const r = await collect(one(endpoint, client), api.fetch, { secrets: s });
    return { call: api.calls[0], calls: api.calls, run: r };
  };
  it("api_key in the query string (seeds 002/003) is redacted in events", async () => {
    const { call, run: r } = await run(
      { auth: { type: "api_key", name: "api_key", api_key: { $secret: "api_key" }, location: "query" } },
      { ...single, params: { q: "x" } },
      { api_key: "k-123456" },
    );
    expect(call!.url).toBe("https://api.test/items?q=x&api_key=k-123456");
    expect(r.of("request")[0]!.url).toBe("https://api.test/items?q=x&api_key=***");
  });
  it("api_key in a header is the raw value (no Bearer prefix); default name Authorization", async () => {
    expect((await run({ auth: { type: "api_key", api_key: "k-1" } })).call!.headers.authorization).toBe("k-1");
    const custom = await run({ auth: { type: "api_key", name: "X-API-Key", api_key: "k-2", location: "header" } });
    expect(custom.call!.headers["x-api-key"]).toBe("k-2");
    expect(custom.run.of("request")[0]!.headers["x-api-key"]).toBe("k*****2");
  });
  it("api_key in a cookie is unsupported, like dlt's NotImplementedError, before any request", async () => {
    const { calls, run: r } = await run({ auth: { type: "api_key", api_key: "k", location: "cookie" } });
    expect(calls).toHaveLength(0);
    expect(r.errors[0]).toMatchObject({ code: "unsupported" });
  });
  it("bearer (typed and typeless) and http_basic", async () => {
    expect((await run({ auth: { type: "bearer", token: "t0-token" } })).call!.headers.authorization).toBe("Bearer t0-token");
    expect((await run({ auth: { token: "t1-token" } })).call!.headers.authorization).toBe("Bearer t1-token");
    expect((await run({ auth: { type: "http_basic", username: "user", password: "pässword" } })).call!.headers.authorization).toBe(
      `Basic ${Buffer.from("user:pässword").toString("base64")}`,
    );
  });
  it("endpoint auth overrides the client's; endpoint auth null disables it", async () => {
    const client = { auth: { type: "bearer", token: "client-token" } };
    expect((await run(client, { ...single, auth: { type: "http_basic", username: "u", password: "p" } })).call!.headers.authorization).toBe(
      `Basic ${btoa("u:p")}`,
    );
    expect((await run(client, { ...single, auth: null })).call!.headers.authorization).toBeUndefined();
  });
  it("a Python auth object is unsupported; a missing credential is a missing_secret; neither makes a request", async () => {
    const py = await run({ auth: { $python: "MyAuth()" } });
    expect(py.calls).toHaveLength(0);
    expect(py.run.errors[0]).toMatchObject({ code: "unsupported" });
    const shorthand = await run({ auth: "bearer" });
    expect(shorthand.calls).toHaveLength(0);
    expect(shorthand.run.errors[0]).toMatchObject({ code: "missing_secret" });
    expect(shorthand.run.errors[0]!.message).toContain('"token": dlt.secrets["token"]');
  });
  it("a missing secret stops that resource before any request, names it and how to provide it", async () => {
    const api = fakeFetch(() => json({ data: [] }));
    const cfg = {
      client: { base_url: "https://api.test" },
      resources: [
        {
          name: "needs",
          endpoint: {
            path: "/a",
            ...single,
            auth: {
              type: "oauth2",
              token_url: TOKEN_URL,
              client_id: { $secret: "client_id" },
              client_secret: { $secret: "client_secret" },
            },
          },
        },
        { name: "free", endpoint: { path: "/b", ...single } },
      ],
    };
    const r = await collect(cfg, api.fetch, { secrets: { client_secret: "sensitive-secret" } });
    expect(api.urls()).toEqual(["https://api.test/b"]);
    expect(r.errors).toEqual([
      {
        code: "missing_secret",
        resource: "needs",
        message:
          'Missing dlt.secrets["client_id"]: this run has no value for it ' +
          "(dlt reads it from .dlt/secrets.toml or the environment: CLIENT_ID).",
      },
    ]);
    expect(r.of("resource_done").map((d) => [d.resource, d.ok])).toEqual([
      ["needs", false],
      ["free", true],
    ]);
  });
});
