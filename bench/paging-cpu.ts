/**
 * `node --import tsx bench/paging-cpu.ts [other checkout] [rounds]`: the engine figure's paging
 * workload (1,000 pages of 100 records over lib/net's transport from a loopback server in this
 * process), CPU and wall per run. With another checkout (a path), its lib/engine and lib/net page the
 * same server in the same process, alternating with this one — how docs/performance.md measures what
 * a change to the engine bought. Prints the best and the median of each.
 */
import path from "node:path";
import { startBenchServer, BENCH_TOKEN } from "./server";
import { validateValue } from "../lib/config";
import { benchConfig } from "./engine-workloads";
import { realSleep, realTimer } from "./figures";

type Engine = typeof import("../lib/engine");
type Net = typeof import("../lib/net");

const PAGES = 1000;

async function main() {
  const other = process.argv[2] && !/^\d+$/.test(process.argv[2]) ? path.resolve(process.argv[2]) : null;
  const rounds = Number(process.argv[other ? 3 : 2] ?? 9);
  const total = PAGES * 100;
  const server = await startBenchServer(total);
  const config = benchConfig(server.url);
  const options = {
    source: validateValue(config).source!,
    secrets: { token: BENCH_TOKEN },
    limits: { maxPages: PAGES + 1, maxRecords: total + 1 },
  };
  const load = async (dir: string) => {
    const engine = (await import(path.join(dir, "lib/engine/index.ts"))) as Engine;
    const net = (await import(path.join(dir, "lib/net/index.ts"))) as Net;
    const transport = net.createLiveTransport();
    const deps = { transport, sleep: realSleep, timer: realTimer, now: Date.now, monotonic: () => performance.now() };
    return {
      dir,
      transport,
      run: async () => {
        let n = 0;
        for await (const e of engine.extract(options, deps)) if (e.type === "page") n += e.count;
        if (n !== total) throw new Error(`${dir}: counted ${n} of ${total} records`);
      },
    };
  };
  const subjects = [await load(path.resolve(import.meta.dirname, "..")), ...(other ? [await load(other)] : [])];
  const times = new Map<string, { cpu: number[]; wall: number[] }>(subjects.map((s) => [s.dir, { cpu: [], wall: [] }]));
  for (const s of subjects) await s.run();
  for (let r = 0; r < rounds; r++)
    for (const s of r % 2 === 0 ? subjects : [...subjects].reverse()) {
      const c = process.cpuUsage();
      const t = performance.now();
      await s.run();
      const u = process.cpuUsage(c);
      times.get(s.dir)!.cpu.push((u.user + u.system) / 1000);
      times.get(s.dir)!.wall.push(performance.now() - t);
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const [dir, t] of times)
    console.log(
      `${dir}: CPU best ${Math.round(Math.min(...t.cpu))} median ${Math.round(median(t.cpu))} ms, ` +
        `wall best ${Math.round(Math.min(...t.wall))} median ${Math.round(median(t.wall))} ms per ${PAGES} pages`,
    );
  for (const s of subjects) await s.transport.close();
  await server.close();
}
void main();
