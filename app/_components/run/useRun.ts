"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { RestApiConfig } from "@/lib/config";
import type { EngineEvent, IncrementalState } from "@/lib/engine";
import type { Destination, PreviewTable } from "@/lib/preview";
import type { Toolkit } from "../hooks/toolkit";
import { readNdjson } from "./ndjson";
import { EMPTY_TRACE, TraceBuilder, type RunFailure, type RunTrace } from "./trace-model";

export interface RunInput {
  readonly text: string;
  readonly config: RestApiConfig | null;
  readonly target: "mock" | "live";
  readonly resources?: readonly string[];
  readonly secrets: Readonly<Record<string, string>>;
  /** Pages per resource before the run is capped (the engine's default when absent). */
  readonly maxPages?: number;
  /** The preview builder (from the lazily loaded toolkit; a run needs a validated config, so it is there). */
  readonly createPreview: Toolkit["createPreview"];
}

export interface RunView {
  readonly trace: RunTrace;
  readonly tables: readonly PreviewTable[];
}

const EMPTY: RunView = { trace: EMPTY_TRACE, tables: [] };

async function failureOf(res: Response): Promise<RunFailure> {
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; diagnostics?: unknown } };
    const e = body.error;
    const diagnostics = Array.isArray(e?.diagnostics) ? (e.diagnostics as { message: string; code?: string; severity?: string }[]).filter((d) => d.severity === "error") : undefined;
    return {
      code: typeof e?.code === "string" ? e.code : `http_${res.status}`,
      message: typeof e?.message === "string" ? e.message : `The server answered ${res.status}.`,
      ...(diagnostics ? { diagnostics } : {}),
    };
  } catch {
    return { code: `http_${res.status}`, message: `The server answered ${res.status} ${res.statusText}.` };
  }
}

/**
 * Runs the config on the server and streams the NDJSON events into the trace and the preview.
 * Events are folded as they arrive; React state is updated at most once per animation frame.
 */
export function useRun(): { view: RunView; start: (input: RunInput) => void; cancel: () => void; reset: () => void } {
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
  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback((input: RunInput) => {
    current.current?.abort();
    const ctrl = new AbortController();
    current.current = ctrl;
    const builder = new TraceBuilder();
    const preview = input.createPreview(destination.current ? { destination: destination.current } : {});
    destination.current = preview.destination;
    let frame = 0;
    const flush = () => {
      frame = 0;
      if (current.current === ctrl) setView({ trace: builder.snapshot(), tables: preview.tables() });
    };
    const schedule = () => {
      if (frame === 0) frame = requestAnimationFrame(flush);
    };
    flush();

    const body = JSON.stringify({
      config: input.text,
      target: input.target,
      ...(input.resources ? { resources: input.resources } : {}),
      ...(input.maxPages !== undefined ? { max_pages: input.maxPages } : {}),
      ...(Object.keys(incremental.current).length > 0 ? { state: incremental.current } : {}),
      secrets: Object.fromEntries(Object.entries(input.secrets).filter(([, v]) => v !== "")),
    });
    void (async () => {
      try {
        const res = await fetch("/api/run", { method: "POST", headers: { "content-type": "application/json" }, body, signal: ctrl.signal, cache: "no-store" });
        if (!res.ok || !res.body) {
          builder.fail(await failureOf(res));
          return;
        }
        for await (const event of readNdjson(res.body, ctrl.signal)) {
          const e = event as EngineEvent;
          if (e.type === "incremental") {
            if (e.state) incremental.current = { ...incremental.current, [e.resource]: e.state };
            else {
              const { [e.resource]: _dropped, ...rest } = incremental.current;
              incremental.current = rest;
            }
          }
          builder.push(event as EngineEvent);
          preview.push(event as EngineEvent);
          schedule();
        }
        if (ctrl.signal.aborted) builder.cancel();
        else builder.end();
      } catch (e) {
        if (ctrl.signal.aborted) builder.cancel();
        else builder.fail({ code: "network_error", message: `The run could not reach the playground server: ${e instanceof Error ? e.message : String(e)}` });
      } finally {
        if (frame) cancelAnimationFrame(frame);
        if (current.current === ctrl) current.current = null;
        // The last state of this run, unless a newer run has taken over.
        if (current.current === null) setView({ trace: builder.snapshot(), tables: preview.tables() });
      }
    })();
  }, []);

  return { view, start, cancel, reset };
}
