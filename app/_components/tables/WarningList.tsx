import type { ReactNode } from "react";

// Two lines on a laptop's height (the grid keeps its rows), four above.
const LIST =
  "max-h-16 shrink-0 overflow-auto text-xs focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent " +
  "[@media(max-height:819px)]:max-h-8";

/** Where the list sits: under a table's counts, or at the top of the Tables panel. */
const PLACES = {
  table: "px-2 pb-1",
  panel: "border-b border-line px-2 py-1",
} as const;

/**
 * Warnings as a list, at most 64 px high (32 px in a window under 820 px). Focusable: when the warnings outgrow their room, the
 * keyboard scrolls them too (axe: a scrollable region needs keyboard access).
 */
export function WarningList({
  label,
  place,
  items,
  testId,
  itemTestId,
}: {
  label: string;
  place: keyof typeof PLACES;
  items: readonly { readonly key: string; readonly text: ReactNode }[];
  testId?: string;
  itemTestId?: string;
}) {
  return (
    <ul className={`${LIST} ${PLACES[place]}`} aria-label={label} tabIndex={0} data-testid={testId}>
      {items.map((w) => (
        <li key={w.key} className="text-warning" data-testid={itemTestId}>
          <span aria-hidden="true">▲ </span>
          <span className="sr-only">Warning: </span>
          {w.text}
        </li>
      ))}
    </ul>
  );
}
