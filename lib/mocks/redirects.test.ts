import { describe, expect, it } from "vitest";
import { createMockApi, MOCK_DEMO_SECRETS } from "./index";

const key = { "x-api-key": MOCK_DEMO_SECRETS.lab_api_key! };
const get = (url: string, headers: Record<string, string> = {}) => createMockApi().fetch(new Request(url, { headers, redirect: "manual" }));

describe("lab redirects and the second origin", () => {
  it("hands redirects back to the client (the engine follows them), keeping the query", async () => {
    const moved = await get("https://lab.example.com/moved/items?page=2");
    expect([moved.status, moved.headers.get("location")]).toEqual([301, "/json-link/items?page=2"]);
    const away = await get("https://lab.example.com/api-key/moved", key);
    expect([away.status, away.headers.get("location")]).toEqual([302, "https://cdn.example.com/lab/items"]);
    expect((await get("https://lab.example.com/api-key/moved")).status).toBe(401);
    const loop = await get("https://lab.example.com/faults/redirect-loop");
    expect(loop.headers.get("location")).toBe("/faults/redirect-loop-back");
    expect((await get("https://lab.example.com/faults/redirect-loop-back")).headers.get("location")).toBe("/faults/redirect-loop");
  });

  it("cdn.example.com says in every record whether credentials arrived", async () => {
    const bare = await (await get("https://cdn.example.com/lab/items?page=2")).json();
    expect(bare.data.map((r: { id: number }) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => 11 + i));
    expect(bare.data.every((r: { credentials_received: boolean }) => r.credentials_received === false)).toBe(true);
    const keyed = await (await get("https://cdn.example.com/lab/items", key)).json();
    expect(keyed.data[0].credentials_received).toBe(true);
  });

  it("the keyed listing links its second page on the other origin", async () => {
    const page1 = await (await get("https://lab.example.com/api-key/cross-origin-pages", key)).json();
    expect(page1.next).toBe("https://cdn.example.com/lab/items?page=2");
    expect(page1.data).toHaveLength(10);
  });
});
