"use client";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Modal } from "./Modal";

export interface Command {
  readonly id: string;
  readonly title: string;
  /** "Run", "Download", "View"…: shown before the title, matched by the filter. */
  readonly group: string;
  readonly shortcut?: string;
  /** Why it cannot run now (it stays listed, with the reason). */
  readonly disabledReason?: string | null;
  readonly run: () => void;
}

/** Every word typed must appear in the group or the title. */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((c) => {
    const hay = `${c.group} ${c.title}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/**
 * Ctrl/Cmd+K (Ctrl/Cmd+Shift+P from the editor): type to filter, arrows to move, Enter to run, Escape
 * to close (focus goes back where it was, unless the command moves it on purpose).
 */
export function CommandPalette({ open, onClose, commands }: { open: boolean; onClose: () => void; commands: readonly Command[] }) {
  return (
    <Modal open={open} onClose={onClose} labelledBy="palette-title" testId="command-palette" className="self-start sm:mt-[12vh]">
      <PaletteBody commands={commands} />
    </Modal>
  );
}

function PaletteBody({ commands }: { commands: readonly Command[] }) {
  const [query, setQuery] = useState("");
  const [index, setIndex] = useState(0);
  const listId = useId();
  const list = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => filterCommands(commands, query), [commands, query]);
  const at = Math.min(index, Math.max(0, shown.length - 1));
  const optionId = (i: number) => `${listId}-o${i}`;

  useEffect(() => {
    list.current?.querySelector(`[data-index="${at}"]`)?.scrollIntoView({ block: "nearest" });
  }, [at]);

  const runAt = (i: number, dialog: HTMLDialogElement | null) => {
    const c = shown[i];
    if (!c || c.disabledReason) return;
    dialog?.close();
    c.run();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const dialog = e.currentTarget.closest("dialog");
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const n = shown.length;
      if (n > 0) setIndex((at + (e.key === "ArrowDown" ? 1 : -1) + n) % n);
    } else if (e.key === "Home" && e.ctrlKey) setIndex(0);
    else if (e.key === "End" && e.ctrlKey) setIndex(Math.max(0, shown.length - 1));
    else if (e.key === "Enter") {
      e.preventDefault();
      runAt(at, dialog);
    }
  };

  return (
    <div className="flex max-h-[70vh] flex-col">
      <h2 id="palette-title" className="sr-only">
        Command palette
      </h2>
      <input
        autoFocus
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown.length > 0 ? optionId(at) : undefined}
        aria-autocomplete="list"
        aria-label="Type a command"
        placeholder="Type a command…"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={onKeyDown}
        data-testid="palette-input"
        className="h-11 w-full shrink-0 border-b border-line bg-surface px-4 text-sm text-fg outline-none placeholder:text-muted"
      />
      <ul ref={list} id={listId} role="listbox" aria-label="Commands" className="min-h-0 overflow-auto p-1">
        {shown.length === 0 && (
          <li role="presentation" className="px-3 py-2 text-sm text-muted">
            No command matches.
          </li>
        )}
        {shown.map((c, i) => (
          <li
            key={c.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === at}
            aria-disabled={c.disabledReason ? true : undefined}
            data-index={i}
            data-command={c.id}
            onMouseMove={() => setIndex(i)}
            onClick={(e) => runAt(i, e.currentTarget.closest("dialog"))}
            className={`flex cursor-pointer items-baseline gap-2 rounded px-3 py-1.5 text-sm ${i === at ? "bg-accent-soft" : ""} ${c.disabledReason ? "cursor-not-allowed" : ""}`}
          >
            {/* The muted grey is below AA on the highlighted row's background: the text is full colour there. */}
            <span className={`w-16 shrink-0 text-xs ${i === at ? "text-fg" : "text-muted"}`}>{c.group}</span>
            <span className="min-w-0 flex-1">
              <span className={c.disabledReason && i !== at ? "text-muted" : "text-fg"}>{c.title}</span>
              {c.disabledReason && (
                <span className={`block text-xs italic ${i === at ? "text-fg" : "text-muted"}`}>{c.disabledReason}</span>
              )}
            </span>
            {c.shortcut && (
              <kbd className="shrink-0 rounded border border-line bg-raised px-1.5 font-mono text-xs text-fg">{c.shortcut}</kbd>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
