"use client";
/**
 * Issue #11 in the playground: the Import, Share and Check dialogs, their header buttons and palette
 * commands, the spec-mock chip, and opening a share link — kept apart from the playground's own state.
 */
import { useCallback, useState, type ReactNode } from "react";
import type { SharedConfig } from "@/lib/share";
import { CheckDialog } from "../check/CheckDialog";
import type { MenuItem } from "../header/Menu";
import { useCheck } from "../check/useCheck";
import { ShareDialog } from "../share/ShareDialog";
import { useShareRestore } from "../share/useShareRestore";
import type { PlaygroundModel } from "../usePlayground";
import { ImportDialog } from "./ImportDialog";

const TOOL =
  "inline-flex h-8 items-center gap-1 rounded border border-line bg-surface px-2.5 text-sm text-fg hover:bg-raised " +
  "disabled:cursor-not-allowed disabled:opacity-60 aria-disabled:cursor-not-allowed aria-disabled:opacity-60";
const CHECK_TITLE = "Auth and the first page of every resource: pass or fail, no paging";

export function useApiTools(m: PlaygroundModel, announce: (message: string) => void) {
  const [open, setOpen] = useState<"import" | "share" | "check" | null>(null);
  const check = useCheck();
  const close = useCallback(() => setOpen(null), []);
  const { openText, imported } = m;

  const openShared = useCallback(
    (shared: SharedConfig) => {
      setOpen(null);
      openText(shared.text, { example: shared.example ?? null });
      announce(`Opened a shared ${shared.format.toUpperCase()} config${shared.example ? ` (from the example ${shared.example})` : ""}.`);
    },
    [openText, announce],
  );
  useShareRestore(m.text !== null, openShared, announce);

  // Why Check cannot be used now (as Run's reason, and a run going on), or null.
  const checkBlocked = m.running ? "A run is going on" : m.text === null ? "The editor is still loading" : m.blockedReason;
  const startCheck = useCallback(() => {
    if (checkBlocked !== null || m.text === null) return announce(`Cannot check: ${checkBlocked ?? "The editor is still loading"}.`);
    setOpen("check");
    check.start({ text: m.text, target: m.target, secrets: m.secretValues, mockSpec: imported.mockSpec });
  }, [checkBlocked, m.text, m.target, m.secretValues, imported.mockSpec, check, announce]);

  const importTools: ReactNode = (
    <>
      <button
        type="button"
        // On a phone it is an item of the header's ⋯ menu (`phoneItems`).
        className={`${TOOL} max-md:hidden`}
        onClick={() => setOpen("import")}
        data-testid="import-button"
        title="Import from OpenAPI, curl, HAR or a sample response"
      >
        <span aria-hidden="true">⇪</span>
        {/* With the mock chip beside it, the word goes below 1536 px: the header keeps one row from 1024 px. */}
        <span className={imported.mockSpec ? "md:max-[1535px]:sr-only" : "md:max-[1279px]:sr-only"}>Import</span>
      </button>
      {imported.mockSpec && (
        <span
          className="inline-flex h-8 items-center gap-1 rounded border border-line bg-accent-soft pl-2 text-xs text-fg"
          data-testid="spec-mock-chip"
        >
          {/* The title shows from 1536 px, "mock" from 1280 px, a mark below (the tooltip says it all): one header row from 1024 px. */}
          <span
            className="max-w-40 truncate"
            title={`The Mock target also serves ${imported.mockSpec.base_url}, generated from the imported ${imported.mockSpec.title}.`}
          >
            <span aria-hidden="true" className="min-[1280px]:hidden">
              ◇
            </span>
            <span className="max-[1279px]:sr-only">mock</span>
            <span className="max-[1535px]:sr-only">: {imported.mockSpec.title}</span>
          </span>
          <button
            type="button"
            className="h-full rounded-r px-1.5 hover:bg-raised"
            onClick={() => imported.setMockSpec(null)}
            aria-label={`Stop mocking ${imported.mockSpec.title}`}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </span>
      )}
    </>
  );
  const runTools: ReactNode = (
    <>
      <button
        type="button"
        className={TOOL}
        onClick={startCheck}
        // Focusable while blocked, as Run is: Tab reaches it, its title and description say why.
        aria-disabled={checkBlocked !== null}
        aria-describedby={m.blockedReason !== null && !m.running ? "run-blocked-reason" : undefined}
        data-testid="check-button"
        title={checkBlocked === null ? CHECK_TITLE : `${CHECK_TITLE} — ${checkBlocked}`}
      >
        {/* The word stays at every width (a lone ✓ reads as a state, not an action); the mark goes first. */}
        <span aria-hidden="true" className="md:max-[1279px]:hidden">
          ✓
        </span>
        Check
      </button>
      <button
        type="button"
        className={TOOL}
        onClick={() => setOpen("share")}
        disabled={m.text === null}
        data-testid="share-button"
        title="A link to this config (no secret values)"
      >
        <span aria-hidden="true">⇗</span>
        <span className="md:max-[1279px]:sr-only">Share</span>
      </button>
    </>
  );
  const dialogs: ReactNode = (
    <>
      <ImportDialog
        open={open === "import"}
        onClose={close}
        format={m.format ?? "python"}
        onOpenShared={openShared}
        onInsert={(text, mockSpec, summary) => {
          setOpen(null);
          openText(text, { mockSpec });
          announce(`${summary}${mockSpec ? " The Mock target serves a mock of this API." : ""}`);
        }}
      />
      <ShareDialog open={open === "share"} onClose={close} text={m.text} format={m.format} example={imported.exampleId} />
      <CheckDialog open={open === "check"} onClose={close} state={check.state} onAgain={startCheck} onCancel={check.cancel} />
    </>
  );
  // The header's ⋯ menu on a phone, where Import, Check and Share are not buttons (decision 0016).
  const phoneItems: MenuItem[] = [
    { id: "import", label: "Import", description: "From OpenAPI, curl, HAR or a sample response.", onSelect: () => setOpen("import") },
    { id: "check", label: "Check", description: CHECK_TITLE, disabledReason: checkBlocked, onSelect: startCheck },
    {
      id: "share",
      label: "Share",
      description: "A link to this config (no secret values).",
      disabledReason: m.text === null ? "The editor is still loading" : null,
      onSelect: () => setOpen("share"),
    },
  ];
  return {
    importTools,
    runTools,
    phoneItems,
    dialogs,
    commands: { openImport: () => setOpen("import"), openShare: () => setOpen("share"), check: startCheck },
  };
}
