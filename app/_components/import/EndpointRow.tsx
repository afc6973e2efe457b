"use client";
/** One candidate resource: a tick box, and its guesses with their evidence, each editable. */
import { useState } from "react";
import type { EndpointDraft, Guess } from "@/lib/importers";
import type { EndpointEdit } from "./useImportDraft";
import { EVIDENCE, MONO_INPUT } from "./styles";

function Field({
  id,
  label,
  value,
  onChange,
  guess,
  fallback,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  guess: Guess<unknown> | null;
  fallback: string;
}) {
  return (
    <label className="block text-xs" htmlFor={id}>
      <span className="font-medium text-fg">{label}</span>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} className={`${MONO_INPUT} mt-0.5`} spellCheck={false} />
      <span className={EVIDENCE}>{guess?.evidence ?? fallback}</span>
    </label>
  );
}

export function EndpointRow({ e, edit, onEdit }: { e: EndpointDraft; edit: EndpointEdit; onEdit: (patch: Partial<EndpointEdit>) => void }) {
  const key = e.id.replace(/[^A-Za-z0-9]+/g, "-");
  // The fields exist only while the guesses are shown: a closed <details> keeps no hidden controls.
  const [open, setOpen] = useState(false);
  return (
    <li className="border-t border-line py-2 first:border-t-0" data-testid="import-endpoint" data-endpoint={e.id}>
      <div className="flex items-start gap-2">
        <input
          id={`tick-${key}`}
          type="checkbox"
          checked={edit.ticked}
          onChange={(x) => onEdit({ ticked: x.target.checked })}
          className="mt-1 accent-[var(--app-accent)]"
        />
        <label htmlFor={`tick-${key}`} className="min-w-0 flex-1 text-sm">
          <span className="font-mono font-semibold">{edit.name || e.name.value}</span>{" "}
          <span className="font-mono text-xs text-muted">{e.id}</span>
          {e.kind === "entity" && <span className="ml-1 rounded bg-raised px-1 text-xs text-muted">single entity</span>}
          {e.summary && <span className="block truncate text-xs text-muted">{e.summary}</span>}
        </label>
      </div>
      <details className="ml-6 mt-1" open={open} onToggle={(x) => setOpen(x.currentTarget.open)}>
        <summary className="cursor-pointer text-xs text-muted">Guesses and their evidence</summary>
        {open && (
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            <Field id={`name-${key}`} label="name" value={edit.name} onChange={(v) => onEdit({ name: v })} guess={e.name} fallback="" />
            <Field
              id={`path-${key}`}
              label="path"
              value={edit.path}
              onChange={(v) => onEdit({ path: v })}
              guess={e.parent}
              fallback="as the source spells it"
            />
            <Field
              id={`sel-${key}`}
              label="data_selector"
              value={edit.data_selector}
              onChange={(v) => onEdit({ data_selector: v })}
              guess={e.data_selector}
              fallback="empty: dlt detects it from the first response"
            />
            <Field
              id={`pk-${key}`}
              label="primary_key (comma-separated)"
              value={edit.primary_key}
              onChange={(v) => onEdit({ primary_key: v })}
              guess={e.primary_key}
              fallback="no key field found"
            />
            <div className="sm:col-span-2">
              <Field
                id={`pag-${key}`}
                label="paginator (JSON)"
                value={edit.paginator}
                onChange={(v) => onEdit({ paginator: v })}
                guess={e.paginator}
                fallback="empty: dlt detects it from the first response"
              />
            </div>
            {e.incremental && (
              <label className="flex items-start gap-2 text-xs sm:col-span-2">
                <input
                  type="checkbox"
                  checked={edit.incremental}
                  onChange={(x) => onEdit({ incremental: x.target.checked })}
                  className="mt-0.5 accent-[var(--app-accent)]"
                />
                <span>
                  <span className="font-medium">incremental on `{e.incremental.value.cursor_path}`</span>
                  <span className={EVIDENCE}>{e.incremental.evidence}</span>
                </span>
              </label>
            )}
          </div>
        )}
      </details>
    </li>
  );
}
