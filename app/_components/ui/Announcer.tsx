"use client";
import { useCallback, useState, type ReactNode } from "react";

/**
 * A polite live region for what happens out of sight: a download saved, the layout reset. The text
 * is replaced (not appended), and a repeat of the same message is still announced.
 */
export function useAnnouncer(): [ReactNode, (message: string) => void] {
  const [message, setMessage] = useState({ text: "", n: 0 });
  const announce = useCallback((text: string) => setMessage((m) => ({ text, n: m.n + 1 })), []);
  const region = (
    <div role="status" aria-live="polite" className="sr-only" data-testid="announcer">
      <span key={message.n}>{message.text}</span>
    </div>
  );
  return [region, announce];
}
