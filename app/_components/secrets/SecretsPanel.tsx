"use client";
import { useState } from "react";
import type { SecretUse } from "@/lib/config";
import { resolveSecret, type RunTarget } from "@/lib/run";
import { Panel } from "../ui/Panel";

/**
 * One password field per `dlt.secrets[...]` / `dlt.config[...]` the config references. Values live in
 * React state only: never local storage, URLs or downloads (decision 0005).
 */
export function SecretsPanel({
  uses,
  values,
  target,
  onChange,
}: {
  /** `null` while the config is still being read. */
  uses: readonly SecretUse[] | null;
  values: Readonly<Record<string, string>>;
  target: RunTarget;
  onChange: (name: string, value: string) => void;
}) {
  return (
    <Panel title="Secrets" titleId="secrets-title" testId="secrets">
      {uses === null ? (
        <p className="p-2 text-sm text-muted">Reading the config…</p>
      ) : uses.length === 0 ? (
        <p className="p-2 text-sm text-muted">This config reads no secrets.</p>
      ) : (
        // A form (never submitted) so browsers treat the password fields as such; nothing is saved.
        <form onSubmit={(e) => e.preventDefault()} autoComplete="off" aria-label="Secret values">
          <ul className="space-y-1.5 p-2">
            {uses.map((use) => (
              <SecretField key={`${use.kind}:${use.name}`} use={use} values={values} target={target} onChange={onChange} />
            ))}
          </ul>
        </form>
      )}
      {/* After the fields: a laptop's short Secrets row (decision 0016) shows the fields first, the note when scrolled. */}
      <p className="px-2 pb-2 text-xs text-muted">
        {target === "mock"
          ? "Mock: empty fields use the mock API's demo values; any other value gets the API's real 401/403."
          : "Live: values are sent to your API for this run only; they are never stored."}
      </p>
    </Panel>
  );
}

function SecretField({
  use,
  values,
  target,
  onChange,
}: {
  use: SecretUse;
  values: Readonly<Record<string, string>>;
  target: RunTarget;
  onChange: (name: string, value: string) => void;
}) {
  const [shown, setShown] = useState(false);
  // lib/run's one precedence rule: the user's value, else (Mock) the mock API's demo value.
  const resolved = resolveSecret(use.name, { given: values, target });
  const value = resolved.value ?? "";
  const demo = resolved.source === "mock_demo";
  const id = `secret-${use.kind}-${use.name}`;
  const call = use.kind === "secret" ? `dlt.secrets["${use.name}"]` : `dlt.config["${use.name}"]`;
  return (
    <li>
      {/* One line: the call gives way (truncated, whole in its title) so the badge stays beside the name; a long name
          (`sources.github_source.github_token`) wraps, and the badge moves below it rather than out of the panel. */}
      <label htmlFor={id} className="flex flex-wrap items-baseline gap-x-2 text-xs">
        <span className="min-w-0 break-all font-mono font-semibold text-fg">{use.name}</span>
        <span className="min-w-0 flex-1 basis-0 truncate text-muted" title={call}>
          {call}
        </span>
        {demo && (
          <span className="ml-auto shrink-0 rounded bg-warning-soft px-1.5 text-warning" data-testid={`demo-badge-${use.name}`}>
            mock demo value
          </span>
        )}
      </label>
      <div className="mt-0.5 flex gap-1">
        <input
          id={id}
          type={shown ? "text" : "password"}
          value={value}
          onChange={(e) => onChange(use.name, e.target.value)}
          autoComplete="off"
          spellCheck={false}
          placeholder={target === "live" ? "required for live runs" : ""}
          aria-describedby={demo ? `${id}-demo` : undefined}
          className="h-7 min-w-0 flex-1 rounded border border-line bg-app-bg px-2 font-mono text-xs text-fg"
        />
        {demo && (
          <span id={`${id}-demo`} className="sr-only">
            pre-filled with the mock demo value
          </span>
        )}
        <button
          type="button"
          onClick={() => setShown((s) => !s)}
          aria-pressed={shown}
          aria-label={`${shown ? "Hide" : "Show"} ${use.name}`}
          className="h-7 rounded border border-line px-2 text-xs text-fg hover:bg-raised"
        >
          {shown ? "Hide" : "Show"}
        </button>
      </div>
    </li>
  );
}
