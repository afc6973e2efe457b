import { describe, expect, it } from "vitest";
import { createMockApi, MOCK_DEMO_SECRETS, type MockApi } from "./index";

const LAB = "https://lab.example.com";
const get = (api: MockApi, path: string, headers: Record<string, string> = {}) => api.fetch(new Request(`${LAB}${path}`, { headers }));

describe("lab.example.com", () => {
  it("cursor paging ends with a null cursor after 45 items; an unknown cursor is a 400", async () => {
    const api = createMockApi();
    const ids: number[] = [];
    let path = "/cursor/items";
    for (;;) {
      const body = await (await get(api, path)).json();
      ids.push(...body.data.map((r: { id: number }) => r.id));
      if (body.cursors.next === null) break;
      path = `/cursor/items?cursor=${encodeURIComponent(body.cursors.next)}`;
    }
    expect(ids).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    expect((await get(api, "/cursor/items?cursor=%%%")).status).toBe(400);
  });

  it("expiring tokens work for two requests and are not accepted by api.example.com", async () => {
    const api = createMockApi();
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: MOCK_DEMO_SECRETS.client_id!,
      client_secret: MOCK_DEMO_SECRETS.client_secret!,
    });
    const issued = await (
      await api.fetch(
        new Request(`${LAB}/oauth/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: form.toString(),
        }),
      )
    ).json();
    expect(issued).toMatchObject({ token_type: "Bearer", expires_in: 1 });
    const auth = { authorization: `Bearer ${issued.access_token}` };
    expect((await get(api, "/expiring/items?page=1", auth)).status).toBe(200);
    expect((await get(api, "/expiring/items?page=2", auth)).status).toBe(200);
    expect((await get(api, "/expiring/items?page=3", auth)).status).toBe(401);
    expect((await api.fetch(new Request("https://api.example.com/v1/resource", { headers: auth }))).status).toBe(401);
  });

  it("the burst fault answers 503 three times per instance, then 200", async () => {
    const api = createMockApi();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await get(api, "/faults/burst")).status);
    expect(statuses).toEqual([503, 503, 503, 200]);
    api.reset();
    expect((await get(api, "/faults/burst")).status).toBe(503);
  });

  it("checks basic, api-key and bearer credentials", async () => {
    const api = createMockApi();
    const s = MOCK_DEMO_SECRETS;
    expect((await get(api, "/basic/items", { authorization: `Basic ${btoa(`${s.lab_user}:${s.lab_password}`)}` })).status).toBe(200);
    expect((await get(api, "/basic/items", { authorization: `Basic ${btoa(`${s.lab_user}:x`)}` })).status).toBe(403);
    expect((await get(api, "/basic/items")).status).toBe(401);
    expect((await get(api, "/api-key/items", { "x-api-key": s.lab_api_key! })).status).toBe(200);
    expect((await get(api, "/api-key/items", { "x-api-key": "x" })).status).toBe(403);
    expect((await get(api, "/bearer/items", { authorization: `Bearer ${s.lab_token}` })).status).toBe(200);
    expect((await get(api, "/bearer/items")).status).toBe(401);
  });
});
