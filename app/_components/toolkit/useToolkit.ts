"use client";
/**
 * Loads ./lazy-lib once, after first paint, like Monaco: the page and its panels render without
 * the validator, and the first validation follows as soon as the chunk is in (performance budget:
 * first-load JS, docs/performance.md).
 */
import { useEffect, useState } from "react";

export type Toolkit = typeof import("./lazy-lib");

let loading: Promise<Toolkit> | null = null;

export function loadToolkit(): Promise<Toolkit> {
  loading ??= import("./lazy-lib");
  return loading;
}

// The chunk starts loading when the page's scripts run, not after hydration: hydrating the playground
// takes hundreds of ms on a loaded machine, and the first diagnostics wait for this chunk
// (budget: page load → first diagnostics ≤ 1.5 s, docs/performance.md).
if (typeof window !== "undefined") void loadToolkit();

/** The toolkit once loaded, `null` before. */
export function useToolkit(): Toolkit | null {
  const [toolkit, setToolkit] = useState<Toolkit | null>(null);
  useEffect(() => {
    let live = true;
    void loadToolkit().then((t) => {
      if (live) setToolkit(() => t);
    });
    return () => {
      live = false;
    };
  }, []);
  return toolkit;
}
