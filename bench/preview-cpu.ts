/**
 * `node --expose-gc --import tsx bench/preview-cpu.ts [other checkout] [rounds]`: the preview's own CPU
 * (`createPreview()` fed 1,000 pages of 100 records, then `tables()`), no network: the engine
 * figure's records (`bench/server.ts`) and the preview figure's nested ones (`bench/preview.ts`).
 * With another checkout (a path), its lib/preview runs the same pages in the same process,
 * alternating with this one, and the two must produce the same tables, resources and findings —
 * how docs/performance.md measures what a change to the normaliser bought.
 * `PREVIEW_WINDOW=3` runs the windowed preview `restplay run` holds (`createPreview({ window: 3 })`,
 * one run, its own destination) instead. `PREVIEW_ONLY="engine records,nested records"` runs only the workloads
 * named (comma-separated: `engine records`, `engine records parsed per page`, `nested records`).
 */
import path from "node:path";
import { PerformanceObserver, constants, performance } from "node:perf_hooks";
import { record } from "./server";
import { nestedRecords } from "./preview";
import type { DataRecord, EngineEvent } from "../lib/engine";

type PreviewLib = typeof import("../lib/preview");

/** `PREVIEW_WINDOW`: the windowed preview's window; `null`: every row kept. */
const WINDOW = process.env.PREVIEW_WINDOW ? Number(process.env.PREVIEW_WINDOW) : null;

const RESOURCE = {
  type: "resource_start",
  resource: "items",
  paginator: "offset",
  data_selector: "data",
  primary_key: ["id"],
  write_disposition: "merge",
  parent: null,
  table_name: "items",
  max_table_nesting: null,
  merge_key: null,
  merge_strategy: null,
  columns: [],
} as const satisfies EngineEvent;

/**
 * One run: every page through a fresh preview (on `destination`'s loads, when given). A page given as
 * text is parsed as it is pushed, as the engine's pages arrive: its records are young when the preview
 * keeps them (the parse is in the run's CPU, the same for both checkouts).
 */
function run(lib: PreviewLib, pages: readonly (DataRecord[] | string)[], destination?: ReturnType<PreviewLib["createDestination"]>) {
  const preview = lib.createPreview(WINDOW === null ? { destination } : { window: WINDOW });
  preview.push({ type: "run_start", resources: ["items"], at: 0 });
  preview.push(RESOURCE);
  pages.forEach((page, i) => {
    const records = typeof page === "string" ? (JSON.parse(page) as DataRecord[]) : page;
    preview.push({
      type: "page",
      resource: "items",
      page: i + 1,
      request_id: i + 1,
      records,
      count: records.length,
      selector: "data",
      selector_source: "configured",
    });
  });
  preview.push({ type: "done", ok: true, duration_ms: 0, stats: {} });
  preview.tables();
  return preview;
}

/** Everything a run shows, as text (two runs: the second merges into the first's load). */
function shown(lib: PreviewLib, pages: () => (DataRecord[] | string)[]): string {
  const destination = lib.createDestination();
  const out: string[] = [];
  for (let i = 0; i < (WINDOW === null ? 2 : 1); i++) {
    const p = run(lib, pages(), destination);
    const tables = p.tables();
    out.push(lib.stringifyJson(lib.tablesJson(tables)), JSON.stringify(p.resources()), JSON.stringify(p.findings()));
    out.push(JSON.stringify(tables.map((t) => [t.columns, t.warnings, t.stats, t.child_tables.map((c) => c.columns)])));
  }
  return out.join("\n");
}

/** Every garbage collection of the process (a `gc` observer): when it started, how long, whether a scavenge. */
const collections: { start: number; ms: number; minor: boolean }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    collections.push({
      start: e.startTime,
      ms: e.duration,
      minor: (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR,
    });
}).observe({ entryTypes: ["gc"] });

/** A run's CPU, and its wall window (for the collections that fell in it). */
const cpuOf = (f: () => void): { cpu: number; from: number; to: number } => {
  (globalThis as { gc?: () => void }).gc?.();
  const from = performance.now();
  const c = process.cpuUsage();
  f();
  const u = process.cpuUsage(c);
  return { cpu: (u.user + u.system) / 1000, from, to: performance.now() };
};

/** The scavenges' and full collections' pauses in a run's window (entries arrive after it: read them later). */
const gcIn = (w: { from: number; to: number }) => {
  const inside = collections.filter((g) => g.start >= w.from && g.start < w.to);
  const sum = (minor: boolean) => inside.filter((g) => g.minor === minor).reduce((a, g) => a + g.ms, 0);
  return { minor: sum(true), major: sum(false) };
};

async function main() {
  const other = process.argv[2] && !/^\d+$/.test(process.argv[2]) ? path.resolve(process.argv[2]) : null;
  const rounds = Number(process.argv[other ? 3 : 2] ?? 7);
  const libs: [string, PreviewLib][] = [["this", await import("../lib/preview")]];
  if (other) libs.push([other, (await import(path.join(other, "lib/preview/index.ts"))) as PreviewLib]);
  const engineText = Array.from({ length: 1000 }, (_, p) => JSON.stringify(Array.from({ length: 100 }, (_, j) => record(p * 100 + j))));
  const nested = nestedRecords();
  const workloads: [string, () => (DataRecord[] | string)[]][] = [
    ["engine records", () => engineText.map((t) => JSON.parse(t) as DataRecord[])],
    ["engine records parsed per page", () => engineText],
    ["nested records", () => Array.from({ length: 1000 }, (_, p) => nested.slice(p * 100, p * 100 + 100))],
  ];
  const only = process.env.PREVIEW_ONLY?.split(",");
  for (const [name, pages] of workloads) {
    if (only && !only.includes(name)) continue;
    const runs = libs.map((): ReturnType<typeof cpuOf>[] => []);
    for (let r = 0; r < rounds; r++)
      for (let k = 0; k < libs.length; k++) {
        const i = r % 2 === 0 ? k : libs.length - 1 - k;
        const p = pages();
        runs[i]?.push(cpuOf(() => run((libs[i] as [string, PreviewLib])[1], p)));
      }
    await new Promise((resolve) => setTimeout(resolve, 50));
    const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
    const median = (a: number[]) => Math.round(sorted(a)[Math.floor(a.length / 2)] ?? NaN);
    const stat = (a: ReturnType<typeof cpuOf>[]) => {
      const gc = a.map(gcIn);
      const cpu = a.map((x) => x.cpu);
      return (
        `best ${Math.round(sorted(cpu)[0] ?? NaN)} ms, median ${median(cpu)} ms CPU; ` +
        `GC pauses median ${median(gc.map((g) => g.minor))} ms scavenges, ${median(gc.map((g) => g.major))} ms full`
      );
    };
    libs.forEach(([label], i) => console.log(`${name}, 100,000, ${label}: ${stat(runs[i] ?? [])}`));
    if (other) {
      const same = shown(libs[0]![1], pages) === shown(libs[1]![1], pages);
      console.log(`${name}: ${same ? "the same tables, resources and findings" : "DIFFERENT output"}`);
      if (!same) process.exitCode = 1;
    }
  }
}
void main();
