/** The route's live wiring (lib/net's guarded transport) against a loopback API: redirects, limits, the guard. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import type { EngineEvent } from "@/lib/engine";
import { POST } from "./route";

let server: Server;
let base = "";
const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/a") return void res.writeHead(302, { location: "/b" }).end();
    if (req.url === "/b") return void res.writeHead(200, { "content-type": "application/json" }).end('{"data":[{"id":1},{"id":2}]}');
    if (req.url === "/bomb") return void res.writeHead(200, { "content-encoding": "gzip" }).end(bomb);
    res.writeHead(404).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const saved = process.env.RESTPLAY_ALLOW_HOSTS;
afterEach(() => {
  if (saved === undefined) delete process.env.RESTPLAY_ALLOW_HOSTS;
  else process.env.RESTPLAY_ALLOW_HOSTS = saved;
});

async function live(path: string): Promise<EngineEvent[]> {
  const config = JSON.stringify({
    client: { base_url: base },
    resources: [{ name: "r", endpoint: { path, data_selector: "data", paginator: "single_page" } }],
  });
  const res = await POST(
    new Request("http://127.0.0.1/api/run", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ config, target: "live" }),
    }),
  );
  return (await res.text())
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EngineEvent);
}

describe("POST /api/run, live, through lib/net", () => {
  it("follows a GET redirect between allowed hosts", async () => {
    process.env.RESTPLAY_ALLOW_HOSTS = "127.0.0.1";
    const events = await live("/a");
    expect(events.filter((e) => e.type === "request").map((e) => e.type === "request" && e.url)).toEqual([`${base}/a`, `${base}/b`]);
    expect(events.filter((e) => e.type === "page").map((e) => e.type === "page" && e.count)).toEqual([2]);
    expect(events.at(-1)).toMatchObject({ type: "done", ok: true });
  });

  it("cuts a decompression bomb and ends the run ok: false", async () => {
    process.env.RESTPLAY_ALLOW_HOSTS = "127.0.0.1";
    const events = await live("/bomb");
    expect(events.find((e) => e.type === "limit")).toMatchObject({ limit: "max_compression_ratio" });
    expect(events.filter((e) => e.type === "request")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: "done", ok: false });
  });

  it("without the allow-list the loopback API is refused before any connection", async () => {
    delete process.env.RESTPLAY_ALLOW_HOSTS;
    const events = await live("/a");
    expect(events.find((e) => e.type === "error")).toMatchObject({ error: { code: "network_error" } });
  });
});
