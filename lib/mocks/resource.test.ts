import { describe, expect, it } from "vitest";
import { createMockApi, MOCK_DEMO_SECRETS, type MockApi } from "./index";

type Row = { id: number; updated_at: string; value: number | null; [k: string]: unknown };
const BASE = "https://api.example.com/v1/resource";
const KEY = `api_key=${MOCK_DEMO_SECRETS.api_key}`;
const get = (api: MockApi, query: string, headers: Record<string, string> = {}) => api.fetch(new Request(`${BASE}?${query}`, { headers }));
/** What dlt's offset paginator sends: offset=<n>&limit=100, plus the api_key auth param. */
const page = (api: MockApi, offset: number) => get(api, `offset=${offset}&limit=100&${KEY}`);

/** Pages like dlt (offset += limit until offset >= total), retrying 429/5xx; returns statuses and rows. */
async function walk(api: MockApi) {
  const statuses: number[] = [];
  const pages: Row[][] = [];
  let offset = 0;
  for (;;) {
    const res = await page(api, offset);
    statuses.push(res.status);
    if (res.status === 429 || res.status >= 500) continue;
    const body = await res.json();
    pages.push(body.data);
    offset += 100;
    if (offset >= body.total) return { statuses, pages, total: body.total as number };
  }
}

describe("GET api.example.com/v1/resource (seeds 000–003)", () => {
  it("pages 100, 100, 51 (total 251) after one 429 with Retry-After: 2 and one 503", async () => {
    const api = createMockApi();
    const limited = await page(api, 100);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.headers.get("content-type")).toMatch(/^application\/json/);
    api.reset();
    const { statuses, pages, total } = await walk(api);
    expect(statuses).toEqual([200, 429, 200, 503, 200]);
    expect(pages.map((p) => p.length)).toEqual([100, 100, 51]);
    expect(total).toBe(251);
    const first = await (await page(api, 0)).json();
    expect(first).toMatchObject({ total: 251, offset: 0, limit: 100 });
  });

  it("lists ids 1..250 plus one later, updated version of an earlier record", async () => {
    const { pages } = await walk(createMockApi());
    const rows = pages.flat();
    const ids = rows.map((r) => r.id);
    expect(new Set(ids)).toEqual(new Set(Array.from({ length: 250 }, (_, i) => i + 1)));
    const dupId = ids.find((id, i) => ids.indexOf(id) !== i)!;
    const [original, update] = rows.filter((r) => r.id === dupId);
    expect(pages[0]!.some((r) => r.id === dupId)).toBe(true);
    expect(pages[2]!.includes(update!)).toBe(true);
    expect(update!.updated_at > original!.updated_at).toBe(true);
    expect(update!.name).not.toBe(original!.name);
  });

  it("serves realistic, deterministic records with nullable and nested fields", async () => {
    const rows = (await walk(createMockApi())).pages.flat();
    expect((await walk(createMockApi())).pages.flat()).toEqual(rows);
    expect(rows.some((r) => r.value === null)).toBe(true);
    expect(rows.some((r) => typeof r.value === "number")).toBe(true);
    expect(rows.some((r) => r.metadata === null)).toBe(true);
    for (const r of rows) {
      expect(r).toMatchObject({
        name: expect.any(String),
        status: expect.stringMatching(/^(active|archived|pending)$/),
        tags: expect.any(Array),
        owner: { address: { city: expect.any(String) } },
      });
      expect(r.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(r.updated_at >= (r.created_at as string)).toBe(true);
    }
  });

  it("fires each fault once per instance; failed auth does not use it up", async () => {
    const a = createMockApi();
    expect((await get(a, "offset=100&limit=100")).status).toBe(401);
    expect((await page(a, 100)).status).toBe(429);
    expect((await page(a, 100)).status).toBe(200);
    expect((await page(createMockApi(), 100)).status).toBe(429);
    expect((await page(a, 200)).status).toBe(503);
    expect((await page(a, 200)).status).toBe(200);
    a.reset();
    expect((await page(a, 100)).status).toBe(429);
  });

  it("accepts the api_key query parameter or a bearer token; 401 without credentials, 403 for a wrong key", async () => {
    const api = createMockApi();
    expect((await get(api, `offset=0&limit=1&${KEY}`)).status).toBe(200);
    const wrong = await get(api, "offset=0&limit=1&api_key=wrong");
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ error: "forbidden", message: "invalid api key" });
    const none = await get(api, "offset=0&limit=1");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="api.example.com"');
    expect((await get(api, "limit=1", { authorization: `Bearer ${MOCK_DEMO_SECRETS.access_token}` })).status).toBe(200);
    const forged = await get(api, "limit=1", { authorization: "Bearer forged-token" });
    expect(forged.status).toBe(401);
    expect(forged.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("validates paging parameters like a real API (400 with a JSON error)", async () => {
    const api = createMockApi();
    for (const q of ["offset=x", "offset=-1", "limit=0", "limit=1001", "limit=1.5", "offset="]) {
      const res = await get(api, `${q}&${KEY}`);
      expect(res.status, q).toBe(400);
      expect((await res.json()).error, q).toBe("bad_request");
    }
    const defaults = await (await get(api, KEY)).json();
    expect(defaults).toMatchObject({ offset: 0, limit: 100, total: 251 });
    expect(defaults.data).toHaveLength(100);
    expect((await (await get(api, `offset=0&limit=1000&${KEY}`)).json()).data).toHaveLength(251);
    expect((await (await get(api, `offset=300&limit=100&${KEY}`)).json()).data).toEqual([]);
    expect((await api.fetch(new Request(`${BASE}?${KEY}`, { method: "POST" }))).status).toBe(405);
  });
});
