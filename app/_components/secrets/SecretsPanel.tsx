"use client";
import { Fragment, useState } from "react";
import type { SecretUse } from "@/lib/config";
import { resolveSecret, type RunTarget } from "@/lib/run";
import { refSpelling, type RefCast } from "@/lib/shared";
import { Panel } from "../ui/Panel";

/** What a cast makes of the value typed (decision 0047: Python's own cast of what dlt hands over). */
const CAST_MEANS: Record<RefCast, string> = {
  int: "a Python int: 42 is sent as 42, 4.7 as 4; text that is not a number is an error (Python's ValueError)",
  float: "a Python float: 2 is sent as 2.0; text that is not a number is an error (Python's ValueError)",
  bool: "a Python bool: false, 0 or an empty value is False, any other value True",
};

/** What a plain read gives beside a cast one (lib/shared dltConfigValue: dlt's auto_cast of the text it hands over). */
const PLAIN_MEANS = "as dlt hands it over: 42 is an int, true a bool, a JSON list or dict that, other text a str";

/** The note under the fields: what a value does for the target, whole and in one narrow line. */
const NOTE: Record<RunTarget | "mock_partial", { readonly long: string; readonly short: string }> = {
  mock: {
    long: "Mock: empty fields use the mock API's demo values; any other value gets the API's real 401/403.",
    short: "Mock: empty fields use demo values.",
  },
  // Some names have no demo value (the mock APIs know theirs only): those fields are marked required.
  mock_partial: {
    long: "Mock: empty fields with a demo badge use the mock API's demo values; the required ones need a value.",
    short: "Mock: fill the required fields.",
  },
  live: {
    long: "Live: values are sent to your API for this run only; they are never stored.",
    short: "Live: sent for this run only, never stored.",
  },
};

/** Longer names go above their field (about what the name column shows on two lines at 1280 px). */
const LONG_NAME = 28;

/** The field of a reference (the Run button's way to a missing secret puts the cursor there). */
export const secretFieldId = (use: Pick<SecretUse, "kind" | "name">) => `secret-${use.kind}-${use.name}`;

/**
 * A reference's name with a line break allowed after each `.` and `_` (and only there, while a part fits the column):
 * `sources.my_source.client_secret` wraps as whole words, not mid-word.
 */
function BreakableName({ name }: { name: string }) {
  const parts = name.split(/(?<=[._])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/**
 * One password field per `dlt.secrets[...]` / `dlt.config[...]` the config references. Values live in
 * React state only: never local storage, URLs or downloads (decision 0005).
 */
export function SecretsPanel({
  uses,
  values,
  target,
  missing,
  onChange,
}: {
  /** `null` while the config is still being read. */
  uses: readonly SecretUse[] | null;
  values: Readonly<Record<string, string>>;
  target: RunTarget;
  /** The names a Live run has no value for (they block Run: lib/run missingSecrets). */
  missing: ReadonlySet<string>;
  onChange: (name: string, value: string) => void;
}) {
  const note =
    NOTE[
      target === "mock" && uses?.some((u) => resolveSecret(u.name, { given: {}, target }, u.kind, u.param).source !== "mock_demo")
        ? "mock_partial"
        : target
    ];
  return (
    <Panel title="Secrets" titleId="secrets-title" testId="secrets">
      {uses === null ? (
        <p className="p-2 text-sm text-muted">Reading the config…</p>
      ) : uses.length === 0 ? (
        <p className="p-2 text-sm text-muted">This config reads no secrets.</p>
      ) : (
        // A form (never submitted) so browsers treat the password fields as such; nothing is saved.
        <form onSubmit={(e) => e.preventDefault()} autoComplete="off" aria-label="Secret values" className="@container">
          {/* One row a secret, the fields in one column: two secrets fit a laptop's 91 px Secrets row (decision 0016);
              a narrow panel gives the field what the badge's words and the gaps would take. */}
          <ul className="grid grid-cols-[fit-content(45%)_minmax(4.5rem,1fr)_auto] gap-x-1.5 gap-y-1.5 p-2 @[22rem]:gap-x-2">
            {uses.map((use) => (
              <SecretField
                key={`${use.kind}:${use.name}`}
                use={use}
                values={values}
                target={target}
                blocking={missing.has(use.name)}
                onChange={onChange}
              />
            ))}
          </ul>
        </form>
      )}
      {/* After the fields: a laptop's short Secrets row (decision 0016) shows the fields first, the note when scrolled.
          Not while the config is read: the fields would push it down (a layout shift). Not without fields: it speaks of them. */}
      {uses !== null && uses.length > 0 && (
        // A narrow panel (a laptop's, decision 0016) says it in one line, the whole sentence in the title.
        <p className="@container px-2 pb-2 text-xs text-muted" title={note.long}>
          <span className="hidden @[20rem]:inline">{note.long}</span>
          <span className="@[20rem]:hidden">{note.short}</span>
        </p>
      )}
    </Panel>
  );
}

function SecretField({
  use,
  values,
  target,
  blocking,
  onChange,
}: {
  use: SecretUse;
  values: Readonly<Record<string, string>>;
  target: RunTarget;
  /** Run waits for this field's value. */
  blocking: boolean;
  onChange: (name: string, value: string) => void;
}) {
  // A dlt.config value is a setting (a page size, an org name), shown as typed; a secret starts hidden.
  const [shown, setShown] = useState(use.kind === "config");
  // lib/run's one precedence rule: the user's value, else (Mock) the mock API's demo value.
  const resolved = resolveSecret(use.name, { given: values, target }, use.kind, use.param);
  const value = resolved.value ?? "";
  const demo = resolved.source === "mock_demo";
  const id = secretFieldId(use);
  // A long name (`sources.my_source.client_credentials_secret`) takes the row's width above its field: in the name
  // column it took four lines and left the field a sliver.
  const long = use.name.length > LONG_NAME;
  // How the config reads it: `int(dlt.secrets["pin"])` with a cast (decision 0047), each way it is read when several;
  // `dlt.config.get("x")` when only dlt's `get` reads it (optional: None without a value, lib/config/get-refs.ts).
  const reads = use.casts ?? [null];
  const get = use.optional ? true : undefined;
  const call = reads.map((c) => refSpelling(use.kind, use.name, c ?? undefined, get)).join(" and ");
  const casts = reads.filter((c): c is RefCast => c !== null);
  // Read cast in one place and as it is in another (`int(dlt.secrets["pin"])`, `dlt.secrets["pin"]`): both uses are marked.
  const plain = casts.length > 0 && reads.includes(null);
  const plainNote = plain ? `Also read as ${refSpelling(use.kind, use.name, undefined, get)}: ${PLAIN_MEANS}.` : "";
  const castNote = [...casts.map((c) => `Read as ${refSpelling(use.kind, use.name, c, get)}: ${CAST_MEANS[c]}.`), plainNote]
    .filter(Boolean)
    .join(" ");
  const described = [demo ? `${id}-demo` : "", casts.length > 0 ? `${id}-cast` : ""].filter(Boolean).join(" ");
  return (
    <li className={`col-span-3 grid grid-cols-subgrid items-center ${long ? "gap-y-0.5" : ""}`}>
      {/* The name, and below it the badge and the call (which gives way, whole in its title); a long name
          (`sources.github_source.github_token`) wraps in its column. Typing drops the badge, not the row's height.
          A narrow panel leaves the call out (the editor shows it): the field gets that room. */}
      <label htmlFor={id} className={`min-w-0 text-xs ${long ? "col-span-3" : ""}`}>
        {/* Breaks after a `.` or `_` (a part longer than the column: anywhere); the whole name in its title. */}
        <span className="block font-mono font-semibold text-fg [overflow-wrap:anywhere]" title={use.name} data-testid="secret-name">
          <BreakableName name={use.name} />
        </span>
        <span className="flex h-4 gap-x-1.5 overflow-hidden whitespace-nowrap">
          {demo && (
            <span className="shrink-0 rounded bg-warning-soft px-1 text-warning" data-testid={`demo-badge-${use.name}`}>
              {/* Its words are "demo" in a narrow panel; its text (what tests and screen readers read) stays whole. */}
              <span className="hidden @[22rem]:inline">mock </span>demo<span className="hidden @[22rem]:inline"> value</span>
            </span>
          )}
          {/* The type the value becomes, in every panel width (the call, which spells the cast too, gives way first). */}
          {casts.length > 0 && (
            <span
              className="shrink-0 rounded bg-raised px-1 font-mono text-fg ring-1 ring-inset ring-line"
              title={castNote}
              aria-hidden="true"
              data-testid={`secret-cast-${use.name}`}
            >
              {casts.join("/")}
            </span>
          )}
          {/* Read as it is too: its own mark, so the cast's does not speak for every place. */}
          {plain && (
            <span
              className="shrink-0 rounded px-1 font-mono text-muted ring-1 ring-inset ring-line"
              title={plainNote}
              aria-hidden="true"
              data-testid={`secret-plain-${use.name}`}
            >
              as is
            </span>
          )}
          <span className="min-w-0 truncate text-muted @max-[22rem]:hidden" title={call}>
            {call}
          </span>
        </span>
      </label>
      <div
        className={long ? "col-span-3 grid grid-cols-[1fr_auto] gap-x-1.5 @[22rem]:gap-x-2" : "col-span-2 grid grid-cols-subgrid gap-x-1"}
      >
        <input
          id={id}
          type={shown ? "text" : "password"}
          value={value}
          onChange={(e) => onChange(use.name, e.target.value)}
          autoComplete="off"
          spellCheck={false}
          // Nothing fills it (Live, or a name the mock APIs have no demo value for): the run needs one — but dlt's `get` gives None.
          // Short enough for a narrow field; the title says it whole.
          placeholder={resolved.source === "missing" ? (use.optional ? "optional: None" : "required") : ""}
          title={use.optional ? `Optional: without a value, ${call} gives None (as in dlt)` : undefined}
          aria-describedby={described || undefined}
          aria-invalid={blocking || undefined}
          aria-required={blocking || undefined}
          className={
            "h-7 min-w-0 flex-1 rounded border bg-app-bg px-2 font-mono text-xs text-fg placeholder:text-muted " +
            (blocking ? "border-error" : "border-line")
          }
        />
        {demo && (
          <span id={`${id}-demo`} className="sr-only">
            pre-filled with the mock demo value
          </span>
        )}
        {casts.length > 0 && (
          <span id={`${id}-cast`} className="sr-only">
            {castNote}
          </span>
        )}
        <button
          type="button"
          onClick={() => setShown((s) => !s)}
          aria-pressed={shown}
          aria-label={`${shown ? "Hide" : "Show"} ${use.name}`}
          className="h-7 rounded border border-line px-1.5 text-xs text-fg hover:bg-raised @[22rem]:px-2"
        >
          {shown ? "Hide" : "Show"}
        </button>
      </div>
    </li>
  );
}
