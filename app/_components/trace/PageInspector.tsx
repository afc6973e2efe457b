"use client";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { lastAttempt, pagesOf, type PageView } from "../run/pages";
import type { TraceItem } from "@/lib/run";
import { formatBytes, formatMs, plural, shortUrl } from "./format";
import { JsonTree } from "./JsonTree";
import { HeaderList } from "./RequestDetails";

function pageLabel(p: PageView): string {
  const r = lastAttempt(p);
  const status = r.response ? String(r.response.status) : "…";
  const records = r.records !== undefined ? ` · ${plural(r.records, "record")}` : "";
  return `#${p.index} · page ${p.page} · ${status}${records}`;
}

function eventText(e: TraceItem): string | null {
  switch (e.kind) {
    case "retry":
      return `↻ retry after ${e.status ?? "failure"} (${e.reason}), waited ${formatMs(e.wait_ms)}${e.virtual ? " (virtual)" : ""}`;
    case "warning":
      return `▲ ${e.message}`;
    case "auth":
      return `◆ ${e.step.replace("_", " ")}: ${e.detail}`;
    case "limit":
      return `◼ capped by ${e.limit}: ${e.message}`;
    case "error":
      return `✖ ${e.error.code}: ${e.error.message}`;
    case "incremental":
      return `⇥ incremental ${e.cursor_path}: ${e.before} → ${e.after}, ${e.filtered} skipped`;
    default:
      return null;
  }
}

function Inspected({ page }: { page: PageView }) {
  const r = lastAttempt(page);
  const res = r.response;
  const others = page.events.map(eventText).filter((t): t is string => t !== null);
  return (
    <div className="space-y-2 p-2 text-xs" data-testid="page-inspector" data-page-index={page.index}>
      <section aria-label="Request">
        <h4 className="font-semibold">Request{page.attempts.length > 1 ? ` (${page.attempts.length} attempts)` : ""}</h4>
        {page.attempts.map((a) => (
          <p key={a.key} className="break-all font-mono">
            {page.attempts.length > 1 && (
              <span className="text-muted">
                try {a.attempt}
                {a.redirect !== undefined ? ` ↪ redirect ${a.redirect}` : ""}:{" "}
              </span>
            )}
            {a.method} {a.url}{" "}
            {a.response ? (
              <span className={a.response.status >= 400 ? "text-error" : "text-ok"}>{a.response.status}</span>
            ) : (
              <span className={a.failure ? "text-error" : "text-muted"}>{a.failure ?? "…"}</span>
            )}
          </p>
        ))}
        {Object.keys(r.headers).length > 0 && (
          <details>
            <summary className="cursor-pointer text-muted">Request headers ({Object.keys(r.headers).length})</summary>
            <HeaderList headers={r.headers} />
          </details>
        )}
        {r.body !== undefined && <pre className="whitespace-pre-wrap break-all font-mono">{r.body}</pre>}
      </section>
      <section aria-label="Decision">
        <h4 className="font-semibold">Decision</h4>
        {r.records !== undefined && (
          <p data-testid="page-records">
            {plural(r.records, "record")} selected
            {r.selector !== undefined ? (
              <>
                {" "}
                by <code>{r.selector}</code> ({r.selector_source})
              </>
            ) : null}
          </p>
        )}
        <p data-testid="page-decision" className={page.decision?.decision === "stop" ? "font-semibold" : ""}>
          {page.decision
            ? `${page.decision.decision === "stop" ? "■" : "↳"} ${page.decision.reason}`
            : "No paginator decision after this page."}
        </p>
        {others.map((t, i) => (
          <p key={i} className="text-muted">
            {t}
          </p>
        ))}
      </section>
      <section aria-label="Response">
        <h4 className="font-semibold">
          Response{res ? ` · ${res.status} · ${formatBytes(res.size)} · ${formatMs(res.duration_ms)}` : ""}
          {res?.body_truncated ? " · preview truncated" : ""}
        </h4>
        {res && Object.keys(res.headers).length > 0 && (
          <details>
            <summary className="cursor-pointer text-muted">Response headers ({Object.keys(res.headers).length})</summary>
            <HeaderList headers={res.headers} />
          </details>
        )}
        {res?.body_preview !== undefined ? (
          <div className="mt-1 max-h-72 overflow-auto rounded border border-line bg-surface p-1" data-testid="page-body">
            <JsonTree value={res.body_preview} label={`Response body of page #${page.index}`} />
          </div>
        ) : (
          <p className="text-muted">{res ? "No body." : "Waiting for the response…"}</p>
        )}
      </section>
    </div>
  );
}

/**
 * The page selector of one resource: pick a page (select, ◀ ▶, or keys) to see its request, the
 * response body as a collapsible tree, and the paginator's decision with its evidence. There from the resource's first
 * event on (disabled until a page comes): come with the first page, it pushed the timeline under it down (a token
 * request's rows drawn first), which a slow machine painted as a jump.
 */
export function PageInspector({ resource, items }: { resource: string; items: readonly TraceItem[] }) {
  const pages = useMemo(() => pagesOf(items), [items]);
  const [selected, setSelected] = useState<number | null>(null);
  const selectId = useId();
  const select = useRef<HTMLSelectElement>(null);
  // A new run starts over: forget a selection past the end.
  useEffect(() => {
    if (selected !== null && selected > pages.length) setSelected(null);
  }, [pages.length, selected]);
  const page = selected === null ? null : (pages[selected - 1] ?? null);
  const go = (i: number) => setSelected(Math.min(Math.max(i, 1), pages.length));
  // ◀ and ▶ stay focusable at either end (aria-disabled): a disabled button would drop the focus to the page.
  const atFirst = page === null || page.index <= 1;
  const atLast = pages.length === 0 || (page !== null && page.index >= pages.length);
  return (
    <div className="mx-2 mb-1 rounded border border-line bg-raised" data-testid="page-selector" data-resource={resource}>
      <div className="flex items-center gap-2 px-2 py-1 text-xs">
        {/* Its two words on one line: a page's URL beside the select gives way instead (truncated, whole in its title). */}
        <label htmlFor={selectId} className="shrink-0 whitespace-nowrap text-muted">
          Inspect page
        </label>
        <button
          type="button"
          className="h-6 w-6 rounded border border-line hover:bg-surface aria-disabled:opacity-40"
          aria-label="Previous page"
          aria-disabled={atFirst}
          onClick={() => !atFirst && go((selected ?? 1) - 1)}
        >
          ◀
        </button>
        <select
          id={selectId}
          ref={select}
          // A fixed width: the options that arrive with each page do not move the ▶ beside it.
          className="h-6 w-72 min-w-0 rounded border border-line bg-surface px-1 text-fg"
          value={selected ?? ""}
          onChange={(e) => setSelected(e.target.value === "" ? null : Number(e.target.value))}
          data-testid="page-select"
          disabled={pages.length === 0}
        >
          <option value="">{pages.length === 0 ? "No page fetched" : `${plural(pages.length, "page")} — choose one`}</option>
          {pages.map((p) => (
            <option key={p.request_id} value={p.index}>
              {pageLabel(p)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="h-6 w-6 rounded border border-line hover:bg-surface aria-disabled:opacity-40"
          aria-label="Next page"
          aria-disabled={atLast}
          onClick={() => !atLast && go((selected ?? 0) + 1)}
        >
          ▶
        </button>
        {page && (
          <>
            <span className="min-w-0 truncate font-mono text-muted" title={lastAttempt(page).url}>
              {shortUrl(lastAttempt(page).url)}
            </span>
            <button
              type="button"
              className="ml-auto h-6 rounded border border-line px-2 hover:bg-surface"
              onClick={() => {
                setSelected(null);
                // The button goes with the page: the focus goes to the page select, not to the document.
                select.current?.focus();
              }}
              aria-label="Close the page inspector"
            >
              ✕
            </button>
          </>
        )}
      </div>
      {page && <Inspected page={page} />}
    </div>
  );
}
