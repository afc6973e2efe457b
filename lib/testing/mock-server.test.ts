import { describe, expect, it } from "vitest";
import { startMockServer, upstreamUrl } from "./mock-server";
import { MOCK_DEMO_SECRETS } from "../mocks";

describe("upstreamUrl (path-prefix routing)", () => {
  it("maps /<host>/<path>?<query> to https://<host>/<path>?<query>", () => {
    expect(upstreamUrl("/api.example.com/v1/resource?offset=0&limit=100")).toBe("https://api.example.com/v1/resource?offset=0&limit=100");
    expect(upstreamUrl("/Identity.Example.com/connect/token")).toBe("https://identity.example.com/connect/token");
    expect(upstreamUrl("/")).toBeNull();
    expect(upstreamUrl("/v1/resource")).toBeNull();
    expect(upstreamUrl("/localhost/x")).toBeNull();
  });
});

describe("startMockServer", () => {
  it("serves the mock handlers over loopback HTTP and closes", async () => {
    const server = await startMockServer({ port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    try {
      const form = new URLSearchParams({
        grant_type: "client_credentials",
        client_id: MOCK_DEMO_SECRETS.client_id!,
        client_secret: MOCK_DEMO_SECRETS.client_secret!,
      });
      const tok = await fetch(`${server.url}/identity.example.com/connect/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      });
      expect(tok.status).toBe(200);
      const { access_token } = await tok.json();
      const auth = { authorization: `Bearer ${access_token}` };

      const p0 = await fetch(`${server.url}/api.example.com/v1/bank_transactions?page=0&page_size=100`, { headers: auth });
      expect(p0.status).toBe(200);
      expect(p0.headers.get("content-type")).toMatch(/^application\/json/);
      expect((await p0.json()).BankTransactions).toHaveLength(100);
      const limited = await fetch(`${server.url}/api.example.com/v1/bank_transactions?page=1&page_size=100`, { headers: auth });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("2");
      await limited.arrayBuffer();

      const viaKey = await fetch(`${server.url}/api.example.com/v1/resource?offset=200&limit=100&api_key=${MOCK_DEMO_SECRETS.api_key}`);
      expect(viaKey.status).toBe(503);
      await viaKey.arrayBuffer();
      expect(
        (await (await fetch(`${server.url}/api.example.com/v1/resource?offset=200&limit=100&api_key=${MOCK_DEMO_SECRETS.api_key}`)).json())
          .data,
      ).toHaveLength(51);

      const unrouted = await fetch(`${server.url}/v1/resource`);
      expect(unrouted.status).toBe(404);
      expect((await unrouted.json()).hint).toContain("/api.example.com/v1/resource");
      expect(server.api.requests.map((r) => r.url)).toContain("https://api.example.com/v1/bank_transactions?page=1&page_size=100");
    } finally {
      await server.close();
    }
    await expect(fetch(`${server.url}/api.example.com/v1/resource`)).rejects.toThrow();
  });
});
