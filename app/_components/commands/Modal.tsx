"use client";
import { useEffect, useRef, type ReactNode } from "react";

const NORMAL = "w-[min(36rem,calc(100vw-1.5rem))]";
const WIDE = "w-[min(60rem,calc(100vw-1.5rem))]";

/**
 * A modal on the native <dialog>: the page behind is inert, Escape closes it, a click on the
 * backdrop closes it, and closing returns focus to where it was.
 */
export function Modal({
  open,
  onClose,
  labelledBy,
  testId,
  className = "",
  wide = false,
  children,
}: {
  open: boolean;
  /** A wider dialog (forms with tables, e.g. Import). */
  wide?: boolean;
  onClose: () => void;
  labelledBy: string;
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      data-testid={testId}
      onClose={onClose}
      onClick={(e) => {
        if (e.target === e.currentTarget) e.currentTarget.close();
      }}
      className={`m-auto max-h-[85vh] ${wide ? WIDE : NORMAL} overflow-hidden rounded-lg border border-line bg-surface p-0 text-fg shadow-2xl backdrop:bg-black/50 ${className}`}
    >
      {open && children}
    </dialog>
  );
}

/** A modal's title bar: the heading the dialog is labelled by and its Close (Esc) button. */
export function ModalHeader({ id, autoFocusClose = false, children }: { id: string; autoFocusClose?: boolean; children: ReactNode }) {
  return (
    <div className="flex items-center border-b border-line px-4 py-2">
      <h2 id={id} className="text-sm font-semibold">
        {children}
      </h2>
      <form method="dialog" className="ml-auto">
        <button type="submit" className="h-7 rounded border border-line px-2 text-xs hover:bg-raised" autoFocus={autoFocusClose}>
          Close <kbd className="font-mono text-muted">Esc</kbd>
        </button>
      </form>
    </div>
  );
}
