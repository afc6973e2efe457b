/**
 * Loads a worker thread's TypeScript entry under vitest/tsx (the pools' `spawn*Worker` use it when their
 * own module is TypeScript source). `--import tsx` in a worker's execArgv does not reach its module loader on
 * Node 20, so the entry goes through tsx's require hook (decision 0012). The Next build never takes this path:
 * it compiles only the literal `new Worker(new URL("./x-worker.ts", import.meta.url))` each pool writes out.
 */
import { Worker, type WorkerOptions } from "node:worker_threads";
import { fileURLToPath } from "node:url";

export function tsxWorker(entry: URL, options: WorkerOptions): Worker {
  const path = fileURLToPath(entry);
  return new Worker(`require("tsx/cjs/api").require(${JSON.stringify(path)}, ${JSON.stringify(path)});`, { ...options, eval: true });
}

/**
 * Whether the module at `moduleUrl` (its `import.meta.url`) runs from TypeScript source (vitest, tsx). In the
 * Next build `import.meta.url` still names the source file (`….ts`): `NEXT_RUNTIME`, which Next sets for its
 * server code, tells the build apart, so it starts its compiled worker chunk and never needs tsx.
 */
export function fromSource(moduleUrl: string): boolean {
  return moduleUrl.endsWith(".ts") && !process.env.NEXT_RUNTIME;
}
