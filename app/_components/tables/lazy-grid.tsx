"use client";
/**
 * The data grid (TanStack Table + the virtualiser) loads after first paint, outside the first-load
 * budget, but without a Suspense boundary: `next/dynamic` (React.lazy) suspends on the first render
 * even when the chunk is already in, and React holds a retry that follows a fallback for up to 300 ms
 * (its Suspense throttle), which was most of Run → first table row (docs/performance.md). Here the
 * grid renders at once when its module is in; before that a placeholder stands in and an ordinary
 * state update swaps the grid in as soon as the chunk arrives. A run starts the load (`loadGrid`) so
 * the chunk comes in while the server answers.
 */
import { useEffect, useState } from "react";
import type { DataGridProps } from "./DataGrid";

type GridModule = typeof import("./DataGrid");

let loaded: GridModule | null = null;
let loading: Promise<GridModule> | null = null;

/** Starts loading the grid's chunk (once; again after a failure); resolves with its module. */
export function loadGrid(): Promise<GridModule> {
  loading ??= import("./DataGrid").then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = null;
      throw e;
    },
  );
  return loading;
}

export function LazyDataGrid(props: DataGridProps) {
  const [grid, setGrid] = useState<GridModule | null>(loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (grid) return;
    let live = true;
    loadGrid().then(
      (m) => {
        if (live) setGrid(m);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [grid]);
  if (failed)
    return (
      <p className="p-2 text-xs text-error">
        <span aria-hidden="true">✖ </span>The grid could not be loaded: reload the page to see the rows.
      </p>
    );
  if (!grid) return <p className="p-2 text-xs text-muted">Loading the grid…</p>;
  const Grid = grid.default;
  return <Grid {...props} />;
}
