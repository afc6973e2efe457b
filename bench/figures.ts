/** Shared shape of benchmark results (bench/results.json). */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly budget: number;
  /** `true` when the value is within budget (lower is better unless `higherIsBetter`). */
  readonly ok: boolean;
  readonly note?: string;
}

export function figure(
  name: string,
  value: number,
  unit: string,
  budget: number,
  opts: { higherIsBetter?: boolean; note?: string } = {},
): Figure {
  const v = Math.round(value * 1000) / 1000;
  return { name, value: v, unit, budget, ok: opts.higherIsBetter ? v >= budget : v <= budget, ...(opts.note ? { note: opts.note } : {}) };
}

/** A figure reported for context, with no budget of its own. */
export function info(name: string, value: number, unit: string, note?: string): Figure {
  return { name, value: Math.round(value * 1000) / 1000, unit, budget: 0, ok: true, ...(note ? { note } : {}) };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

/** The real clock live runs get (lib/run): `sleep` and the per-attempt `timer`. */
export { realSleep, realTimer } from "../lib/run/real-clock";

/**
 * Fetches the server's icon every 20 ms until `stop()`, which resolves to the slowest answer in milliseconds:
 * how long an unrelated request waits while the server is busy with something else.
 */
export function probeUnrelated(baseUrl: string): { stop: () => Promise<number> } {
  let done = false;
  let worst = 0;
  const loop = (async () => {
    while (!done) {
      const t = performance.now();
      await (await fetch(`${baseUrl}icon.svg`)).arrayBuffer();
      worst = Math.max(worst, performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    stop: async () => {
      done = true;
      await loop;
      return worst;
    },
  };
}
