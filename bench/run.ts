/**
 * `npm run bench`: every performance figure, measured in one run on this machine, printed beside its
 * budget and written to bench/results.json. Not part of `npm test` (timings are not assertions).
 * Options: --only engine,validation,hostile,server,preview,duckdb,memory,route,load,pages,browser,bundle
 */
import { writeFileSync } from "node:fs";
import type { Figure } from "./figures";
import { engineFigures } from "./engine";
import { validationFigures } from "./validation";
import { hostileFigures } from "./hostile";
import { serverHostileFigures } from "./server-hostile";
import { previewFigures } from "./preview";
import { duckdbFigures } from "./duckdb";
import { memoryFigures } from "./memory";
import { browserFigures } from "./browser";
import { bundleFigures } from "./bundle";
import { loadFigures, routeFigures } from "./route";
import { largePageFigures } from "./large-pages";

const SUITES: Record<string, () => Promise<Figure[]> | Figure[]> = {
  engine: engineFigures,
  validation: validationFigures,
  hostile: hostileFigures,
  server: serverHostileFigures,
  preview: previewFigures,
  duckdb: duckdbFigures,
  browser: browserFigures,
  bundle: bundleFigures,
  memory: memoryFigures,
  route: routeFigures,
  load: loadFigures,
  pages: largePageFigures,
};

async function main() {
  const flag = process.argv.findIndex((a) => a === "--only" || a.startsWith("--only="));
  const value = flag < 0 ? undefined : (process.argv[flag]?.split("=")[1] ?? process.argv[flag + 1]);
  const only = value?.split(",");
  const names = Object.keys(SUITES).filter((n) => !only || only.includes(n));
  const figures: Figure[] = [];
  const started = performance.now();
  for (const name of names) {
    const t = performance.now();
    process.stderr.write(`== ${name} … `);
    try {
      figures.push(...(await SUITES[name]!()));
      process.stderr.write(`${Math.round((performance.now() - t) / 1000)} s\n`);
    } catch (e) {
      process.stderr.write(`failed\n`);
      figures.push({
        name: `${name}.failed`,
        value: NaN,
        unit: "",
        budget: 0,
        ok: false,
        note: e instanceof Error ? e.message : String(e),
      });
    }
  }
  const width = Math.max(...figures.map((f) => f.name.length));
  console.log(`\n${"figure".padEnd(width)}  ${"value".padStart(12)}  ${"budget".padStart(10)}  ok`);
  for (const f of figures) {
    const budget = f.budget === 0 ? "—" : `${f.unit === "records/s" ? "≥" : "≤"} ${f.budget}`;
    console.log(
      `${f.name.padEnd(width)}  ${`${f.value} ${f.unit}`.padStart(12)}  ${budget.padStart(10)}  ${f.ok ? "yes" : "NO"}${f.note ? `   ${f.note}` : ""}`,
    );
  }
  console.log(
    `\n${figures.filter((f) => f.ok).length} of ${figures.length} figures within budget, ${Math.round((performance.now() - started) / 1000)} s in all`,
  );
  writeFileSync("bench/results.json", JSON.stringify({ figures: figures.map(({ note: _n, ...f }) => f) }, null, 2) + "\n");
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
