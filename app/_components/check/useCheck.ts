"use client";
/**
 * Check mode in the browser: the same /api/run, asked for one page per resource and no incremental
 * state, folded by lib/run's CheckFold; the stream is closed as soon as every resource has its
 * verdict. Nothing reaches the trace, the tables or the session's state.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { MockSpec } from "@/lib/mocks";
import { CHECK_LIMITS, CheckFold, type CheckFailure, type CheckReport, type RunBody, type RunTarget } from "@/lib/run";
import { loadToolkit } from "../toolkit/useToolkit";

/** A check's matrix, and the error that failed each failed row (what to do about it). */
type Checked = { readonly report: CheckReport; readonly failures: ReadonlyMap<string, CheckFailure> };

export type CheckState =
  | { readonly phase: "idle" }
  | ({ readonly phase: "running" } & Checked)
  | ({ readonly phase: "done" } & Checked)
  | { readonly phase: "failed"; readonly message: string };

export interface CheckInput {
  readonly text: string;
  readonly target: RunTarget;
  readonly secrets: Readonly<Record<string, string>>;
  readonly mockSpec: MockSpec | null;
}

export function useCheck(): { state: CheckState; start: (input: CheckInput) => void; cancel: () => void } {
  const [state, setState] = useState<CheckState>({ phase: "idle" });
  const current = useRef<AbortController | null>(null);
  const cancel = useCallback(() => current.current?.abort(), []);
  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback((input: CheckInput) => {
    current.current?.abort();
    const ctrl = new AbortController();
    current.current = ctrl;
    const fold = new CheckFold();
    const checked = (): Checked => ({ report: fold.report(), failures: fold.failures() });
    setState({ phase: "running", ...checked() });
    const body: RunBody = {
      config: input.text,
      target: input.target,
      max_pages: CHECK_LIMITS.maxPages,
      secrets: Object.fromEntries(Object.entries(input.secrets).filter(([, v]) => v !== "")),
      ...(input.mockSpec && input.target === "mock" ? { mock_spec: input.mockSpec } : {}),
    };
    void (async () => {
      const toolkit = await loadToolkit();
      try {
        const res = await fetch("/api/run", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: ctrl.signal,
          cache: "no-store",
        });
        if (!res.ok || !res.body) {
          const e = toolkit.readErrorEnvelope(res.status, await res.json().catch(() => null));
          setState({ phase: "failed", message: `${e.code}: ${e.message}` });
          return;
        }
        for await (const e of toolkit.decodeEvents(res.body, ctrl.signal)) {
          fold.push(e);
          if (fold.complete()) break;
          setState({ phase: "running", ...checked() });
        }
        ctrl.abort();
        setState({ phase: "done", ...checked() });
      } catch (e) {
        if (current.current !== ctrl) return;
        setState(
          fold.complete()
            ? { phase: "done", ...checked() }
            : {
                phase: "failed",
                message: ctrl.signal.aborted
                  ? "The check was cancelled."
                  : `The check could not reach the playground server: ${e instanceof Error ? e.message : String(e)}`,
              },
        );
      } finally {
        if (current.current === ctrl) current.current = null;
      }
    })();
  }, []);

  return { state, start, cancel };
}
