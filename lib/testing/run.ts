/** Test helper (imported by tests only): a run prepared by lib/run's `prepareRun`, read to its end. */
import { createRunCollector, prepareRun, type RunEnv, type RunRequest } from "../run";
import type { EngineEvent } from "../engine";

/** Every event of the run, each also pushed through a run collector (its summary at the end); throws when the run is refused. */
export async function runToEnd(request: RunRequest, env: RunEnv = {}) {
  const prepared = prepareRun(request, env);
  if (!prepared.ok) throw new Error(`not ok: ${prepared.code} ${prepared.message}`);
  const collector = createRunCollector();
  const events: EngineEvent[] = [];
  for await (const e of prepared.events) {
    events.push(e);
    collector.push(e);
  }
  return { prepared, collector, events, summary: collector.summary() };
}
