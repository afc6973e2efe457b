"use client";
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";

/** `show`: also on screen for a while — for what nothing else on screen says (a damaged share link, a refused conversion). */
export type Announce = (message: string, options?: { readonly show?: boolean }) => void;

/** How long a shown message stays (it can be dismissed sooner). */
const SHOWN_MS = 8000;

/**
 * A polite live region for what happens out of sight: a download saved, the layout reset. The text
 * is replaced (not appended), and a repeat of the same message is still announced. A message with
 * `show` also appears at the bottom of the window (over the layout: nothing moves), for sighted users.
 */
export function useAnnouncer(): [ReactNode, Announce] {
  const count = useRef(0);
  const [message, setMessage] = useState({ text: "", n: 0 });
  const [shown, setShown] = useState<{ text: string; n: number } | null>(null);
  const announce = useCallback<Announce>((text, options) => {
    const n = ++count.current;
    setMessage({ text, n });
    // A later shown message replaces a shown one; one only for screen readers leaves it.
    if (options?.show === true) setShown({ text, n });
  }, []);
  useEffect(() => {
    if (!shown) return;
    const t = setTimeout(() => setShown((s) => (s?.n === shown.n ? null : s)), SHOWN_MS);
    return () => clearTimeout(t);
  }, [shown]);
  const region = (
    <>
      <div role="status" aria-live="polite" className="sr-only" data-testid="announcer">
        <span key={message.n}>{message.text}</span>
      </div>
      {shown && (
        // Not a live region itself: the one above has said it already.
        <div
          className={
            "fixed bottom-3 left-1/2 z-50 flex w-max max-w-[min(36rem,calc(100vw-1.5rem))] -translate-x-1/2 items-start gap-2 " +
            "rounded border border-line bg-surface px-3 py-2 text-sm text-fg shadow-lg"
          }
          data-testid="notice"
        >
          <span className="min-w-0 break-words">{shown.text}</span>
          <button
            type="button"
            className="shrink-0 rounded px-1 text-muted hover:bg-raised"
            aria-label="Dismiss"
            onClick={() => setShown(null)}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </div>
      )}
    </>
  );
  return [region, announce];
}
