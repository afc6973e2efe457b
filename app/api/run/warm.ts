/**
 * What the page's `GET /api/run` starts, once per process: the validation and run workers, and one run
 * of the first seed example against the mock through them, so the first real Run finds the mock APIs
 * (msw) loaded and the engine's code compiled in a run worker. On a loaded 2-core machine the first run
 * of a fresh server otherwise took 4 s to its first event, and 300–600 ms with the workers up
 * (docs/performance.md).
 */
import { SEED_EXAMPLES } from "@/lib/examples";
import type { RunPool } from "./run-pool";
import type { ValidationPool } from "./validation-pool";

let warmed = false;

export function warmUp(validation: ValidationPool, runs: RunPool): void {
  if (warmed) return;
  warmed = true;
  const seed = SEED_EXAMPLES[0];
  if (!seed) return;
  void (async () => {
    const checked = await validation.validate(seed.text);
    if (checked.kind !== "checked") return;
    const started = await runs.start({
      checked: checked.checked,
      request: { target: "mock", limits: { maxPages: 2 } },
      allowHosts: undefined,
      notes: [],
    });
    if (started.ok) started.run.attach({ chunk: () => undefined, end: () => undefined });
  })().catch(() => undefined);
}
