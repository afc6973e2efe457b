/** Starts one run worker (./run-worker.ts) with a heap ceiling; its own module so a test can start another entry. */
import { Worker } from "node:worker_threads";
import { fromSource, tsxWorker } from "./tsx-worker";

export function spawnRunWorker(heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  // Under vitest/tsx this module is TypeScript source, and so is the worker (decision 0012).
  if (fromSource(import.meta.url)) return tsxWorker(new URL("./run-worker.ts", import.meta.url), { resourceLimits });
  // This exact form is what the Next build recognises and compiles into a worker chunk.
  return new Worker(new URL("./run-worker.ts", import.meta.url), { resourceLimits });
}
