"use client";
/**
 * Opening a share link: the `#share=…` fragment is read once after the page loads, the config opens
 * in the editor (with its format and example), and the fragment leaves the address bar so a reload
 * keeps the user's later edits. Nothing is run.
 */
import { useEffect, useRef } from "react";
import type { SharedConfig } from "@/lib/share";
import type { Announce } from "../ui/Announcer";

export function useShareRestore(ready: boolean, open: (shared: SharedConfig) => void, announce: Announce): void {
  const done = useRef(false);
  useEffect(() => {
    if (!ready || done.current || !window.location.hash.startsWith("#share=")) return;
    done.current = true;
    const hash = window.location.hash;
    void import("@/lib/share").then(({ readShareFragment }) => {
      const restored = readShareFragment(hash);
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
      if (!restored) return;
      if (!restored.ok) return announce(restored.message, { show: true });
      open(restored.shared);
    });
  }, [ready, open, announce]);
}
