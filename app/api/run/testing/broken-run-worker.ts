/**
 * A run worker for tests (route-internal.test.ts): it speaks the real protocol (../run-serve.ts), but
 * every run's events throw after `run_start`, with a secret of the run in the error's message.
 */
import { parentPort } from "node:worker_threads";
import type { EngineEvent } from "@/lib/engine";
import { serveRuns } from "../run-serve";

if (parentPort)
  serveRuns(parentPort, () => ({
    ok: true,
    diagnostics: [],
    resources: ["a"],
    secrets: [],
    literalSecrets: [],
    events: (async function* (): AsyncGenerator<EngineEvent> {
      yield { type: "run_start", resources: ["a"], at: 0 };
      throw new Error("boom with s3cr3t-value inside");
    })(),
  }));
