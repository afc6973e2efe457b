/**
 * `node --cpu-prof --import tsx bench/profile.ts floor,paging,preview [pages] [rounds]`: the engine
 * figure's workloads (./engine-workloads.ts: floor, undici, paging, preview, cli) in one process, for CPU
 * and heap profiles; prints the best wall and CPU time of each.
 * `undici` is the floor's loop on `undici.request` (the transport's own floor).
 */
import { MODES, startWorkloads, type Mode } from "./engine-workloads";

async function main() {
  const modes = (process.argv[2] ?? "paging").split(",") as Mode[];
  for (const m of modes) if (!MODES.includes(m)) throw new Error(`mode: one of ${MODES.join(", ")}`);
  const pages = Number(process.argv[3] ?? 1000);
  const rounds = Number(process.argv[4] ?? 1);
  const w = await startWorkloads(pages);
  const best = new Map<string, { wall: number; cpu: number }>();
  for (let round = 0; round < rounds; round++)
    for (const mode of modes) {
      const c = process.cpuUsage();
      const t = performance.now();
      await w.run(mode);
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
  await w.close();
}
void main();
