"use client";
import { useCallback, useSyncExternalStore } from "react";
import { THEME_STORAGE_KEY } from "../theme-script";
import { writeStorage } from "./storage";

export type Theme = "light" | "dark";

const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  // Follow the system while the user has not chosen (the inline script made the first choice).
  const onSystem = (e: MediaQueryListEvent) => {
    let saved: string | null = null;
    try {
      saved = window.localStorage.getItem(THEME_STORAGE_KEY);
    } catch {
      saved = null;
    }
    if (saved) return;
    document.documentElement.classList.toggle("dark", e.matches);
    for (const l of listeners) l();
  };
  media.addEventListener("change", onSystem);
  return () => {
    listeners.delete(listener);
    media.removeEventListener("change", onSystem);
  };
};
const current = (): Theme => (document.documentElement.classList.contains("dark") ? "dark" : "light");

/** The theme lives on <html class="dark">, set before paint by the layout's inline script. */
export function useTheme(): [Theme, () => void] {
  const theme = useSyncExternalStore(subscribe, current, () => "light" as Theme);
  const toggle = useCallback(() => {
    const next: Theme = current() === "dark" ? "light" : "dark";
    document.documentElement.classList.toggle("dark", next === "dark");
    writeStorage(THEME_STORAGE_KEY, next);
    for (const l of listeners) l();
  }, []);
  return [theme, toggle];
}
