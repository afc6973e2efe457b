"use client";
import { Separator } from "react-resizable-panels";

/**
 * A divider between panels: drag it, or focus it and use the arrow keys (Enter folds the panel before
 * it, Home/End go to the limits, double-click resets). `along` is the direction the divider runs.
 */
export function ResizeHandle({ label, along }: { label: string; along: "vertical" | "horizontal" }) {
  const size = along === "vertical" ? "w-1.5 cursor-col-resize" : "h-1.5 cursor-row-resize";
  return (
    <Separator aria-label={label} title={`${label} (drag, or arrow keys)`} className={`resize-handle group relative shrink-0 ${size}`}>
      <span
        aria-hidden="true"
        className={`absolute rounded bg-line transition-colors group-hover:bg-accent group-data-[separator=active]:bg-accent group-data-[separator=focus]:bg-accent ${along === "vertical" ? "inset-y-2 left-0.5 w-0.5" : "inset-x-2 top-0.5 h-0.5"}`}
      />
    </Separator>
  );
}
