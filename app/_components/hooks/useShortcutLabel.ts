"use client";
import { useSyncExternalStore } from "react";
import type { Platform } from "../commands/shortcuts";

const noop = () => () => {};
export const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "Ctrl" or "⌘" (after hydration; the server renders "Ctrl"). */
export function useModKey(): string {
  return useSyncExternalStore(
    noop,
    () => (isMac() ? "⌘" : "Ctrl"),
    () => "Ctrl",
  );
}

/** "mac" or "other" (after hydration; the server renders "other"). */
export function usePlatform(): Platform {
  return useSyncExternalStore(
    noop,
    () => (isMac() ? "mac" : "other"),
    () => "other",
  );
}
