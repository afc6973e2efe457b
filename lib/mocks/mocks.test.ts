import { describe, expect, it } from "vitest";
import { createMockApi, MOCK_DEMO_SECRETS, isMockUrl, describeMocks } from "./index";
import { startMockServer } from "../cli/mock-server";

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const tokenRequest = (url: string, id = MOCK_DEMO_SECRETS.client_id!, secret = MOCK_DEMO_SECRETS.client_secret!) =>
  new Request(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form({ grant_type: "client_credentials", client_id: id, client_secret: secret }) });

async function token(api = createMockApi(), url = "https://login.example.com/oauth2/v2.0/token") {
  const res = await api.fetch(tokenRequest(url));
  return (await res.json()).access_token as string;
}

describe("token endpoints", () => {
  for (const url of ["https://login.example.com/oauth2/v2.0/token", "https://api.example.com/oauth/token", "https://identity.example.com/connect/token"]) {
    it(`${url} issues tokens only for the demo client`, async () => {
      const api = createMockApi();
      const ok = await api.fetch(tokenRequest(url));
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
      const bad = await api.fetch(tokenRequest(url, "demo-client-id", "wrong"));
      expect(bad.status).toBe(401);
      expect(await bad.json()).toMatchObject({ error: "invalid_client" });
    });
  }
  it("accepts HTTP Basic client authentication and rejects other grants", async () => {
    const api = createMockApi();
    const basic = btoa(`${MOCK_DEMO_SECRETS.client_id}:${MOCK_DEMO_SECRETS.client_secret}`);
    const ok = await api.fetch(new Request("https://api.example.com/oauth/token", { method: "POST", headers: { authorization: `Basic ${basic}` }, body: form({ grant_type: "client_credentials" }) }));
    expect(ok.status).toBe(200);
    const grant = await api.fetch(new Request("https://api.example.com/oauth/token", { method: "POST", body: form({ grant_type: "password" }) }));
    expect(grant.status).toBe(400);
  });
});

describe("/v1/resource (seeds 000–003)", () => {
  const page = (api: ReturnType<typeof createMockApi>, offset: number, auth: string) =>
    api.fetch(new Request(`https://api.example.com/v1/resource?offset=${offset}&limit=100${auth.startsWith("api_key") ? `&${auth}` : ""}`, { headers: auth.startsWith("Bearer") ? { authorization: auth } : {} }));

  it("pages 100/100/51 with total 251 and one updated duplicate, after a 429 and a 503", async () => {
    const api = createMockApi();
    const auth = "api_key=demo-api-key";
    const first = await (await page(api, 0, auth)).json();
    expect(first.data).toHaveLength(100);
    expect(first.total).toBe(251);
    const limited = await page(api, 100, auth);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    const second = await (await page(api, 100, auth)).json();
    expect((await page(api, 200, auth)).status).toBe(503);
    const third = await (await page(api, 200, auth)).json();
    expect(third.data).toHaveLength(51);
    const all = [...first.data, ...second.data, ...third.data];
    const ids = all.map((r: { id: number }) => r.id);
    expect(new Set(ids).size).toBe(250);
    const dupes = all.filter((r: { id: number }) => r.id === 42);
    expect(dupes).toHaveLength(2);
    expect(dupes[1].updated_at > dupes[0].updated_at).toBe(true);
    expect(all.some((r: { value: unknown }) => r.value === null)).toBe(true);
  });
  it("faults are per instance", async () => {
    const a = createMockApi();
    expect((await page(a, 100, "api_key=demo-api-key")).status).toBe(429);
    expect((await page(createMockApi(), 100, "api_key=demo-api-key")).status).toBe(429);
    a.reset();
    expect((await page(a, 100, "api_key=demo-api-key")).status).toBe(429);
  });
  it("authenticates with a bearer token or the api key", async () => {
    const api = createMockApi();
    expect((await page(api, 0, `Bearer ${await token(api)}`)).status).toBe(200);
    expect((await page(api, 0, "Bearer forged")).status).toBe(401);
    expect((await page(api, 0, "api_key=wrong")).status).toBe(403);
    expect((await page(api, 0, "none")).status).toBe(401);
  });
  it("rejects bad paging parameters", async () => {
    const res = await createMockApi().fetch(new Request("https://api.example.com/v1/resource?offset=x&api_key=demo-api-key"));
    expect(res.status).toBe(400);
  });
});

describe("seed 004 page-number listings", () => {
  for (const [path, key, id] of [["/v1/bank_transactions", "BankTransactions", "BankTransactionID"], ["/v1/contacts", "Contacts", "ContactID"]] as const) {
    it(`${path}: pages from 0, total pages 3, keyed ${id}, a 429 on page 1`, async () => {
      const api = createMockApi();
      const auth = { authorization: `Bearer ${await token(api, "https://identity.example.com/connect/token")}` };
      const get = (p: number) => api.fetch(new Request(`https://api.example.com${path}?page=${p}&page_size=100`, { headers: auth }));
      const p0 = await (await get(0)).json();
      expect(p0.total).toBe(3);
      expect(p0[key]).toHaveLength(100);
      expect(p0[key][0]).not.toHaveProperty("id");
      expect(p0[key][0]).toHaveProperty(id);
      expect((await get(1)).status).toBe(429);
      const rows = [...p0[key], ...(await (await get(1)).json())[key], ...(await (await get(2)).json())[key]];
      expect(rows).toHaveLength(251);
      expect(new Set(rows.map((r: Record<string, string>) => r[id])).size).toBe(250);
      expect((await get(3)).status).toBe(200);
    });
  }
  it("requires a token", async () => {
    expect((await createMockApi().fetch(new Request("https://api.example.com/v1/contacts"))).status).toBe(401);
  });
});

describe("routing", () => {
  it("unknown routes answer 404 without touching the network", async () => {
    const res = await createMockApi().fetch(new Request("https://elsewhere.example.org/x"));
    expect(res.status).toBe(404);
    expect((await res.json()).error).toContain("no mock for GET");
    expect(isMockUrl("https://api.example.com/v1")).toBe(true);
    expect(isMockUrl("https://example.org")).toBe(false);
    expect(describeMocks().length).toBe(10);
  });
  it("serves the same handlers over loopback HTTP", async () => {
    const server = await startMockServer();
    try {
      const res = await fetch(`${server.url}/api.example.com/v1/resource?offset=0&limit=5&api_key=demo-api-key`);
      expect(res.status).toBe(200);
      expect((await res.json()).data).toHaveLength(5);
      const tok = await fetch(`${server.url}/identity.example.com/connect/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form({ grant_type: "client_credentials", client_id: "demo-client-id", client_secret: "demo-client-secret" }) });
      expect(tok.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
