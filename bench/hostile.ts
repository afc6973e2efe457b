/**
 * Hostile inputs (issue #13): every shape from lib/testing/hostile.ts, up to the 1 MB body limit,
 * validated from text (no parse cache: each run sees a fresh text). Budget: read or refused in < 2 s.
 * Also the uncached validation of typical configs, to see that the limits cost them nothing.
 */
import { validateText } from "../lib/config";
import { EXAMPLES } from "../lib/examples";
import { writeJson, writePythonLiteral, writeYaml, type SourceFormat } from "../lib/formats";
import { hostileInputs } from "../lib/testing/hostile";
import { bigConfig } from "./validation";
import { figure, info, percentile, type Figure } from "./figures";

const BUDGET_MS = 2000;

/** Times `validateText` on `runs` variants of `text` (a trailing space more each: never a cache hit); sorted. */
function timeFresh(text: string, format: SourceFormat, runs: number): { times: number[]; codes: string } {
  const times: number[] = [];
  let codes = "";
  for (let i = 1; i <= runs; i++) {
    const variant = text + " ".repeat(i);
    const t = performance.now();
    const r = validateText(variant, format);
    times.push(performance.now() - t);
    codes = [...new Set(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code))].slice(0, 3).join(",") || "valid";
  }
  return { times: times.sort((a, b) => a - b), codes };
}

export function hostileFigures(): Figure[] {
  const figures: Figure[] = [];
  // Warm the parsers and the validator up, as a running server is.
  for (const e of EXAMPLES) for (let i = 1; i <= 3; i++) validateText(e.text + " ".repeat(i), e.format);
  for (const input of hostileInputs()) {
    const { times, codes } = timeFresh(input.text, input.format, 3);
    const kb = Math.round(input.text.length / 1000);
    figures.push(figure(`hostile.${input.name}`, percentile(times, 100), "ms", BUDGET_MS, { note: `${kb} KB, worst of 3 → ${codes}` }));
  }
  // Format detection of ambiguous text (it opens with `{` but is not JSON): detectFormat tries YAML on it.
  const flowKeys = `{${Array.from({ length: 60_000 }, (_, i) => `k${i}: 1`).join(", ")}}`;
  for (const [name, text] of [
    ["flow_keys_60000", flowKeys],
    ["open_brackets_1mb", "[".repeat(1_000_000)],
  ] as const) {
    const t = performance.now();
    validateText(text);
    figures.push(figure(`hostile.detect.${name}`, performance.now() - t, "ms", BUDGET_MS, { note: "format not given: detected" }));
  }
  const value = bigConfig();
  const texts = { json: writeJson(value), yaml: writeYaml(value), python: `source = rest_api_source(${writePythonLiteral(value)})\n` };
  for (const [format, text] of Object.entries(texts) as [SourceFormat, string][]) {
    const { times } = timeFresh(text, format, 20);
    const note = "uncached parse + validation; no budget: compare with the code before the limits";
    figures.push(info(`hostile.typical.${format}_300_resources.p50`, percentile(times, 50), "ms", note));
  }
  const gallery: number[] = [];
  for (let i = 0; i < 200; i++) {
    const e = EXAMPLES[i % EXAMPLES.length];
    if (e) gallery.push(...timeFresh(e.text, e.format, 1).times);
  }
  const sorted = gallery.sort((a, b) => a - b);
  figures.push(info("hostile.typical.gallery.p50", percentile(sorted, 50), "ms", "uncached, per example; no budget"));
  return figures;
}
