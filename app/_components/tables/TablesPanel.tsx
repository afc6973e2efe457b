"use client";
import { memo, useEffect, useRef, useState, type KeyboardEvent } from "react";
import type { Destination, PreviewTable } from "@/lib/preview";
import type { RunPhase } from "@/lib/run";
import type { DuckClient } from "../duck/duck-client";
import { Menu } from "../header/Menu";
import { Panel } from "../ui/Panel";
import { CutLine } from "../ui/CutLine";
import { statsLine } from "./cells";
import { TableView, type TableTab } from "./TableView";
import type { Unloaded } from "../run/useRun";
import { WarningList } from "./WarningList";
import type { Announce } from "../ui/Announcer";

/** Resources whose records dlt loads into no table (`skip`, a schema contract), and why. */
function NotLoaded({ unloaded }: { unloaded: readonly Unloaded[] }) {
  if (unloaded.length === 0) return null;
  const items = unloaded.flatMap((u) =>
    u.warnings.map((w) => ({
      key: `${u.resource} ${w}`,
      text: (
        <>
          <span className="font-mono">{u.resource}</span> loads no table: {w}
        </>
      ),
    })),
  );
  return <WarningList label="Resources not loaded" place="panel" testId="not-loaded" items={items} />;
}

function tabsOf(tables: readonly PreviewTable[]): TableTab[] {
  return tables.flatMap((t) => [
    {
      id: t.table_name,
      resource: t.resource,
      name: t.table_name,
      rows: t.rows,
      marks: t.row_changes,
      changes: t.changes,
      columns: t.columns,
      stats: statsLine(t.stats, t.write_disposition === "merge"),
      warnings: t.warnings,
      loaded: t.loaded,
    },
    ...t.child_tables.map((c) => ({
      id: c.table_name,
      resource: t.resource,
      name: c.table_name,
      rows: c.rows,
      marks: c.row_changes,
      changes: c.changes,
      columns: c.columns,
      stats: `${c.rows.length.toLocaleString("en-US")} rows · nested table of ${c.parent_table}, linked by _dlt_parent_id`,
      warnings: [] as string[],
      loaded: t.loaded,
    })),
  ]);
}

/** The width of a MoreTables arrow (w-10), kept clear when a tab is scrolled into view. */
const ARROW_WIDTH = 40;
const EDGE = { left: "left-0 justify-start bg-linear-to-r pl-1.5", right: "right-0 justify-end bg-linear-to-l pr-1.5" } as const;

/** An arrow over one end of the table strip when more tables are past it; a click scrolls them in. */
function MoreTables({ side, shown, onClick }: { side: "left" | "right"; shown: boolean; onClick: () => void }) {
  if (!shown) return null;
  return (
    <button
      type="button"
      tabIndex={-1}
      aria-hidden="true"
      onClick={onClick}
      title={`More tables to the ${side}`}
      data-testid={`more-tables-${side}`}
      className={`absolute inset-y-0 flex w-10 items-center from-surface from-40% to-transparent text-base text-link ${EDGE[side]}`}
    >
      {side === "left" ? "◂" : "▸"}
    </button>
  );
}

/** What the panel says without a table, by how the last run went. */
const EMPTY_AFTER: Record<RunPhase, string> = {
  idle: "The tables appear here while the run streams in: one tab per table, nested lists as child tables.",
  running: "The tables appear here while the run streams in: one tab per table, nested lists as child tables.",
  failed: "No table: the run failed before any record arrived (the Trace says why). dlt loads nothing from it.",
  cancelled: "No table: the run was cancelled before any record arrived.",
  capped: "No table: the run reached a playground limit before any record arrived (the Trace says which).",
  done: "No table: the run's resources brought no records (dlt makes no table for a resource that yields nothing).",
};

export interface DestinationActions {
  readonly duck: DuckClient | null;
  readonly destination: () => Destination | null;
  readonly running: boolean;
  /** How the last run went (`idle`: none yet), for what an empty panel says. */
  readonly phase: RunPhase;
  /** Why dlt's load fails the last run though it ran to the end (`Preview.refusal`), `null` when it does not. */
  readonly refusal: string | null;
  /** Whether the last run, though not loaded, moved the incremental cursors (`Preview.cursorsMoved`: dlt's load job failed). */
  readonly cursorsMoved: boolean;
  readonly onResetDestination: () => void;
  readonly onResetIncremental: () => void;
  readonly announce: Announce;
}

/** A run only a load job failed: dlt committed its cursors with the extract (`Preview.cursorsMoved`). */
const CURSORS_MOVED =
  ", from the cursors this run reached: dlt keeps the incremental state of an extract whose load fails, " +
  "so it does not ask for these records again.";

interface NotLoadedProps {
  readonly tables: readonly PreviewTable[];
  readonly running: boolean;
  readonly refusal: string | null;
  readonly cursorsMoved: boolean;
}

/** A run that ended without loading (it failed, was cancelled, or dlt's load fails it): dlt loads nothing from it. */
function RunNotLoaded({ tables, running, refusal, cursorsMoved, inHeader }: NotLoadedProps & { readonly inHeader: boolean }) {
  if (running || tables.length === 0 || tables.every((t) => t.loaded)) return null;
  const text =
    (refusal !== null
      ? `dlt loads nothing from this run: it fails the load on ${refusal} (the table's warnings say where).`
      : "dlt loads nothing from this run: it did not finish (the Trace says why).") +
    ` The tables show what it extracted, and the next run loads onto the last loaded one${cursorsMoved ? CURSORS_MOVED : "."}`;
  // A short window: one line in the frame's title row beside the Tables tab (its start says the news), whole in its title
  // and for screen readers; the table below keeps that line for its rows (decision 0016, twenty-ninth session).
  // Cut there, the keyboard reaches the whole sentence too: CutLine's Tab stop shows it over the table (thirtieth session).
  const mark = (
    <span aria-hidden="true" className="text-error">
      ✖{" "}
    </span>
  );
  return inHeader ? (
    <CutLine text={text} className="h-6 flex-1 pl-1 text-xs font-normal leading-6 text-fg" testId="run-not-loaded">
      {mark}
      {text}
    </CutLine>
  ) : (
    <p
      className="mx-2 mt-1 shrink-0 rounded border border-error bg-error-soft px-2 py-1 text-xs text-fg short:truncate short:py-0.5"
      title={text}
      data-testid="run-not-loaded"
    >
      {mark}
      {text}
    </p>
  );
}

/** One tab per table dlt would create (root tables and their nested child tables); a table whose resource changed since the run says so. */
export const TablesPanel = memo(function TablesPanel({
  tables,
  unloaded = [],
  stale,
  actions,
}: {
  tables: readonly PreviewTable[];
  /** Resources that load no table, with why. */
  unloaded?: readonly Unloaded[];
  stale?: ReadonlyMap<string, string>;
  actions: DestinationActions;
}) {
  const tabs = tabsOf(tables);
  // Runs counted as they start. A table chosen before this run stays on screen while the run goes on (no
  // jumps), and after it only if this run fetched records for it; else the first table this run fetched
  // records for is shown: the destination keeps the tables of earlier runs (another config's too).
  const [run, setRun] = useState({ count: 0, running: false });
  if (run.running !== actions.running) setRun({ count: run.count + (actions.running ? 1 : 0), running: actions.running });
  const [chosen, setChosen] = useState<{ id: string; run: number } | null>(null);
  const choose = (id: string) => setChosen({ id, run: run.count });
  const list = useRef<HTMLDivElement>(null);
  const fetched = new Set(
    tables.filter((t) => t.stats.fetched > 0).flatMap((t) => [t.table_name, ...t.child_tables.map((c) => c.table_name)]),
  );
  const kept =
    chosen && (chosen.run === run.count || actions.running || fetched.has(chosen.id)) ? tabs.find((t) => t.id === chosen.id) : undefined;
  const active = kept ?? tabs.find((t) => fetched.has(t.id)) ?? tabs.find((t) => t.id === chosen?.id) ?? tabs[0];
  const activeId = active?.id;
  // Tables past the strip's edges: a mouse user sees an arrow there (the keyboard moves with ← → Home End).
  const [more, setMore] = useState({ left: false, right: false });
  const measure = () => {
    const el = list.current;
    if (!el) return;
    const next = { left: el.scrollLeft > 1, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 };
    setMore((m) => (m.left === next.left && m.right === next.right ? m : next));
  };
  const scrollTabs = (direction: 1 | -1) =>
    list.current?.scrollBy({ left: direction * list.current.clientWidth * 0.8, behavior: "smooth" });
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [tabs.length]); // measured again when tables come or go
  useEffect(() => {
    if (activeId === undefined) return;
    // Only the strip scrolls (scrollIntoView could move the panels around it).
    const el = list.current;
    const tab = el?.querySelector<HTMLElement>(`[data-tab-id="${CSS.escape(activeId)}"]`);
    if (!el || !tab) return;
    // Clear of the arrows (w-10) over the strip's ends: the first and last tabs scroll the strip to its end, hiding the arrow.
    const start = tab.offsetLeft - ARROW_WIDTH;
    const end = tab.offsetLeft + tab.offsetWidth + ARROW_WIDTH - el.clientWidth;
    if (start < el.scrollLeft) el.scrollLeft = Math.max(0, start);
    else if (end > el.scrollLeft) el.scrollLeft = Math.min(end, el.scrollWidth - el.clientWidth);
  }, [activeId]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.id === active?.id);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (next === undefined || tabs.length === 0) return;
    e.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length];
    if (!tab) return;
    choose(tab.id);
    list.current?.querySelector<HTMLButtonElement>(`[data-tab-id="${CSS.escape(tab.id)}"]`)?.focus();
  };
  const reset = (
    <Menu
      label="Destination (kept for this session)"
      buttonLabel="Destination"
      align="right"
      testId="destination-menu"
      inPanel
      items={[
        {
          id: "reset-destination",
          label: "Reset destination",
          description: "Empty every table: the next run loads into new tables (the incremental state stays).",
          disabledReason: actions.running ? "A run is going on." : null,
          onSelect: () => {
            actions.onResetDestination();
            actions.announce("The destination is empty: the next run loads into new tables.");
          },
        },
        {
          id: "reset-incremental",
          label: "Forget incremental state",
          description: "The next run starts from initial_value again (the tables stay).",
          disabledReason: actions.running ? "A run is going on." : null,
          onSelect: () => {
            actions.onResetIncremental();
            actions.announce("Incremental state forgotten: the next run starts from initial_value.");
          },
        },
      ]}
    />
  );

  return (
    <Panel
      title="Tables"
      titleId="tables-title"
      testId="tables"
      toolbar={(inHeader) => (
        <RunNotLoaded
          tables={tables}
          running={actions.running}
          refusal={actions.refusal}
          cursorsMoved={actions.cursorsMoved}
          inHeader={inHeader}
        />
      )}
    >
      {tabs.length === 0 || !active ? (
        <>
          <NotLoaded unloaded={unloaded} />
          <p className="p-3 text-sm text-muted">
            {unloaded.length > 0 ? "No table this run: dlt loads none of its resources' records (above)." : EMPTY_AFTER[actions.phase]}
          </p>
          {/* Before the first run there is no destination: nothing to empty, no state to forget. */}
          {actions.destination() !== null && <div className="px-3">{reset}</div>}
        </>
      ) : (
        <div className="flex h-full min-h-0 flex-col">
          <NotLoaded unloaded={unloaded} />
          <div className="relative shrink-0">
            <div
              ref={list}
              role="tablist"
              aria-label="Tables"
              onKeyDown={onKeyDown}
              onScroll={measure}
              className="relative flex gap-1 overflow-x-auto border-b border-line px-2 pt-1 [scrollbar-width:thin] short:pt-0.5"
            >
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
                    aria-controls={selected ? `tabpanel-${t.id}` : undefined}
                    tabIndex={selected ? 0 : -1}
                    onClick={() => choose(t.id)}
                    className={`shrink-0 rounded-t border-x border-t px-2 py-1 font-mono text-xs short:py-0.5 ${
                      selected
                        ? "border-line bg-surface font-semibold text-fg underline decoration-2 underline-offset-4"
                        : "border-transparent text-muted hover:text-fg"
                    }`}
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
            <MoreTables side="left" shown={more.left} onClick={() => scrollTabs(-1)} />
            <MoreTables side="right" shown={more.right} onClick={() => scrollTabs(1)} />
          </div>
          <div
            role="tabpanel"
            id={`tabpanel-${active.id}`}
            aria-labelledby={`tab-${active.id}`}
            className="flex min-h-0 flex-1 flex-col"
            data-testid="table-panel"
            data-table={active.name}
          >
            <TableView
              key={active.id}
              tab={active}
              stale={stale?.get(active.resource)}
              duck={actions.duck}
              announce={actions.announce}
              actions={reset}
            />
          </div>
        </div>
      )}
    </Panel>
  );
});
