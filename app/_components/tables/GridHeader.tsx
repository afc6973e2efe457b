"use client";
/**
 * The grid's sticky header: per column a sort button (name, type, nullability, hints), a resize edge to
 * drag and, when shown, a filter field. The sort buttons are one Tab stop (a roving tabindex, as in
 * WAI-ARIA's grid): ← → (Home/End) move between them, Enter sorts, Shift+← → resizes, ↓ goes to the rows.
 */
import { useState, type RefObject } from "react";
import type { Table } from "@tanstack/react-table";
import type { GridColumn } from "./grid-model";
import { CHAR_PX, clipMiddle, headerKey } from "./cells";
import type { Announce } from "../ui/Announcer";

const SORT_LABEL = { asc: "ascending", desc: "descending" } as const;

export function GridHeader({
  table,
  columns,
  marks,
  markWidth,
  showFilters,
  rowRef,
  onRows,
  announce,
}: {
  table: Table<number>;
  columns: readonly GridColumn[];
  marks: boolean;
  markWidth: number;
  showFilters: boolean;
  /** The header row: the grid focuses its Tab stop (↑ on the first row). */
  rowRef: RefObject<HTMLDivElement | null>;
  /** ↓ on a header: the focus goes to the rows. */
  onRows: () => void;
  /** Says a keyboard resize's new width (the mouse's edge shows it). */
  announce?: Announce;
}) {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const headers = table.getFlatHeaders();
  // The header in the Tab order: the one last focused (the first at first; a narrower table's last).
  const [stop, setStop] = useState(0);
  const at = Math.min(stop, headers.length - 1);
  return (
    <div role="rowgroup" className="sticky top-0 z-10 border-b border-line bg-raised">
      <div role="row" aria-rowindex={1} className="flex" ref={rowRef}>
        {marks && (
          <div
            role="columnheader"
            style={{ width: markWidth }}
            className="shrink-0 border-r border-line px-1 py-1 text-center text-muted"
            title="What this run did to the row: + inserted, ~ updated"
          >
            <span aria-hidden="true">±</span>
            <span className="sr-only">Change</span>
          </div>
        )}
        {headers.map((h, i) => {
          const c = byId.get(h.column.id);
          const sorted = h.column.getIsSorted();
          const filter = h.column.getFilterValue();
          // Its type and marks (a query's columns have a type and none: no empty part, "id: BIGINT,  —" before in the title).
          const facts = [c?.type, ...(c?.marks ?? [])].filter(Boolean);
          return (
            <div
              key={h.id}
              role="columnheader"
              aria-sort={sorted ? SORT_LABEL[sorted] : "none"}
              style={{ width: h.getSize() }}
              className="relative shrink-0 border-r border-line"
              data-testid="column-header"
            >
              <button
                type="button"
                tabIndex={i === at ? 0 : -1}
                data-header-stop={i === at ? "true" : undefined}
                onFocus={() => setStop(i)}
                onClick={h.column.getToggleSortingHandler()}
                aria-keyshortcuts="Enter ArrowLeft ArrowRight Home End ArrowDown Shift+ArrowLeft Shift+ArrowRight Shift+Enter"
                onKeyDown={(e) => {
                  const min = h.column.columnDef.minSize ?? 0;
                  const action = headerKey(e, i, headers.length, h.getSize(), min, h.column.columnDef.maxSize ?? Infinity);
                  if (!action) return;
                  e.preventDefault();
                  if ("rows" in action) onRows();
                  else if ("focus" in action) e.currentTarget.closest('[role="row"]')?.querySelectorAll("button")[action.focus]?.focus();
                  else {
                    const size = action.resize;
                    const name = c?.name ?? h.column.id;
                    if (size === null) h.column.resetSize();
                    else table.setColumnSizing((old) => ({ ...old, [h.column.id]: size }));
                    announce?.(size === null ? `${name}: its fitted width.` : `${name}: ${size} px wide.`);
                  }
                }}
                // A short window: one line, the type after the name where the column has room (whole in the title).
                className={
                  "focus-inset block w-full px-2 py-1 text-left hover:bg-surface " +
                  "short:flex short:items-baseline short:gap-1.5 short:py-0.5"
                }
                title={`${c?.name ?? h.column.id}: ${facts.join(", ")} — Enter sorts, Shift+← → resizes`}
              >
                <span className="flex items-center gap-1 short:max-w-full short:shrink-0">
                  {/* Clipped in the middle to the column's width; the whole name for screen readers and in the title. */}
                  <span className="truncate font-mono font-semibold text-fg" aria-hidden="true" data-testid="column-name">
                    {clipMiddle(c?.name ?? "", Math.floor((h.getSize() - 16 - (sorted ? 14 : 0)) / CHAR_PX))}
                  </span>
                  <span className="sr-only">{c?.name}</span>
                  {sorted && (
                    <span aria-hidden="true" className="text-link">
                      {sorted === "asc" ? "▲" : "▼"}
                    </span>
                  )}
                </span>
                <span className="block truncate text-muted short:min-w-0 short:flex-1" data-testid="column-type">
                  {facts.join(" · ")}
                </span>
              </button>
              {showFilters && (
                <input
                  type="search"
                  value={typeof filter === "string" ? filter : ""}
                  onChange={(e) => h.column.setFilterValue(e.target.value || undefined)}
                  aria-label={`Filter ${c?.name ?? h.column.id}`}
                  placeholder="filter…"
                  className="mx-1 mb-1 block w-[calc(100%-0.5rem)] rounded border border-line bg-surface px-1 py-0.5 font-mono text-fg"
                />
              )}
              {/* The mouse's way to resize (the keyboard's: Shift+← → on the header); a double-click resets. */}
              <div
                aria-hidden="true"
                title={`Resize ${c?.name ?? h.column.id}: drag (or Shift+← → on the header); double-click resets`}
                onMouseDown={h.getResizeHandler()}
                onTouchStart={h.getResizeHandler()}
                onDoubleClick={() => h.column.resetSize()}
                className={
                  "absolute top-0 right-0 h-full w-1.5 cursor-col-resize select-none " +
                  (h.column.getIsResizing() ? "bg-accent" : "hover:bg-line")
                }
                data-testid="column-resize"
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
