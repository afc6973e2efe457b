/**
 * A run worker for tests (run-pool.test.ts): the real one, except that a run asking for the resource
 * `oom` fills the worker's heap in JavaScript (the worker runs out of memory) and one asking for `crash`
 * throws outside any run (the worker fails).
 */
import { parentPort } from "node:worker_threads";
import type { EngineEvent } from "@/lib/engine";
import { prepareCheckedRun } from "@/lib/run";
import { serveRuns } from "../run-serve";

async function* dying(how: "oom" | "crash"): AsyncGenerator<EngineEvent> {
  yield { type: "run_start", resources: [how], at: 0 };
  await new Promise((resolve) => setImmediate(resolve));
  if (how === "crash")
    setImmediate(() => {
      throw new Error("the worker broke");
    });
  else {
    const held: { i: number; s: string }[] = [];
    for (let i = 0; ; i++) held.push({ i, s: `record ${i}` });
  }
  await new Promise(() => undefined);
}

if (parentPort)
  serveRuns(parentPort, (checked, request, env) => {
    const how = request.resources?.[0];
    if (how !== "oom" && how !== "crash") return prepareCheckedRun(checked, request, env);
    return { ok: true, diagnostics: [], resources: [how], secrets: [], literalSecrets: [], events: dying(how) };
  });
