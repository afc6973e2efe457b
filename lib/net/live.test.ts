/** The engine on the live transport, against loopback servers: limits, redirects and the guard together. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { extract, type EngineEvent, type RunLimits } from "../engine";
import { resolved } from "../testing/engine";
import { createLiveTransport, type LiveTransport } from "./transport";
import { parseAllowList } from "./guard";
import { startServer, stream, type TestServer } from "../testing/net";

const MB = 1024 * 1024;
const KEY = "live-key-0123456789";

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), reject(new Error("aborted"))), { once: true });
  });

async function run(live: LiveTransport, config: object, limits: Partial<RunLimits> = {}, secrets: Record<string, string> = {}) {
  const events: EngineEvent[] = [];
  for await (const e of extract({ source: resolved(config), secrets, limits }, { transport: live, sleep, now: Date.now })) events.push(e);
  const of = <T extends EngineEvent["type"]>(t: T) => events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === t);
  return { events, of, done: events.at(-1) };
}

const resource = (base: string, endpoint: object, client: object = {}) => ({
  client: { base_url: base, ...client },
  resources: [{ name: "r", endpoint: { data_selector: "data", paginator: "single_page", ...endpoint } }],
});

describe("engine + live transport over loopback", () => {
  let a: TestServer;
  let b: TestServer;
  const seenAtB: Record<string, string | string[] | undefined>[] = [];
  const member = gzipSync(Buffer.alloc(16 * MB));
  beforeAll(async () => {
    a = await startServer((req, res, body) => {
      const path = req.url ?? "/";
      if (path === "/bomb")
        return void stream(
          res.writeHead(200, { "content-encoding": "gzip", "content-type": "application/json" }),
          member,
          64 * member.length,
        );
      if (path === "/huge")
        return void stream(res.writeHead(200, { "content-type": "application/json" }), Buffer.alloc(64 * 1024, 0x20), 200 * MB);
      if (path === "/a") return void res.writeHead(302, { location: "/b" }).end("moved");
      if (path === "/b") return void res.writeHead(200, { "content-type": "application/json" }).end('{"data":[{"id":1},{"id":2}]}');
      if (path === "/post") return void res.writeHead(307, { location: "/echo" }).end();
      if (path === "/echo") {
        const type = req.headers["content-type"];
        return void res.writeHead(200).end(JSON.stringify({ data: [{ method: req.method, body, ...(type ? { type } : {}) }] }));
      }
      if (path === "/loop") return void res.writeHead(301, { location: "/loop2" }).end();
      if (path === "/loop2") return void res.writeHead(301, { location: "/loop" }).end();
      if (path === "/to-b") return void res.writeHead(302, { location: `http://127.0.0.2:${a.port}/final` }).end();
      res.writeHead(404).end("{}");
    });
    b = await startServer(
      (req, res) => {
        seenAtB.push(req.headers);
        res.writeHead(200).end('{"data":[{"at":"b"}]}');
      },
      { host: "127.0.0.2", port: a.port },
    );
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it("a 1 MB gzip that inflates to 1 GB: one request, cut at the ratio, the run fails, memory stays flat", async () => {
    const live = createLiveTransport({ guard: parseAllowList("127.0.0.1") });
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    const r = await run(live, resource(a.url, { path: "/bomb" }));
    expect(r.of("request")).toHaveLength(1);
    expect(r.of("retry")).toEqual([]);
    expect(r.of("limit")[0]).toMatchObject({ limit: "max_compression_ratio" });
    expect(r.of("limit")[0]!.message).toMatch(/^stopped: the response to page 1 inflated more than 100 times/);
    expect(r.done).toMatchObject({ type: "done", ok: false });
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * MB);
    await live.close();
  });

  it("a 200 MB page: cut at 20 MB while downloading, the connection destroyed, the run fails", async () => {
    const live = createLiveTransport({ guard: parseAllowList("127.0.0.1") });
    const closed = a.nextClose();
    const r = await run(live, resource(a.url, { path: "/huge" }));
    await closed;
    expect(r.of("request")).toHaveLength(1);
    expect(r.of("limit")).toEqual([
      {
        type: "limit",
        resource: "r",
        limit: "max_response_bytes",
        message: "stopped: the response to page 1 passed 20 MB while downloading (playground limit max_response_bytes)",
      },
    ]);
    expect(r.done).toMatchObject({ ok: false });
    await live.close();
  });

  it("a GET redirect completes; a 307 POST keeps its body; a GET sends its body as dlt does; a loop is too_many_redirects", async () => {
    const live = createLiveTransport({ guard: parseAllowList("127.0.0.1") });
    const get = await run(live, resource(a.url, { path: "/a" }));
    expect(get.of("page")[0]!.records).toEqual([{ id: 1 }, { id: 2 }]);
    expect(get.of("request").map((e) => e.url)).toEqual([`${a.url}/a`, `${a.url}/b`]);
    expect(get.done).toMatchObject({ ok: true });
    const post = await run(live, resource(a.url, { path: "/post", method: "POST", json: { q: 1 } }));
    expect(post.of("page")[0]!.records).toEqual([{ method: "POST", body: '{"q": 1}', type: "application/json" }]);
    // dlt sends a body with GET (python-requests does): so does a live run, with its content type, and a 307 keeps it.
    const get2 = await run(live, resource(a.url, { path: "/echo", json: { q: 2 } }));
    expect(get2.of("page")[0]!.records).toEqual([{ method: "GET", body: '{"q": 2}', type: "application/json" }]);
    const data = await run(live, resource(a.url, { path: "/post", data: { q: "3" } }));
    expect(data.of("page")[0]!.records).toEqual([{ method: "GET", body: "q=3", type: "application/x-www-form-urlencoded" }]);
    const loop = await run(live, resource(a.url, { path: "/loop" }));
    expect(loop.of("error")[0]).toMatchObject({ error: { code: "too_many_redirects" } });
    await live.close();
  });

  it("a redirect to an address the guard refuses is a network_error, never retried, and never connects", async () => {
    const live = createLiveTransport({ guard: parseAllowList("127.0.0.1") });
    const before = b.connections;
    const r = await run(live, resource(a.url, { path: "/to-b" }));
    expect(r.of("error")[0]).toMatchObject({ error: { code: "network_error" } });
    expect(r.of("error")[0]!.error.message).toContain("Refused to contact 127.0.0.2: it is a loopback address");
    expect(r.of("retry")).toEqual([]);
    expect(b.connections).toBe(before);
    await live.close();
  });

  it("a redirect to another allowed origin goes without the X-API-Key", async () => {
    const live = createLiveTransport({ guard: parseAllowList("127.0.0.1,127.0.0.2") });
    const client = { auth: { type: "api_key", name: "X-API-Key", api_key: { $secret: "key" }, location: "header" } };
    const r = await run(live, resource(a.url, { path: "/to-b" }, client), {}, { key: KEY });
    expect(r.of("page")[0]!.records).toEqual([{ at: "b" }]);
    expect(seenAtB.at(-1)!["x-api-key"]).toBeUndefined();
    expect(r.of("warning").map((w) => w.code)).toContain("credentials_withheld");
    await live.close();
  });
});
