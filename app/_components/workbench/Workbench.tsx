"use client";
import dynamic from "next/dynamic";
import type { LayoutProps } from "./api";
import { useLayoutMode } from "./useLayoutMode";

/**
 * The layouts load after first paint (like Monaco): they need the window's width anyway, and the
 * panel library is not part of the first-load budget (docs/performance.md). Until then a frame of
 * the same shape holds the place.
 */
const WideLayout = dynamic(() => import("./WideLayout").then((m) => m.WideLayout), { ssr: false, loading: () => <Skeleton /> });
const MediumLayout = dynamic(() => import("./MediumLayout").then((m) => m.MediumLayout), { ssr: false, loading: () => <Skeleton /> });
const NarrowLayout = dynamic(() => import("./NarrowLayout").then((m) => m.NarrowLayout), { ssr: false, loading: () => <Skeleton /> });

/** The editor and the result views, laid out for the window's width (decision 0016). */
export function Workbench(props: LayoutProps) {
  const mode = useLayoutMode();
  return (
    <main className="flex min-h-0 min-w-0 flex-1 p-1.5 sm:p-2" data-layout={mode ?? "pending"}>
      {mode === "wide" ? <WideLayout {...props} /> : mode === "medium" ? <MediumLayout {...props} /> : mode === "narrow" ? <NarrowLayout {...props} /> : <Skeleton />}
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
