"use client";
import { createContext, useContext, type ReactNode } from "react";
import { createPortal } from "react-dom";

/**
 * Set by the workbench's frames (../workbench/DockFrame): inside one, a Panel is only its content —
 * the frame draws the title (as a header or a tab), the collapse and maximise buttons, and names
 * the region through `labelId`.
 */
export const DockSlot = createContext<{
  readonly labelId: string;
  /** Where the frame's header has room for the Panel's toolbar (the view opted in: ViewDef.toolsInHeader), once mounted. */
  readonly tools?: HTMLElement | null;
} | null>(null);

/** A titled region with a fixed frame and its own scrolling body (no layout jumps). */
export function Panel({
  title,
  titleId,
  actions,
  toolbar,
  children,
  className = "",
  bodyClassName = "",
  testId,
}: {
  title: ReactNode;
  titleId: string;
  actions?: ReactNode;
  /** Fixed under the title, outside the scrolling body; or in the frame's header row where it offers one (`inHeader`). */
  toolbar?: ReactNode | ((inHeader: boolean) => ReactNode);
  children: ReactNode;
  className?: string;
  /** Classes of the scrolling body (say, a `scroll-padding` for what sticks at its top). */
  bodyClassName?: string;
  testId?: string;
}) {
  const slot = useContext(DockSlot);
  const tools = slot?.tools ?? null;
  const bar = typeof toolbar === "function" ? toolbar(tools !== null) : toolbar;
  if (slot) {
    // A grid, not a flex column: the body is its second row, whose height is what a `100%` in `bodyClassName` means, with the
    // toolbar in the first row or (moved to the frame's header) none (the Problems list's whole rows, decision 0016).
    return (
      <section
        aria-labelledby={slot.labelId}
        data-testid={testId}
        className={`grid min-h-0 min-w-0 flex-1 grid-cols-[minmax(0,1fr)] grid-rows-[auto_minmax(0,1fr)] overflow-hidden ${className}`}
      >
        {tools !== null && bar ? createPortal(bar, tools) : bar && <div className="min-w-0">{bar}</div>}
        <div className={`relative row-start-2 min-h-0 overflow-auto ${bodyClassName}`}>{children}</div>
      </section>
    );
  }
  return (
    <section
      aria-labelledby={titleId}
      data-testid={testId}
      className={`flex min-h-0 min-w-0 flex-col overflow-hidden rounded border border-line bg-surface ${className}`}
    >
      <header className="flex h-8 shrink-0 items-center gap-2 border-b border-line bg-raised px-2">
        <h2 id={titleId} className="truncate text-xs font-semibold uppercase tracking-wide text-fg">
          {title}
        </h2>
        {actions && <div className="ml-auto flex items-center gap-2">{actions}</div>}
      </header>
      {bar}
      <div className={`relative min-h-0 flex-1 overflow-auto ${bodyClassName}`}>{children}</div>
    </section>
  );
}
