"use client";
/**
 * One table of the destination: its counts, this run's changes, warnings, the toolbar (search,
 * filters, changed rows, downloads) and the grid.
 */
import { useCallback, useId, useMemo, useState, type ReactNode } from "react";
import type { DataRecord } from "@/lib/engine";
import type { PreviewColumn, RowChange, TableChanges } from "@/lib/preview";
import type { DuckClient } from "../duck/duck-client";
import { saveBlob } from "../duck/save";
import { Menu } from "../header/Menu";
import { changesLine } from "./changes";
import { gridColumns } from "./grid-model";
import { LazyDataGrid } from "./lazy-grid";
import { WarningList } from "./WarningList";
import { CutLine } from "../ui/CutLine";
import { getOwn } from "@/lib/shared";
import type { Announce } from "../ui/Announcer";

export interface TableTab {
  readonly id: string;
  readonly resource: string;
  readonly name: string;
  readonly rows: readonly DataRecord[];
  readonly marks: readonly RowChange[];
  readonly changes: TableChanges;
  readonly columns: readonly PreviewColumn[];
  readonly stats: string;
  readonly warnings: readonly string[];
  readonly loaded: boolean;
}

const FORMATS = [
  { id: "csv", label: "CSV" },
  { id: "parquet", label: "Parquet" },
  { id: "jsonl", label: "JSON lines" },
] as const;

export function TableView({
  tab,
  stale,
  duck,
  announce,
  actions,
}: {
  tab: TableTab;
  stale?: string;
  duck: DuckClient | null;
  announce: Announce;
  actions: ReactNode;
}) {
  const [search, setSearch] = useState("");
  const [changedOnly, setChangedOnly] = useState(false);
  const [filters, setFilters] = useState(false);
  const [warningsOpen, setWarningsOpen] = useState(false);
  const warningsId = useId();
  const changes = `${tab.loaded ? "this run" : "if loaded"}: ${changesLine(tab.changes, tab.columns)}`;
  const notes = `${tab.stats} — ${changes}`;
  const columns = useMemo(() => gridColumns(tab.columns), [tab.columns]);
  // Own values only: a row without a `constructor` column's value must not show Object's.
  const cell = useCallback(
    (r: number, c: number) => {
      const row = tab.rows[r];
      return row === undefined ? undefined : getOwn(row, tab.columns[c]?.name ?? "");
    },
    [tab.rows, tab.columns],
  );
  const download = (format: "csv" | "parquet" | "jsonl" | "duckdb") => {
    if (!duck) return;
    announce(`Preparing ${format === "duckdb" ? "the DuckDB file" : `${tab.name} as ${format}`}…`);
    void duck.file(format, format === "duckdb" ? undefined : tab.name).then((out) => {
      if (!out.ok) return announce(out.error.message, { show: true });
      saveBlob(out.blob, out.filename);
      announce(`Downloaded ${out.filename}.`);
    });
  };
  const notLoaded = tab.loaded ? null : "This run was not loaded (it failed or is still running): the files hold the last load.";
  const items = [
    ...FORMATS.map((f) => ({
      id: f.id,
      label: `${tab.name} as ${f.label}`,
      description: "this table, written by DuckDB from dlt's layout",
      disabledReason: duck ? null : "Loading…",
      onSelect: () => download(f.id),
    })),
    {
      id: "duckdb",
      label: "rest_api_pipeline.duckdb",
      description: `every table, as dlt's duckdb destination would leave them${notLoaded ? ` — ${notLoaded}` : ""}`,
      disabledReason: duck ? null : "Loading…",
      onSelect: () => download("duckdb"),
    },
  ];

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {/* The workbench's layouts (768 px wide and up, short or tall windows): the counts are one line (whole in its title) and
          the warnings fold behind a button at its end that names how many, so the grid keeps its rows (decision 0016,
          twenty-ninth session). A phone's Tables tab lists them as before. */}
      <div className="flex shrink-0 items-baseline gap-2 px-2 pt-1 text-xs short:pt-0.5">
        {/* Cut, the counts are a Tab stop that shows them whole over the rows below while it has the keyboard's focus. */}
        <CutLine text={notes} className="flex-1 text-fg" cutClassName="md:truncate" testId="table-notes">
          <span data-testid="table-stats">{tab.stats}</span>
          {/* Not loaded (the banner says why): the counts are what the load would have done, not what it did. */}
          <span className="text-muted" data-testid="table-changes">
            {` — ${changes}`}
          </span>
        </CutLine>
        {tab.warnings.length > 0 && (
          <button
            type="button"
            aria-expanded={warningsOpen}
            aria-controls={warningsId}
            onClick={() => setWarningsOpen((o) => !o)}
            className="hidden shrink-0 rounded px-1 text-warning hover:bg-raised md:inline"
            data-testid="table-warnings-toggle"
          >
            <span aria-hidden="true">▲ </span>
            {tab.warnings.length === 1 ? "1 warning" : `${tab.warnings.length} warnings`}
            <span aria-hidden="true">{warningsOpen ? " ▴" : " ▾"}</span>
          </button>
        )}
      </div>
      {stale && (
        <p className="shrink-0 px-2 pb-1 text-xs text-warning" data-testid="table-stale">
          <span aria-hidden="true">◷ </span>
          {`${tab.resource}: ${stale}`} — these rows are from the last run.
        </p>
      )}
      {tab.warnings.length > 0 && (
        <WarningList
          label="Table warnings"
          place="table"
          itemTestId="table-warning"
          items={tab.warnings.map((w) => ({ key: w, text: w }))}
          fold={{ open: warningsOpen, id: warningsId }}
        />
      )}
      <div
        className="flex shrink-0 flex-wrap items-center gap-2 border-y border-line px-2 py-1 text-xs short:py-0"
        role="toolbar"
        aria-label={`${tab.name} rows`}
      >
        <input
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder="Search rows…"
          aria-label={`Search the rows of ${tab.name}`}
          className="w-40 rounded border border-line bg-surface px-1.5 py-0.5 text-fg"
          data-testid="table-search"
        />
        <button
          type="button"
          aria-pressed={filters}
          onClick={() => setFilters((f) => !f)}
          className={`rounded border px-1.5 py-0.5 ${filters ? "border-accent text-fg" : "border-line text-muted hover:text-fg"}`}
        >
          Column filters
        </button>
        <label className="flex items-center gap-1 text-fg">
          <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} data-testid="changed-only" />
          Changed rows only
        </label>
        <div className="ml-auto flex items-center gap-2">
          {actions}
          <Menu label={`Download ${tab.name}`} buttonLabel="Download" items={items} align="right" testId="table-downloads" inPanel />
        </div>
      </div>
      {tab.rows.length === 0 ? (
        <p className="px-2 py-1 text-sm text-muted" data-testid="table-empty">
          No rows: this resource yielded no records{tab.warnings.length === 0 ? "" : " (see the warnings above)"}.
        </p>
      ) : (
        <LazyDataGrid
          key={tab.id}
          label={`Table ${tab.name}`}
          columns={columns}
          rowCount={tab.rows.length}
          cell={cell}
          marks={tab.marks}
          search={search}
          changedOnly={changedOnly}
          showFilters={filters}
          announce={announce}
        />
      )}
    </div>
  );
}
