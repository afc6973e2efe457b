/**
 * A run worker for tests (run-pool.test.ts): the real one, except that a run asking for the resource
 * `oom` fills the worker's heap in JavaScript (the worker runs out of memory), one asking for `crash`
 * throws outside any run, its secret `token` in the message (the worker fails), and one asking for `spin`
 * loops for ever in synchronous code once its `resource_start` has gone out (only the pool's watchdog stops it).
 */
import { parentPort } from "node:worker_threads";
import type { EngineEvent } from "@/lib/engine";
import { prepareCheckedRun } from "@/lib/run";
import { serveRuns } from "../run-serve";

type How = "oom" | "crash" | "spin";
const HOWS: readonly string[] = ["oom", "crash", "spin"] satisfies How[];

async function* dying(how: How, secret: string): AsyncGenerator<EngineEvent> {
  yield { type: "run_start", resources: [how], at: 0 };
  if (how === "spin") {
    yield {
      type: "resource_start",
      resource: how,
      paginator: "single_page",
      data_selector: null,
      primary_key: null,
      write_disposition: "append",
      parent: null,
      ...{ table_name: how, max_table_nesting: null, merge_key: null, merge_strategy: null, columns: [] },
    };
    // Two turns: the events above are posted (run-serve flushes on setImmediate) before the loop takes the thread.
    for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
    for (let spins = 0; ; spins++) if (spins < 0) break;
  }
  await new Promise((resolve) => setImmediate(resolve));
  if (how === "crash")
    setImmediate(() => {
      throw new Error(`the worker broke with ${secret}`);
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
    if (how === undefined || !HOWS.includes(how)) return prepareCheckedRun(checked, request, env);
    return {
      ok: true,
      diagnostics: [],
      resources: [how],
      secrets: [],
      literalSecrets: [],
      events: dying(how as How, request.secrets?.token ?? ""),
    };
  });
