"use client";
import { useImperativeHandle } from "react";
import { Group, Panel, useDefaultLayout, useGroupRef, usePanelRef } from "react-resizable-panels";
import type { LayoutProps } from "./api";
import { DockFrame, EditorFrame, type FrameControls } from "./DockFrame";
import { GROUPS, layoutStorage, TAB_KEYS } from "./layout-storage";
import { ResizeHandle } from "./ResizeHandle";
import { useDock } from "./useDock";
import { useShortWindow } from "./useLayoutMode";
import { useStoredTab } from "./useStoredTab";
import { collapsedPx, RESULT_VIEWS, type ViewId } from "./views";

type Region = "editor" | "results";

/** The editor's share of a first visit's medium layout: tall windows, and short ones (SHORT_WINDOW). */
const EDITOR_TALL = "55%";
const EDITOR_SHORT = "62%";

/** 768–1279 px: the editor above the results; the results as tabs. Both resizable, collapsible, maximisable. */
export function MediumLayout({ views, maximiseShortcut, apiRef }: LayoutProps) {
  const main = useGroupRef();
  const panels = { editor: usePanelRef(), results: usePanelRef() };
  const dock = useDock<Region>({ panels, groups: [main], othersOf: (r) => (r === "editor" ? ["results"] : ["editor"]) });
  const layout = useDefaultLayout({ id: GROUPS.mediumMain, storage: layoutStorage });
  const [tab, setTab] = useStoredTab(TAB_KEYS.medium, RESULT_VIEWS, "problems");
  const short = useShortWindow();
  const folded = collapsedPx(short);

  useImperativeHandle(apiRef, () => ({
    show: (view: ViewId) => {
      if (view === "editor") dock.reveal("editor");
      else {
        setTab(view);
        dock.reveal("results");
      }
    },
    toggleMaximise: (view: ViewId) => {
      if (view !== "editor") setTab(view);
      dock.toggleMaximise(view === "editor" ? "editor" : "results");
    },
    toggleCollapse: (view: ViewId) => dock.toggleCollapse(view === "editor" ? "editor" : "results"),
    runStarted: () => {
      if (tab !== "tables") setTab("trace");
      if (dock.collapsed.results) dock.reveal("results");
    },
  }));

  const controls = (region: Region, label: string): FrameControls => ({
    label,
    collapsed: dock.collapsed[region] ?? false,
    maximised: dock.maximised === region,
    onCollapse: () => dock.toggleCollapse(region),
    onMaximise: () => dock.toggleMaximise(region),
    maximiseShortcut,
  });
  const onTab = (view: ViewId) => {
    setTab(view);
    if (dock.collapsed.results) dock.toggleCollapse("results");
  };

  return (
    <Group
      id={GROUPS.mediumMain}
      groupRef={main}
      orientation="vertical"
      defaultLayout={layout.defaultLayout}
      onLayoutChanged={dock.saving(layout.onLayoutChanged)}
      data-testid="workbench-medium"
    >
      <Panel
        id="pane-editor"
        panelRef={panels.editor}
        // A short window (1024 × 700) gives the editor 20 lines or more: the results keep their tabs, Problems its rows
        // (decision 0016, twenty-eighth session), the Tables five rows after a run (62 %, was 64 %: twenty-ninth session).
        // A divider moved is remembered as before.
        defaultSize={short ? EDITOR_SHORT : EDITOR_TALL}
        minSize="120px"
        collapsible
        collapsedSize={`${folded}px`}
        onResize={dock.onResize("editor")}
        className="flex"
      >
        <EditorFrame view={views.editor} controls={controls("editor", "the editor")} />
      </Panel>
      <ResizeHandle along="horizontal" label="Resize the editor and the results" />
      <Panel
        id="pane-results"
        panelRef={panels.results}
        minSize="120px"
        collapsible
        collapsedSize={`${folded}px`}
        onResize={dock.onResize("results")}
        className="flex"
      >
        <DockFrame
          frameId="results"
          label="Results"
          views={RESULT_VIEWS.map((v) => views[v])}
          active={tab}
          onActive={onTab}
          controls={controls("results", "the results")}
        />
      </Panel>
    </Group>
  );
}
