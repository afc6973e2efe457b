/**
 * Figure 1: the engine against a plain `fetch` + `JSON.parse` loop over the same loopback pages, in the
 * same run: **paging** (auth, request, parse, select, paginator, events; no preview) and **paging +
 * preview** (the same plus `createPreview()` normalising and merging every record). Both go through
 * the live transport the CLI and the route use (lib/net, undici). Best of five alternating runs after a
 * warm-up; the CPU ratio (`process.cpuUsage`, whole process) is given beside the wall-clock ratio.
 */
import { startBenchServer, BENCH_TOKEN } from "./server";
import { extract, type EngineDeps } from "../lib/engine";
import { createPreview } from "../lib/preview";
import { createRunCollector } from "../lib/run";
import { ROWS_SHOWN } from "../lib/cli/tables";
import { validateValue } from "../lib/config";
import { createLiveTransport } from "../lib/net";
import { loadavg } from "node:os";
import { figure, info, realSleep, realTimer, type Figure } from "./figures";

const PAGES = 1000;
const LIMIT = 100;
const ROUNDS = 5;

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

async function timed(f: () => Promise<number>, total: number): Promise<Timing> {
  const c = process.cpuUsage();
  const t = performance.now();
  const n = await f();
  const wall = performance.now() - t;
  const cpu = process.cpuUsage(c);
  if (n !== total) throw new Error(`counted ${n} of ${total} records`);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

export async function engineFigures(): Promise<Figure[]> {
  const total = PAGES * LIMIT;
  const server = await startBenchServer(total);
  const live = createLiveTransport();
  const floor = async () => {
    let n = 0;
    for (let off = 0; off < total; off += LIMIT) {
      const res = await fetch(`${server.url}/items?offset=${off}&limit=${LIMIT}`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
      n += (JSON.parse(await res.text()) as { data: unknown[] }).data.length;
    }
    return n;
  };
  const resource = {
    name: "items",
    primary_key: "id",
    write_disposition: "merge",
    endpoint: { path: "/items", data_selector: "data", paginator: { type: "offset", limit: LIMIT } },
  };
  const config = { client: { base_url: server.url, auth: { type: "bearer", token: { $secret: "token" } } }, resources: [resource] };
  const deps: EngineDeps = { transport: live, sleep: realSleep, timer: realTimer, now: Date.now, monotonic: () => performance.now() };
  // Resolved once, outside the timing: the engine runs a resolved source (decision 0021).
  const options = {
    source: validateValue(config).source!,
    secrets: { token: BENCH_TOKEN },
    limits: { maxPages: PAGES + 1, maxRecords: total + 1 },
  };
  const paging = async () => {
    let n = 0;
    for await (const e of extract(options, deps)) if (e.type === "page") n += e.count;
    return n;
  };
  const withPreview = async () => {
    const preview = createPreview();
    let n = 0;
    for await (const e of extract(options, deps)) {
      preview.push(e);
      if (e.type === "page") n += e.count;
    }
    const merged = preview.tables()[0]?.stats.merged ?? 0;
    if (merged !== total) throw new Error(`engine merged ${merged} of ${total}`);
    return n;
  };
  // What `restplay run` does with text output: the collector's windowed preview (every record
  // normalised, typed and merged; the rows it prints kept) and its trace, then the summary.
  const cli = async () => {
    const collector = createRunCollector({ window: ROWS_SHOWN });
    let n = 0;
    for await (const e of extract(options, deps)) {
      collector.push(e);
      if (e.type === "page") n += e.count;
    }
    const merged = collector.preview.tables()[0]?.stats.merged ?? 0;
    if (merged !== total) throw new Error(`the CLI's preview merged ${merged} of ${total}`);
    collector.summary();
    return n;
  };
  // Warm up (JIT, keep-alive sockets), then the best of alternating rounds.
  await floor();
  await paging();
  await withPreview();
  await cli();
  const runs: Record<"floor" | "paging" | "preview" | "cli", Timing[]> = { floor: [], paging: [], preview: [], cli: [] };
  for (let i = 0; i < ROUNDS; i++) {
    runs.floor.push(await timed(floor, total));
    runs.paging.push(await timed(paging, total));
    runs.preview.push(await timed(withPreview, total));
    runs.cli.push(await timed(cli, total));
  }
  await live.close();
  await server.close();
  const best = (ts: Timing[], k: keyof Timing) => Math.min(...ts.map((t) => t[k]));
  const ratio = (k: "paging" | "preview" | "cli", of: keyof Timing) => best(runs[k], of) / best(runs.floor, of);
  const perS = (k: keyof typeof runs) => total / (best(runs[k], "wall") / 1000);
  const load = loadavg()[0] ?? 0;
  return [
    info(
      "engine.floor_records_per_s",
      perS("floor"),
      "records/s",
      `fetch + JSON.parse loop, ${PAGES} pages × ${LIMIT} records, bearer auth, loopback; load ${load.toFixed(1)}`,
    ),
    info("engine.paging_records_per_s", perS("paging"), "records/s", "extract() over lib/net: auth, offset paging, selection, events"),
    info("engine.paging_preview_records_per_s", perS("preview"), "records/s", "the same + createPreview() normalise and merge"),
    figure("engine.paging_ratio_vs_floor", ratio("paging", "wall"), "×", 0.9, {
      note: `paging time / floor time (CPU ${ratio("paging", "cpu").toFixed(2)} ×)`,
    }),
    figure("engine.paging_preview_ratio_vs_floor", ratio("preview", "wall"), "×", 1.2, {
      note: `paging + preview time / floor time (CPU ${ratio("preview", "cpu").toFixed(2)} ×)`,
    }),
    info(
      "engine.paging_cli_preview_ratio_vs_floor",
      ratio("cli", "wall"),
      "×",
      `restplay run's text output (windowed preview + trace + summary) / floor time (CPU ${ratio("cli", "cpu").toFixed(2)} ×)`,
    ),
  ];
}
