"use client";
import { PAGE_LIMIT, pageLimit } from "./page-limit";

/**
 * A checkbox per resource, and the two ways to run them. The chips sit beside the page limit and the
 * buttons while they fit; otherwise they take their own line and wrap (three rows, then they scroll),
 * and the controls move under them — never over or under each other, never out of the window.
 */
export function ResourcesBar({
  names,
  selected,
  onToggle,
  onRunAll,
  onRunSelected,
  canRun,
  running,
  maxPages,
  onMaxPages,
  changed,
}: {
  names: readonly string[];
  selected: ReadonlySet<string>;
  onToggle: (name: string, on: boolean) => void;
  onRunAll: () => void;
  onRunSelected: () => void;
  canRun: boolean;
  running: boolean;
  /** The per-resource page cap as typed ("" = the engine's default). */
  maxPages: string;
  onMaxPages: (value: string) => void;
  /** Resources whose results on screen are older than their config. */
  changed?: ReadonlySet<string>;
}) {
  const chosen = names.filter((n) => selected.has(n));
  // 0, 2.5 or 20000 is no page limit: a run uses the default instead, and the field says so (a doubled red border, its title).
  const invalid = pageLimit(maxPages) === "invalid";
  const invalidText =
    `Not a page limit: give a whole number from ${PAGE_LIMIT.min} to ${PAGE_LIMIT.max}. ` +
    `A run now stops each resource after the default ${PAGE_LIMIT.default} pages.`;
  const button =
    "h-7 shrink-0 rounded border border-line px-2 text-xs text-fg hover:bg-raised disabled:cursor-not-allowed disabled:opacity-60 " +
    "short:h-6";
  return (
    <div
      role="group"
      aria-labelledby="resources-title"
      className="flex shrink-0 flex-wrap items-center gap-x-2 gap-y-1 border-b border-line px-2 py-0.5"
      data-testid="resources"
    >
      {/* As wide as its chips want: beside the controls while they fit, on its own line (wrapping) when not. */}
      <div
        className="flex max-h-[5.1rem] min-w-0 flex-[1_1_auto] flex-wrap items-center gap-1 overflow-y-auto py-0.5"
        data-testid="resource-chips"
      >
        <h3 id="resources-title" className="mr-1 text-xs font-semibold uppercase tracking-wide text-fg">
          Resources
        </h3>
        {/* As tall as a resource's chip: the bar keeps its height when the names come. */}
        {names.length === 0 && <span className="border border-transparent py-0.5 text-xs text-muted">No resources yet.</span>}
        {names.map((name) => (
          <label key={name} className="flex min-w-0 max-w-full items-center gap-1 rounded border border-line px-1.5 py-0.5 text-xs text-fg">
            <input
              type="checkbox"
              checked={selected.has(name)}
              onChange={(e) => onToggle(name, e.target.checked)}
              className="h-3.5 w-3.5 shrink-0 accent-[var(--app-accent)]"
            />
            <span className="truncate font-mono">{name}</span>
            {changed?.has(name) && (
              <span className="shrink-0 text-warning" title="changed since the last run">
                <span aria-hidden="true">◷</span>
                <span className="sr-only">(changed since the last run)</span>
              </span>
            )}
          </label>
        ))}
      </div>
      <div className="ml-auto flex shrink-0 flex-wrap items-center gap-2">
        <label
          className="flex items-center gap-1 text-xs text-muted"
          title={invalid ? invalidText : `Stop each resource after this many pages (default ${PAGE_LIMIT.default})`}
        >
          max pages
          <input
            type="number"
            min={PAGE_LIMIT.min}
            max={PAGE_LIMIT.max}
            inputMode="numeric"
            value={maxPages}
            placeholder={String(PAGE_LIMIT.default)}
            onChange={(e) => onMaxPages(e.target.value)}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? "max-pages-invalid" : undefined}
            className={
              "h-7 w-16 rounded border border-line bg-app-bg px-1 text-xs text-fg short:h-6 " +
              "aria-invalid:border-error aria-invalid:text-error aria-invalid:ring-1 aria-invalid:ring-error"
            }
            data-testid="max-pages"
          />
        </label>
        {/* Said without taking room (a mark beside the field would push the controls onto a new line while typing). */}
        {invalid && (
          <span id="max-pages-invalid" className="sr-only" data-testid="max-pages-invalid">
            {invalidText}
          </span>
        )}
        <button type="button" onClick={onRunAll} disabled={!canRun || running || names.length === 0} className={button}>
          Run all
        </button>
        <button type="button" onClick={onRunSelected} disabled={!canRun || running || chosen.length === 0} className={button}>
          Run selected ({chosen.length} of {names.length})
        </button>
      </div>
    </div>
  );
}
