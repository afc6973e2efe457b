/**
 * `node --cpu-prof --import tsx bench/profile.ts floor,paging,preview [pages] [rounds]`: the engine
 * figure's workloads alone, for CPU and heap profiles; prints the best wall and CPU time of each.
 * `undici` is the floor's loop on `undici.request` (the transport's own floor).
 */
import { startBenchServer, BENCH_TOKEN } from "./server";
import { extract, type EngineDeps } from "../lib/engine";
import { createPreview } from "../lib/preview";
import { validateValue } from "../lib/config";
import { createLiveTransport } from "../lib/net";
import { realSleep, realTimer } from "./figures";
import { request } from "undici";

async function main() {
  const modes = (process.argv[2] ?? "paging").split(",");
  const pages = Number(process.argv[3] ?? 1000);
  const rounds = Number(process.argv[4] ?? 1);
  const total = pages * 100;
  const server = await startBenchServer(total);
  const live = createLiveTransport();
  const resource = {
    name: "items",
    primary_key: "id",
    write_disposition: "merge",
    endpoint: { path: "/items", data_selector: "data", paginator: { type: "offset", limit: 100 } },
  };
  const config = { client: { base_url: server.url, auth: { type: "bearer", token: { $secret: "token" } } }, resources: [resource] };
  const source = validateValue(config).source!;
  const deps: EngineDeps = { transport: live, sleep: realSleep, timer: realTimer, now: Date.now, monotonic: () => performance.now() };
  const best = new Map<string, { wall: number; cpu: number }>();
  for (let round = 0; round < rounds; round++)
    for (const mode of modes) {
      const c = process.cpuUsage();
      const t = performance.now();
      if (mode === "floor") {
        for (let off = 0; off < total; off += 100) {
          const res = await fetch(`${server.url}/items?offset=${off}&limit=100`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
          JSON.parse(await res.text());
        }
      } else if (mode === "undici") {
        for (let off = 0; off < total; off += 100) {
          const res = await request(`${server.url}/items?offset=${off}&limit=100`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
          JSON.parse(await res.body.text());
        }
      } else {
        const preview = mode === "preview" ? createPreview() : null;
        for await (const e of extract(
          { source, secrets: { token: BENCH_TOKEN }, limits: { maxPages: pages + 1, maxRecords: total + 1 } },
          deps,
        ))
          preview?.push(e);
        preview?.tables();
      }
      const used = process.cpuUsage(c);
      const wall = performance.now() - t;
      const cpu = (used.user + used.system) / 1000;
      const b = best.get(mode);
      best.set(mode, { wall: Math.min(wall, b?.wall ?? Infinity), cpu: Math.min(cpu, b?.cpu ?? Infinity) });
    }
  const floor = best.get("floor");
  for (const [mode, b] of best) {
    const vs = floor ? ` (${(b.wall / floor.wall).toFixed(2)} × wall, ${(b.cpu / floor.cpu).toFixed(2)} × cpu)` : "";
    console.log(`${mode}: ${Math.round(b.wall)} ms wall, ${Math.round(b.cpu)} ms cpu${vs}`);
  }
  await live.close();
  await server.close();
}
void main();
