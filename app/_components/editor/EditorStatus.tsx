"use client";
import { FORMAT_NAMES, type SourceFormat } from "@/lib/formats";

/** The editor's status line: cursor, language and what Tab does (Monaco's Ctrl+M, shown and clickable). */
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
  return (
    <div
      className="flex h-6 shrink-0 items-center gap-3 overflow-hidden border-t border-line bg-raised px-2 text-[11px] text-muted"
      data-testid="editor-status"
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
        title={`${tabKey} in the editor toggles this`}
        className="focus-inset ml-auto min-w-0 truncate rounded px-1 text-left hover:bg-surface hover:text-fg"
      >
        {tabMovesFocus ? `Tab moves focus (${tabKey}: Tab indents)` : `Tab indents (${tabKey}: Tab moves focus)`}
      </button>
    </div>
  );
}

/** Same height as the status line, so nothing moves when Monaco arrives. */
export function EditorStatusPlaceholder() {
  return <div className="h-6 shrink-0 border-t border-line bg-raised" aria-hidden="true" />;
}
