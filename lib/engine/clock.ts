/** A virtual clock: `sleep` advances time at once, so waits against mocks are reported, not slept (decision 0006). */
export function createVirtualClock(startMs = Date.UTC(2026, 0, 1)): {
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
} {
  let t = startMs;
  return {
    now: () => t,
    sleep: (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) return Promise.reject(signal.reason ?? new Error("aborted"));
      t += Math.max(0, ms);
      return Promise.resolve();
    },
  };
}
