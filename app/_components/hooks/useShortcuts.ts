"use client";
import { useEffect, useLayoutEffect, useRef } from "react";
import { matches } from "../commands/shortcuts";

export interface ShortcutHandlers {
  readonly run: () => void;
  readonly save: () => void;
  readonly palette: () => void;
  readonly shortcuts: () => void;
  /** The frame (`data-dock-frame`) that holds `target`, maximised or restored. */
  readonly maximise: (target: Element) => void;
}

/** A field that takes typed characters (`?` is text there); a checkbox, radio or button does not. */
const typing = (t: Element) =>
  t.closest(
    "input:not([type=checkbox], [type=radio], [type=button], [type=submit], [type=reset], [type=range], [type=color], [type=file]), " +
      "textarea, select, [contenteditable=''], [contenteditable='true']",
  ) !== null;

/**
 * The page's shortcuts (../commands/shortcuts). Inside the editor Monaco's own commands handle
 * Ctrl/Cmd+Enter, Ctrl/Cmd+S and Ctrl/Cmd+Shift+P, and every other key stays Monaco's; inside an open
 * dialog the dialog's keys win.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  // Before paint: a key pressed right after a render must reach that render's handlers.
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const target = e.target instanceof Element ? e.target : document.body;
      if (target.closest(".monaco-editor") || target.closest("dialog[open]")) return;
      const h = latest.current;
      const act = (f: () => void) => {
        e.preventDefault();
        f();
      };
      if (matches(e, "run")) act(h.run);
      else if (matches(e, "save")) act(h.save);
      else if (matches(e, "palette") || matches(e, "paletteAnywhere")) act(h.palette);
      else if (matches(e, "maximise")) act(() => h.maximise(target));
      else if (matches(e, "shortcuts") && !typing(target)) act(h.shortcuts);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
