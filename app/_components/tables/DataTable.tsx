"use client";
import { useMemo, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { DataRecord } from "@/lib/engine";
import type { PreviewColumn } from "@/lib/preview";
import { cellText, columnWidth } from "./cells";

const ROW_HEIGHT = 26;
const typeLine = (c: PreviewColumn) => `${c.data_type} · ${c.nullable ? "nullable" : "not null"}`;

/** A virtualised grid: only the visible rows are in the DOM, so 50,000 rows scroll smoothly. */
export function DataTable({ label, columns, rows }: { label: string; columns: readonly PreviewColumn[]; rows: readonly DataRecord[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const widths = useMemo(() => columns.map((c) => columnWidth(c.name, rows.slice(0, 50).map((r) => r[c.name]), typeLine(c))), [columns, rows]);
  const total = widths.reduce((a, b) => a + b, 0);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  return (
    <div
      ref={scroller}
      className="relative min-h-0 flex-1 overflow-auto"
      tabIndex={0}
      aria-label={`${label}: ${rows.length} rows (scrollable)`}
      data-testid="data-table"
    >
      <div role="table" aria-label={label} aria-rowcount={rows.length + 1} aria-colcount={columns.length} style={{ width: total, minWidth: "100%" }} className="text-xs">
        <div role="rowgroup" className="sticky top-0 z-10 border-b border-line bg-raised">
          <div role="row" aria-rowindex={1} className="flex">
            {columns.map((c, i) => (
              <div key={c.name} role="columnheader" style={{ width: widths[i] }} className="shrink-0 border-r border-line px-2 py-1" data-testid="column-header">
                <div className="truncate font-mono font-semibold text-fg" title={c.name}>
                  {c.name}
                </div>
                <div className="truncate text-muted">
                  {typeLine(c)}
                </div>
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index] as DataRecord;
            return (
              <div
                key={v.key}
                role="row"
                aria-rowindex={v.index + 2}
                className={`absolute left-0 flex border-b border-line ${v.index % 2 ? "bg-raised" : "bg-surface"}`}
                style={{ top: v.start, height: ROW_HEIGHT, width: "100%" }}
              >
                {columns.map((c, i) => {
                  const value = row[c.name];
                  const text = cellText(value);
                  return (
                    <div key={c.name} role="cell" style={{ width: widths[i] }} className={`shrink-0 truncate border-r border-line px-2 leading-[26px] ${value === null || value === undefined ? "italic text-muted" : "text-fg"}`} title={text}>
                      {text}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
