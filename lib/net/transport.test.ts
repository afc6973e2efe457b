import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEventListeners } from "node:events";
import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { DEFAULT_LIMITS, EngineError, ResponseCut, type TransportRequest } from "../engine";
import { createLiveTransport } from "./transport";
import { parseAllowList, type Lookup } from "./guard";
import { MAX_COMPRESSION_RATIO } from "./decode";
import { bodyText, drain, startServer, stream, type TestServer } from "../testing/net";

/** A request as the engine hands it to the transport: GET with no headers and the default budget unless told. */
const get = (url: string, init: Partial<TransportRequest> = {}): TransportRequest => ({
  method: "GET",
  url,
  headers: {},
  signal: new AbortController().signal,
  maxBytes: DEFAULT_LIMITS.maxResponseBytes,
  ...init,
});
const json = async (res: { body: AsyncIterable<Uint8Array> }): Promise<unknown> => JSON.parse(await bodyText(res.body));

const MB = 1024 * 1024;
const loopback = parseAllowList("127.0.0.1");

describe("live transport over loopback", () => {
  let server: TestServer;
  const gzipMember = gzipSync(Buffer.alloc(16 * MB));
  const deflated = deflateSync(Buffer.alloc(64 * MB));
  const brotli = brotliCompressSync(Buffer.alloc(64 * MB), { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
  let written = 0;
  const seen: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  beforeAll(async () => {
    server = await startServer((req, res, body) => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const path = req.url ?? "/";
      if (path === "/json") return void res.writeHead(200, { "content-type": "application/json", "x-multi": "a" }).end('{"ok":true}');
      if (path === "/gzip-json") return void res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync('{"gz":1}'));
      if (path === "/br-json") return void res.writeHead(200, { "content-encoding": "br" }).end(brotliCompressSync('{"br":1}'));
      if (path === "/deflate-json") return void res.writeHead(200, { "content-encoding": "deflate" }).end(deflateSync('{"df":1}'));
      if (path === "/raw-deflate-json") return void res.writeHead(200, { "content-encoding": "deflate" }).end(deflateRawSync('{"raw":1}'));
      if (path === "/zstd") return void res.writeHead(200, { "content-encoding": "zstd" }).end("????");
      if (path === "/garbage-as-deflate") return void res.writeHead(200, { "content-encoding": "deflate" }).end("not deflate at all");
      const plain = /^\/plain-as-(gzip|br|deflate)$/.exec(path);
      if (plain) return void res.writeHead(200, { "content-encoding": plain[1] }).end('[{"id": 1}]');
      if (path === "/redirect") return void res.writeHead(302, { location: "/json" }).end("moved");
      if (path === "/empty") return void res.writeHead(204).end();
      if (path === "/huge-headers") return void res.writeHead(200, { "x-big": "a".repeat(20_000) }).end("{}");
      // 200 MB, counting what the server managed to write.
      if (path === "/counted") {
        written = 0;
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = () => {
          while (written < 200 * MB && !res.destroyed) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", pump);
          }
          if (!res.destroyed) res.end();
        };
        res.writeHead(200, { "content-type": "application/json" });
        return pump();
      }
      // Half of the promised body, then the connection drops.
      if (path === "/cut-short") {
        res.writeHead(200, { "content-type": "application/json", "content-length": 1000 }).write('{"data": [1, 2, ');
        return void setTimeout(() => res.socket?.destroy(), 20);
      }
      // 1 MB of gzip that inflates to 1 GB: 64 members of 16 MB of zeros each.
      if (path === "/gzip-bomb") return void stream(res.writeHead(200, { "content-encoding": "gzip" }), gzipMember, 64 * gzipMember.length);
      if (path === "/deflate-bomb") return void res.writeHead(200, { "content-encoding": "deflate" }).end(deflated);
      if (path === "/br-bomb") return void res.writeHead(200, { "content-encoding": "br" }).end(brotli);
      // 200 MB of plain bytes, no content-length.
      if (path === "/huge")
        return void stream(res.writeHead(200, { "content-type": "application/json" }), Buffer.alloc(64 * 1024, 0x20), 200 * MB);
      res.writeHead(404).end();
    });
  });
  afterAll(() => server.close());

  it("lets go of the request's signal once the response is read or discarded (the engine reuses it: detachesSignal)", async () => {
    const live = createLiveTransport({ guard: loopback });
    expect(live.detachesSignal).toBe(true);
    const ctrl = new AbortController();
    for (const path of ["/json", "/gzip-json", "/redirect", "/json"]) {
      const res = await live(get(`${server.url}${path}`, { signal: ctrl.signal }));
      if (path === "/redirect") res.discard();
      else await bodyText(res.body);
      // undici detaches when the response closes (a tick after its end).
      await new Promise((r) => setTimeout(r, 5));
      expect(getEventListeners(ctrl.signal, "abort")).toHaveLength(0);
    }
    await live.close();
  });

  it("answers like fetch: status, headers, body; sends method, headers and body; asks for compression", async () => {
    const live = createLiveTransport({ guard: loopback });
    const res = await live(
      get(`${server.url}/json`, { method: "POST", headers: { "x-api-key": "k", "content-type": "application/json" }, body: '{"a":1}' }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("x-multi")).toBe("a");
    expect(res.headers.get("X-Multi")).toBe("a");
    expect([...res.headers].map(([k]) => k)).toEqual(["connection", "content-type", "date", "keep-alive", "transfer-encoding", "x-multi"]);
    expect(await json(res)).toEqual({ ok: true });
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ method: "POST", url: "/json", body: '{"a":1}' });
    expect(last.headers).toMatchObject({ "x-api-key": "k", "accept-encoding": "gzip, deflate" });
    await live.close();
  });

  it("decodes gzip, br and deflate; refuses an encoding it cannot decode", async () => {
    const live = createLiveTransport();
    expect(await json(await live(get(`${server.url}/gzip-json`)))).toEqual({ gz: 1 });
    expect(await json(await live(get(`${server.url}/br-json`)))).toEqual({ br: 1 });
    expect(await json(await live(get(`${server.url}/deflate-json`)))).toEqual({ df: 1 });
    // Raw deflate (no zlib header), as some servers send it: urllib3, and so dlt's requests, falls back to it.
    expect(await json(await live(get(`${server.url}/raw-deflate-json`)))).toEqual({ raw: 1 });
    const refused = await live(get(`${server.url}/zstd`)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EngineError);
    expect((refused as EngineError).message).toMatch(/encoded with `zstd`/);
    await live.close();
  });

  it("a plain body said to be deflate is read as raw deflate, as urllib3 reads it (bytes that are no JSON, as dlt gets them)", async () => {
    const live = createLiveTransport();
    const res = await live(get(`${server.url}/plain-as-deflate`));
    const text = await bodyText(res.body);
    expect(text).not.toBe('[{"id": 1}]');
    expect(() => JSON.parse(text) as unknown).toThrow();
    await live.close();
  });

  it.each(["gzip", "br", "deflate"])(
    "a body that does not decode as its %s is the engine's error, not retried (dlt: ContentDecodingError)",
    async (coding) => {
      const live = createLiveTransport();
      // Raw deflate takes most bytes (the plain JSON above); this text is no deflate stream either way.
      const res = await live(get(`${server.url}/${coding === "deflate" ? "garbage" : "plain"}-as-${coding}`));
      const failed = await bodyText(res.body).catch((e: unknown) => e);
      // An EngineError: the engine fails the request with it at once (a network error would be retried).
      expect(failed).toBeInstanceOf(EngineError);
      expect((failed as EngineError).code).toBe("network_error");
      expect((failed as EngineError).message).toContain(`content-encoding: ${coding}, but its body does not decode as ${coding} (`);
      await live.close();
    },
  );

  it("response headers over undici's 16 KB fail with the limit named (a network error, retried as dlt's requests does)", async () => {
    const live = createLiveTransport({ guard: loopback });
    await expect(live(get(`${server.url}/huge-headers`))).rejects.toThrow(
      "response headers are larger than 16 KB, the live transport's limit",
    );
    await live.close();
  });

  it("never follows a redirect (the engine does) and gives 204 no body", async () => {
    const live = createLiveTransport();
    const res = await live(get(`${server.url}/redirect`));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/json");
    res.discard();
    expect(await drain((await live(get(`${server.url}/empty`))).body)).toEqual({ bytes: 0, error: null });
    await live.close();
  });

  it.each([
    ["gzip", "/gzip-bomb"],
    ["deflate", "/deflate-bomb"],
    ["br", "/br-bomb"],
  ])("a %s bomb is cut at the compression ratio, long before the byte limit, quickly and without memory growth", async (_name, path) => {
    const live = createLiveTransport();
    global.gc?.();
    const before = process.memoryUsage().rss;
    const t0 = performance.now();
    const closed = server.nextClose();
    const res = await live(get(`${server.url}${path}`, { maxBytes: 20 * MB }));
    const { bytes, error } = await drain(res.body);
    expect(error).toBeInstanceOf(ResponseCut);
    expect((error as ResponseCut).reason).toBe("ratio");
    expect((error as ResponseCut).message).toContain(`inflated more than ${MAX_COMPRESSION_RATIO} times`);
    // The ratio is checked against the compressed bytes received, a few 64 KB chunks ahead of the decoder.
    expect(bytes).toBeLessThan(20 * MB);
    await closed; // the connection was destroyed, not left to finish the download
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * MB);
    await live.close();
  });

  it("a 200 MB page is cut at maxBytes while downloading and its connection destroyed", async () => {
    const live = createLiveTransport();
    const before = process.memoryUsage().rss;
    const closed = server.nextClose();
    const res = await live(get(`${server.url}/huge`, { maxBytes: 20 * MB }));
    const { bytes, error } = await drain(res.body);
    expect(error).toBeInstanceOf(ResponseCut);
    expect(error).toMatchObject({ reason: "bytes" });
    expect(bytes).toBeLessThanOrEqual(20 * MB);
    expect(bytes).toBeGreaterThan(19 * MB);
    await closed;
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * MB);
    await live.close();
  });

  it("cancelling the body (the engine's own limit, a redirect) destroys the connection", async () => {
    const live = createLiveTransport();
    const closed = server.nextClose();
    const res = await live(get(`${server.url}/huge`));
    await res.body[Symbol.asyncIterator]().next();
    res.discard();
    await closed;
    await live.close();
  });

  it("a connection that drops mid-body ends the body with an error, not a short text", async () => {
    const live = createLiveTransport();
    const res = await live(get(`${server.url}/cut-short`));
    expect(res.status).toBe(200);
    const { bytes, error } = await drain(res.body);
    expect(bytes).toBe(16);
    expect(error).toBeInstanceOf(Error);
    await live.close();
  });

  it("a reader slower than the network holds the download back instead of buffering it", async () => {
    const live = createLiveTransport();
    const closed = server.nextClose();
    const res = await live(get(`${server.url}/counted`));
    const chunks = res.body[Symbol.asyncIterator]();
    await chunks.next();
    // Not reading for a while: the body pauses the socket, so the server can write only what the
    // kernel's buffers hold (a few MB), not the 200 MB page.
    await new Promise((r) => setTimeout(r, 500));
    expect(written).toBeLessThan(16 * MB);
    let bytes = 0;
    for (let i = 0; i < 100; i++) bytes += ((await chunks.next()).value as Uint8Array).byteLength;
    expect(bytes).toBeGreaterThan(64 * 1024);
    res.discard();
    await closed;
    await live.close();
  });

  it("aborting the request's signal stops the download", async () => {
    const live = createLiveTransport();
    const ctrl = new AbortController();
    const res = await live(get(`${server.url}/huge`, { signal: ctrl.signal }));
    const chunks = res.body[Symbol.asyncIterator]();
    await chunks.next();
    ctrl.abort();
    await expect(chunks.next()).rejects.toBeDefined();
    await live.close();
  });
});

describe("the guard inside the transport", () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    // Every answer closes its connection, so each request needs a new connection (and a new lookup).
    const handler = (_req: unknown, res: import("node:http").ServerResponse) =>
      void res.writeHead(200, { connection: "close" }).end('{"server":"a"}');
    a = await startServer(handler);
    b = await startServer((_req, res) => void res.writeHead(200, { connection: "close" }).end('{"server":"b"}'), {
      host: "127.0.0.2",
      port: a.port,
    });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it("refuses IP literals before connecting: loopback, mapped and NAT64 spellings", async () => {
    const live = createLiveTransport({ guard: parseAllowList(undefined) });
    for (const host of ["127.0.0.1", "[::ffff:127.0.0.1]", "[64:ff9b::7f00:1]", "[::127.0.0.1]", "2130706433"]) {
      const e = await live(get(`http://${host}:${a.port}/`)).catch((x: unknown) => x);
      expect(e, host).toBeInstanceOf(EngineError);
      expect((e as EngineError).code).toBe("network_error");
      expect((e as EngineError).message).toMatch(/RESTPLAY_ALLOW_HOSTS/);
    }
    expect(a.connections).toBe(0);
    await live.close();
  });

  it("pins the checked address: a lookup that answers an allowed address, then a private one, never reaches the private one", async () => {
    const answers = [["127.0.0.1"], ["127.0.0.2"]];
    const asked: string[] = [];
    const lookup: Lookup = async (host) => {
      asked.push(host);
      return answers.shift() ?? ["127.0.0.2"];
    };
    const live = createLiveTransport({ guard: loopback, lookup });
    expect(await json(await live(get(`http://rebind.test:${a.port}/`)))).toEqual({ server: "a" });
    expect(asked).toEqual(["rebind.test"]); // one resolution for the check and the connection
    const second = await live(get(`http://rebind.test:${a.port}/`)).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(EngineError);
    expect((second as EngineError).message).toMatch(/Refused to contact rebind\.test: it is a loopback address \(127\.0\.0\.2\)/);
    expect(asked).toEqual(["rebind.test", "rebind.test"]);
    expect(b.connections).toBe(0);
    await live.close();
  });

  it("refuses a host when any one of its addresses is refused, and names unresolvable hosts", async () => {
    const live = createLiveTransport({
      guard: loopback,
      lookup: async (h) =>
        h === "mixed.test" ? ["127.0.0.1", "10.0.0.7"] : Promise.reject(Object.assign(new Error("nope"), { code: "ENOTFOUND" })),
    });
    await expect(live(get(`http://mixed.test:${a.port}/`))).rejects.toThrow(/10\.0\.0\.7/);
    await expect(live(get(`http://gone.test:${a.port}/`))).rejects.toThrow(/Could not resolve gone\.test \(ENOTFOUND\)/);
    expect(b.connections).toBe(0);
    await live.close();
  });

  it("an origin checked once lets its next pages through, never a URL that only begins with its text", async () => {
    const live = createLiveTransport({ guard: loopback });
    for (const page of ["/?page=1", "/?page=2"]) expect(await json(await live(get(`${a.url}${page}`)))).toEqual({ server: "a" });
    const tricks = [
      `http://127.0.0.1:${a.port}@127.0.0.2:${a.port}/`, // user info: the host is 127.0.0.2
      `http://127.0.0.1:${a.port}\\@127.0.0.2:${a.port}/`,
      `http://127.0.0.1:${a.port}#@127.0.0.2/`,
      `http://127.0.0.2:${a.port}/`,
    ];
    for (const url of tricks) {
      const e = await live(get(url)).catch((x: unknown) => x);
      if (e instanceof EngineError) expect(e.message, url).toMatch(/Refused|Invalid URL/);
      else expect(await json(e as { body: AsyncIterable<Uint8Array> }), url).toEqual({ server: "a" });
    }
    expect(b.connections).toBe(0);
    await live.close();
  });

  it("RESTPLAY_ALLOW_HOSTS host names skip the address check; unguarded (the CLI) reaches any host", async () => {
    const byName = createLiveTransport({ guard: parseAllowList("intranet.test"), lookup: async () => ["127.0.0.2"] });
    expect(await json(await byName(get(`http://intranet.test:${a.port}/`)))).toEqual({ server: "b" });
    const cli = createLiveTransport();
    expect(await json(await cli(get(`${a.url}/`)))).toEqual({ server: "a" });
    await expect(cli(get("file:///etc/passwd"))).rejects.toThrow(/only http and https/);
    await byName.close();
    await cli.close();
  });
});
