"use client";
import { memo, useEffect, useId, useRef, useState } from "react";
import type { TraceItem } from "@/lib/run";
import { isNoteCode } from "@/lib/engine";
import { adviceFor } from "./advice";
import { formatBytes, formatMs, plural, shortUrl } from "./format";
import { RequestDetails } from "./RequestDetails";
import { InlineCode } from "../ui/InlineCode";
import { revealInTrace } from "./reveal";

type RequestItem = Extract<TraceItem, { kind: "request" }>;

const statusClass = (status: number) => (status >= 400 ? "text-error" : status >= 300 ? "text-warning" : "text-ok");

function Glyph({ glyph, label, className }: { glyph: string; label: string; className: string }) {
  return (
    <span className={`inline-block w-4 shrink-0 text-center ${className}`} title={label}>
      <span aria-hidden="true">{glyph}</span>
      <span className="sr-only">{label}:</span>
    </span>
  );
}

function RequestRow({ item }: { item: RequestItem }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const row = useRef<HTMLLIElement>(null);
  // Opened at the trace's bottom edge, its details would open out of sight: the least scrolling shows them.
  useEffect(() => {
    if (open) revealInTrace(row.current, "nearest");
  }, [open]);
  const r = item.response;
  const label = item.page === 0 ? "token" : `page ${item.page}`;
  return (
    <li ref={row} data-testid="trace-request" data-page={item.page} data-status={r?.status ?? ""}>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen((o) => !o)}
        // The ring inside the row: the trace scrolls, and a full-width row's outside ring was cut at both sides.
        // On a phone the gaps and the time column narrow: a retry's "try 2" row keeps its record count in sight.
        className="focus-inset flex w-full items-baseline gap-2 px-2 py-0.5 text-left hover:bg-raised max-sm:gap-1"
      >
        <span aria-hidden="true" className="w-3 shrink-0 text-muted">
          {open ? "▾" : "▸"}
        </span>
        <Glyph
          glyph="●"
          label={r ? (r.status >= 400 ? "failed request" : "request") : item.failure ? "request without a response" : "request in flight"}
          className={r ? statusClass(r.status) : item.failure ? "text-error" : "text-muted"}
        />
        <span className="w-14 shrink-0 font-semibold">{label}</span>
        {item.attempt > 1 && <span className="shrink-0 text-muted">try {item.attempt}</span>}
        {item.redirect !== undefined && (
          <span
            className="shrink-0 text-muted"
            data-testid="request-redirect"
            title="A redirect the engine followed: a new request to the Location"
          >
            ↪ redirect {item.redirect}
          </span>
        )}
        <span className="shrink-0 font-mono">{item.method}</span>
        <span className="min-w-0 flex-1 truncate font-mono text-muted" title={item.url}>
          {shortUrl(item.url)}
        </span>
        {r ? (
          <>
            <span className={`shrink-0 font-mono font-semibold ${statusClass(r.status)}`}>{r.status}</span>
            <span className="w-14 shrink-0 text-right text-muted max-sm:w-12">{formatMs(r.duration_ms)}</span>
          </>
        ) : item.failure ? (
          <span className="min-w-0 shrink truncate text-error" title={item.failure} data-testid="request-failure">
            {item.failure.split(":")[0]}
          </span>
        ) : (
          <span className="shrink-0 text-muted">…</span>
        )}
        <span className="w-24 shrink-0 text-right">{item.records !== undefined ? plural(item.records, "record") : ""}</span>
      </button>
      {open && (
        <div id={detailsId}>
          <RequestDetails item={item} sizeText={r ? formatBytes(r.size) : ""} />
        </div>
      )}
    </li>
  );
}

function TraceRowImpl({ item }: { item: TraceItem }) {
  const base = "flex items-baseline gap-2 px-2 py-0.5 pl-7";
  switch (item.kind) {
    case "request":
      return <RequestRow item={item} />;
    case "retry":
      return (
        <li className={base} data-testid="trace-retry">
          <Glyph glyph="↻" label="retry" className="text-warning" />
          <span>
            retry after {item.status ?? "failure"} ({item.reason}), waited <strong>{formatMs(item.wait_ms)}</strong> (
            {item.wait_source === "retry-after" ? "Retry-After" : "backoff"})
          </span>
          {item.virtual && (
            <span className="rounded border border-line px-1 text-xs text-muted" title="The mock's virtual clock: no real time passed">
              virtual
            </span>
          )}
        </li>
      );
    case "paginator":
      return (
        <li className={base} data-testid="trace-paginator" data-decision={item.decision}>
          <Glyph
            glyph={item.decision === "stop" ? "■" : "↳"}
            label={item.decision === "stop" ? "paginator stopped" : "paginator continues"}
            className="text-muted"
          />
          <span className={item.decision === "stop" ? "font-semibold" : "text-muted"}>{item.reason}</span>
        </li>
      );
    case "auth":
      return (
        <li className={base} data-testid="trace-auth">
          <Glyph glyph="◆" label="auth" className="text-muted" />
          <span className="text-muted">
            {item.step.replace("_", " ")}: {item.detail}
          </span>
        </li>
      );
    case "warning":
      // A value restplay computed as dlt does (`python_computed`) is a note, not something to fix.
      return (
        <li className={base} data-testid="trace-warning">
          {isNoteCode(item.code) ? (
            <Glyph glyph="ℹ" label="note" className="text-info" />
          ) : (
            <Glyph glyph="▲" label="warning" className="text-warning" />
          )}
          <span>
            <InlineCode text={item.message} /> <code className="text-xs text-muted">{item.code}</code>
          </span>
        </li>
      );
    case "incremental":
      return (
        <li className={base} data-testid="trace-incremental">
          <Glyph glyph="⇥" label="incremental" className="text-muted" />
          <span>
            incremental <code className="text-xs">{item.cursor_path}</code>: from {item.before} to {item.after} ·{" "}
            {plural(item.filtered, "record")} filtered out
            {item.stateful ? " · the next run starts from the new value" : " · end_value set: no state kept"}
          </span>
        </li>
      );
    case "limit":
      return (
        <li className={base} data-testid="trace-limit">
          <Glyph glyph="◼" label="capped" className="text-warning" />
          <span>
            <strong>capped by {item.limit}</strong>: {item.message}
          </span>
        </li>
      );
    case "error":
      return (
        <li className={`${base} bg-error-soft`} data-testid="trace-error" data-code={item.error.code}>
          <Glyph glyph="✖" label="error" className="text-error" />
          <span className="min-w-0 flex-1">
            <code className="font-semibold text-error">{item.error.code}</code>
            {item.error.status !== undefined && <span className="font-semibold text-error"> {item.error.status}</span>}{" "}
            <span className="whitespace-pre-wrap break-words">{item.error.message}</span>
            <span className="mt-0.5 block text-fg">
              <strong>What to do:</strong> {adviceFor(item.error)}
            </span>
          </span>
        </li>
      );
  }
}

/** One line of the timeline; memoised: items are replaced (never mutated) when they change. */
export const TraceRow = memo(TraceRowImpl);
