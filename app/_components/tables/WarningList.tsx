import type { ReactNode } from "react";

const BASE = "max-h-16 shrink-0 overflow-auto text-xs focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent";
// Two lines on a laptop's height (the grid keeps its rows), four above.
const LIST = `${BASE} [@media(max-height:819px)]:max-h-8`;
/** A folded list (`fold`): from 768 px wide (the workbench's layouts, any height) it shows only once opened, then five lines. */
const FOLDED = { open: `${BASE} md:max-h-20`, shut: `${BASE} md:hidden` } as const;

/** Where the list sits: under a table's counts, or at the top of the Tables panel. */
const PLACES = {
  table: "px-2 pb-1",
  panel: "border-b border-line px-2 py-1",
} as const;

/**
 * Warnings as a list, at most 64 px high (32 px in a window under 820 px; folded, none from 768 px wide until opened, then 80 px).
 * Focusable: when the warnings outgrow their room, the keyboard scrolls them too (axe: a scrollable region needs keyboard access).
 */
export function WarningList({
  label,
  place,
  items,
  testId,
  itemTestId,
  fold,
}: {
  label: string;
  place: keyof typeof PLACES;
  items: readonly { readonly key: string; readonly text: ReactNode }[];
  testId?: string;
  itemTestId?: string;
  /** Folded from 768 px wide behind a button that names it (`id`, its `aria-controls`): shown while `open`. */
  fold?: { readonly open: boolean; readonly id: string };
}) {
  const look = fold ? FOLDED[fold.open ? "open" : "shut"] : LIST;
  return (
    <ul className={`${look} ${PLACES[place]}`} aria-label={label} tabIndex={0} data-testid={testId} id={fold?.id}>
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
