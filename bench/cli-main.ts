/**
 * The CLI path for the memory figure, in its own process: `restplay run` (lib/cli's runCommand, text
 * output to a sink) of an offset-paged resource (200 records a page, as in ./route.ts) on the bench server, with limits raised to `total`
 * records, with the V8 flag the launcher sets (bin/restplay.mjs). Prints `{"maxRssMb", "ms", "exit", "lines", "chars"}` on stdout when done.
 * Usage: node --import tsx bench/cli-main.ts URL TOTAL [text|json] (`json`: `--format json`, every row
 * kept and printed; `chars` then counts what it printed).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCommand } from "../lib/cli/run-command";
import { BENCH_TOKEN } from "./server";

async function main() {
  // As the launcher (bin/restplay.mjs) sets it before the CLI runs.
  setFlagsFromString("--optimize-for-size");
  const [url = "", totalText = "100000", format = "text"] = process.argv.slice(2);
  if (format !== "text" && format !== "json") throw new Error("format: text or json");
  const total = Number(totalText);
  const dir = mkdtempSync(join(tmpdir(), "restplay-bench-"));
  const config = {
    client: { base_url: url, auth: { type: "bearer", token: { $secret: "token" } } },
    resources: [
      { name: "items", primary_key: "id", endpoint: { path: "/items", data_selector: "data", paginator: { type: "offset", limit: 200 } } },
    ],
  };
  writeFileSync(join(dir, "items.json"), JSON.stringify(config));
  let lines = 0;
  let chars = 0;
  const sink = {
    write: (s: string) => {
      lines += s.split("\n").length - 1;
      chars += s.length;
    },
    isTTY: false,
  };
  const pages = total / 200 + 1;
  const t = performance.now();
  const exit = await runCommand(
    "items.json",
    {
      format,
      secret: [["token", BENCH_TOKEN]],
      limits: { maxPages: pages, maxRecords: total + 1, maxRequests: pages + 10, maxTotalBytes: 1e12, maxDurationMs: 3_600_000 },
    },
    { stdout: sink, stderr: sink, env: {}, cwd: dir },
  );
  const ms = performance.now() - t;
  process.stdout.write(`${JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, ms, exit, lines, chars })}\n`);
}

void main();
