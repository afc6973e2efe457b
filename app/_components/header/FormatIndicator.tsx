"use client";
import { useEffect, useRef, useState } from "react";
import { FORMAT_NAMES, type SourceFormat } from "@/lib/formats";

const ORDER: readonly SourceFormat[] = ["python", "json", "yaml"];

/**
 * The check mark's place in every option, shown on the active one (its state is `aria-pressed`'s):
 * marking a format moves nothing. Phones go without it (weight marks the active one there), so the
 * format and target switches and Download share a row, and so do 768–1023 px windows (one header row).
 */
const Check = ({ shown }: { shown: boolean }) => (
  <span aria-hidden="true" className={`mr-1 font-semibold max-sm:hidden md:max-lg:hidden ${shown ? "" : "invisible"}`}>
    ✓
  </span>
);

/** A format's name, as wide as its bold (active) form, so that marking it active moves nothing. */
const Label = ({ text }: { text: string }) => (
  <span className="inline-grid">
    <span className="col-start-1 row-start-1">{text}</span>
    <span aria-hidden="true" className="invisible col-start-1 row-start-1 font-semibold">
      {text}
    </span>
  </span>
);

/** A format's button (narrower from 768 to 1023 px, where the header keeps one row). */
const OPTION =
  "px-2 py-1 md:max-lg:px-1.5 first:rounded-l last:rounded-r focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent";

const ACTIVE = "cursor-default bg-accent-soft font-semibold text-fg";

/** What the playground answers when asked to convert: done, refused, or a loss to confirm first. */
export type ConvertOutcome = { kind: "done" } | { kind: "refused"; reason: string } | { kind: "confirm"; warning: string };

/**
 * The detected format, and a switch that converts the document to another one. The active format is
 * marked by weight, a check mark (640–767 px and from 1024 px) and `aria-pressed`, not colour alone. A conversion that
 * would drop comments or Python code asks first; every conversion can be undone in the editor (Ctrl/Cmd+Z).
 */
export function FormatIndicator({
  format,
  onConvert,
  mod,
}: {
  format: SourceFormat | null;
  onConvert: (to: SourceFormat, force: boolean) => ConvertOutcome;
  mod: string;
}) {
  const [pending, setPending] = useState<{ to: SourceFormat; warning: string } | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const buttons = useRef(new Map<SourceFormat, HTMLButtonElement>());
  /** Escape or Cancel: the question goes, and the focus returns to the format button that asked it. */
  const dismiss = () => {
    if (pending) buttons.current.get(pending.to)?.focus();
    setPending(null);
  };
  const name = format ? FORMAT_NAMES[format] : "detecting";

  useEffect(() => {
    if (pending) confirmButton.current?.focus();
  }, [pending]);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), notice.error ? 8000 : 4000);
    return () => clearTimeout(t);
  }, [notice]);

  const convert = (to: SourceFormat, force: boolean) => {
    const outcome = onConvert(to, force);
    if (outcome.kind === "confirm") {
      setPending({ to, warning: outcome.warning });
      return;
    }
    setPending(null);
    setNotice(
      outcome.kind === "done"
        ? { text: `Converted to ${FORMAT_NAMES[to]}. ${mod}+Z undoes it.`, error: false }
        : { text: outcome.reason, error: true },
    );
  };

  return (
    <div className="relative flex items-center gap-1 text-xs" data-testid="format-indicator" data-format={format ?? ""}>
      <span className="text-muted max-[1359px]:sr-only" id="format-switch-label">
        format
      </span>
      <div
        className="flex rounded border border-line"
        role="group"
        aria-labelledby="format-switch-label"
        aria-description={`Detected format: ${name}. Choose another to convert the config.`}
      >
        {ORDER.map((f) => {
          const active = f === format;
          return (
            <button
              key={f}
              ref={(el) => {
                if (el) buttons.current.set(f, el);
                else buttons.current.delete(f);
              }}
              type="button"
              aria-pressed={active}
              disabled={format === null}
              title={active ? `The config is ${FORMAT_NAMES[f]}` : `Convert the config to ${FORMAT_NAMES[f]}`}
              data-testid={`format-${f}`}
              onClick={() => (active ? undefined : convert(f, false))}
              className={`${OPTION} ${active ? ACTIVE : "text-muted hover:bg-raised hover:text-fg"}`}
            >
              <Check shown={active} />
              <Label text={FORMAT_NAMES[f]} />
            </button>
          );
        })}
      </div>
      {pending && (
        <div
          role="alertdialog"
          aria-labelledby="format-confirm-title"
          aria-describedby="format-confirm-text"
          data-testid="format-confirm"
          className="absolute left-0 top-full z-30 mt-1 w-80 max-w-[calc(100vw-1rem)] rounded border border-line bg-surface p-3 text-sm text-fg shadow-lg"
          onKeyDown={(e) => {
            if (e.key === "Escape") dismiss();
          }}
        >
          <p id="format-confirm-title" className="font-semibold">
            Convert to {FORMAT_NAMES[pending.to]}?
          </p>
          <p id="format-confirm-text" className="mt-1 text-muted">
            {pending.warning} {mod}+Z undoes the conversion.
          </p>
          <div className="mt-3 flex justify-end gap-2">
            <button type="button" className="h-7 rounded border border-line px-2 hover:bg-raised" onClick={dismiss}>
              Cancel
            </button>
            <button
              ref={confirmButton}
              type="button"
              className="h-7 rounded bg-accent px-2 font-semibold text-accent-fg hover:brightness-110"
              data-testid="format-confirm-convert"
              onClick={() => convert(pending.to, true)}
            >
              Convert anyway
            </button>
          </div>
        </div>
      )}
      <span
        role="status"
        aria-live="polite"
        data-testid="format-notice"
        className={`absolute left-0 top-full z-20 mt-1 w-max max-w-[min(28rem,calc(100vw-1rem))] rounded px-2 py-1 ${notice ? "border border-line bg-surface shadow" : ""} ${notice?.error ? "text-error" : "text-fg"}`}
      >
        {notice && !pending ? notice.text : ""}
      </span>
    </div>
  );
}
