import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json } from "./testing";
import { maskSecret, Masker, redactUrl } from "./index";

describe("masking helpers", () => {
  it("maskSecret follows dlt", () => {
    expect([maskSecret(""), maskSecret("ab"), maskSecret("abc"), maskSecret("sensitive-secret")]).toEqual(["*****", "*****", "a*****c", "s*****t"]);
  });
  it("redactUrl replaces sensitive query params (any case) and masks known secrets anywhere", () => {
    expect(redactUrl("https://x/y?api_key=abc&q=1")).toBe("https://x/y?api_key=***&q=1");
    const names = ["api_key", "token", "key", "access_token", "apikey", "api-key", "access-token", "secret", "password", "pwd", "client_secret"];
    for (const n of names) expect(redactUrl(`https://x/?${n.toUpperCase()}=v&page=2`)).toBe(`https://x/?${n.toUpperCase()}=***&page=2`);
    expect(redactUrl("https://x/users/supersecret/items?q=supersecret#frag", ["supersecret"])).toBe("https://x/users/s*****t/items?q=s*****t#frag");
    expect(redactUrl("https://x/?q=a%2Fb%2Bc%3D", ["a/b+c="])).toBe("https://x/?q=a*****=");
    expect(redactUrl("https://x/?flag&key=1")).toBe("https://x/?flag&key=***");
  });
  it("Masker masks form fields by name, headers by name and values anywhere", () => {
    const m = new Masker(["s3cret-value"]);
    expect(m.form("client_id=abc&client_secret=xyz&grant_type=client_credentials")).toBe("client_id=a*****c&client_secret=x*****z&grant_type=client_credentials");
    expect(m.headers({ Authorization: "Bearer abcdef", "X-Other": "has s3cret-value inside" })).toEqual({ Authorization: "Bearer a*****f", "X-Other": "has s*****e inside" });
    expect(m.values({ note: "s3cret-value", key: "visible" })).toEqual({ note: "s*****e", key: "visible" });
    expect(m.json({ access_token: "zzzzzz", key: "visible" })).toEqual({ access_token: "z*****z", key: "visible" });
  });
});

describe("no secret value appears in any event", () => {
  it("secrets in auth, headers, params, paths, issued tokens, echoed bodies and errors are all masked", async () => {
    const secrets = { client_id: "client-id-value", client_secret: "client-secret-value", header_secret: "header-secret-value", odd: "odd/secret+value&=", path_secret: "path-secret-value" };
    const issued = "issued-token-value";
    const api = fakeFetch(async (req, _n, url) => {
      if (url.hostname === "auth.test") return json({ access_token: issued, expires_in: 3600, client_id: secrets.client_id });
      const echo = { url: req.url, headers: Object.fromEntries(req.headers), note: `token ${issued}` };
      if (url.pathname.startsWith("/missing")) return json({ error: "not found", echo }, 404);
      if (url.pathname.endsWith("/p2")) return json({ data: [{ id: 2, echo }], next: null });
      return json({ data: [{ id: 1, echo }], next: `https://api.test/items/p2?token=${encodeURIComponent(issued)}` });
    });
    const config = {
      client: {
        base_url: "https://api.test",
        headers: { "X-Custom": { $secret: "header_secret" } },
        auth: { type: "oauth2_client_credentials", access_token_url: "https://auth.test/token", client_id: { $secret: "client_id" }, client_secret: { $secret: "client_secret" } },
      },
      resources: [
        { name: "things", endpoint: { path: "/items", params: { filter: { $secret: "odd" } }, data_selector: "data", paginator: "json_link" } },
        { name: "broken", endpoint: { path: "/missing/{id}", params: { id: { $secret: "path_secret" } }, paginator: "single_page" } },
      ],
    };
    const run = await collect(config, api.fetch, { secrets });
    expect(api.calls.some((c) => c.url.includes(encodeURIComponent(secrets.odd)))).toBe(true);
    expect(run.records).toHaveLength(2);
    expect(run.errors.map((e) => e.code)).toEqual(["http_error"]);
    expect(run.warnings).toContain("secret_in_response");
    const text = JSON.stringify(run.events);
    for (const value of [...Object.values(secrets), issued]) {
      for (const spelling of new Set([value, encodeURIComponent(value), new URLSearchParams([["", value]]).toString().slice(1), JSON.stringify(value).slice(1, -1)])) {
        expect(text, `${value} as ${spelling}`).not.toContain(spelling);
      }
    }
  });
  it("request bodies are traced with credentials masked by key (JSON) and by field (forms)", async () => {
    const api = fakeFetch(() => json({ data: [] }));
    const run = await collect({ client: { base_url: "https://api.test" }, resources: [
      { name: "j", endpoint: { path: "/login", method: "POST", json: { user: "me", password: "literal-password" }, paginator: "single_page" } },
      { name: "f", endpoint: { path: "/form", method: "POST", data: { user: "me you", password: "literal-password" }, paginator: "single_page" } },
    ] }, api.fetch);
    expect(api.calls.map((c) => c.body)).toEqual(['{"user":"me","password":"literal-password"}', "user=me+you&password=literal-password"]);
    expect(run.of("request").map((r) => r.body)).toEqual(['{"user":"me","password":"l*****d"}', "user=me+you&password=l*****d"]);
  });
});
