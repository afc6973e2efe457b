"use client";
import { useSyncExternalStore } from "react";

/**
 * The three layouts (decision 0016): `wide` ≥ 1280 px (editor and results side by side, results as
 * stacked panels), `medium` 768–1279 px (editor above the results, results as tabs), `narrow`
 * < 768 px (one column: the editor and each result view as tabs).
 */
export type LayoutMode = "wide" | "medium" | "narrow";

const WIDE = "(min-width: 1280px)";
const MEDIUM = "(min-width: 768px)";

/** The layout for the window's width now (client only). */
export function currentLayoutMode(): LayoutMode {
  if (window.matchMedia(WIDE).matches) return "wide";
  return window.matchMedia(MEDIUM).matches ? "medium" : "narrow";
}

function subscribe(onChange: () => void): () => void {
  const queries = [WIDE, MEDIUM].map((q) => window.matchMedia(q));
  for (const q of queries) q.addEventListener("change", onChange);
  return () => {
    for (const q of queries) q.removeEventListener("change", onChange);
  };
}

/** The layout for the window's width; `null` on the server and during hydration (the skeleton shows). */
export function useLayoutMode(): LayoutMode | null {
  return useSyncExternalStore(subscribe, currentLayoutMode, () => null);
}

/**
 * A short window in the wide or the medium layout (1280 × 720, 1366 × 768, 1024 × 700): its panels' chrome is compact
 * (decision 0016). The same query as the `short:` variant in app/globals.css, which styles what CSS alone can compact.
 */
export const SHORT_WINDOW = "(min-width: 768px) and (max-height: 819px)";

function subscribeShort(onChange: () => void): () => void {
  const query = window.matchMedia(SHORT_WINDOW);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** Whether the window is short (SHORT_WINDOW) now; `false` on the server (the workbench's layouts render on the client only). */
export function useShortWindow(): boolean {
  return useSyncExternalStore(
    subscribeShort,
    () => window.matchMedia(SHORT_WINDOW).matches,
    () => false,
  );
}
