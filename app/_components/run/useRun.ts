"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RecordFinding, RestApiConfig } from "@/lib/config";
import type { IncrementalState } from "@/lib/engine";
import type { MockSpec } from "@/lib/mocks";
import type { RunBody, RunTarget } from "@/lib/run";
import type { Destination, Preview, PreviewTable } from "@/lib/preview";
import { loadToolkit, type Toolkit } from "../toolkit/useToolkit";
import { BROWSER_CLOCK, inSlices, itemsOf, refreshLoop, rowsHeld, yieldToPage } from "./refresh";
import { EMPTY_TRACE, TraceBuilder, type RunFailure, type RunTrace } from "@/lib/run";

export interface RunInput {
  readonly text: string;
  readonly config: RestApiConfig | null;
  readonly target: RunTarget;
  readonly resources?: readonly string[];
  readonly secrets: Readonly<Record<string, string>>;
  /** Pages per resource before the run is capped (the engine's default when absent). */
  readonly maxPages?: number;
  /** An imported API's mock (issue #11), served with the mock target. */
  readonly mockSpec?: MockSpec | null;
  /** The preview builder (from the lazily loaded toolkit; a run needs a validated config, so it is there). */
  readonly createPreview: Toolkit["createPreview"];
}

export interface RunView {
  readonly trace: RunTrace;
  readonly tables: readonly PreviewTable[];
  /** Resources that load no table, and why (`skip`, a schema contract that discards new tables). */
  readonly unloaded: readonly Unloaded[];
  /** What the run's records say about the config (after the run; shown in Problems). */
  readonly findings: readonly RecordFinding[];
  /** Why dlt's load fails the run though it ran to the end (`Preview.refusal`): it is shown, not loaded. */
  readonly refusal: string | null;
  /** Whether a run that was not loaded moved the incremental cursors all the same (`Preview.cursorsMoved`). */
  readonly cursorsMoved: boolean;
}

export interface Unloaded {
  readonly resource: string;
  readonly warnings: readonly string[];
}

const EMPTY: RunView = { trace: EMPTY_TRACE, tables: [], unloaded: [], findings: [], refusal: null, cursorsMoved: false };

/** The run's resources that load no table shown (none, or one that got no rows) and have something to say about it. */
function unloadedOf(preview: Preview): Unloaded[] {
  const shown = new Set(preview.tables().map((t) => t.table_name));
  return preview
    .resources()
    .filter((r) => (r.table_name === null || !shown.has(r.table_name)) && r.warnings.length > 0)
    .map((r) => ({ resource: r.resource, warnings: r.warnings }));
}

/** A refused run's envelope (lib/run's contract), or what the status says when there is none. */
async function failureOf(res: Response, toolkit: Toolkit): Promise<RunFailure> {
  const body: unknown = await res.json().catch(() => null);
  const e = toolkit.readErrorEnvelope(res.status, body);
  const diagnostics = e.diagnostics?.filter((d) => d.severity === "error");
  return { code: e.code, message: e.message, ...(diagnostics ? { diagnostics } : {}) };
}

/**
 * Runs the config on the server and streams the NDJSON events into the trace and the preview.
 * Events are folded as they arrive, in slices; React state is updated at most once per animation frame, the tables
 * and the trace less often as they grow (./refresh.ts).
 */
export interface RunControls {
  view: RunView;
  start: (input: RunInput) => void;
  cancel: () => void;
  /** Forgets the session's destination and incremental state (a new example). */
  reset: () => void;
  /** Empties the destination only: the next run loads into empty tables (incremental state is kept). */
  resetDestination: () => void;
  /** Forgets the incremental state only: the next run starts from `initial_value` again. */
  resetIncremental: () => void;
  /** The session's destination (`null` before the first run). */
  destination: () => Destination | null;
}

export function useRun(): RunControls {
  const [view, setView] = useState<RunView>(EMPTY);
  const current = useRef<AbortController | null>(null);
  /** Incremental state of this session (never stored): the next run asks only for newer data. */
  const incremental = useRef<Record<string, IncrementalState>>({});
  /** The destination of this session: run 2 shows the tables after both loads. */
  const destination = useRef<Destination | null>(null);

  const cancel = useCallback(() => current.current?.abort(), []);
  const reset = useCallback(() => {
    const running = current.current;
    current.current = null;
    running?.abort();
    incremental.current = {};
    destination.current = null;
    setView(EMPTY);
  }, []);
  const resetDestination = useCallback(() => {
    destination.current?.reset();
    setView((v) => ({ trace: v.trace, tables: [], unloaded: [], findings: v.findings, refusal: null, cursorsMoved: false }));
  }, []);
  const resetIncremental = useCallback(() => {
    incremental.current = {};
  }, []);
  const getDestination = useCallback(() => destination.current, []);
  useEffect(() => () => current.current?.abort(), []);
  // Wakes the server's validation workers while the user reads the page: the first Run does not wait for them.
  useEffect(() => void fetch("/api/run", { cache: "no-store" }).catch(() => undefined), []);

  const start = useCallback((input: RunInput) => {
    current.current?.abort();
    const ctrl = new AbortController();
    current.current = ctrl;
    const builder = new TraceBuilder();
    // The state the run starts from: a run that extracts nothing and changes no state makes no load, as in dlt.
    const preview = input.createPreview({
      ...(destination.current ? { destination: destination.current } : {}),
      incrementalBefore: incremental.current,
    });
    destination.current = preview.destination;
    const request: RunBody = {
      config: input.text,
      target: input.target,
      ...(input.resources ? { resources: [...input.resources] } : {}),
      ...(input.maxPages !== undefined ? { max_pages: input.maxPages } : {}),
      ...(Object.keys(incremental.current).length > 0 ? { state: incremental.current } : {}),
      ...(input.mockSpec && input.target === "mock" ? { mock_spec: input.mockSpec } : {}),
      secrets: Object.fromEntries(Object.entries(input.secrets).filter(([, v]) => v !== "")),
    };
    // The request goes out first, before the page re-renders for the running state (a render of the
    // whole playground, tens of ms on a busy machine) and before the toolkit is awaited.
    const response = fetch("/api/run", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
      signal: ctrl.signal,
      cache: "no-store",
    });
    // Awaited below; a rejection before that await is not an unhandled one.
    response.catch(() => undefined);

    // The tables and the trace are refreshed less often as they grow (./refresh.ts).
    let shown: Pick<RunView, "tables" | "unloaded"> = { tables: [], unloaded: [] };
    const refresh = refreshLoop(BROWSER_CLOCK, (tables) => {
      if (current.current !== ctrl) return { rows: 0, items: 0 };
      if (tables) shown = { tables: preview.tables(), unloaded: unloadedOf(preview) };
      const trace = builder.snapshot();
      setView({ trace, ...shown, findings: [], refusal: null, cursorsMoved: false });
      return { rows: rowsHeld(shown.tables), items: itemsOf(trace) };
    });
    refresh.flush();

    void (async () => {
      // Loaded long before (a run needs a validated config): the contract's decoder lives there, off the first load.
      const toolkit = await loadToolkit();
      try {
        const res = await response;
        if (!res.ok || !res.body) {
          builder.fail(await failureOf(res, toolkit));
          return;
        }
        for await (const e of inSlices(toolkit.decodeEvents(res.body, ctrl.signal), BROWSER_CLOCK.now, yieldToPage)) {
          builder.push(e);
          preview.push(e);
          refresh.changed();
        }
        if (ctrl.signal.aborted) builder.cancel();
        else builder.end();
      } catch (e) {
        if (ctrl.signal.aborted) builder.cancel();
        else if (e instanceof toolkit.ContractError) builder.fail({ code: "internal_error", message: e.message });
        else
          builder.fail({
            code: "network_error",
            message: `The run could not reach the playground server: ${e instanceof Error ? e.message : String(e)}`,
          });
      } finally {
        refresh.stop();
        // The cursors move as dlt moves them (`Preview.cursorsMoved`: a loaded run, or one only a load job failed).
        if (!ctrl.signal.aborted) incremental.current = preview.incrementalState(incremental.current);
        if (current.current === ctrl) current.current = null;
        // The last state of this run, unless a newer run has taken over.
        if (current.current === null)
          setView({
            trace: builder.snapshot(),
            tables: preview.tables(),
            unloaded: unloadedOf(preview),
            findings: preview.findings(),
            refusal: preview.refusal(),
            cursorsMoved: !ctrl.signal.aborted && preview.cursorsMoved(),
          });
      }
    })();
  }, []);

  return { view, start, cancel, reset, resetDestination, resetIncremental, destination: getDestination };
}
