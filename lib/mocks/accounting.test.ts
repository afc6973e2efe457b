import { describe, expect, it } from "vitest";
import { createMockApi, MOCK_DEMO_SECRETS, type MockApi } from "./index";

type Row = Record<string, unknown>;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/;

async function token(api: MockApi, url = "https://identity.example.com/connect/token"): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: MOCK_DEMO_SECRETS.client_id!,
    client_secret: MOCK_DEMO_SECRETS.client_secret!,
  });
  const res = await api.fetch(
    new Request(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() }),
  );
  return (await res.json()).access_token;
}
const get = (api: MockApi, path: string, query: string, bearer?: string) =>
  api.fetch(new Request(`https://api.example.com${path}?${query}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} }));

const LISTINGS = [
  {
    path: "/v1/bank_transactions",
    key: "BankTransactions",
    id: "BankTransactionID",
    nested: (r: Row) =>
      expect(r).toMatchObject({
        Contact: { ContactID: expect.stringMatching(GUID) },
        LineItems: expect.any(Array),
        Total: expect.any(Number),
      }),
  },
  {
    path: "/v1/contacts",
    key: "Contacts",
    id: "ContactID",
    nested: (r: Row) => expect(r).toMatchObject({ Addresses: expect.any(Array), Phones: expect.any(Array), Name: expect.any(String) }),
  },
] as const;

describe("seed 004 page-number listings", () => {
  for (const l of LISTINGS) {
    it(`${l.path}: pages 0, 1, 2 of 100, 100, 51 (total = 3 pages) after a 429 on page 1`, async () => {
      const api = createMockApi();
      const bearer = await token(api);
      const statuses: number[] = [];
      const pages: Row[][] = [];
      for (let p = 0; ;) {
        const res = await get(api, l.path, `page=${p}&page_size=100`, bearer);
        statuses.push(res.status);
        if (res.status === 429) {
          expect(res.headers.get("retry-after")).toBe("2");
          continue;
        }
        const body = await res.json();
        expect(body).toMatchObject({ total: 3, page: p, page_size: 100 });
        pages.push(body[l.key]);
        if (++p >= body.total) break;
      }
      expect(statuses).toEqual([200, 429, 200, 200]);
      expect(pages.map((p) => p.length)).toEqual([100, 100, 51]);
      expect((await (await get(api, l.path, "page=3&page_size=100", bearer)).json())[l.key]).toEqual([]);

      const rows = pages.flat();
      for (const r of rows) {
        expect(r).not.toHaveProperty("id");
        expect(r[l.id]).toMatch(GUID);
        expect(r.UpdatedDateUTC).toMatch(/Z$/);
        l.nested(r);
      }
      const keys = rows.map((r) => r[l.id]);
      expect(new Set(keys).size).toBe(250);
      const dup = keys.find((k, i) => keys.indexOf(k) !== i);
      const [original, update] = rows.filter((r) => r[l.id] === dup);
      expect(pages[0]!.includes(original!) && pages[2]!.includes(update!)).toBe(true);
      expect(String(update!.UpdatedDateUTC) > String(original!.UpdatedDateUTC)).toBe(true);
      expect(rows.some((r) => Object.values(r).includes(null))).toBe(true);
    });
  }

  it("throttles each resource once per instance, independently", async () => {
    const api = createMockApi();
    const t = await token(api);
    expect((await get(api, "/v1/bank_transactions", "page=1", t)).status).toBe(429);
    expect((await get(api, "/v1/contacts", "page=1", t)).status).toBe(429);
    expect((await get(api, "/v1/contacts", "page=1", t)).status).toBe(200);
    expect((await get(createMockApi(), "/v1/contacts", "page=1", MOCK_DEMO_SECRETS.access_token)).status).toBe(429);
  });

  it("needs a token from identity.example.com or the demo access_token", async () => {
    const api = createMockApi();
    const none = await get(api, "/v1/contacts", "page=0");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="api.example.com"');
    const foreign = await get(api, "/v1/contacts", "page=0", await token(api, "https://login.example.com/oauth2/v2.0/token"));
    expect(foreign.status).toBe(401);
    expect((await foreign.json()).message).toContain("identity.example.com");
    expect((await get(api, "/v1/contacts", "page=0", "forged")).status).toBe(401);
    expect((await get(api, "/v1/contacts", "page=0", MOCK_DEMO_SECRETS.access_token)).status).toBe(200);
    expect((await get(api, "/v1/contacts", `page=0&api_key=${MOCK_DEMO_SECRETS.api_key}`)).status).toBe(401);
  });

  it("validates page and page_size, and defaults them to 0 and 100", async () => {
    const api = createMockApi();
    const t = MOCK_DEMO_SECRETS.access_token;
    for (const q of ["page=abc", "page=-1", "page_size=0", "page_size=1001", "page=1e2"])
      expect((await get(api, "/v1/bank_transactions", q, t)).status, q).toBe(400);
    const body = await (await get(api, "/v1/bank_transactions", "", t)).json();
    expect(body).toMatchObject({ page: 0, page_size: 100, total: 3 });
    expect(body.BankTransactions).toHaveLength(100);
    expect((await (await get(api, "/v1/contacts", "page=0&page_size=50", t)).json()).total).toBe(6);
  });
});
