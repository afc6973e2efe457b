"use client";
import { useEffect, useRef } from "react";
import { Separator } from "react-resizable-panels";
import type { DividerKeys } from "./divider-keys";

/**
 * A divider between panels: drag it, or focus it and use the arrow keys (Enter folds the panel before
 * it, Home/End go to the limits, double-click resets). `along` is the direction the divider runs.
 * `keys`: Home, End and the double-click of a group of three panels or more (`divider-keys.ts`).
 */
export function ResizeHandle({ label, along, keys }: { label: string; along: "vertical" | "horizontal"; keys?: DividerKeys }) {
  const size = along === "vertical" ? "w-1.5 cursor-col-resize" : "h-1.5 cursor-row-resize";
  const element = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = element.current;
    if (!el || !keys) return;
    // Before the library's own listener on the element (capture runs first at the target); it skips a prevented event.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Home" && e.key !== "End") return;
      e.preventDefault();
      keys.limit(e.key === "Home" ? "start" : "end");
    };
    el.addEventListener("keydown", onKey, { capture: true });
    return () => el.removeEventListener("keydown", onKey, { capture: true });
  }, [keys]);
  return (
    <Separator
      aria-label={label}
      title={`${label} (drag, or arrow keys)`}
      className={`resize-handle group relative shrink-0 ${size}`}
      elementRef={element}
      disableDoubleClick={keys !== undefined}
      onDoubleClick={keys ? () => keys.reset() : undefined}
    >
      <span
        aria-hidden="true"
        className={`absolute rounded bg-line transition-colors group-hover:bg-accent group-data-[separator=active]:bg-accent group-data-[separator=focus]:bg-accent ${along === "vertical" ? "inset-y-2 left-0.5 w-0.5" : "inset-x-2 top-0.5 h-0.5"}`}
      />
    </Separator>
  );
}
