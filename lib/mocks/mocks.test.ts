import { describe, expect, it } from "vitest";
import { createMockApi, describeMocks, isMockUrl, MOCK_DEMO_SECRETS, MOCK_HOSTS } from "./index";

describe("createMockApi", () => {
  it("answers unknown routes with a 404 JSON error instead of a network call", async () => {
    const api = createMockApi();
    const res = await api.fetch(new Request("https://elsewhere.example.org/x?y=1"));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect((await res.json()).error).toBe("no mock for GET https://elsewhere.example.org/x?y=1");
    const unknownPath = await api.fetch(new Request("https://api.example.com/v2/resource", { method: "DELETE" }));
    expect(unknownPath.status).toBe(404);
    expect((await unknownPath.json()).error).toBe("no mock for DELETE https://api.example.com/v2/resource");
  });

  it("logs every request and forgets them on reset()", async () => {
    const api = createMockApi();
    await api.fetch(new Request("https://api.example.com/v1/resource?offset=0&limit=1"));
    await api.fetch(new Request("https://identity.example.com/connect/token", { method: "POST" }));
    expect(api.requests).toEqual([
      { method: "GET", url: "https://api.example.com/v1/resource?offset=0&limit=1" },
      { method: "POST", url: "https://identity.example.com/connect/token" },
    ]);
    const handlers = api.handlers;
    api.reset();
    expect(api.requests).toEqual([]);
    expect(api.handlers).toBe(handlers);
  });

  it("recognises mock URLs", () => {
    expect(isMockUrl("https://api.example.com/v1/resource")).toBe(true);
    expect(isMockUrl("https://LOGIN.example.com/oauth2/v2.0/token")).toBe(true);
    expect(isMockUrl("https://example.com/")).toBe(false);
    expect(isMockUrl("https://api.example.com.evil.org/")).toBe(false);
    expect(isMockUrl("not a url")).toBe(false);
  });

  it("publishes the demo credentials and nothing is writable", () => {
    expect(MOCK_DEMO_SECRETS).toMatchObject({
      client_id: "demo-client-id",
      client_secret: "demo-client-secret",
      api_key: "demo-api-key",
      access_token: expect.any(String),
    });
    expect(Object.isFrozen(MOCK_DEMO_SECRETS)).toBe(true);
  });
});

describe("describeMocks", () => {
  const endpoints = describeMocks();

  it("describes only routes the mock really serves, on its hosts, with its demo credentials", async () => {
    const waits: number[] = [];
    const api = createMockApi({ sleep: async (ms) => void waits.push(ms) });
    const secrets = new Set(Object.entries(MOCK_DEMO_SECRETS).map(([k, v]) => `${k}=${v}`));
    for (const e of endpoints) {
      expect(MOCK_HOSTS as readonly string[], e.host).toContain(e.host);
      const res = await api.fetch(new Request(`https://${e.host}${e.path.replace(/\{id\}/g, "1")}`, { method: e.method }));
      const body = res.headers.get("content-type")?.includes("json") && !e.path.includes("malformed") ? await res.json() : null;
      expect(String(body?.error ?? ""), `${e.method} ${e.host}${e.path}`).not.toMatch(/^no mock for/);
      for (const [k, v] of Object.entries(e.credentials)) expect(secrets.has(`${k}=${v}`), k).toBe(true);
    }
    // The slow endpoints wait on the clock they are given (75 s each, the first /slow/items and /slow/always).
    expect(waits).toEqual([75_000, 75_000]);
  });

  it("covers every seed API endpoint with its faults", () => {
    const seedRoutes = endpoints.filter((e) => e.usedBy.some((id) => id.startsWith("seed-"))).map((e) => `${e.method} ${e.host}${e.path}`);
    expect(seedRoutes).toEqual([
      "POST login.example.com/oauth2/v2.0/token",
      "POST api.example.com/oauth/token",
      "POST identity.example.com/connect/token",
      "GET api.example.com/v1/resource",
      "GET api.example.com/v1/bank_transactions",
      "GET api.example.com/v1/contacts",
    ]);
    expect(endpoints.find((e) => e.path === "/v1/resource")?.faults).toMatch(/429.*Retry-After: 2.*offset=100.*503.*offset=200/);
  });
});
