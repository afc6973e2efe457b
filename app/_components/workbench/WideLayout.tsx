"use client";
import { useImperativeHandle, useMemo, useState } from "react";
import { Group, Panel, useDefaultLayout, useGroupRef, usePanelRef } from "react-resizable-panels";
import type { LayoutProps } from "./api";
import { DockFrame, EditorFrame, type FrameControls } from "./DockFrame";
import { GROUPS, layoutStorage } from "./layout-storage";
import { ResizeHandle } from "./ResizeHandle";
import { dividerKeys, type PanelLimit } from "./divider-keys";
import { useDock } from "./useDock";
import { SHORT_WINDOW, useShortWindow } from "./useLayoutMode";
import { collapsedPx, rowOf, WIDE_ROWS, type ViewId, type WideRowId } from "./views";

type Region = "editor" | WideRowId;
const ROWS = WIDE_ROWS.map((r) => r.id);
const noop = () => {};
/** The editor's share of the width, and Problems' of its row (beside Secrets), by default. */
const EDITOR_PCT = 42;
const PROBLEMS_PCT = 62;
const PROBLEMS_MIN_PCT = 30;
/** The results' rows by default: the tables get the most room, Problems (its toolbar in its header row) a few problems' worth. */
const SIZES = { checks: "28%", run: "29%", data: "43%" } as const;
/**
 * Below 820 px of window height (SHORT_WINDOW), the trace's timeline would show a line or two: it gets room from Problems (and
 * Secrets, whose one-row-a-secret layout still shows two secrets' fields there: ~90 px). Problems shows whole rows (ProblemsPanel):
 * 24 % is four at 1280 × 720 (22 % was three and most of a fourth), paid by the Tables, whose notes fold there.
 */
const SHORT_SIZES = { checks: "24%", run: "33%", data: "43%" } as const;

/**
 * ≥ 1280 px: the editor beside the results; the results are rows of stacked panels (problems and
 * secrets, the trace, the tables), each resizable, collapsible to its header and maximisable. The
 * tables get the most room by default (a run's result: at 1280 × 720 they show a handful of rows,
 * not one; a table's counts, warnings, toolbar and column headers take ~170 px of its panel).
 */
export function WideLayout({ views, maximiseShortcut, apiRef }: LayoutProps) {
  const main = useGroupRef();
  const results = useGroupRef();
  const panels = { editor: usePanelRef(), results: usePanelRef(), checks: usePanelRef(), run: usePanelRef(), data: usePanelRef() };
  const dock = useDock<Region | "results">({
    panels,
    groups: [main, results],
    othersOf: (r) => (r === "editor" ? ["results"] : r === "results" ? ["editor"] : ["editor", ...ROWS.filter((x) => x !== r)]),
  });
  const mainLayout = useDefaultLayout({ id: GROUPS.wideMain, storage: layoutStorage });
  const resultsLayout = useDefaultLayout({ id: GROUPS.wideResults, storage: layoutStorage });
  const checksLayout = useDefaultLayout({ id: GROUPS.wideChecks, storage: layoutStorage });
  /** The chosen view of each frame that has several (tabs). */
  const [active, setActive] = useState<ReadonlySet<ViewId>>(new Set());
  // A laptop's height (1366 × 768, 1280 × 720): the trace gets room from Problems, whose list scrolls (first visit only;
  // a layout the user made is kept).
  const [sizes] = useState(() => (window.matchMedia(SHORT_WINDOW).matches ? SHORT_SIZES : SIZES));
  // A folded frame is its header, whose height follows the window's (it changes with no layout stored anew).
  const folded = collapsedPx(useShortWindow());
  const checks = useGroupRef();
  // Home, End and the double-click of each divider move its own two panels (and reset the whole group).
  const keys = useMemo(() => {
    const fold = { px: folded };
    const rows: PanelLimit[] = [
      { id: "pane-checks", defaultPct: parseFloat(sizes.checks), smallest: fold },
      { id: "pane-run", defaultPct: parseFloat(sizes.run), smallest: fold },
      { id: "pane-data", defaultPct: parseFloat(sizes.data), smallest: fold },
    ];
    const columns: PanelLimit[] = [
      { id: "pane-editor", defaultPct: EDITOR_PCT, smallest: { pct: 0 } },
      { id: "pane-results", defaultPct: 100 - EDITOR_PCT, smallest: { pct: 0 } },
    ];
    const sides: PanelLimit[] = [
      { id: "pane-problems", defaultPct: PROBLEMS_PCT, smallest: { pct: PROBLEMS_MIN_PCT } },
      { id: "pane-secrets", defaultPct: 100 - PROBLEMS_PCT, smallest: { pct: 0 } },
    ];
    const rowPx = () => {
      const s = panels.data.current?.getSize();
      return s && s.asPercentage > 0 ? s.inPixels / s.asPercentage : 0;
    };
    const none = () => 0;
    return {
      main: dividerKeys(() => main.current, columns, 0, none),
      sides: dividerKeys(() => checks.current, sides, 0, none),
      checksRun: dividerKeys(() => results.current, rows, 0, rowPx),
      runData: dividerKeys(() => results.current, rows, 1, rowPx),
    };
  }, [sizes, folded, main, results, checks, panels.data]);

  useImperativeHandle(apiRef, () => ({
    show: (view: ViewId) => {
      const row = rowOf(view);
      dock.reveal(row);
      if (row !== "editor") dock.reveal("results");
      const siblings = WIDE_ROWS.flatMap((r) => r.frames).find((f) => f.includes(view)) ?? [];
      setActive((prev) => new Set([...[...prev].filter((x) => !siblings.includes(x)), view]));
    },
    toggleMaximise: (view: ViewId) => dock.toggleMaximise(rowOf(view)),
    toggleCollapse: (view: ViewId) => {
      const row = rowOf(view);
      if (row !== "editor") dock.toggleCollapse(row);
    },
    // Every panel is in sight already; nothing moves under the user's hands.
    runStarted: noop,
  }));

  const controls = (region: Region, label: string): FrameControls => ({
    label,
    collapsed: dock.collapsed[region] ?? false,
    maximised: dock.maximised === region,
    onCollapse: region === "editor" ? undefined : () => dock.toggleCollapse(region),
    onMaximise: () => dock.toggleMaximise(region),
    maximiseShortcut,
  });
  /** A frame of WIDE_ROWS: one view, or tabs when a later issue puts several in it. */
  const frame = (row: number, column: number, c?: FrameControls, collapsed?: boolean) => {
    const def = WIDE_ROWS[row];
    const ids: readonly ViewId[] = def?.frames[column] ?? [];
    const first = ids[0] ?? "editor";
    const chosen = ids.find((id) => active.has(id)) ?? first;
    const onActive = (id: ViewId) => setActive((prev) => new Set([...[...prev].filter((x) => !ids.includes(x)), id]));
    return (
      <DockFrame
        frameId={first}
        label={def?.label ?? ""}
        views={ids.map((id) => views[id])}
        active={chosen}
        onActive={onActive}
        controls={c}
        collapsed={collapsed}
        onHeaderDoubleClick={() => dock.toggleMaximise(def?.id ?? "checks")}
      />
    );
  };

  return (
    <Group
      id={GROUPS.wideMain}
      groupRef={main}
      orientation="horizontal"
      defaultLayout={mainLayout.defaultLayout}
      onLayoutChanged={dock.saving(mainLayout.onLayoutChanged)}
      data-testid="workbench-wide"
    >
      <Panel
        id="pane-editor"
        panelRef={panels.editor}
        defaultSize={`${EDITOR_PCT}%`}
        minSize="20%"
        collapsible
        collapsedSize={0}
        onResize={dock.onResize("editor")}
        className="flex"
      >
        <EditorFrame view={views.editor} controls={controls("editor", "the editor")} />
      </Panel>
      <ResizeHandle along="vertical" label="Resize the editor and the results" keys={keys.main} />
      <Panel
        id="pane-results"
        panelRef={panels.results}
        minSize="25%"
        collapsible
        collapsedSize={0}
        onResize={dock.onResize("results")}
        className="flex"
      >
        <Group
          id={GROUPS.wideResults}
          groupRef={results}
          orientation="vertical"
          defaultLayout={resultsLayout.defaultLayout}
          onLayoutChanged={dock.saving(resultsLayout.onLayoutChanged)}
        >
          <Panel
            id="pane-checks"
            panelRef={panels.checks}
            defaultSize={sizes.checks}
            minSize="96px"
            collapsible
            collapsedSize={`${folded}px`}
            onResize={dock.onResize("checks")}
            className="flex"
          >
            <Group
              id={GROUPS.wideChecks}
              groupRef={checks}
              orientation="horizontal"
              defaultLayout={checksLayout.defaultLayout}
              onLayoutChanged={checksLayout.onLayoutChanged}
            >
              <Panel id="pane-problems" defaultSize={`${PROBLEMS_PCT}%`} minSize={`${PROBLEMS_MIN_PCT}%`} className="flex">
                {frame(0, 0, controls("checks", "Problems and Secrets"))}
              </Panel>
              <ResizeHandle along="vertical" label="Resize Problems and Secrets" keys={keys.sides} />
              <Panel id="pane-secrets" defaultSize={`${100 - PROBLEMS_PCT}%`} minSize="20%" collapsible collapsedSize={0} className="flex">
                {frame(0, 1, undefined, dock.collapsed.checks ?? false)}
              </Panel>
            </Group>
          </Panel>
          <ResizeHandle along="horizontal" label="Resize Problems and the Trace" keys={keys.checksRun} />
          <Panel
            id="pane-run"
            panelRef={panels.run}
            defaultSize={sizes.run}
            minSize="96px"
            collapsible
            collapsedSize={`${folded}px`}
            onResize={dock.onResize("run")}
            className="flex"
          >
            {frame(1, 0, controls("run", "the Trace"))}
          </Panel>
          <ResizeHandle along="horizontal" label="Resize the Trace and the Tables" keys={keys.runData} />
          <Panel
            id="pane-data"
            panelRef={panels.data}
            defaultSize={sizes.data}
            minSize="96px"
            collapsible
            collapsedSize={`${folded}px`}
            onResize={dock.onResize("data")}
            className="flex"
          >
            {frame(2, 0, controls("data", "the Tables"))}
          </Panel>
        </Group>
      </Panel>
    </Group>
  );
}
