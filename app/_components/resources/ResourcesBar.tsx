"use client";

/** A checkbox per resource, and the two ways to run them. */
export function ResourcesBar({ names, selected, onToggle, onRunAll, onRunSelected, canRun, running, maxPages, onMaxPages }: {
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
}) {
  const chosen = names.filter((n) => selected.has(n));
  return (
    <div role="group" aria-labelledby="resources-title" className="flex h-10 shrink-0 items-center gap-2 rounded border border-line bg-surface px-2" data-testid="resources">
      <h2 id="resources-title" className="text-xs font-semibold uppercase tracking-wide text-fg">
        Resources
      </h2>
      <div className="flex min-w-0 flex-1 gap-2 overflow-x-auto py-1">
        {names.length === 0 && <span className="text-xs text-muted">No resources yet.</span>}
        {names.map((name) => (
          <label key={name} className="flex shrink-0 items-center gap-1 rounded border border-line px-2 py-0.5 text-xs text-fg">
            <input type="checkbox" checked={selected.has(name)} onChange={(e) => onToggle(name, e.target.checked)} className="accent-[var(--app-accent)]" />
            <span className="font-mono">{name}</span>
          </label>
        ))}
      </div>
      <label className="flex shrink-0 items-center gap-1 text-xs text-muted" title="Stop each resource after this many pages (default 100)">
        max pages
        <input
          type="number"
          min={1}
          max={10000}
          inputMode="numeric"
          value={maxPages}
          placeholder="100"
          onChange={(e) => onMaxPages(e.target.value)}
          className="h-7 w-16 rounded border border-line bg-app-bg px-1 text-xs text-fg"
          data-testid="max-pages"
        />
      </label>
      <button type="button" onClick={onRunAll} disabled={!canRun || running || names.length === 0} className="h-7 shrink-0 rounded border border-line px-2 text-xs text-fg hover:bg-raised disabled:cursor-not-allowed disabled:opacity-60">
        Run all
      </button>
      <button
        type="button"
        onClick={onRunSelected}
        disabled={!canRun || running || chosen.length === 0}
        className="h-7 shrink-0 rounded border border-line px-2 text-xs text-fg hover:bg-raised disabled:cursor-not-allowed disabled:opacity-60"
        aria-label={`Run selected (${chosen.length} of ${names.length})`}
      >
        Run selected ({chosen.length})
      </button>
    </div>
  );
}
