"use client";
/**
 * The grid's sticky header: per column a sort button (name, type, nullability, hints), a resize edge
 * (drag it, or focus it and use the arrow keys) and, when shown, a filter field.
 */
import type { Table } from "@tanstack/react-table";
import type { GridColumn } from "./grid-model";
import { CHAR_PX, clipMiddle, resizeKey } from "./cells";

const SORT_LABEL = { asc: "ascending", desc: "descending" } as const;

export function GridHeader({
  table,
  columns,
  marks,
  markWidth,
  showFilters,
}: {
  table: Table<number>;
  columns: readonly GridColumn[];
  marks: boolean;
  markWidth: number;
  showFilters: boolean;
}) {
  const byId = new Map(columns.map((c) => [c.id, c]));
  return (
    <div role="rowgroup" className="sticky top-0 z-10 border-b border-line bg-raised">
      <div role="row" aria-rowindex={1} className="flex">
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
        {table.getFlatHeaders().map((h) => {
          const c = byId.get(h.column.id);
          const sorted = h.column.getIsSorted();
          const filter = h.column.getFilterValue();
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
                onClick={h.column.getToggleSortingHandler()}
                className="block w-full px-2 py-1 text-left hover:bg-surface"
                title={`${c?.name ?? h.column.id}: ${c?.type ?? ""}, ${c?.marks.join(", ") ?? ""} — click to sort`}
              >
                <span className="flex items-center gap-1">
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
                <span className="block truncate text-muted" data-testid="column-type">
                  {[c?.type, ...(c?.marks ?? [])].filter(Boolean).join(" · ")}
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
              <div
                role="separator"
                aria-orientation="vertical"
                aria-label={`Resize column ${c?.name ?? h.column.id}`}
                aria-valuenow={Math.round(h.getSize())}
                aria-valuemin={h.column.columnDef.minSize}
                aria-valuemax={h.column.columnDef.maxSize}
                aria-keyshortcuts="ArrowLeft ArrowRight Home End Enter"
                tabIndex={0}
                title={`Resize ${c?.name ?? h.column.id}: drag, or ← → (Shift: bigger steps), Home/End; Enter or double-click resets`}
                onMouseDown={h.getResizeHandler()}
                onTouchStart={h.getResizeHandler()}
                onDoubleClick={() => h.column.resetSize()}
                onKeyDown={(e) => {
                  const size = resizeKey(e, h.getSize(), h.column.columnDef.minSize ?? 0, h.column.columnDef.maxSize ?? Infinity);
                  if (size === undefined) return;
                  e.preventDefault();
                  if (size === null) h.column.resetSize();
                  else table.setColumnSizing((old) => ({ ...old, [h.column.id]: size }));
                }}
                className={
                  "absolute top-0 right-0 h-full w-1.5 cursor-col-resize select-none focus-visible:bg-accent focus-visible:outline-none " +
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
