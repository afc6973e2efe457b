"use client";
import { useCallback, useRef, useState, type RefObject } from "react";
import type { GroupImperativeHandle, Layout, LayoutChangedMeta, PanelImperativeHandle } from "react-resizable-panels";

export interface DockPlan<R extends string> {
  readonly panels: Readonly<Record<R, RefObject<PanelImperativeHandle | null>>>;
  readonly groups: readonly RefObject<GroupImperativeHandle | null>[];
  /** What to collapse so that `region` gets the whole workbench. */
  readonly othersOf: (region: R) => readonly R[];
}

export interface Dock<R extends string> {
  readonly collapsed: Readonly<Partial<Record<R, boolean>>>;
  readonly maximised: R | null;
  /** For a Panel's `onResize`: keeps `collapsed` in step with the library. */
  readonly onResize: (region: R) => () => void;
  readonly toggleCollapse: (region: R) => void;
  readonly toggleMaximise: (region: R) => void;
  /** Shows the region: restores a maximised other one, expands it if collapsed. */
  readonly reveal: (region: R) => void;
  /** Wraps a group's layout saver: a maximised layout is not remembered; dragging leaves it. */
  readonly saving: (save: (layout: Layout, meta: LayoutChangedMeta) => void) => (layout: Layout, meta: LayoutChangedMeta) => void;
}

/**
 * Collapse and maximise over react-resizable-panels' imperative API. Maximising keeps every group's
 * layout, collapses the other regions (to their headers, or away) and gives the region all the room;
 * restoring puts the kept layouts back.
 */
export function useDock<R extends string>(plan: DockPlan<R>): Dock<R> {
  const [collapsed, setCollapsed] = useState<Partial<Record<R, boolean>>>({});
  const [maximised, setMaximised] = useState<R | null>(null);
  const maximisedRef = useRef<R | null>(null);
  const kept = useRef<(Layout | null)[]>([]);
  const planRef = useRef(plan);
  planRef.current = plan;

  const onResize = useCallback(
    (region: R) => () => {
      const c = planRef.current.panels[region].current?.isCollapsed() ?? false;
      setCollapsed((prev) => (prev[region] === c ? prev : { ...prev, [region]: c }));
    },
    [],
  );

  const restore = useCallback(() => {
    const layouts = kept.current;
    planRef.current.groups.forEach((g, i) => {
      const layout = layouts[i];
      if (layout) g.current?.setLayout(layout);
    });
    kept.current = [];
    maximisedRef.current = null;
    setMaximised(null);
  }, []);

  const maximise = useCallback((region: R) => {
    const p = planRef.current;
    kept.current = p.groups.map((g) => g.current?.getLayout() ?? null);
    maximisedRef.current = region;
    setMaximised(region);
    for (const other of p.othersOf(region)) p.panels[other].current?.collapse();
    const target = p.panels[region].current;
    if (target?.isCollapsed()) target.expand();
    target?.resize("100%");
  }, []);

  const toggleMaximise = useCallback(
    (region: R) => {
      const current = maximisedRef.current;
      if (current !== null) restore();
      if (current !== region) maximise(region);
    },
    [maximise, restore],
  );

  const toggleCollapse = useCallback(
    (region: R) => {
      if (maximisedRef.current !== null) restore();
      const panel = planRef.current.panels[region].current;
      if (panel?.isCollapsed()) panel.expand();
      else panel?.collapse();
    },
    [restore],
  );

  const reveal = useCallback(
    (region: R) => {
      const current = maximisedRef.current;
      if (current !== null && current !== region) restore();
      const panel = planRef.current.panels[region].current;
      if (panel?.isCollapsed()) panel.expand();
    },
    [restore],
  );

  const saving = useCallback(
    (save: (layout: Layout, meta: LayoutChangedMeta) => void) => (layout: Layout, meta: LayoutChangedMeta) => {
      if (maximisedRef.current !== null) {
        if (!meta.isUserInteraction) return;
        kept.current = [];
        maximisedRef.current = null;
        setMaximised(null);
      }
      save(layout, meta);
    },
    [],
  );

  return { collapsed, maximised, onResize, toggleCollapse, toggleMaximise, reveal, saving };
}
