/**
 * `node --import tsx bench/engine-mode.ts MODE PAGES RUNS`: one engine workload (./engine-workloads.ts)
 * in a process of its own — a warm-up, then RUNS timed runs — printing `{"wall": [...], "cpu": [...]}`
 * (ms; CPU of the whole process, `process.cpuUsage`). A process per workload, so that no run pays for
 * collecting another workload's garbage (the preview's kept rows were collected during the floor's runs).
 */
import { MODES, startWorkloads, type Mode } from "./engine-workloads";

async function main() {
  const [modeText = "", pagesText = "1000", runsText = "3"] = process.argv.slice(2);
  if (!(MODES as readonly string[]).includes(modeText)) throw new Error(`mode: one of ${MODES.join(", ")}`);
  const mode = modeText as Mode;
  const w = await startWorkloads(Number(pagesText));
  const wall: number[] = [];
  const cpu: number[] = [];
  await w.run(mode);
  for (let i = 0; i < Number(runsText); i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const n = await w.run(mode);
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    if (n !== w.total) throw new Error(`${mode}: counted ${n} of ${w.total} records`);
  }
  await w.close();
  process.stdout.write(`${JSON.stringify({ wall, cpu })}\n`);
}

void main();
