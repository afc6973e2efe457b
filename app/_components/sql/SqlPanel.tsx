"use client";
/**
 * The SQL console (decision 0019): one read-only statement against the destination in DuckDB
 * (dataset `rest_api_data`, dlt's tables and `_dlt_loads`), Ctrl/Cmd+Enter in the query runs it,
 * results in the virtualised grid, refusals and errors marked in the query. Loaded lazily.
 */
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { DuckApiError, SqlError, SqlResult } from "@/lib/duck";
import type { DuckClient } from "../duck/duck-client";
import { saveBlob } from "../duck/save";
import DataGrid from "../tables/DataGrid";
import { errorSpot, starterQuery, tableQuery } from "./sql-text";
import type { Announce } from "../ui/Announcer";

type State =
  | { kind: "idle" }
  | { kind: "running" }
  | { kind: "done"; result: SqlResult }
  | { kind: "error"; error: SqlError | DuckApiError; sql: string };

export default function SqlPanel({
  duck,
  tables,
  hasData,
  announce,
}: {
  duck: DuckClient;
  tables: readonly string[];
  hasData: boolean;
  announce: Announce;
}) {
  const [typed, setTyped] = useState<string | null>(null);
  // Until the user types, the query follows the first table (the view may open before the first run).
  const sql = typed ?? starterQuery(tables[0]);
  const setSql = setTyped;
  const [state, setState] = useState<State>({ kind: "idle" });
  const box = useRef<HTMLTextAreaElement>(null);

  const run = useCallback(() => {
    const text = box.current?.value ?? sql;
    setState({ kind: "running" });
    void duck.query(text).then((out) => {
      if (out.ok) {
        setState({ kind: "done", result: out.result });
        announce(`${out.result.rows.length} row${out.result.rows.length === 1 ? "" : "s"}${out.result.truncated ? " (truncated)" : ""}.`);
        return;
      }
      setState({ kind: "error", error: out.error, sql: text });
      announce(`Query failed: ${out.error.message}`);
      const { start, end } = "start" in out.error ? out.error : { start: undefined, end: undefined };
      if (start !== undefined && box.current) {
        box.current.focus();
        box.current.setSelectionRange(start, end ?? start + 1);
      }
    });
  }, [duck, sql, announce]);
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  };
  const download = () => {
    announce("Preparing the DuckDB file…");
    void duck.file("duckdb").then((out) => {
      if (!out.ok) return announce(out.error.message, { show: true });
      saveBlob(out.blob, out.filename);
      announce(`Downloaded ${out.filename}.`);
    });
  };
  const result = state.kind === "done" ? state.result : null;
  const columns = useMemo(
    () => (result ? result.columns.map((c, i) => ({ id: `c${i}`, name: c.name, type: c.type, marks: [] })) : []),
    [result],
  );
  const cell = useCallback((r: number, c: number) => result?.rows[r]?.[c], [result]);
  const spot =
    state.kind === "error" && "start" in state.error && state.error.start !== undefined
      ? errorSpot(state.sql, state.error.start, state.error.end)
      : null;

  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-auto" data-testid="sql">
      {/* Shortcuts to what the destination holds: none before a load (not even dlt's `_dlt_loads`). */}
      {hasData && (
        <div className="flex shrink-0 flex-wrap items-center gap-1 px-2 pt-1 text-xs">
          <span className="text-muted">Tables:</span>
          {["_dlt_loads", ...tables].map((t) => (
            <button
              key={t}
              type="button"
              onClick={() => setSql(tableQuery(t))}
              className="rounded border border-line px-1.5 font-mono text-fg hover:border-accent"
            >
              {t}
            </button>
          ))}
        </div>
      )}
      <label htmlFor="sql-query" className="sr-only">
        SQL query (one read-only statement; Ctrl/Cmd+Enter runs it)
      </label>
      <textarea
        id="sql-query"
        ref={box}
        value={sql}
        onChange={(e) => setSql(e.target.value)}
        onKeyDown={onKeyDown}
        spellCheck={false}
        rows={3}
        placeholder="SELECT * FROM <table> LIMIT 100"
        className="m-2 mb-1 shrink-0 resize-y rounded border border-line bg-surface p-2 font-mono text-xs text-fg"
        data-testid="sql-query"
      />
      <div className="flex shrink-0 flex-wrap items-center gap-2 px-2 pb-1 text-xs">
        <button
          type="button"
          onClick={run}
          disabled={!hasData || state.kind === "running"}
          className="rounded bg-accent px-2 py-0.5 font-semibold text-accent-fg disabled:opacity-60"
          data-testid="sql-run"
        >
          Run query
        </button>
        <span className="text-muted">Ctrl/Cmd+Enter · read-only · dataset rest_api_data</span>
        <button
          type="button"
          onClick={download}
          disabled={!hasData}
          className="ml-auto rounded border border-line px-1.5 py-0.5 text-fg hover:border-accent disabled:opacity-60"
          data-testid="sql-download-duckdb"
        >
          Download .duckdb
        </button>
      </div>
      {!hasData && (
        <p className="px-2 text-xs text-muted" data-testid="sql-no-data">
          {tables.length > 0
            ? "Nothing is loaded yet: dlt loads nothing from this run (Tables says why). " +
              "The console queries the destination after its last load."
            : "Run the config first: the console queries the destination after its last load."}
        </p>
      )}
      {hasData && state.kind === "idle" && (
        <p className="px-2 text-xs text-muted" data-testid="sql-hint">
          A table name above fills in a query of its rows; Run query shows the result here (DuckDB SQL, the tables as dlt loads them,{" "}
          <code className="font-mono">_dlt_loads</code> included).
        </p>
      )}
      {state.kind === "running" && (
        <p className="px-2 text-xs text-muted" aria-live="polite">
          Running…
        </p>
      )}
      {state.kind === "error" && (
        <div
          role="alert"
          className="mx-2 mb-1 shrink-0 rounded border border-error bg-error-soft p-2 text-xs text-fg"
          data-testid="sql-error"
        >
          <p>
            <span aria-hidden="true">✖ </span>
            {spot ? `Line ${spot.line}, column ${spot.column}: ` : ""}
            {state.error.message} <span className="text-muted">({state.error.code})</span>
          </p>
          {spot && (
            <pre className="mt-1 overflow-x-auto font-mono" data-testid="sql-error-spot">
              {spot.text}
              {"\n"}
              <span className="text-error">{spot.caret}</span>
            </pre>
          )}
        </div>
      )}
      {result && (
        <>
          <p className="shrink-0 px-2 text-xs text-muted" data-testid="sql-summary">
            {result.rows.length.toLocaleString("en-US")} row{result.rows.length === 1 ? "" : "s"}
            {result.truncated ? " (the first ones; add a LIMIT or a WHERE)" : ""} · {result.elapsed_ms} ms
          </p>
          <div className="flex min-h-40 flex-1 flex-col">
            <DataGrid label="Query result" columns={columns} rowCount={result.rows.length} cell={cell} announce={announce} />
          </div>
        </>
      )}
    </div>
  );
}
