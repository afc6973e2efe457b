/**
 * The real clock's waits for live runs: `sleep` (retry waits, rejects when its signal aborts) and
 * `timer` (a per-attempt timeout that costs no AbortController: `EngineDeps.timer`).
 */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error("aborted"));
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error("aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Calls `fire` after `ms` unless the returned function is called first. */
export function realTimer(ms: number, fire: () => void): () => void {
  const t = setTimeout(fire, Math.max(0, ms));
  return () => clearTimeout(t);
}

/** `EngineDeps.breathe`: one turn of the event loop (a macrotask), so a signal or a cancel is heard during long work. */
export const realBreathe = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));
