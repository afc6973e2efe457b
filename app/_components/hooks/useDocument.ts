"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { EXAMPLES } from "@/lib/examples";
import { readStorage, STORAGE_KEYS, writeStorage } from "./storage";

const AUTOSAVE_MS = 400;

/**
 * The editor's text: restored from local storage after mount (`null` until then, so the server
 * render and the first client render agree), autosaved while typing. Only the document is stored.
 */
export function useDocument(): [string | null, (text: string) => void] {
  const [text, setText] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    // Restoring from storage can only happen after mount (the server has no storage).
    setText(readStorage(STORAGE_KEYS.document) ?? EXAMPLES[0]?.text ?? "");
  }, []);

  const update = useCallback((next: string) => {
    setText(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => writeStorage(STORAGE_KEYS.document, next), AUTOSAVE_MS);
  }, []);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return [text, update];
}
