/**
 * Figure 6: peak RSS while 100,000 and 1,000,000 records stream through the CLI path (`restplay run`,
 * lib/cli, each in a fresh process) and through the route (`/api/run` of the production server, see
 * ./route.ts). The bench server runs in a process of its own: only the measured process counts.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { figure, info, type Figure } from "./figures";

const BUDGET_1M_MB = 250;

/** The bench API in its own process; `close()` ends it. */
export async function startServerProcess(total: number): Promise<{ url: string; close(): void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/server-main.ts", String(total)], { stdio: ["pipe", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`bench server exited (${code})`)));
  });
  return { url, close: () => void child.stdin.end() };
}

/** Runs a bench script in a fresh process and parses the JSON it prints last. */
export async function runChild<T>(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<T> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ["--import", "tsx", ...args], {
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const last = out.trim().split("\n").pop() ?? "";
  if (code !== 0 || !last.startsWith("{")) throw new Error(`${args.join(" ")} exited ${code}: ${err.slice(-500)}`);
  return JSON.parse(last) as T;
}

interface CliResult {
  readonly maxRssMb: number;
  readonly ms: number;
  readonly exit: number;
  readonly lines: number;
  readonly chars: number;
}

export async function cliMemoryFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const total of [100_000, 1_000_000]) {
    const server = await startServerProcess(total);
    try {
      const r = await runChild<CliResult>(["bench/cli-main.ts", server.url, String(total)]);
      if (r.exit !== 0) throw new Error(`restplay run exited ${r.exit} for ${total} records`);
      const note = `restplay run (text output), ${total.toLocaleString("en")} records in ${Math.round(r.ms / 1000)} s`;
      const name = `memory.cli_peak_rss_${total === 100_000 ? "100k" : "1m"}_mb`;
      figures.push(
        total === 100_000
          ? info(name, r.maxRssMb, "MB", `${note}; dlt: 71–87 MB for 100k`)
          : figure(name, r.maxRssMb, "MB", BUDGET_1M_MB, { note }),
      );
      if (total === 100_000) {
        // The mode that keeps every row and prints it (decision 0025): written in pieces, not one string.
        const j = await runChild<CliResult>(["bench/cli-main.ts", server.url, String(total), "json"]);
        if (j.exit !== 0) throw new Error(`restplay run --format json exited ${j.exit} for ${total} records`);
        const mb = Math.round(j.chars / 1e6);
        figures.push(
          info(
            "memory.cli_json_peak_rss_100k_mb",
            j.maxRssMb,
            "MB",
            `restplay run --format json, ${total.toLocaleString("en")} records: every row kept, ${mb} M characters printed in ${Math.round(j.ms / 1000)} s`,
          ),
        );
      }
    } finally {
      server.close();
    }
  }
  return figures;
}

export async function memoryFigures(): Promise<Figure[]> {
  return cliMemoryFigures();
}
