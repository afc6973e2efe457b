/** Figure 6: 1,000,000 records streamed through the engine; the preview holds the first 10,000 only. */
import { spawn } from "node:child_process";
import { BENCH_TOKEN } from "./server";
import { extract } from "../lib/engine";
import { validateValue } from "../lib/config";
import { createPreview } from "../lib/preview";
import { figure, realSleep, type Figure } from "./figures";

export async function memoryFigures(): Promise<Figure[]> {
  const total = 1_000_000;
  // The server runs in its own process: only the engine's process is measured.
  const child = spawn(process.execPath, ["--import", "tsx", "bench/server-main.ts", String(total)], { stdio: ["pipe", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
  const server = { url, close: async () => void child.stdin.end() };
  const config = { client: { base_url: server.url, auth: { type: "bearer", token: { $secret: "token" } } }, resources: [{ name: "items", primary_key: "id", endpoint: { path: "/items", data_selector: "data", paginator: { type: "offset", limit: 100 } } }] };
  // Resolved once, outside the timing: the engine runs a resolved source (decision 0021).
  const source = validateValue(config).source!;
  const preview = createPreview();
  const cap = 10_000;
  let seen = 0;
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t = performance.now();
  const deps = { fetch: (r: Request) => fetch(r), sleep: realSleep, now: Date.now, monotonic: () => performance.now() };
  const limits = { maxPages: 20_000, maxRecords: total + 1, maxDurationMs: 600_000 };
  for await (const e of extract({ source, secrets: { token: BENCH_TOKEN }, limits }, deps)) {
    if (e.type === "page") {
      seen += e.count;
      if (seen <= cap) preview.push(e);
    } else preview.push(e);
  }
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await server.close();
  if (seen !== total) throw new Error(`streamed ${seen} of ${total}`);
  return [
    figure("memory.peak_rss_1m_records_mb", peak / 1024 / 1024, "MB", 300, { note: `1,000,000 records in ${Math.round((performance.now() - t) / 1000)} s, preview capped at ${cap} rows` }),
  ];
}
