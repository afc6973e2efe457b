/**
 * Figure 1: the engine against a plain `fetch` + `JSON.parse` loop over the same loopback pages:
 * **paging** (auth, request, parse, select, paginator, events; no preview) and **paging + preview**
 * (the same plus `createPreview()` normalising and merging every record, every row kept), and, as
 * information, the windowed preview `restplay run` holds, what its text output does, and two lower
 * bounds of any preview that keeps its rows in the JS heap (./engine-workloads.ts). Each workload runs in a
 * process of its own (./engine-mode.ts: a warm-up, then timed runs), the processes alternating
 * floor, paging, preview, CLI for `ROUNDS` rounds; the best wall and CPU time of each workload over all
 * its runs gives the ratios. A process per workload: in one process a run after the preview's paid for
 * collecting the previous preview's rows (the floor looked slower than it is, flattering every ratio).
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { figure, info, type Figure } from "./figures";
import { LIMIT, type Mode } from "./engine-workloads";

const PAGES = 1000;
const ROUNDS = 3;
/** Timed runs per process after its warm-up: the engine's code (more of it than the floor's) reaches steady state by the fourth or fifth. */
const RUNS = 6;
const TIMED: readonly Mode[] = ["floor", "paging", "preview", "window", "cli", "keep", "rows"];

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

function runMode(mode: Mode): { wall: number[]; cpu: number[] } {
  const out = execFileSync(process.execPath, ["--import", "tsx", "bench/engine-mode.ts", mode, String(PAGES), String(RUNS)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { wall: number[]; cpu: number[] };
}

export async function engineFigures(): Promise<Figure[]> {
  const total = PAGES * LIMIT;
  const best = new Map<Mode, Timing>();
  for (let round = 0; round < ROUNDS; round++)
    for (const mode of TIMED) {
      const r = runMode(mode);
      const b = best.get(mode);
      best.set(mode, { wall: Math.min(b?.wall ?? Infinity, ...r.wall), cpu: Math.min(b?.cpu ?? Infinity, ...r.cpu) });
    }
  const of = (m: Mode) => best.get(m) as Timing;
  const ratio = (m: Mode, k: keyof Timing) => of(m)[k] / of("floor")[k];
  const perS = (m: Mode) => total / (of(m).wall / 1000);
  const load = loadavg()[0] ?? 0;
  const runs = `best of ${ROUNDS} processes × ${RUNS} runs`;
  return [
    info(
      "engine.floor_records_per_s",
      perS("floor"),
      "records/s",
      `fetch + JSON.parse loop, ${PAGES} pages × ${LIMIT} records, bearer auth, loopback; ${runs}; load ${load.toFixed(1)}`,
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
      "engine.paging_window_preview_ratio_vs_floor",
      ratio("window", "wall"),
      "×",
      `paging + the windowed preview restplay run holds (every record normalised, typed and merged; the first rows kept) / floor time (CPU ${ratio("window", "cpu").toFixed(2)} ×)`,
    ),
    info(
      "engine.bound_keep_records_ratio_vs_floor",
      ratio("keep", "wall"),
      "×",
      `lower bound: paging + every record kept, nothing else / floor time (CPU ${ratio("keep", "cpu").toFixed(2)} ×)`,
    ),
    info(
      "engine.bound_untyped_rows_ratio_vs_floor",
      ratio("rows", "wall"),
      "×",
      `lower bound: paging + every record kept + an untyped flat row per record and list item / floor time (CPU ${ratio("rows", "cpu").toFixed(2)} ×)`,
    ),
    info(
      "engine.paging_cli_preview_ratio_vs_floor",
      ratio("cli", "wall"),
      "×",
      `restplay run's text output (windowed preview + trace + summary) / floor time (CPU ${ratio("cli", "cpu").toFixed(2)} ×)`,
    ),
  ];
}
