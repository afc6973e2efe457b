/**
 * What the page's `GET /api/run` starts, once per process: the validation workers, and one run of
 * the first seed example against the mock through them, so the first real Run finds the mock APIs
 * (msw) loaded and the route's, engine's and preview's code compiled. On a loaded 2-core machine the
 * first run of a fresh server otherwise took 4 s to its first event, and 300–600 ms with the workers
 * up (docs/performance.md).
 */
import { SEED_EXAMPLES } from "@/lib/examples";
import { prepareCheckedRun } from "@/lib/run";
import type { ValidationPool } from "./validation-pool";

let warmed = false;

export function warmUp(pool: ValidationPool): void {
  if (warmed) return;
  warmed = true;
  const seed = SEED_EXAMPLES[0];
  if (!seed) return;
  void (async () => {
    const checked = await pool.validate(seed.text);
    if (checked.kind !== "checked") return;
    const prepared = prepareCheckedRun(checked.checked, { target: "mock", limits: { maxPages: 2 } });
    if (prepared.ok) for await (const e of prepared.events) void e;
  })().catch(() => undefined);
}
