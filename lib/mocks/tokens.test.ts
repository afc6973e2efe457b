import { describe, expect, it } from "vitest";
import { createMockApi, MOCK_DEMO_SECRETS } from "./index";

const ID = MOCK_DEMO_SECRETS.client_id!;
const SECRET = MOCK_DEMO_SECRETS.client_secret!;
const FORM = { "content-type": "application/x-www-form-urlencoded" };
const ENDPOINTS = [
  "https://login.example.com/oauth2/v2.0/token",
  "https://api.example.com/oauth/token",
  "https://identity.example.com/connect/token",
];

const formRequest = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  new Request(url, { method: "POST", headers: { ...FORM, ...headers }, body: new URLSearchParams(fields).toString() });
const clientCredentials = (url: string, id = ID, secret = SECRET) =>
  formRequest(url, { grant_type: "client_credentials", client_id: id, client_secret: secret });
const basic = (id: string, secret: string) => ({
  authorization: `Basic ${btoa(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`,
});
const resource = (token: string) =>
  new Request("https://api.example.com/v1/resource?offset=0&limit=1", { headers: { authorization: `Bearer ${token}` } });

describe("OAuth2 client-credentials token endpoints", () => {
  for (const url of ENDPOINTS) {
    it(`${url}: form credentials -> 200 token; wrong or missing -> 401 invalid_client`, async () => {
      const api = createMockApi();
      const ok = await api.fetch(clientCredentials(url));
      expect(ok.status).toBe(200);
      expect(ok.headers.get("content-type")).toMatch(/^application\/json/);
      const body = await ok.json();
      expect(body).toEqual({ access_token: expect.stringMatching(/^[0-9a-f]{8}\.[0-9a-f]{32}$/), token_type: "Bearer", expires_in: 3600 });

      const wrong = await api.fetch(clientCredentials(url, ID, "wrong-secret"));
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ error: "invalid_client", error_description: expect.stringContaining("client_secret") });
      expect((await api.fetch(clientCredentials(url, "someone-else", SECRET))).status).toBe(401);
      const missing = await api.fetch(formRequest(url, { grant_type: "client_credentials" }));
      expect(missing.status).toBe(401);
      expect((await missing.json()).error).toBe("invalid_client");
    });
  }

  it("accepts HTTP Basic client authentication (form-encoded id and secret)", async () => {
    const api = createMockApi();
    const ok = await api.fetch(formRequest(ENDPOINTS[2]!, { grant_type: "client_credentials" }, basic(ID, SECRET)));
    expect(ok.status).toBe(200);
    expect((await api.fetch(resource((await ok.json()).access_token))).status).toBe(200);
    const bad = await api.fetch(formRequest(ENDPOINTS[2]!, { grant_type: "client_credentials" }, basic(ID, "nope")));
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toBe('Basic realm="identity.example.com"');
    const garbled = await api.fetch(formRequest(ENDPOINTS[2]!, { grant_type: "client_credentials" }, { authorization: "Basic %%%" }));
    expect(garbled.status).toBe(401);
  });

  it("rejects other grants, a missing grant_type and non-form bodies with 400", async () => {
    const api = createMockApi();
    const password = await api.fetch(formRequest(ENDPOINTS[0]!, { grant_type: "password", client_id: ID, client_secret: SECRET }));
    expect(password.status).toBe(400);
    expect((await password.json()).error).toBe("unsupported_grant_type");
    const noGrant = await api.fetch(formRequest(ENDPOINTS[0]!, { client_id: ID, client_secret: SECRET }));
    expect(noGrant.status).toBe(400);
    expect((await noGrant.json()).error).toBe("invalid_request");
    const asJson = await api.fetch(
      new Request(ENDPOINTS[0]!, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ grant_type: "client_credentials", client_id: ID, client_secret: SECRET }),
      }),
    );
    expect(asJson.status).toBe(400);
    expect((await asJson.json()).error).toBe("invalid_request");
  });

  it("answers other methods with 405 and an Allow header", async () => {
    const res = await createMockApi().fetch(new Request(ENDPOINTS[1]!));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });
});

describe("issued tokens", () => {
  const issue = async (api: ReturnType<typeof createMockApi>, url = ENDPOINTS[0]!) =>
    (await (await api.fetch(clientCredentials(url))).json()).access_token as string;

  it("are deterministic per seed, distinct within an instance, and remembered only by their instance", async () => {
    const a = createMockApi({ seed: 7 });
    const b = createMockApi({ seed: 7 });
    const c = createMockApi({ seed: 8 });
    const [a1, a2] = [await issue(a), await issue(a)];
    expect(a1).not.toBe(a2);
    expect(await issue(b)).toBe(a1);
    expect(await issue(c)).not.toBe(a1);
    expect((await a.fetch(resource(a1))).status).toBe(200);
    const foreign = await createMockApi({ seed: 9 }).fetch(resource(a1));
    expect(foreign.status).toBe(401);
  });

  it("are forgotten by reset()", async () => {
    const api = createMockApi();
    const token = await issue(api);
    api.reset();
    const res = await api.fetch(resource(token));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("expire after expires_in seconds on the instance's clock", async () => {
    let now = 1_000_000;
    const api = createMockApi({ now: () => now });
    const token = await issue(api);
    now += 3_599_000;
    expect((await api.fetch(resource(token))).status).toBe(200);
    now += 1_000;
    const expired = await api.fetch(resource(token));
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await expired.json()).message).toBe("the access token expired");
    expect((await api.fetch(resource(await issue(api)))).status).toBe(200);
  });
});
