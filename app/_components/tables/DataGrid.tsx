"use client";
/**
 * The data grid (TanStack Table for the columns, their sizes and the sort and filter state; the rows as index
 * arrays, ./grid-model.ts; the virtualiser): sort by a header (click, or Enter on it), filter
 * each column, search every cell, resize columns by dragging their edge (or Shift+← → on the header);
 * ↑ on the first row goes up to the headers, ↓ on a header down to the rows; only the visible rows are in
 * the DOM, so 100,000 rows scroll smoothly. Rows this run inserted or updated carry a mark. Loaded
 * lazily (not in the first-load budget).
 */
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { getCoreRowModel, useReactTable, type ColumnDef, type ColumnFiltersState, type SortingState } from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { RowChange } from "@/lib/preview";
import { cellText, columnWidth } from "./cells";
import { GridHeader } from "./GridHeader";
import { RowDetails } from "./RowDetails";
import { orderRows, visibleRows, type GridColumn } from "./grid-model";
import type { Announce } from "../ui/Announcer";
import { useShortWindow } from "../workbench/useLayoutMode";

/** A row's height: 24 px in a short window (SHORT_WINDOW; five rows at 1024 × 700 after a run with notes, decision 0016). */
const ROW_HEIGHT = { tall: 26, short: 24 } as const;
/** TanStack Table keeps the columns, their sizes and the sort and filter state; the rows are ours (`orderRows`). */
const NO_ROWS: number[] = [];
const MARK_WIDTH = 28;
/** The keyboard's row: a ring drawn inside it. */
const ACTIVE_ROW = " outline outline-2 -outline-offset-2 outline-focus";
/** A row's stripes, and the keyboard's ring on the active one. */
const rowClass = (index: number, active: boolean) =>
  `absolute left-0 flex border-b border-line ${index % 2 ? "bg-raised" : "bg-surface"}${active ? ACTIVE_ROW : ""}`;

export interface DataGridProps {
  readonly label: string;
  readonly columns: readonly GridColumn[];
  readonly rowCount: number;
  readonly cell: (row: number, column: number) => unknown;
  /** What this run did to each row (tables only). */
  readonly marks?: readonly RowChange[];
  readonly search?: string;
  readonly changedOnly?: boolean;
  readonly showFilters?: boolean;
  /** Where a keyboard resize says the column's new width. */
  readonly announce?: Announce;
}

const MARK: Readonly<Record<RowChange, { glyph: string; label: string; className: string }>> = {
  inserted: { glyph: "+", label: "inserted by this run", className: "text-ok" },
  updated: { glyph: "~", label: "updated by this run", className: "text-warning" },
  unchanged: { glyph: "", label: "unchanged", className: "" },
};

export default function DataGrid({
  label,
  columns,
  rowCount,
  cell,
  marks,
  search = "",
  changedOnly = false,
  showFilters = false,
  announce,
}: DataGridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const headerRow = useRef<HTMLDivElement>(null);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filters, setFilters] = useState<ColumnFiltersState>([]);
  const matching = useMemo(
    () => visibleRows(rowCount, cell, columns.length, search, marks, changedOnly),
    [rowCount, cell, columns.length, search, marks, changedOnly],
  );
  const columnOf = useMemo(() => {
    const at = new Map(columns.map((c, i) => [c.id, i]));
    return (id: string) => at.get(id);
  }, [columns]);
  /** The rows shown, in order: indexes into the table's rows. */
  const rows = useMemo(() => orderRows(matching, cell, columnOf, filters, sorting), [matching, cell, columnOf, filters, sorting]);
  const defs = useMemo<ColumnDef<number>[]>(
    () =>
      columns.map((c, i) => ({
        id: c.id,
        header: c.name,
        // Makes the column sortable and filterable in TanStack's eyes; the values are read by `orderRows` and the cells.
        accessorFn: (row: number) => cell(row, i),
        size: columnWidth(
          c.name,
          Array.from({ length: Math.min(rowCount, 50) }, (_, r) => cell(r, i)),
          `${c.type} · ${c.marks[0] ?? ""}`,
        ),
        minSize: 48,
        maxSize: 1200,
      })),
    [columns, cell, rowCount],
  );
  const table = useReactTable({
    data: NO_ROWS,
    columns: defs,
    state: { sorting, columnFilters: filters },
    onSortingChange: setSorting,
    onColumnFiltersChange: setFilters,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    columnResizeMode: "onChange",
    enableSortingRemoval: true,
    // Every column sorts ascending first (TanStack's default sorts numbers descending first): one rule the header can state.
    sortDescFirst: false,
  });
  const leaves = table.getVisibleLeafColumns();
  const rowHeight = ROW_HEIGHT[useShortWindow() ? "short" : "tall"];
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  // A window that becomes short (or tall) places its rows anew.
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const width = table.getTotalSize() + (marks ? MARK_WIDTH : 0);
  // The keyboard's row: ↑ ↓ (Page Up/Down, Home/End) pick it, Enter shows it whole (values the grid cuts off).
  const [active, setActive] = useState<number | null>(null);
  const gridId = useId();
  const [open, setOpen] = useState<number | null>(null);
  const current = active !== null && active < rows.length ? active : null;
  const pick = (i: number) => {
    const next = Math.min(Math.max(i, 0), rows.length - 1);
    setActive(next);
    virtualizer.scrollToIndex(next, { align: "auto" });
  };
  const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
  const keys: Readonly<Record<string, () => void>> = {
    ArrowDown: () => pick(current === null ? 0 : current + 1),
    ArrowUp: () =>
      current === 0 ? headerRow.current?.querySelector<HTMLElement>("[data-header-stop]")?.focus() : pick((current ?? 1) - 1),
    PageDown: () => pick((current ?? 0) + page),
    PageUp: () => pick((current ?? 0) - page),
    Home: () => pick(0),
    End: () => pick(rows.length - 1),
    Enter: () => current !== null && setOpen(current),
  };
  const shown = open !== null ? rows[open] : undefined;
  const rendered = new Set(virtualizer.getVirtualItems().map((v) => v.index));

  const filtered = rows.length !== rowCount;
  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {/* A read-only grid whose focus stays on itself: the picked row is its active descendant (screen readers say it). */}
      <div
        ref={scroller}
        className="focus-inset relative min-h-0 flex-1 overflow-auto"
        tabIndex={0}
        role="grid"
        aria-readonly="true"
        aria-label={`${label}: ${rows.length} of ${rowCount} rows (scrollable; arrow keys pick a row, Enter shows it whole)`}
        aria-keyshortcuts="ArrowUp ArrowDown PageUp PageDown Home End Enter"
        aria-rowcount={rows.length + 1}
        aria-colcount={columns.length + (marks ? 1 : 0)}
        // Only a rendered row can be named (the grid is virtual: a picked row scrolled far away is not in the DOM).
        aria-activedescendant={current !== null && rendered.has(current) ? `${gridId}-row-${current}` : undefined}
        data-testid="data-table"
        onKeyDown={(e) => {
          const act = e.target === e.currentTarget && rows.length > 0 && !e.altKey && !e.ctrlKey && !e.metaKey ? keys[e.key] : undefined;
          if (!act) return;
          e.preventDefault();
          act();
        }}
      >
        <div role="presentation" style={{ width, minWidth: "100%" }} className="text-xs">
          <GridHeader
            table={table}
            columns={columns}
            marks={marks !== undefined}
            markWidth={MARK_WIDTH}
            showFilters={showFilters}
            rowRef={headerRow}
            {...(announce ? { announce } : {})}
            onRows={() => {
              scroller.current?.focus();
              if (current === null && rows.length > 0) pick(0);
            }}
          />
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((v) => {
              const row = rows[v.index];
              if (row === undefined) return null;
              const mark = MARK[marks?.[row] ?? "unchanged"];
              return (
                <div
                  key={row}
                  role="row"
                  id={`${gridId}-row-${v.index}`}
                  aria-rowindex={v.index + 2}
                  aria-selected={v.index === current}
                  data-change={marks?.[row]}
                  data-active={v.index === current ? "true" : undefined}
                  onDoubleClick={() => {
                    setActive(v.index);
                    setOpen(v.index);
                  }}
                  className={rowClass(v.index, v.index === current)}
                  style={{ top: v.start, height: rowHeight, width: "100%" }}
                >
                  {marks && (
                    <div
                      role="gridcell"
                      style={{ width: MARK_WIDTH, lineHeight: `${rowHeight}px` }}
                      className={`shrink-0 border-r border-line text-center font-bold ${mark.className}`}
                      title={mark.label}
                    >
                      <span aria-hidden="true">{mark.glyph}</span>
                      {mark.glyph && <span className="sr-only">{mark.label}</span>}
                    </div>
                  )}
                  {leaves.map((column) => {
                    const value = cell(row, columnOf(column.id) ?? -1);
                    const text = cellText(value);
                    const empty = value === null || value === undefined;
                    return (
                      <div
                        key={column.id}
                        role="gridcell"
                        style={{ width: column.getSize(), lineHeight: `${rowHeight}px` }}
                        className={`shrink-0 truncate border-r border-line px-2 ${empty ? "italic text-muted" : "text-fg"}`}
                        title={text}
                      >
                        {text}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
        {rows.length === 0 && <p className="p-2 text-xs text-muted">No row matches the search or the filters.</p>}
        {shown !== undefined && open !== null && (
          <RowDetails
            label={label}
            position={`row ${open + 1} of ${rows.length}`}
            columns={columns}
            values={columns.map((_, i) => cell(shown, i))}
            onClose={() => {
              setOpen(null);
              scroller.current?.focus();
            }}
          />
        )}
      </div>
      {/* How many rows the search and filters keep, over the grid's corner (nothing moves); polite for screen readers. */}
      <p
        role="status"
        className={`pointer-events-none absolute bottom-1 right-4 rounded border border-line bg-raised px-1.5 text-xs text-fg ${
          filtered ? "" : "sr-only"
        }`}
        data-testid="grid-shown-count"
      >
        {filtered ? `${rows.length.toLocaleString("en-US")} of ${rowCount.toLocaleString("en-US")} rows` : ""}
      </p>
    </div>
  );
}
