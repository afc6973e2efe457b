/**
 * Issue 13, finding 4: GET redirects complete in the production server (they stalled until the 60 s
 * timeout inside the framework's patched fetch). A loopback API on 127.0.0.2, which the webServer's
 * RESTPLAY_ALLOW_HOSTS opens (127.0.0.1 stays refused: api.spec.ts checks that).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";

interface Event {
  type: string;
  url?: string;
  redirect?: number;
  count?: number;
  ok?: boolean;
  error?: { code: string; message: string };
}

let server: Server;
let api = "";

test.beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/a") return void res.writeHead(302, { location: "/b" }).end("moved");
    if (req.url === "/b")
      return void res.writeHead(200, { "content-type": "application/json" }).end('{"data":[{"id":1},{"id":2},{"id":3}]}');
    if (req.url === "/post") return void res.writeHead(307, { location: "/echo" }).end();
    if (req.url === "/echo") return void req.pipe(res.writeHead(200, { "content-type": "application/json" }));
    if (req.url === "/loop") return void res.writeHead(301, { location: "/loop2" }).end();
    if (req.url === "/loop2") return void res.writeHead(301, { location: "/loop" }).end();
    if (req.url === "/to-loopback") return void res.writeHead(302, { location: "http://127.0.0.1:9/admin" }).end();
    res.writeHead(404).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
  api = `http://127.0.0.2:${(server.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const config = (path: string, endpoint: object = {}) =>
  JSON.stringify({
    client: { base_url: api },
    resources: [{ name: "r", endpoint: { path, data_selector: "data", paginator: "single_page", ...endpoint } }],
  });

test.describe("live runs follow redirects in the production server", () => {
  test("a GET redirect completes at once, each hop in the trace", async ({ request }) => {
    const t0 = Date.now();
    const res = await request.post("/api/run", { data: { config: config("/a"), target: "live" } });
    const events = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Event);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(events.filter((e) => e.type === "request").map((e) => [e.url, e.redirect])).toEqual([
      [`${api}/a`, undefined],
      [`${api}/b`, 1],
    ]);
    expect(events.find((e) => e.type === "page")?.count).toBe(3);
    expect(events.at(-1)).toMatchObject({ type: "done", ok: true });
  });

  test("a 307 keeps the POST and its body", async ({ request }) => {
    const res = await request.post("/api/run", {
      data: { config: config("/post", { method: "POST", json: { data: [{ id: 7 }] } }), target: "live" },
    });
    const events = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Event);
    expect(events.find((e) => e.type === "page")?.count).toBe(1);
    expect(events.at(-1)).toMatchObject({ type: "done", ok: true });
  });

  test("a loop ends with too_many_redirects; a hop to a refused address is a network_error", async ({ request }) => {
    const loop = (await (await request.post("/api/run", { data: { config: config("/loop"), target: "live" } })).text()).trim().split("\n");
    const loopEvents = loop.map((l) => JSON.parse(l) as Event);
    expect(loopEvents.find((e) => e.type === "error")?.error?.code).toBe("too_many_redirects");
    expect(loopEvents.at(-1)).toMatchObject({ type: "done", ok: false });
    const refused = (await (await request.post("/api/run", { data: { config: config("/to-loopback"), target: "live" } })).text())
      .trim()
      .split("\n");
    const error = refused.map((l) => JSON.parse(l) as Event).find((e) => e.type === "error");
    expect(error?.error?.code).toBe("network_error");
    expect(error?.error?.message).toContain("Refused to contact 127.0.0.1");
  });
});
