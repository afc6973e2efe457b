"use client";
import { useEffect, useId, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from "react";
import { InlineCode } from "../ui/InlineCode";

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  /** A line under the label; Markdown `code` spans in it show as code. */
  readonly description?: string;
  /** Why the item cannot be used now; it stays in the list (and reachable) with the reason. */
  readonly disabledReason?: string | null;
  /** Shown at the end of the item, e.g. its shortcut. */
  readonly hint?: string;
  readonly onSelect: () => void;
}

const WIDTH = 384;

/**
 * Where the list goes: under the button, moved left as needed so that it never leaves the window; above
 * it when the list does not fit below and there is more room above (a table's menus near the window's bottom).
 */
function placement(button: HTMLElement, align: "left" | "right", height: number): CSSProperties {
  const r = button.getBoundingClientRect();
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  const width = Math.min(WIDTH, vw - 16);
  const preferred = align === "right" ? r.right - width : r.left;
  const left = Math.max(8, Math.min(preferred, vw - width - 8));
  const below = vh - r.bottom - 12;
  const above = r.top - 12;
  if (height > below && above > below) return { position: "fixed", bottom: vh - r.top + 4, left, width, maxHeight: above };
  return { position: "fixed", top: r.bottom + 4, left, width, maxHeight: below };
}

/**
 * A menu button (WAI-ARIA pattern): Enter/Space/ArrowDown open it, arrows move, Escape closes, a
 * click outside closes it. Choosing an item returns focus to the button (nothing drops to <body>).
 */
export function Menu({
  label,
  buttonLabel,
  items,
  disabled,
  testId,
  align = "left",
  keyshortcuts,
  title,
  caret = true,
  inPanel = false,
}: {
  label: string;
  buttonLabel: ReactNode;
  items: readonly MenuItem[];
  disabled?: boolean;
  testId?: string;
  align?: "left" | "right";
  keyshortcuts?: string;
  /** A tooltip, for a button that may show only its icon. */
  title?: string;
  /** The ▾ after the label (a ⋯ button reads as a menu without it). */
  caret?: boolean;
  /** In a panel's toolbar: a smaller button in a short window's wide layout (decision 0016). */
  inPanel?: boolean;
}) {
  const [open, setOpen] = useState(false);
  // The width it will have, so that its first measured height is the height it gets.
  const [style, setStyle] = useState<CSSProperties>({ width: WIDTH });
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useLayoutEffect(() => {
    if (open && button.current) setStyle(placement(button.current, align, list.current?.scrollHeight ?? 0));
  }, [open, align]);

  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLButtonElement>("button")?.focus();
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onResize = () => setOpen(false);
    document.addEventListener("mousedown", onDown);
    window.addEventListener("resize", onResize);
    return () => {
      document.removeEventListener("mousedown", onDown);
      window.removeEventListener("resize", onResize);
    };
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>("button") ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const move = (i: number) => buttons[(i + buttons.length) % buttons.length]?.focus();
    if (e.key === "ArrowDown") move(at + 1);
    else if (e.key === "ArrowUp") move(at - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(buttons.length - 1);
    else if (e.key === "Escape") close(true);
    else if (e.key === "Tab") close(false);
    else return;
    if (e.key !== "Tab") e.preventDefault();
  };

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        aria-keyshortcuts={keyshortcuts}
        title={title}
        disabled={disabled}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className={
          "inline-flex h-8 items-center gap-1 rounded border border-line bg-surface px-2.5 text-sm text-fg hover:bg-raised " +
          "disabled:cursor-not-allowed disabled:opacity-60 md:max-lg:px-2" +
          (inPanel ? " short:h-6 short:text-xs" : "")
        }
      >
        {buttonLabel}
        {caret && <span aria-hidden="true">▾</span>}
      </button>
      {open && (
        <ul
          ref={list}
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onListKey}
          style={style}
          // Fixed from its first render: in the flow, the list widened its slot and wrapped the header before the button was measured.
          className="fixed z-50 overflow-auto rounded border border-line bg-surface p-1 shadow-lg"
        >
          {items.map((item) => {
            const off = item.disabledReason ?? null;
            return (
              <li key={item.id} role="none">
                <button
                  type="button"
                  role="menuitem"
                  aria-disabled={off !== null || undefined}
                  data-testid={`menu-item-${item.id}`}
                  onClick={() => {
                    if (off !== null) return;
                    close(true);
                    item.onSelect();
                  }}
                  className={`focus-inset block w-full rounded px-3 py-2 text-left text-sm text-fg hover:bg-raised focus-visible:bg-raised ${off !== null ? "cursor-not-allowed" : ""}`}
                >
                  <span className="flex items-baseline gap-2">
                    <span className={`font-medium ${off !== null ? "text-muted" : ""}`}>{item.label}</span>
                    {item.hint && <kbd className="ml-auto shrink-0 font-mono text-xs text-muted">{item.hint}</kbd>}
                  </span>
                  {off !== null ? (
                    <span className="mt-0.5 block text-xs text-error">{off}</span>
                  ) : (
                    item.description && (
                      // Descriptions write names as Markdown `code`: shown as code, not as backticks.
                      <span className="mt-0.5 block text-xs text-muted">
                        <InlineCode text={item.description} />
                      </span>
                    )
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
