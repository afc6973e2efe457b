import { describe, expect, it } from "vitest";
import { collect, fakeFetch, items, json, one, type Call } from "../testing/engine";

const KEY = "k3y-abcdef-123456";
const TOKEN = "t0ken-zyxwvu-987654";
const to = (location: string, status = 302) => new Response(null, { status, headers: { location } });
const leaked = (calls: readonly Call[], secret: string) => calls.filter((c) => JSON.stringify(c).includes(secret)).map((c) => c.url);

const apiKeyHeader = { auth: { type: "api_key", name: "X-API-Key", api_key: { $secret: "key" }, location: "header" } };
const apiKeyQuery = { auth: { type: "api_key", name: "api_key", api_key: { $secret: "key" }, location: "query" } };
const bearer = { auth: { type: "bearer", token: { $secret: "token" } } };
const secrets = { key: KEY, token: TOKEN };

describe("credentials stay on their origin: redirects", () => {
  it.each([
    ["an X-API-Key header", apiKeyHeader],
    ["an api_key query parameter", apiKeyQuery],
    ["a bearer token", bearer],
  ])("%s is not sent to another origin a redirect leads to; the trace says so once", async (_what, client) => {
    // The API echoes the query string into the Location, as many do.
    const api = fakeFetch((_r, _n, url) =>
      url.host === "api.test" ? to(`https://cdn.other.test/items${url.search}`) : json({ data: items(0, 2) }),
    );
    const run = await collect(one({ data_selector: "data", paginator: "single_page" }, client), api.fetch, { secrets });
    expect(api.urls()[1]).toMatch(/^https:\/\/cdn\.other\.test\/items/);
    expect(leaked(api.calls, KEY)).toEqual(
      client === bearer ? [] : ["https://api.test/items" + (client === apiKeyQuery ? `?api_key=${KEY}` : "")],
    );
    expect(leaked(api.calls, TOKEN)).toEqual(client === bearer ? ["https://api.test/items"] : []);
    const warnings = run.of("warning").filter((w) => w.code === "credentials_withheld");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain("leads to https://cdn.other.test, another origin than the auth was configured for");
    expect(JSON.stringify(run.events)).not.toContain(KEY);
    expect(run.records).toHaveLength(2);
  });

  it("same-origin redirects keep the credentials, and an http -> https upgrade of the same host does too", async () => {
    const api = fakeFetch((_r, _n, url) => (url.pathname === "/items" ? to("https://api.test/v2") : json({ data: [] })));
    await collect(one({ data_selector: "data", paginator: "single_page" }, { ...apiKeyHeader, base_url: "http://api.test" }), api.fetch, {
      secrets,
    });
    expect(api.calls.map((c) => [c.url, c.headers["x-api-key"]])).toEqual([
      ["http://api.test/items", KEY],
      ["https://api.test/v2", KEY],
    ]);
  });

  it("configured credential headers (Authorization, Cookie, a header holding a secret) are dropped too", async () => {
    const api = fakeFetch((_r, n) => (n === 1 ? to("https://elsewhere.test/x") : json({ data: [] })));
    const headers = { Authorization: "Basic dXNlcjpwYXNz", Cookie: "sid=1", "X-Custom": { $secret: "key" }, Accept: "application/json" };
    const run = await collect(one({ data_selector: "data", paginator: "single_page", headers }), api.fetch, { secrets });
    expect(Object.keys(api.calls[1]!.headers).sort()).toEqual(["accept", "user-agent"]);
    expect(run.of("warning").find((w) => w.code === "credentials_withheld")!.message).toContain("Authorization, Cookie, X-Custom");
  });

  it("a token request redirected elsewhere with its body (307) is refused instead of resending the client secret", async () => {
    const api = fakeFetch((r, _n, url) => (url.pathname === "/token" ? to("https://evil.test/token", 307) : json({ data: [] })));
    const client = {
      auth: {
        type: "oauth2_client_credentials",
        access_token_url: "https://login.test/token",
        client_id: "id-1",
        client_secret: { $secret: "token" },
      },
    };
    const run = await collect(one({ data_selector: "data", paginator: "single_page" }, client), api.fetch, { secrets });
    expect(api.urls()).toEqual(["https://login.test/token"]);
    expect(run.errors[0]).toMatchObject({ code: "unsupported" });
    expect(run.errors[0]!.message).toContain("restplay does not send credentials to another origin");
  });
});

describe("credentials stay on their origin: next links", () => {
  const paged = (next: string) =>
    fakeFetch((_r, _n, url) => (url.host === "api.test" ? json({ data: items(0, 1), next }) : json({ data: items(1, 1), next: null })));

  it.each([
    ["an X-API-Key header", apiKeyHeader],
    ["an api_key query parameter", apiKeyQuery],
    ["a bearer token", bearer],
  ])("json_link to another origin: %s is not applied, and the trace says so", async (_what, client) => {
    const api = paged("https://cdn.other.test/page2");
    const run = await collect(one({ data_selector: "data", paginator: "json_link" }, client), api.fetch, { secrets });
    expect(api.urls()).toEqual([expect.stringMatching(/^https:\/\/api\.test\/items/), "https://cdn.other.test/page2"]);
    expect(leaked(api.calls.slice(1), KEY)).toEqual([]);
    expect(leaked(api.calls.slice(1), TOKEN)).toEqual([]);
    const warning = run.of("warning").find((w) => w.code === "credentials_withheld")!;
    expect(warning.message).toMatch(/^The request for page 2 leads to https:\/\/cdn\.other\.test/);
    expect(run.records).toHaveLength(2);
  });

  it("a next link that carries the key in its query has it removed on another origin", async () => {
    const api = paged(`https://cdn.other.test/page2?cursor=2&api_key=${KEY}`);
    await collect(one({ data_selector: "data", paginator: "json_link" }, apiKeyQuery), api.fetch, { secrets });
    expect(api.urls()[1]).toBe("https://cdn.other.test/page2?cursor=2");
  });

  it("header_link to another origin, too; same-origin next links keep the auth (as in dlt)", async () => {
    const api = fakeFetch((_r, n) =>
      n === 1
        ? json([{ id: 1 }], 200, { link: '<https://api.test/items?page=2>; rel="next"' })
        : n === 2
          ? json([{ id: 2 }], 200, { link: '<https://other.test/p3>; rel="next"' })
          : json([]),
    );
    await collect(one({ paginator: "header_link" }, apiKeyHeader), api.fetch, { secrets });
    expect(api.calls.map((c) => [c.url, c.headers["x-api-key"] ?? null])).toEqual([
      ["https://api.test/items", KEY],
      ["https://api.test/items?page=2", KEY],
      ["https://other.test/p3", null],
    ]);
  });

  it("an absolute path configured by the user is trusted as configured", async () => {
    const api = fakeFetch(() => json({ data: [] }));
    await collect(
      one({ path: "https://files.other.test/export", data_selector: "data", paginator: "single_page" }, apiKeyHeader),
      api.fetch,
      { secrets },
    );
    expect(api.calls[0]!.headers["x-api-key"]).toBe(KEY);
  });

  it("OAuth: a next link to another origin fetches no token and sends none", async () => {
    const api = fakeFetch((_r, _n, url) => {
      if (url.pathname === "/token") return json({ access_token: TOKEN, expires_in: 3600 });
      return url.host === "api.test" ? json({ data: items(0, 1), next: "https://cdn.other.test/p2" }) : json({ data: [], next: null });
    });
    const client = {
      auth: {
        type: "oauth2_client_credentials",
        access_token_url: "https://api.test/token",
        client_id: "id-1",
        client_secret: { $secret: "key" },
      },
    };
    await collect(one({ data_selector: "data", paginator: "json_link" }, client), api.fetch, { secrets: { key: KEY } });
    expect(api.urls()).toEqual(["https://api.test/token", "https://api.test/items", "https://cdn.other.test/p2"]);
    expect(api.calls[2]!.headers.authorization).toBeUndefined();
  });
});
