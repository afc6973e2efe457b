"use client";
import type { ReactNode } from "react";
import { EXAMPLES, type Example } from "@/lib/examples";
import type { SourceFormat } from "@/lib/formats";
import { ariaShortcut } from "../commands/shortcuts";
import type { RunTarget as Target } from "@/lib/run";
import { FormatIndicator, type ConvertOutcome } from "./FormatIndicator";
import { HeaderMoreMenu } from "./HeaderMoreMenu";
import { Menu, type MenuItem } from "./Menu";
import { TargetSwitch } from "./TargetSwitch";
import { ThemeToggle } from "./ThemeToggle";

const TOOL =
  "inline-flex h-8 min-w-8 items-center justify-center rounded border border-line bg-surface px-1.5 text-sm text-fg hover:bg-raised";

/** The Run / Cancel cell's buttons (and the hidden one that keeps the cell as wide as the wider). */
const RUN_SLOT =
  "col-start-1 row-start-1 inline-flex h-8 items-center justify-center gap-2 rounded px-3 text-sm font-semibold " +
  "md:max-lg:gap-1.5 md:max-lg:px-2";

const RunLabel = ({ mod }: { mod: string }) => (
  <>
    <span aria-hidden="true">▶</span> Run
    <kbd className="hidden rounded border border-white/40 px-1 font-mono text-[11px] font-normal sm:inline md:max-lg:hidden">{mod}+↵</kbd>
  </>
);

const CancelLabel = () => (
  <>
    <span aria-hidden="true">■</span> Cancel
  </>
);

/**
 * One row from 768 px: below 1360 px the format and target captions are for screen readers only; from
 * 768 to 1279 px so are the name and the words of Import, Share and Download, whose icons and tooltips
 * stay, and Check drops its mark; from 768 to 1023 px the logo, Run's shortcut and the format's check
 * mark go too (the tooltip, `aria-keyshortcuts` and `aria-pressed` keep them) and the palette, the
 * shortcuts and the theme share one menu (⋯, no caret), and the gaps and Run's padding narrow, so that an imported
 * spec's mock chip fits too. Below 768 px (a phone) it is two rows: Examples, Run, an imported spec's mock chip, the blocked
 * reason's count and the ⋯ menu (Import, Check and Share join the palette, the shortcuts and the theme there), then format,
 * target and Download.
 */
/** The Run button's look; `aria-disabled` (it stays focusable while blocked) dims it. */
const RUN_LOOK =
  "border border-transparent bg-accent text-accent-fg hover:brightness-110 " +
  "aria-disabled:cursor-not-allowed aria-disabled:opacity-60 aria-disabled:hover:brightness-100";

/** `3 errors`, or its number alone where the header leaves less room than the words (a 768 or 1024 px window). */
function CountLabel({ label }: { label: string }) {
  const count = /^(\d+) (.+)$/.exec(label);
  if (!count) return <>{label}</>;
  return (
    <>
      {count[1]}
      {/* Static classes (Tailwind reads them): a longer word (`secrets`) gives way sooner than `errors` does. */}
      <span className={(count[2] ?? "").length > 6 ? "@max-[5.25rem]:hidden" : "@max-[3.75rem]:hidden"}> {count[2]}</span>
    </>
  );
}

export function Header(props: {
  format: SourceFormat | null;
  onConvert: (to: SourceFormat, force: boolean) => ConvertOutcome;
  target: Target;
  onTarget: (t: Target) => void;
  onExample: (example: Example) => void;
  onRun: () => void;
  onCancel: () => void;
  running: boolean;
  /** Why Run cannot be used now, or null. */
  blockedReason: string | null;
  /** `blockedReason` in a word or two, shown where the whole reason does not fit. */
  blockedLabel: string | null;
  mod: string;
  /** The Download menu. */
  downloads: ReactNode;
  onPalette: () => void;
  onShortcuts: () => void;
  /** Issue #11: Import (after Examples) and Check / Share (after Run). */
  importTools?: ReactNode;
  runTools?: ReactNode;
  /** The example the text came from (marked in the menu). */
  currentExample?: string | null;
  /** On a phone, the ⋯ menu's first items: what `importTools` and `runTools` show as buttons in wider windows. */
  phoneItems?: readonly MenuItem[];
}) {
  const {
    format,
    onConvert,
    target,
    onTarget,
    onExample,
    onRun,
    onCancel,
    running,
    blockedReason,
    blockedLabel,
    mod,
    downloads,
    onPalette,
    onShortcuts,
    importTools,
    runTools,
    currentExample,
    phoneItems = [],
  } = props;
  return (
    <header
      className={
        "flex shrink-0 flex-wrap items-center gap-x-1.5 gap-y-0 border-b border-line bg-surface px-2 py-1.5 " +
        "sm:gap-x-2 sm:px-3 md:max-lg:gap-x-1 md:max-lg:px-1.5 2xl:gap-x-3"
      }
    >
      <h1 className="order-1 flex items-center gap-1.5 text-base font-bold text-fg md:order-none md:max-lg:sr-only">
        <span aria-hidden="true" className="inline-flex h-5 w-5 items-center justify-center rounded bg-accent text-[10px] text-accent-fg">
          ▶
        </span>
        <span className="max-sm:sr-only md:max-[1279px]:sr-only">restplay</span>
      </h1>
      <div className="order-2 md:order-none">
        <Menu
          label="Examples"
          buttonLabel="Examples"
          testId="examples-menu"
          items={EXAMPLES.map((ex) => ({
            id: ex.id,
            label: ex.title,
            description: ex.description,
            ...(ex.id === currentExample ? { hint: "open" } : {}),
            onSelect: () => onExample(ex),
          }))}
        />
      </div>
      {/* On a phone Import is in the ⋯ menu; an imported spec's mock chip (its mark and ✕) follows Run in the first row, whose
          blocked reason gives way: the second row is full with the format, the target and Download (decision 0016). */}
      {importTools && <div className="order-4 flex items-center gap-1.5 md:order-none md:max-lg:gap-1">{importTools}</div>}
      <div className="order-7 md:order-none">
        <FormatIndicator format={format} onConvert={onConvert} mod={mod} />
      </div>
      <div className="order-8 md:order-none">
        <TargetSwitch target={target} onChange={onTarget} />
      </div>
      {/* Run and Cancel share one cell as wide as the wider of them: starting or ending a run moves nothing. */}
      <div className="order-3 grid md:order-none">
        {running ? (
          <button
            type="button"
            onClick={onCancel}
            className={`${RUN_SLOT} border border-line bg-surface text-fg hover:bg-raised`}
            data-testid="header-cancel"
          >
            <CancelLabel />
          </button>
        ) : (
          <button
            type="button"
            onClick={onRun}
            // Focusable while blocked (aria-disabled, not disabled): Tab reaches it and its reason, a press says why.
            aria-disabled={blockedReason !== null}
            aria-describedby={blockedReason ? "run-blocked-reason" : undefined}
            aria-keyshortcuts={ariaShortcut("run")}
            // Hovered: why it is blocked (the row may have no room for the reason), else its shortcut.
            title={blockedReason ? `${blockedReason} (Run: ${mod}+Enter)` : `Run (${mod}+Enter)`}
            data-testid="run-button"
            className={`${RUN_SLOT} ${RUN_LOOK}`}
          >
            <RunLabel mod={mod} />
          </button>
        )}
        <span aria-hidden="true" className={`${RUN_SLOT} invisible border`}>
          {running ? <RunLabel mod={mod} /> : <CancelLabel />}
        </span>
      </div>
      {runTools && <div className="flex items-center gap-1.5 max-md:hidden md:max-lg:gap-1">{runTools}</div>}
      {blockedReason && !running && (
        <span
          id="run-blocked-reason"
          // From md up it only takes the row's free space (basis 0, truncated; the title has it all): a
          // reason that comes and goes while the config is checked or edited never wraps the header.
          // Narrower than the whole reason (a laptop's header): the count alone (`1 error`), the rest in the title.
          className={"@container order-4 min-w-0 flex-1 basis-0 truncate text-xs text-error md:order-none md:max-w-72"}
          data-testid="run-blocked-reason"
          title={blockedReason}
        >
          {/* Squeezed to a sliver (a 768 px window): nothing rather than half a mark; Run's description still says it. */}
          <span aria-hidden="true" className="@max-[2.5rem]:hidden">
            ✖{" "}
          </span>
          <span className="hidden @[14rem]:inline">{blockedReason}</span>
          <span className="@[14rem]:hidden @max-[2.5rem]:hidden" aria-hidden="true">
            <CountLabel label={blockedLabel ?? blockedReason} />
          </span>
          <span className="sr-only @[14rem]:hidden">{blockedReason}</span>
        </span>
      )}
      <div className="order-10 ml-auto md:order-none">{downloads}</div>
      <div className="order-5 ml-auto md:order-none md:ml-0 lg:hidden">
        <HeaderMoreMenu mod={mod} onPalette={onPalette} onShortcuts={onShortcuts} phoneItems={phoneItems} />
      </div>
      {/* A phone's row break: Examples, Run and ⋯ above; format, target and Download below. */}
      <div aria-hidden="true" className="order-6 h-1.5 basis-full md:hidden" />
      <div className="hidden items-center gap-1 lg:-mr-1 lg:flex">
        <button
          type="button"
          onClick={onPalette}
          className={TOOL}
          aria-keyshortcuts={ariaShortcut("palette")}
          title={`Command palette (${mod}+K)`}
          data-testid="palette-button"
        >
          <span aria-hidden="true" className="font-mono text-xs">
            {mod === "⌘" ? "⌘K" : "^K"}
          </span>
          <span className="sr-only">Command palette</span>
        </button>
        <button
          type="button"
          onClick={onShortcuts}
          className={TOOL}
          aria-keyshortcuts="?"
          title="Keyboard shortcuts (?)"
          data-testid="shortcuts-button"
        >
          <span aria-hidden="true">?</span>
          <span className="sr-only">Keyboard shortcuts</span>
        </button>
        <ThemeToggle />
      </div>
    </header>
  );
}
