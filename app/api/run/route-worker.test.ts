/**
 * The route's runs in their worker threads (decision 0040), against a loopback API: a client that reads
 * slowly pauses its run (the engine stops asking for pages), a cancelled run is freed in its worker, and
 * a large page is parsed off the request thread.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { EngineEvent } from "@/lib/engine";
import { GET, POST } from "./route";
import { runPool } from "./pools";
import { QUEUE_HIGH_BYTES } from "./run-stream";
import { readSettings } from "./settings";
import { startLoopback, type Loopback } from "./testing/loopback";

const PAGES = 400;
const PER_PAGE = 100;
const record = (id: number) => ({ id, pad: "x".repeat(400) });
/** One page of /items: ~42 KB. */
const pageText = (offset: number) =>
  JSON.stringify({ data: Array.from({ length: PER_PAGE }, (_, i) => record(offset + i)), total: PAGES * PER_PAGE });
const PAGE_BYTES = pageText(0).length;
/** ~15 MB in one page. */
const big = Buffer.from(JSON.stringify({ data: Array.from({ length: 36_000 }, (_, i) => record(i)) }));

let server: Loopback;
let base = "";
let served = 0;

beforeAll(async () => {
  server = await startLoopback((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/items") {
      served++;
      return void res.writeHead(200, { "content-type": "application/json" }).end(pageText(Number(url.searchParams.get("offset") ?? 0)));
    }
    if (url.pathname === "/big") return void res.writeHead(200, { "content-type": "application/json" }).end(big);
    res.writeHead(404).end("{}");
  });
  base = server.base;
});
afterAll(() => server.close());

const saved = {
  allow: process.env.RESTPLAY_ALLOW_HOSTS,
  perClient: process.env.RESTPLAY_MAX_RUNS_PER_CLIENT,
  runMs: process.env.RESTPLAY_MAX_RUN_MS,
};
afterEach(() => {
  for (const [name, value] of [
    ["RESTPLAY_ALLOW_HOSTS", saved.allow],
    ["RESTPLAY_MAX_RUNS_PER_CLIENT", saved.perClient],
    ["RESTPLAY_MAX_RUN_MS", saved.runMs],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const live = (path: string, paginator: unknown, headers: Record<string, string> = {}) => {
  process.env.RESTPLAY_ALLOW_HOSTS = "127.0.0.1";
  const config = JSON.stringify({
    client: { base_url: base },
    resources: [{ name: "r", endpoint: { path, data_selector: "data", paginator } }],
  });
  return POST(
    new Request("http://127.0.0.1/api/run", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ config, target: "live", max_pages: 1000 }),
    }),
  );
};

const lines = (text: string) =>
  text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EngineEvent);

/** Waits (no assertion on time) until `value()` has not changed for a while. */
async function settled(value: () => number): Promise<number> {
  let last = -1;
  for (let stable = 0; stable < 20;) {
    await new Promise((r) => setTimeout(r, 25));
    stable = value() === last ? stable + 1 : 0;
    last = value();
  }
  return last;
}

const until = async (what: () => boolean) => {
  while (!what()) await new Promise((r) => setTimeout(r, 10));
};

describe("POST /api/run, runs in worker threads", () => {
  it("a client that stops reading pauses its run: the pages asked for stay within the stream's high-water mark", async () => {
    served = 0;
    const res = await live("/items", { type: "offset", limit: PER_PAGE, total_path: "total" });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const whilePaused = await settled(() => served);
    // The queue holds up to the high-water mark; a page or two more were under way while the pause travelled.
    expect(whilePaused).toBeLessThan(PAGES);
    expect(whilePaused).toBeLessThanOrEqual(Math.ceil(QUEUE_HIGH_BYTES / PAGE_BYTES) + 4);
    let text = "";
    const decoder = new TextDecoder();
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
    const events = lines(text);
    expect(served).toBe(PAGES);
    expect(events.filter((e) => e.type === "page")).toHaveLength(PAGES);
    expect(events.at(-1)).toMatchObject({ type: "done", ok: true });
  }, 60_000);

  it("a client that keeps the connection and reads nothing loses its run after the run time limit: the slot is free again", async () => {
    process.env.RESTPLAY_MAX_RUNS_PER_CLIENT = "1";
    process.env.RESTPLAY_MAX_RUN_MS = "4000";
    const who = { "x-forwarded-for": "192.0.2.78" };
    const res = await live("/items", { type: "offset", limit: PER_PAGE, total_path: "total" }, who);
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    expect((await live("/items", "single_page", who)).status).toBe(429);
    // Nothing more is read: once the run has waited for its client as long as a run may last, it is stopped.
    let again: Response;
    do {
      await new Promise((r) => setTimeout(r, 100));
      again = await live("/items", "single_page", who);
    } while (again.status === 429);
    expect(again.status).toBe(200);
    expect(lines(await again.text()).at(-1)).toMatchObject({ type: "done", ok: true });
    let text = "";
    const decoder = new TextDecoder();
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
    const events = lines(text);
    expect(events.filter((e) => e.type === "page").length).toBeLessThan(PAGES);
    expect(events.at(-2)).toMatchObject({ type: "error", error: { code: "cancelled" } });
    expect(JSON.stringify(events.at(-2))).toContain("read nothing for 4 s");
    expect(events.at(-1)).toMatchObject({ type: "done", ok: false });
  }, 60_000);

  it("a cancelled run is freed in its worker and its admission released", async () => {
    process.env.RESTPLAY_MAX_RUNS_PER_CLIENT = "1";
    const who = { "x-forwarded-for": "192.0.2.77" };
    const before = server.hanging;
    const closedBefore = server.hangClosed;
    const res = await live("/hang", "single_page", who);
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await until(() => server.hanging > before);
    expect((await live("/hang", "single_page", who)).status).toBe(429);
    await reader.cancel();
    const pool = runPool(readSettings());
    await until(() => server.hangClosed > closedBefore && pool.runsPerWorker().every((n) => n === 0));
    const again = await live("/items", "single_page", who);
    expect(again.status).toBe(200);
    expect(lines(await again.text()).at(-1)).toMatchObject({ type: "done", ok: true });
  }, 60_000);

  it("a 15 MB page is parsed in the run's worker: the request thread never parses it, and answers meanwhile", async () => {
    const parse = vi.spyOn(JSON, "parse");
    let text: string;
    try {
      const res = await live("/big", "single_page");
      const body = res.text();
      expect(GET().status).toBe(204);
      text = await body;
    } finally {
      parse.mockRestore();
    }
    const largest = Math.max(0, ...parse.mock.calls.map(([t]) => (typeof t === "string" ? t.length : 0)));
    expect(largest).toBeLessThan(1024 * 1024);
    const events = lines(text);
    expect(events.find((e) => e.type === "page")).toMatchObject({ count: 36_000 });
    expect(events.at(-1)).toMatchObject({ type: "done", ok: true });
  }, 60_000);
});
