"use client";
import { useContext } from "react";
import { createPortal } from "react-dom";
import { FORMAT_NAMES, type SourceFormat } from "@/lib/formats";
import { DockSlot } from "../ui/Panel";

/** Under the editor; in a short window in the editor frame's title row (its `toolsInHeader`), which gives the editor that line. */
const UNDER = "h-6 border-t border-line bg-raised px-2";
const IN_HEADER = "h-6 min-w-0 flex-1 px-1";

/**
 * The editor's status line: cursor, language and what Tab does (Monaco's Ctrl+M, shown and clickable). In a short window
 * it sits in the editor frame's title row (decision 0016, twenty-eighth session): the editor gets its 24 px back.
 */
export function EditorStatus({
  line,
  column,
  language,
  tabMovesFocus,
  tabKey,
  onToggleTab,
}: {
  line: number;
  column: number;
  language: SourceFormat;
  tabMovesFocus: boolean;
  tabKey: string;
  onToggleTab: () => void;
}) {
  const tools = useContext(DockSlot)?.tools ?? null;
  const status = (
    <div
      className={`flex shrink-0 items-center gap-3 overflow-hidden text-[11px] text-muted ${tools ? IN_HEADER : UNDER}`}
      data-testid="editor-status"
      data-place={tools ? "header" : "under"}
    >
      <span className="shrink-0 tabular-nums" title={`Line ${line}, column ${column}`}>
        Ln {line}, Col {column}
      </span>
      <span className="shrink-0">{FORMAT_NAMES[language]}</span>
      <button
        type="button"
        onClick={onToggleTab}
        data-testid="tab-focus-mode"
        data-mode={tabMovesFocus ? "focus" : "indent"}
        // Cut short in a narrow title row (800 × 600): the tooltip says it whole.
        title={`${tabMovesFocus ? "Tab moves focus" : "Tab indents"}; ${tabKey} in the editor toggles this`}
        className="focus-inset ml-auto min-w-0 truncate rounded px-1 text-left hover:bg-surface hover:text-fg"
      >
        {tabMovesFocus ? `Tab moves focus (${tabKey}: Tab indents)` : `Tab indents (${tabKey}: Tab moves focus)`}
      </button>
    </div>
  );
  return tools ? createPortal(status, tools) : status;
}

/** Same height as the status line (nothing where the title row holds it), so nothing moves when Monaco arrives. */
export function EditorStatusPlaceholder() {
  const inHeader = (useContext(DockSlot)?.tools ?? null) !== null;
  return inHeader ? null : <div className={`shrink-0 ${UNDER}`} aria-hidden="true" />;
}
