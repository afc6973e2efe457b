"use client";
import { useCallback, useState } from "react";
import { readStorage, writeStorage } from "../hooks/storage";
import type { ViewId } from "./views";

/** The selected tab of a tabbed layout, remembered in local storage (read once, at mount: client only). */
export function useStoredTab(key: string, allowed: readonly ViewId[], fallback: ViewId): [ViewId, (v: ViewId) => void] {
  const [tab, setTabState] = useState<ViewId>(() => {
    const saved = readStorage(key);
    return allowed.find((v) => v === saved) ?? fallback;
  });
  const setTab = useCallback(
    (v: ViewId) => {
      setTabState(v);
      writeStorage(key, v);
    },
    [key],
  );
  return [tab, setTab];
}
