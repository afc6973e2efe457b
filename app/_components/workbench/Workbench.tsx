"use client";
import dynamic from "next/dynamic";
import type { ComponentType } from "react";
import type { LayoutProps } from "./api";
import { currentLayoutMode, useLayoutMode, type LayoutMode } from "./useLayoutMode";

/**
 * The layouts load after first paint (like Monaco): they need the window's width anyway, and the
 * panel library is not part of the first-load budget (docs/performance.md). Until then a frame of
 * the same shape holds the place.
 */
const LOAD: Readonly<Record<LayoutMode, () => Promise<ComponentType<LayoutProps>>>> = {
  wide: () => import("./WideLayout").then((m) => m.WideLayout),
  medium: () => import("./MediumLayout").then((m) => m.MediumLayout),
  narrow: () => import("./NarrowLayout").then((m) => m.NarrowLayout),
};
const WideLayout = dynamic(LOAD.wide, { ssr: false, loading: () => <Skeleton /> });
const MediumLayout = dynamic(LOAD.medium, { ssr: false, loading: () => <Skeleton /> });
const NarrowLayout = dynamic(LOAD.narrow, { ssr: false, loading: () => <Skeleton /> });

// The window's layout starts loading with the page's scripts, not after hydration: the Problems panel
// (the first diagnostics, budget 1.5 s after page load) lives in it (docs/performance.md).
if (typeof window !== "undefined") void LOAD[currentLayoutMode()]();

/** The editor and the result views, laid out for the window's width (decision 0016). */
export function Workbench(props: LayoutProps) {
  const mode = useLayoutMode();
  return (
    // A short window's wide layout (a laptop's) gives the panels 8 px of its margin (decision 0016).
    <main className="flex min-h-0 min-w-0 flex-1 p-1.5 sm:p-2 short:p-1" data-layout={mode ?? "pending"}>
      {mode === "wide" ? (
        <WideLayout {...props} />
      ) : mode === "medium" ? (
        <MediumLayout {...props} />
      ) : mode === "narrow" ? (
        <NarrowLayout {...props} />
      ) : (
        <Skeleton />
      )}
    </main>
  );
}

function Skeleton() {
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-1.5 xl:flex-row" aria-busy="true" data-testid="workbench-loading">
      <div className="min-h-0 flex-1 rounded border border-line bg-surface xl:flex-[42_1_0%]" />
      <div className="hidden min-h-0 flex-1 rounded border border-line bg-surface md:block xl:flex-[58_1_0%]" />
    </div>
  );
}
