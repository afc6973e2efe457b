"use client";
import { Fragment, type ReactNode } from "react";
import type { Staleness } from "./stale";

const code = (s: string) => <code className="font-mono">{s}</code>;

/** Above the trace: the results are from an older config, and what changed since (until the next run). */
export function StaleNotice({ staleness, onRun, canRun }: { staleness: Staleness; onRun: () => void; canRun: boolean }) {
  const items: ReactNode[] = [
    ...staleness.global,
    ...[...staleness.resources].map(([name, c]) => (
      <>
        {code(name)} {c.kind === "renamed" ? <>was renamed to {code(c.to)}</> : c.kind === "removed" ? "was removed" : `changed (${c.why})`}
      </>
    )),
  ];
  return (
    <div
      role="status"
      className="flex shrink-0 flex-wrap items-start gap-x-2 gap-y-1 border-b border-warning bg-warning-soft px-2 py-1 text-xs text-fg"
      data-testid="stale-notice"
    >
      <p className="min-w-0 flex-1">
        <span aria-hidden="true" className="text-warning">
          ◷{" "}
        </span>
        <strong>These results are from an earlier config:</strong>{" "}
        {items.map((item, i) => (
          <Fragment key={i}>
            {i > 0 && "; "}
            {item}
          </Fragment>
        ))}
        . Run again to refresh them.
      </p>
      <button
        type="button"
        onClick={onRun}
        disabled={!canRun}
        className="h-6 shrink-0 rounded border border-line bg-surface px-2 text-xs text-fg hover:bg-raised disabled:cursor-not-allowed disabled:opacity-60"
      >
        Run again
      </button>
    </div>
  );
}
