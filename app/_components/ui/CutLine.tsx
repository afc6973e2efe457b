"use client";
/**
 * A line of text cut short to fit its row (an ellipsis), read whole without a pointer. The pointer has its title; a screen
 * reader has its whole text (the cut is only drawn); the keyboard has a Tab stop while the line is cut, and with the
 * keyboard's focus on it the whole text lies over what follows the line, wrapped, until the focus leaves. Nothing moves:
 * the line keeps its one row, so the rows under it (a table's grid rows) stay where they were (decision 0016, thirtieth
 * session).
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";

/** The line itself, or a part of it cut on its own (a flex line's `truncate` item gives way before the line overflows). */
const isCut = (el: HTMLElement) => [el, ...el.querySelectorAll<HTMLElement>("*")].some((e) => e.scrollWidth > e.clientWidth + 1);

export function CutLine({
  text,
  className,
  cutClassName = "truncate",
  overlayClassName = "",
  testId,
  inline = false,
  children,
}: {
  /** The whole text: the title, and what the overlay shows. */
  text: string;
  /** The line's look (its font, colours, paddings, its flex slot). */
  className: string;
  /** The cut: `truncate`, or e.g. `md:truncate` for a line that wraps on a phone (where it is never cut); an inline line's display. */
  cutClassName?: string;
  /** The overlay's own look where it differs (its colours). */
  overlayClassName?: string;
  testId?: string;
  /** Inside a heading or other phrasing content: spans (a div or a p may not sit in an h3), drawn as blocks all the same. */
  inline?: boolean;
  /** The line's content when it is more than `text` (marks, spans, their test ids); the overlay shows `text`. */
  children?: ReactNode;
}) {
  const line = useRef<HTMLElement>(null);
  const [cut, setCut] = useState(false);
  // Measured after every render (the text changes while a run streams in) ...
  useLayoutEffect(() => {
    if (line.current) setCut(isCut(line.current));
  });
  // ... and whenever the line's width changes: one observer for the line's life, not one a render.
  useLayoutEffect(() => {
    const el = line.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setCut(isCut(el)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const Box = inline ? "span" : "div";
  const Line = inline ? "span" : "p";
  return (
    <Box className={`relative block min-w-0 ${className}`}>
      <Line
        ref={(el: HTMLElement | null) => {
          line.current = el;
        }}
        // A Tab stop only while the line is cut: a whole line has nothing more to show.
        tabIndex={cut ? 0 : undefined}
        title={text}
        className={`peer ${cutClassName}`}
        data-testid={testId}
        data-cut={cut || undefined}
      >
        {children ?? text}
      </Line>
      <Box
        aria-hidden="true"
        className={
          "absolute inset-x-0 top-0 z-30 hidden whitespace-normal rounded bg-surface px-1 shadow-lg outline outline-2 " +
          `outline-focus peer-focus-visible:block ${overlayClassName}`
        }
        data-testid={testId ? `${testId}-whole` : undefined}
      >
        {text}
      </Box>
    </Box>
  );
}
