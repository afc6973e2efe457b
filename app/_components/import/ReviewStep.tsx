"use client";
/** Step 2 of Import: the guesses, ticked endpoints, the output format, and whether the config is valid. */
import { useEffect, useRef } from "react";
import { FORMAT_NAMES } from "@/lib/formats";
import { EndpointRow } from "./EndpointRow";
import type { ImportModel } from "./useImportDraft";
import { BUTTON, EVIDENCE, INPUT, PRIMARY } from "./styles";

type Tone = "ok" | "error" | "neutral";
const TONE_CLASS: Record<Tone, string> = { ok: "text-ok", error: "text-error", neutral: "text-muted" };

function toneOf(m: ImportModel): Tone {
  const { rendered, problem } = m.built;
  if (problem || rendered?.valid === false) return "error";
  return rendered ? "ok" : "neutral";
}

function Status({ m }: { m: ImportModel }) {
  const { rendered, problem, resources, guidance } = m.built;
  if (guidance) return <>{guidance}</>;
  if (problem)
    return (
      <>
        <span aria-hidden="true">✖ </span>
        {problem}
      </>
    );
  if (!rendered) return <>Checking…</>;
  const errors = rendered.diagnostics.filter((d) => d.severity === "error");
  const warnings = rendered.diagnostics.filter((d) => d.severity === "warning").length;
  if (errors.length > 0)
    return (
      <>
        <span aria-hidden="true">✖ </span>Not valid: {errors[0]?.message}
      </>
    );
  return (
    <>
      <span aria-hidden="true">✔ </span>Valid: {resources.length} resource{resources.length === 1 ? "" : "s"}
      {warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}
      {m.built.mock ? "; runs on the Mock target against a mock of this API" : ""}.
    </>
  );
}

export function ReviewStep({ m, onInsert, onClose }: { m: ImportModel; onInsert: () => void; onClose: () => void }) {
  const draft = m.draft;
  const list = useRef<HTMLUListElement>(null);
  // The button that led here is gone: the focus goes to the first endpoint's tick box.
  useEffect(() => list.current?.querySelector<HTMLInputElement>('input[type="checkbox"]')?.focus(), []);
  if (!draft) return null;
  const ready = m.built.rendered?.valid === true && m.built.problem === null;
  const tone = toneOf(m);
  const ticked = Object.values(m.edits).filter((e) => e.ticked).length;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="min-h-0 flex-1 overflow-auto px-4 py-3">
        <p className="mb-2 text-sm">
          <span className="font-semibold">{draft.title}</span>{" "}
          <span className="text-muted">
            — from{" "}
            {draft.source === "openapi"
              ? "an OpenAPI document"
              : draft.source === "har"
                ? "a HAR file"
                : draft.source === "curl"
                  ? "curl"
                  : "a sample response"}
          </span>
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="block text-sm">
            base_url
            <input
              value={m.baseUrl}
              onChange={(e) => m.setBaseUrl(e.target.value)}
              className={`${INPUT} mt-1 font-mono text-xs`}
              data-testid="import-base-url"
              spellCheck={false}
            />
            <span className={EVIDENCE}>{draft.base_url.evidence}</span>
          </label>
          <div className="text-sm">
            {draft.auth ? (
              <label className="flex items-start gap-2">
                <input
                  type="checkbox"
                  checked={m.useAuth}
                  onChange={(e) => m.setUseAuth(e.target.checked)}
                  className="mt-1 accent-[var(--app-accent)]"
                />
                <span>
                  auth: <code className="text-xs">{JSON.stringify(draft.auth.value)}</code>
                  <span className={EVIDENCE}>{draft.auth.evidence}</span>
                </span>
              </label>
            ) : (
              <p className="text-muted">No auth found.</p>
            )}
          </div>
        </div>
        {/* min-w-0: a fieldset is as wide as its widest content by default, which pushed long endpoints out of the dialog. */}
        <fieldset className="mt-3 min-w-0">
          <legend className="flex w-full items-center gap-2 text-sm font-medium">
            Endpoints ({ticked} of {draft.endpoints.length} ticked)
            <button type="button" className="ml-auto text-xs text-info underline" onClick={() => m.tickAll(true)}>
              Tick all
            </button>
            <button type="button" className="text-xs text-info underline" onClick={() => m.tickAll(false)}>
              None
            </button>
          </legend>
          <ul className="mt-1" ref={list}>
            {draft.endpoints.map((e) => {
              const edit = m.edits[e.id];
              return edit ? <EndpointRow key={e.id} e={e} edit={edit} onEdit={(patch) => m.edit(e.id, patch)} /> : null;
            })}
          </ul>
        </fieldset>
        {draft.notes.length > 0 && (
          <details className="mt-2 text-xs">
            <summary className="cursor-pointer text-muted">Left out ({draft.notes.length})</summary>
            <ul className="mt-1 list-disc pl-5 text-muted">
              {draft.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 border-t border-line px-4 py-2">
        {/* Two lines kept for it (it wraps, never cut off): the buttons stay put as it changes. */}
        <p
          className={`flex min-h-10 min-w-0 flex-1 basis-64 items-center break-words text-sm ${TONE_CLASS[tone]}`}
          role="status"
          data-testid="import-status"
          data-tone={tone}
        >
          <span className="min-w-0">
            <Status m={m} />
          </span>
        </p>
        <label className="flex items-center gap-1 text-sm">
          <span className="sr-only sm:not-sr-only">as</span>
          <select
            value={m.format}
            onChange={(e) => m.setFormat(e.target.value as typeof m.format)}
            className={`${INPUT} w-auto`}
            aria-label="Output format"
            data-testid="import-format"
          >
            {(["python", "json", "yaml"] as const).map((f) => (
              <option key={f} value={f}>
                {FORMAT_NAMES[f]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className={BUTTON} onClick={m.back}>
          Back
        </button>
        <button type="button" className={BUTTON} onClick={onClose}>
          Cancel
        </button>
        <button type="button" className={PRIMARY} disabled={!ready} onClick={onInsert} data-testid="import-insert">
          Insert into the editor
        </button>
      </div>
    </div>
  );
}
