/**
 * Figures 7 and 8, against the production server (`next start`): peak RSS of the server process
 * while 100,000 and 1,000,000 records stream through `/api/run` (live target, the bench API on
 * loopback, the client reading as fast as it can), and the route under load — 50 concurrent mock
 * runs of seed 000 (each client its own address): throughput, p50/p95/p99 to the final event,
 * errors, RSS before and after. The server's ceilings are raised by environment for these runs only.
 * The runs execute in the server's run worker threads (decision 0040): threads of the same process, so
 * the RSS figures include their heaps.
 */
import { readFileSync } from "node:fs";
import { request } from "undici";
import { SEED_EXAMPLES } from "../lib/examples";
import { withServer } from "./browser";
import { BENCH_TOKEN } from "./server";
import { startServerProcess } from "./memory";
import { figure, info, percentile, type Figure } from "./figures";

const CONCURRENT = 50;
/** Records per page: the run contract allows 10,000 pages at most. */
const LIMIT = 200;
const BUDGET_1M_MB = 250;

/** Resident and peak resident memory of a process and its children (MB), from /proc. */
export function rssOf(pid: number): { rss: number; peak: number } {
  const read = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
      return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
    } catch {
      return { rss: 0, peak: 0 };
    }
  };
  const children = (p: number): number[] => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  // `next start` may run the server in a child process: the largest process of the tree is the server.
  const all = [pid, ...children(pid).flatMap((c) => [c, ...children(c)])].map(read);
  return all.reduce((a, b) => (b.rss > a.rss ? b : a), { rss: 0, peak: 0 });
}

/** POSTs a run and reads the NDJSON stream to its end: ms to the final event, and whether it was `done`. */
async function run(url: string, body: unknown, client: string): Promise<{ ms: number; ok: boolean; bytes: number; tail: string }> {
  const t = performance.now();
  const res = await request(`${url}api/run`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url.replace(/\/$/, ""), "x-forwarded-for": client },
    body: JSON.stringify(body),
  });
  let tail = "";
  let bytes = 0;
  for await (const chunk of res.body) {
    bytes += (chunk as Buffer).length;
    tail = (tail + (chunk as Buffer).toString()).slice(-300);
  }
  const ms = performance.now() - t;
  return { ms, ok: res.statusCode === 200 && /"type":"done"/.test(tail), bytes, tail: `${res.statusCode} ${tail}` };
}

const sizedFor = (total: number): Record<string, string> => ({
  RESTPLAY_ALLOW_HOSTS: "127.0.0.1",
  RESTPLAY_MAX_PAGES: String(total / 100 + 1),
  RESTPLAY_MAX_REQUESTS: String(total / 100 + 10),
  RESTPLAY_MAX_RECORDS: String(total + 1),
  RESTPLAY_MAX_RUN_BYTES: String(1e12),
  RESTPLAY_MAX_RUN_MS: String(3_600_000),
  RESTPLAY_MAX_RUNS: String(CONCURRENT + 14),
  RESTPLAY_VALIDATION_QUEUE: String(CONCURRENT + 14),
  RESTPLAY_VALIDATION_QUEUE_MS: "60000",
});

export async function routeFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const total of [100_000, 1_000_000]) {
    const api = await startServerProcess(total);
    try {
      const config = {
        client: { base_url: api.url, auth: { type: "bearer", token: { $secret: "token" } } },
        resources: [
          {
            name: "items",
            primary_key: "id",
            endpoint: { path: "/items", data_selector: "data", paginator: { type: "offset", limit: LIMIT } },
          },
        ],
      };
      const body = { config: JSON.stringify(config), target: "live", max_pages: total / LIMIT + 1, secrets: { token: BENCH_TOKEN } };
      await withServer(async (url, pid) => {
        await run(url, { ...body, max_pages: 2 }, "10.0.0.1");
        const before = rssOf(pid);
        const r = await run(url, body, "10.0.0.1");
        if (!r.ok) throw new Error(`the route run of ${total} records did not end with done: ${r.tail}`);
        const peak = rssOf(pid).peak;
        const size = `${Math.round(r.bytes / 1e6)} MB of NDJSON`;
        const took = `${Math.round(r.ms / 1000)} s; RSS ${Math.round(before.rss)} MB before`;
        const note = `/api/run, ${total.toLocaleString("en")} records (${size}) in ${took}`;
        const name = `memory.route_peak_rss_${total === 100_000 ? "100k" : "1m"}_mb`;
        figures.push(total === 100_000 ? info(name, peak, "MB", note) : figure(name, peak, "MB", BUDGET_1M_MB, { note }));
      }, sizedFor(total));
    } finally {
      api.close();
    }
  }
  return figures;
}

export async function loadFigures(): Promise<Figure[]> {
  const seed = SEED_EXAMPLES[0];
  if (!seed) throw new Error("no seed example");
  const body = { config: seed.text, target: "mock" };
  return withServer(async (url, pid) => {
    for (let i = 0; i < 3; i++) await run(url, body, `10.1.0.${i}`);
    const before = rssOf(pid);
    const t = performance.now();
    const results = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) =>
        run(url, body, `10.2.${i >> 8}.${i & 255}`).catch((e: unknown) => ({ ms: NaN, ok: false, bytes: 0, tail: String(e) })),
      ),
    );
    const wall = performance.now() - t;
    const after = rssOf(pid);
    const times = results
      .filter((r) => r.ok)
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    const errors = results.length - times.length;
    const note = `${CONCURRENT} concurrent mock runs of ${seed.id}`;
    return [
      info("route.load_runs_per_s", times.length / (wall / 1000), "runs/s", `${note} in ${Math.round(wall)} ms`),
      info("route.load_p50_ms", percentile(times, 50), "ms", "POST to the final event"),
      info("route.load_p95_ms", percentile(times, 95), "ms"),
      info("route.load_p99_ms", percentile(times, 99), "ms"),
      figure("route.load_errors", errors, "runs", 0, { note: "runs that did not end with done (any status but 200)" }),
      info("route.load_rss_before_mb", before.rss, "MB"),
      info("route.load_rss_after_mb", after.rss, "MB", `peak ${Math.round(after.peak)} MB`),
    ];
  }, sizedFor(100_000));
}
