"use client";
import { memo, useEffect, useRef } from "react";
import type { ResourceTrace, RunTrace } from "@/lib/run";
import { Panel } from "../ui/Panel";
import { CutLine } from "../ui/CutLine";
import { adviceFor } from "./advice";
import { plural, runFacts, runOutcome, shownStatus, type ShownStatus } from "./format";
import { PageInspector } from "./PageInspector";
import { revealInTrace } from "./reveal";
import { TraceRow } from "./TraceRow";

const STATUS_TEXT: Record<ShownStatus, { glyph: string; text: string; className: string }> = {
  waiting: { glyph: "○", text: "waiting", className: "text-muted" },
  running: { glyph: "◐", text: "running", className: "text-info" },
  ok: { glyph: "✔", text: "done", className: "text-ok" },
  capped: { glyph: "◼", text: "capped", className: "text-warning" },
  cancelled: { glyph: "■", text: "cancelled", className: "text-warning" },
  failed: { glyph: "✖", text: "failed", className: "text-error" },
};

/** A resource's name in its heading: long names without spaces wrap anywhere. */
const NAME = "break-all font-mono text-sm font-semibold text-fg";

/** Per resource: why its results are older than the config ("renamed to x since the run"). */
export type StaleLabels = ReadonlyMap<string, string>;

function StaleMark({ label }: { label: string }) {
  return (
    <span className="rounded border border-warning px-1 text-warning" data-testid="resource-stale">
      <span aria-hidden="true">◷ </span>
      {label}
    </span>
  );
}

function ResourceSection({ r, phase, stale }: { r: ResourceTrace; phase: RunTrace["phase"]; stale: string | null }) {
  const status = shownStatus(r, phase);
  const parallelized = r.parallelized && `parallelized${r.parallelized === "in_order" ? " · in order (mock)" : ""}`;
  // The second line's words, whole: its title, and what the keyboard's focus shows where a short window cuts the line.
  const details = [r.paginator && `paginator ${r.paginator}`, r.data_selector && `selector ${r.data_selector}`, stale, parallelized]
    .filter(Boolean)
    .join(" · ");
  const s = STATUS_TEXT[status];
  return (
    <section
      aria-label={`Trace of ${r.name}`}
      data-testid="trace-resource"
      data-resource={r.name}
      data-status={status}
      data-stale={stale !== null || undefined}
      className="border-b border-line last:border-b-0"
    >
      {/* Two lines from the start: the counts that grow as pages come never push the paginator onto a new line (nothing below jumps).
          A short window's wide layout: one line, the paginator's line cut short (whole in its title, and over the trace while
          the keyboard's focus is on it: CutLine). */}
      <h3 className="sticky top-0 z-10 bg-surface px-2 py-1 text-xs short:flex short:items-baseline short:gap-x-2 short:py-0.5">
        <span className="flex flex-wrap items-baseline gap-x-2 short:shrink-0 short:flex-nowrap">
          <span className={s.className}>
            <span aria-hidden="true">{s.glyph}</span> <span className={NAME}>{r.name}</span> {s.text}
          </span>
          <span className="text-muted" data-testid="resource-progress">
            {plural(r.pages, "page")} · {plural(r.records, "record")} · {plural(r.requests, "request")}
            {r.retries > 0 && ` · ${plural(r.retries, "retry", "retries")}`}
          </span>
        </span>
        <CutLine
          inline
          text={details}
          className="short:flex-1"
          cutClassName={"flex min-h-4 flex-wrap items-baseline gap-x-2 short:flex-nowrap short:overflow-hidden short:whitespace-nowrap"}
          testId="resource-details"
        >
          {r.paginator && <span className="truncate text-muted">paginator {r.paginator}</span>}
          {r.data_selector && <span className="text-muted">selector {r.data_selector}</span>}
          {stale && <StaleMark label={stale} />}
          {r.parallelized && (
            <span
              className="rounded border border-line px-1 text-muted"
              data-testid="resource-parallelized"
              title={
                r.parallelized === "concurrent"
                  ? "Runs concurrently with other parallelized work (5 at a time, as dlt's pool)"
                  : "parallelized runs concurrently against live APIs; against the mock it runs in order so virtual time stays exact"
              }
            >
              {parallelized}
            </span>
          )}
        </CutLine>
      </h3>
      <PageInspector resource={r.name} items={r.items} />
      <ol className="pb-1 text-xs" aria-label={`${r.name} timeline`}>
        {r.items.map((item) => (
          <TraceRow key={item.key} item={item} />
        ))}
      </ol>
    </section>
  );
}

/**
 * The run's state above the trace, or beside its title in the frame's header row (a short window's wide layout: one line,
 * cut short, whole in its title); the page's announcer says when a run starts and how it ends (usePlayground).
 */
function RunStatus({
  trace,
  onCancel,
  refusal,
  inHeader,
}: {
  trace: RunTrace;
  onCancel: () => void;
  refusal: string | null;
  inHeader: boolean;
}) {
  const { records, problem } = runFacts(trace);
  const outcome = runOutcome(trace);
  let body;
  switch (trace.phase) {
    case "idle":
      body = <span className="text-muted">No run yet.</span>;
      break;
    case "running":
      body = (
        <>
          <span className="min-w-0 truncate text-info">
            <span aria-hidden="true">◐ </span>Running… {plural(records, "record")} so far
          </span>
          <button
            type="button"
            onClick={onCancel}
            className="ml-auto h-6 rounded border border-line px-2 text-xs text-fg hover:bg-raised"
            data-testid="cancel-run"
          >
            Cancel
          </button>
        </>
      );
      break;
    case "done":
      body = (
        <CutLine
          text={`${outcome}${refusal !== null ? " · dlt loads nothing from it (Tables says why)" : ""}`}
          className=""
          testId="run-outcome"
        >
          <span className="text-ok">
            <span aria-hidden="true">✔ </span>
            {outcome}
          </span>
          {refusal !== null && (
            <span className="text-error" data-testid="run-status-not-loaded" title={`dlt's load fails on ${refusal}`}>
              {" "}
              · <span aria-hidden="true">✖ </span>dlt loads nothing from it (Tables says why)
            </span>
          )}
        </CutLine>
      );
      break;
    case "capped":
    case "cancelled":
      body = (
        <CutLine text={outcome ?? ""} className="text-warning" testId="run-outcome">
          <span aria-hidden="true">{trace.phase === "capped" ? "◼ " : "■ "}</span>
          {outcome}
        </CutLine>
      );
      break;
    case "failed":
      body = (
        <span className="min-w-0 truncate text-error" title={problem?.message}>
          <span aria-hidden="true">✖ </span>Failed
          {problem ? (
            <>
              : <code className="font-semibold">{problem.code}</code> — {problem.message.split("\n")[0]}
            </>
          ) : null}
        </span>
      );
      break;
  }
  return (
    <div
      // 28 px whatever it holds (Running's Cancel button included): a run that starts or ends moves nothing below it. In the
      // header row, 24 px (the Cancel button's height).
      className={`flex items-center gap-2 text-xs ${inHeader ? IN_HEADER : "min-h-7 shrink-0 border-b border-line px-2"}`}
      data-testid="run-status"
      data-phase={trace.phase}
    >
      {body}
    </div>
  );
}

/** The status line in the frame's header row: the row's own padding, its text not the title's. */
const IN_HEADER = "h-6 min-w-0 flex-1 pl-1 font-normal";

function FailureBox({ trace }: { trace: RunTrace }) {
  const f = trace.failure;
  if (!f) return null;
  return (
    <div className="m-2 rounded border border-error bg-error-soft p-2 text-xs text-fg" data-testid="run-failure" data-code={f.code}>
      <p>
        <code className="font-semibold text-error">{f.code}</code> {f.message}
      </p>
      {f.diagnostics && f.diagnostics.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {f.diagnostics.slice(0, 5).map((d, i) => (
            <li key={i}>{d.message}</li>
          ))}
        </ul>
      )}
      <p className="mt-1">
        <strong>What to do:</strong>{" "}
        {f.code === "invalid_config" || f.code === "network_error" || f.code === "cancelled"
          ? adviceFor({ code: f.code })
          : "Run again; if it keeps failing, check the server log."}
      </p>
    </div>
  );
}

/** The run as it streams: status, a timeline per resource, run-wide warnings and errors. */
export const TracePanel = memo(function TracePanel({
  trace,
  onCancel,
  shortcut,
  stale,
  blocked = null,
  onFirstError,
  onFillSecrets,
  refusal = null,
}: {
  trace: RunTrace;
  onCancel: () => void;
  shortcut: string;
  stale?: StaleLabels;
  /** Why dlt's load fails the run though it ran to the end (`Preview.refusal`): the status line says nothing is loaded. */
  refusal?: string | null;
  /** Why Run is unavailable now (errors in the config): said where the hint to press Run would be. */
  blocked?: string | null;
  /** Puts the editor's cursor on the first error (given while errors block Run): a way from the reason to the fix. */
  onFirstError?: () => void;
  /** Puts the cursor in the first secret field a Live run is missing (given while they block Run). */
  onFillSecrets?: () => void;
}) {
  const root = useRef<HTMLDivElement>(null);
  // A run that failed: its first error comes into sight in the trace's own scroller (below its resource's sticky header).
  useEffect(() => {
    if (trace.phase === "failed")
      revealInTrace(root.current?.querySelector<HTMLElement>('[data-testid="run-failure"], [data-testid="trace-error"]'), "top");
  }, [trace.phase]);
  return (
    <Panel
      title="Trace"
      titleId="trace-title"
      testId="trace"
      toolbar={(inHeader) => <RunStatus trace={trace} onCancel={onCancel} refusal={refusal} inHeader={inHeader} />}
      // What focus or the keyboard scrolls to stops below a resource's sticky header (two or three lines), not under it.
      bodyClassName="scroll-pt-14 short:scroll-pt-8"
    >
      <div ref={root}>
        {trace.phase === "idle" && blocked !== null && (
          <p className="p-3 text-sm text-muted" data-testid="trace-empty" data-blocked="true">
            <span className="text-error">{blocked}.</span>{" "}
            {onFirstError && (
              <span className="whitespace-nowrap">
                <button type="button" onClick={onFirstError} className="text-info underline" data-testid="trace-first-error">
                  Go to the first error
                </button>
                .
              </span>
            )}
            {onFillSecrets && (
              <span className="whitespace-nowrap">
                <button type="button" onClick={() => onFillSecrets()} className="text-info underline" data-testid="trace-fill-secrets">
                  Fill in the secrets
                </button>
                .
              </span>
            )}{" "}
            Requests, retries and paginator decisions appear here once the config runs.
          </p>
        )}
        {trace.phase === "idle" && blocked === null && (
          <p className="p-3 text-sm text-muted" data-testid="trace-empty">
            Press <strong className="text-fg">Run</strong> (
            <kbd className="rounded border border-line px-1 font-mono text-xs">{shortcut}</kbd>) to fetch every page. Requests, retries and
            paginator decisions appear here as they happen.
          </p>
        )}
        {/* Before the first event (a slow token endpoint or API): the body says what is coming, not nothing. */}
        {trace.phase === "running" && trace.resources.length === 0 && trace.general.length === 0 && (
          <p className="p-3 text-sm text-muted" data-testid="trace-waiting">
            Waiting for the first response: each request shows here as soon as it is answered.
          </p>
        )}
        <FailureBox trace={trace} />
        {trace.general.length > 0 && (
          <ol className="border-b border-line py-1 text-xs" aria-label="Run-wide messages">
            {trace.general.map((item) => (
              <TraceRow key={item.key} item={item} />
            ))}
          </ol>
        )}
        {trace.resources.map((r) => (
          <ResourceSection key={r.name} r={r} phase={trace.phase} stale={stale?.get(r.name) ?? null} />
        ))}
      </div>
    </Panel>
  );
});
