"use client";
import { useEffect, useRef } from "react";

/**
 * Ctrl/Cmd+Enter and Ctrl/Cmd+S outside the editor (inside it, Monaco's own commands handle them).
 * No other keys are taken: Monaco's Ctrl+/, Ctrl+. and F8 stay untouched.
 */
export function useShortcuts(handlers: { run: () => void; save: () => void }): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (e.target instanceof Element && e.target.closest(".monaco-editor")) return;
      if (e.key === "Enter") {
        e.preventDefault();
        latest.current.run();
      } else if (e.key.toLowerCase() === "s" && !e.shiftKey) {
        e.preventDefault();
        latest.current.save();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
