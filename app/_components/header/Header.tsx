"use client";
import type { ValidationResult } from "@/lib/config";
import { EXAMPLES, type Example } from "@/lib/examples";
import type { SourceFormat } from "@/lib/formats";
import type { Target } from "../secrets/SecretsPanel";
import { DownloadMenu } from "./DownloadMenu";
import { FormatIndicator, type ConvertOutcome } from "./FormatIndicator";
import { Menu } from "./Menu";
import { TargetSwitch } from "./TargetSwitch";
import { ThemeToggle } from "./ThemeToggle";

export function Header(props: {
  format: SourceFormat | null;
  onConvert: (to: SourceFormat, force: boolean) => ConvertOutcome;
  validation: ValidationResult | null;
  target: Target;
  onTarget: (t: Target) => void;
  onExample: (example: Example) => void;
  onRun: () => void;
  onCancel: () => void;
  running: boolean;
  /** Why Run (and Download) cannot be used now, or null. */
  blockedReason: string | null;
  mod: string;
}) {
  const { format, onConvert, validation, target, onTarget, onExample, onRun, onCancel, running, blockedReason, mod } = props;
  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b border-line bg-surface px-3">
      <h1 className="flex items-center gap-1.5 text-base font-bold text-fg">
        <span aria-hidden="true" className="inline-flex h-5 w-5 items-center justify-center rounded bg-accent text-[10px] text-accent-fg">
          ▶
        </span>
        restplay
      </h1>
      <Menu
        label="Examples"
        buttonLabel="Examples"
        testId="examples-menu"
        items={EXAMPLES.map((ex) => ({ id: ex.id, label: ex.title, description: ex.description, onSelect: () => onExample(ex) }))}
      />
      <FormatIndicator format={format} onConvert={onConvert} mod={mod} />
      <TargetSwitch target={target} onChange={onTarget} />
      <div className="flex items-center gap-2">
        {running ? (
          <button type="button" onClick={onCancel} className="h-8 rounded border border-line bg-surface px-3 text-sm font-semibold text-fg hover:bg-raised" data-testid="header-cancel">
            <span aria-hidden="true">■ </span>Cancel
          </button>
        ) : (
          <button
            type="button"
            onClick={onRun}
            disabled={blockedReason !== null}
            aria-describedby={blockedReason ? "run-blocked-reason" : undefined}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            data-testid="run-button"
            className="inline-flex h-8 items-center gap-2 rounded bg-accent px-3 text-sm font-semibold text-accent-fg hover:brightness-110 disabled:cursor-not-allowed disabled:opacity-60"
          >
            <span aria-hidden="true">▶</span> Run
            <kbd className="rounded border border-white/40 px-1 font-mono text-[11px] font-normal">{mod}+↵</kbd>
          </button>
        )}
        {blockedReason && !running && (
          <span id="run-blocked-reason" className="max-w-56 truncate text-xs text-error" data-testid="run-blocked-reason" title={blockedReason}>
            <span aria-hidden="true">✖ </span>
            {blockedReason}
          </span>
        )}
      </div>
      <div className="ml-auto flex items-center gap-2">
        <DownloadMenu validation={validation} disabledReason={blockedReason} />
        <ThemeToggle />
      </div>
    </header>
  );
}
