"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { EXAMPLES } from "@/lib/examples";
import { readStorage, STORAGE_KEYS, writeStorage } from "./storage";

const AUTOSAVE_MS = 400;

/**
 * The editor's text: restored from local storage after mount (`null` until then, so the server
 * render and the first client render agree), autosaved while typing (and at once when the page goes
 * away). Only the document is stored.
 */
export function useDocument(): [string | null, (text: string) => void] {
  const [text, setText] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** What this page last read from or wrote to storage. */
  const stored = useRef<string | null>(null);
  useEffect(() => {
    // Restoring from storage can only happen after mount (the server has no storage).
    stored.current = readStorage(STORAGE_KEYS.document);
    setText(stored.current ?? EXAMPLES[0]?.text ?? "");
  }, []);

  /** The text not saved yet: written when the timer fires, or at once when the page goes away. */
  const pending = useRef<string | null>(null);
  const flush = useCallback((leaving = false) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    pending.current = null;
    // Leaving, a document another page stored meanwhile (another tab) is not overwritten by this one's last keystrokes.
    if (next === null || (leaving && readStorage(STORAGE_KEYS.document) !== stored.current)) return;
    writeStorage(STORAGE_KEYS.document, next);
    stored.current = next;
  }, []);
  const leave = useCallback(() => flush(true), [flush]);

  const update = useCallback(
    (next: string) => {
      setText(next);
      pending.current = next;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => flush(), AUTOSAVE_MS);
    },
    [flush],
  );

  // A reload, a closed tab or a hidden page (the last moment a phone's browser guarantees) does not lose the last edit.
  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === "hidden") leave();
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", hidden);
    return () => {
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", hidden);
      leave();
    };
  }, [leave]);

  return [text, update];
}
