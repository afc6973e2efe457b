"use client";
import { useImperativeHandle } from "react";
import type { LayoutProps } from "./api";
import { DockFrame } from "./DockFrame";
import { TAB_KEYS } from "./layout-storage";
import { useStoredTab } from "./useStoredTab";
import { RESULT_VIEWS, type ViewId } from "./views";

const ALL: readonly ViewId[] = ["editor", ...RESULT_VIEWS];

/** < 768 px: one column; the editor and each result view are tabs (each gets the whole screen). */
export function NarrowLayout({ views, apiRef }: LayoutProps) {
  const [tab, setTab] = useStoredTab(TAB_KEYS.narrow, ALL, "editor");
  useImperativeHandle(apiRef, () => ({
    show: (view: ViewId) => setTab(view),
    // Every view already has the whole screen: maximise and collapse just show it.
    toggleMaximise: (view: ViewId) => setTab(view),
    toggleCollapse: (view: ViewId) => setTab(view),
    runStarted: () => {
      if (tab !== "tables") setTab("trace");
    },
  }));
  return (
    <div className="flex min-h-0 min-w-0 flex-1" data-testid="workbench-narrow">
      <DockFrame frameId="all" label="Editor and results" views={ALL.map((v) => views[v])} active={tab} onActive={setTab} />
    </div>
  );
}
