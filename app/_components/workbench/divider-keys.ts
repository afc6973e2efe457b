/**
 * What Home, End and a double-click do on a divider of a group of three or more panels. The library
 * moves a divider to its limit through every panel on that side (Home on the Trace/Tables divider also
 * folded Problems) and a double-click resets one panel only; here Home and End move the two panels
 * beside the divider only, and a double-click gives the whole group its default sizes back.
 */
import type { GroupImperativeHandle } from "react-resizable-panels";

/** A panel of a group: its id, its default size (%), and the smallest it gets (px or %), folded or at its minimum. */
export interface PanelLimit {
  readonly id: string;
  readonly defaultPct: number;
  readonly smallest: { readonly px: number } | { readonly pct: number };
}

export interface DividerKeys {
  /** Home: the panel before the divider to its smallest; End: the panel after it. */
  limit(to: "start" | "end"): void;
  reset(): void;
}

/** The keys of the divider between `panels[at]` and `panels[at + 1]` of the group `group()` (`pxPerPct`: its pixels per percent). */
export function dividerKeys(
  group: () => GroupImperativeHandle | null,
  panels: readonly PanelLimit[],
  at: number,
  pxPerPct: () => number,
): DividerKeys {
  const smallestPct = (p: PanelLimit) => ("pct" in p.smallest ? p.smallest.pct : p.smallest.px / Math.max(pxPerPct(), 1e-9));
  return {
    limit(to) {
      const g = group();
      const before = panels[at];
      const after = panels[at + 1];
      if (!g || !before || !after) return;
      const layout = g.getLayout();
      const both = (layout[before.id] ?? 0) + (layout[after.id] ?? 0);
      const shrunk = to === "start" ? before : after;
      const grown = to === "start" ? after : before;
      const small = Math.min(smallestPct(shrunk), both);
      g.setLayout({ ...layout, [shrunk.id]: small, [grown.id]: both - small });
    },
    reset() {
      group()?.setLayout(Object.fromEntries(panels.map((p) => [p.id, p.defaultPct])));
    },
  };
}
