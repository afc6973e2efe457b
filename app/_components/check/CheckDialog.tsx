"use client";
/** The check's pass/fail matrix: one row per resource with the reason, the auth exchange and the first request. */
import { CheckFold, type CheckRow } from "@/lib/run";
import { Modal, ModalHeader } from "../commands/Modal";
import { BUTTON, PRIMARY } from "../import/styles";
import { adviceFor } from "../trace/advice";
import { CutLine } from "../ui/CutLine";
import type { CheckState } from "./useCheck";

const MARK: Record<CheckRow["status"], { icon: string; label: string; cls: string }> = {
  pass: { icon: "✔", label: "pass", cls: "text-ok" },
  fail: { icon: "✖", label: "fail", cls: "text-error" },
  untested: { icon: "–", label: "untested", cls: "text-warning" },
  pending: { icon: "…", label: "checking", cls: "text-muted" },
};

export function CheckDialog({
  open,
  onClose,
  state,
  onAgain,
  onCancel,
}: {
  open: boolean;
  onClose: () => void;
  state: CheckState;
  onAgain: () => void;
  onCancel: () => void;
}) {
  const report = state.phase === "running" || state.phase === "done" ? state.report : null;
  const failures = state.phase === "running" || state.phase === "done" ? state.failures : null;
  return (
    <Modal open={open} onClose={onClose} labelledBy="check-title" testId="check-dialog" wide>
      <div className="flex max-h-[85vh] flex-col">
        <ModalHeader id="check-title">Check: auth and the first page of every resource</ModalHeader>
        <div className="min-h-40 overflow-auto px-4 py-3 text-sm">
          <p role="status" className="mb-2 text-muted" data-testid="check-summary" data-phase={state.phase}>
            {state.phase === "running" && "Checking… (no paging, no state, nothing loaded)"}
            {state.phase === "done" && report && `${CheckFold.summary(report)}.`}
            {state.phase === "failed" && <span className="text-error">✖ {state.message}</span>}
          </p>
          {report && report.rows.length > 0 && (
            <table className="w-full table-fixed text-left text-sm" data-testid="check-matrix">
              <thead className="text-xs text-muted">
                <tr>
                  <th scope="col" className="w-40 py-1 pr-2 font-medium">
                    resource
                  </th>
                  <th scope="col" className="w-24 py-1 pr-2 font-medium">
                    result
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    reason
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => {
                  const failure = r.status === "fail" ? failures?.get(r.resource) : undefined;
                  return (
                    <tr
                      key={r.resource}
                      className="border-t border-line align-top"
                      data-testid="check-row"
                      data-resource={r.resource}
                      data-status={r.status}
                    >
                      <td className="py-1 pr-2 font-mono text-xs">
                        {/* A long name is cut to the column: the keyboard reads it whole too (a Tab stop while cut). */}
                        <CutLine text={r.resource} className="" overlayClassName="break-all" testId="check-resource" />
                      </td>
                      <td className={`py-1 pr-2 font-semibold ${MARK[r.status].cls}`}>
                        <span aria-hidden="true">{MARK[r.status].icon} </span>
                        {MARK[r.status].label}
                      </td>
                      <td className="py-1">
                        <span className="block break-words">{r.reason.split("\n")[0]}</span>
                        {failure && (
                          // As the trace says it under the same error.
                          <span className="block text-xs" data-testid="check-advice">
                            <strong>What to do:</strong> {adviceFor(failure)}
                          </span>
                        )}
                        {r.reason.includes("\n") && (
                          // The rest of the reason (the response's excerpt, what to do), as the trace shows it.
                          <details className="text-xs" data-testid="check-details">
                            <summary className="cursor-pointer text-muted">Details</summary>
                            <pre className="whitespace-pre-wrap break-words font-mono">{r.reason.slice(r.reason.indexOf("\n") + 1)}</pre>
                          </details>
                        )}
                        {(r.auth || r.request) && (
                          <span className="block break-all font-mono text-xs text-muted">
                            {[r.auth ? `auth: ${r.auth}` : null, r.request].filter(Boolean).join(" · ")}
                          </span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
        <div className="flex justify-end gap-2 border-t border-line px-4 py-2">
          {state.phase === "running" ? (
            <button type="button" className={BUTTON} onClick={onCancel}>
              Cancel
            </button>
          ) : (
            <button type="button" className={PRIMARY} onClick={onAgain} data-testid="check-again">
              Check again
            </button>
          )}
          <button type="button" className={BUTTON} onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </Modal>
  );
}
