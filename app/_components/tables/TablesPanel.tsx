"use client";
import { memo, useRef, useState, type KeyboardEvent } from "react";
import type { DataRecord } from "@/lib/engine";
import type { PreviewColumn, PreviewTable } from "@/lib/preview";
import { Panel } from "../ui/Panel";
import { statsLine } from "./cells";
import { DataTable } from "./DataTable";

interface Tab {
  readonly id: string;
  readonly resource: string;
  readonly name: string;
  readonly rows: readonly DataRecord[];
  readonly columns: readonly PreviewColumn[];
  readonly stats: string;
  readonly warnings: readonly string[];
}

function tabsOf(tables: readonly PreviewTable[]): Tab[] {
  return tables.flatMap((t) => [
    { id: t.table_name, resource: t.resource, name: t.table_name, rows: t.rows, columns: t.columns, stats: statsLine(t.stats), warnings: t.warnings },
    ...t.child_tables.map((c) => ({
      id: c.table_name,
      resource: t.resource,
      name: c.table_name,
      rows: c.rows,
      columns: c.columns,
      stats: `${c.rows.length.toLocaleString("en-US")} rows · nested table of ${c.parent_table}, linked by _dlt_parent_id`,
      warnings: [] as string[],
    })),
  ]);
}

/** One tab per table dlt would create (root tables and their nested child tables); a table whose resource changed since the run says so. */
export const TablesPanel = memo(function TablesPanel({ tables, stale }: { tables: readonly PreviewTable[]; stale?: ReadonlyMap<string, string> }) {
  const tabs = tabsOf(tables);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const active = tabs.find((t) => t.id === chosen) ?? tabs[0];

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.id === active?.id);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined || tabs.length === 0) return;
    e.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    if (!tab) return;
    setChosen(tab.id);
    list.current?.querySelector<HTMLButtonElement>(`[data-tab-id="${CSS.escape(tab.id)}"]`)?.focus();
  };

  return (
    <Panel title="Tables" titleId="tables-title" testId="tables">
      {tabs.length === 0 || !active ? (
        <p className="p-3 text-sm text-muted">The merged tables appear here while the run streams in: one tab per table, nested lists as child tables.</p>
      ) : (
        <div className="flex h-full min-h-0 flex-col">
          <div ref={list} role="tablist" aria-label="Tables" onKeyDown={onKeyDown} className="flex shrink-0 gap-1 overflow-x-auto border-b border-line px-2 pt-1">
            {tabs.map((t) => {
              const selected = t.id === active.id;
              return (
                <button
                  key={t.id}
                  type="button"
                  role="tab"
                  id={`tab-${t.id}`}
                  data-tab-id={t.id}
                  aria-selected={selected}
                  aria-controls={`tabpanel-${t.id}`}
                  tabIndex={selected ? 0 : -1}
                  onClick={() => setChosen(t.id)}
                  className={`shrink-0 rounded-t border-x border-t px-2 py-1 font-mono text-xs ${selected ? "border-line bg-surface font-semibold text-fg underline decoration-2 underline-offset-4" : "border-transparent text-muted hover:text-fg"}`}
                >
                  {t.name} <span className="text-muted">{t.rows.length.toLocaleString("en-US")}</span>
                  {stale?.has(t.resource) && (
                    <span className="ml-1 font-normal text-warning" title={stale.get(t.resource)}>
                      <span aria-hidden="true">◷</span>
                      <span className="sr-only"> (stale)</span>
                    </span>
                  )}
                </button>
              );
            })}
          </div>
          <div role="tabpanel" id={`tabpanel-${active.id}`} aria-labelledby={`tab-${active.id}`} className="flex min-h-0 flex-1 flex-col" data-testid="table-panel" data-table={active.name}>
            <p className="shrink-0 px-2 py-1 text-xs text-fg" data-testid="table-stats">
              {active.stats}
            </p>
            {stale?.has(active.resource) && (
              <p className="shrink-0 px-2 pb-1 text-xs text-warning" data-testid="table-stale">
                <span aria-hidden="true">◷ </span>
                {`${active.resource}: ${stale.get(active.resource) ?? ""}`} — these rows are from the last run.
              </p>
            )}
            {active.warnings.length > 0 && (
              <ul className="max-h-16 shrink-0 overflow-auto px-2 pb-1 text-xs" aria-label="Table warnings">
                {active.warnings.map((w) => (
                  <li key={w} className="text-warning" data-testid="table-warning">
                    <span aria-hidden="true">▲ </span>
                    <span className="sr-only">Warning: </span>
                    {w}
                  </li>
                ))}
              </ul>
            )}
            {active.rows.length === 0 ? (
              <p className="px-2 py-1 text-sm text-muted" data-testid="table-empty">
                No rows: this resource yielded no records{active.warnings.length === 0 ? "" : " (see the warnings above)"}.
              </p>
            ) : (
              <DataTable key={active.id} label={`Table ${active.name}`} columns={active.columns} rows={active.rows} />
            )}
          </div>
        </div>
      )}
    </Panel>
  );
});
