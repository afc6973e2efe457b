/** Panel layouts in local storage (never throws; a layout is a convenience, like the document). */
import type { LayoutStorage } from "react-resizable-panels";
import { readStorage, writeStorage } from "../hooks/storage";

export const layoutStorage: LayoutStorage = {
  getItem: (key) => (typeof window === "undefined" ? null : readStorage(key)),
  setItem: (key, value) => writeStorage(key, value),
};

/** react-resizable-panels' key for a group id (its `useDefaultLayout` reads and writes this one). */
export const groupStorageKey = (groupId: string) => `react-resizable-panels:${groupId}`;

/** Group ids: one per layout, so the wide and the medium layouts are remembered separately. */
export const GROUPS = {
  wideMain: "restplay-wide-main",
  wideResults: "restplay-wide-results",
  wideChecks: "restplay-wide-checks",
  mediumMain: "restplay-medium-main",
} as const;

/** Which result view each tabbed layout shows, remembered too. */
export const TAB_KEYS = { medium: "restplay:tab:medium", narrow: "restplay:tab:narrow" } as const;

/** Every key the "Reset layout" action forgets. */
export const LAYOUT_KEYS = [...Object.values(GROUPS).map(groupStorageKey), ...Object.values(TAB_KEYS)];
