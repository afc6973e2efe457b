/**
 * The workbench's views and where each sits (decision 0016). A view is content (a Panel, see
 * ../ui/Panel) plus what its frame shows: the title as a header or a tab, a compact badge.
 *
 * The destination's views (decision 0019) share the `data` row of the wide layout, whose frame shows
 * them as tabs (Tables · Schema · SQL), and follow Tables in `RESULT_VIEWS` (the tabs of the medium
 * and narrow layouts).
 */
import type { ReactNode } from "react";

export type ViewId = "editor" | "problems" | "secrets" | "trace" | "tables" | "schema" | "sql";

export interface ViewDef {
  readonly id: ViewId;
  readonly title: string;
  /** A compact status after the title ("✖ 2 ▲ 1"); keep screen-reader text inside it. */
  readonly badge?: ReactNode;
  /** Marks the view's results as older than the config (a "stale" badge on its tab or header). */
  readonly stale?: boolean;
  /**
   * Shown alone in its frame (a title, not tabs), the view's Panel toolbar sits in the frame's header row instead of the
   * badge (which it repeats): a short panel (Problems at 1280 × 720) gives that row to its content. `"short"`: only in
   * a short window (SHORT_WINDOW: the editor's status line; the Trace's run status and the Tables' *dlt loads nothing*
   * note, beside the tabs while its tab is chosen).
   */
  readonly toolsInHeader?: boolean | "short";
  readonly content: ReactNode;
}

export type WideRowId = "checks" | "run" | "data";

export interface WideRow {
  readonly id: WideRowId;
  readonly label: string;
  /** Frames side by side; a frame with several views shows them as tabs. */
  readonly frames: readonly (readonly ViewId[])[];
}

/** The wide layout's rows, top to bottom. */
export const WIDE_ROWS: readonly WideRow[] = [
  { id: "checks", label: "Problems and secrets", frames: [["problems"], ["secrets"]] },
  { id: "run", label: "Trace", frames: [["trace"]] },
  { id: "data", label: "Tables, schema and SQL", frames: [["tables", "schema", "sql"]] },
];

/** The result views as tabs (medium and narrow layouts), in order. */
export const RESULT_VIEWS: readonly ViewId[] = ["problems", "secrets", "trace", "tables", "schema", "sql"];

/** The wide layout's row of a view. */
export function rowOf(view: ViewId): WideRowId | "editor" {
  if (view === "editor") return "editor";
  const row = WIDE_ROWS.find((r) => r.frames.some((f) => f.includes(view)));
  return row?.id ?? "data";
}

/** A collapsed frame is its header: 32 px (28 px in a short window, the `short:` variant) and the frame's two 1 px borders. */
const COLLAPSED_PX = 34;
const COLLAPSED_SHORT_PX = 30;

/** A collapsed frame's height in this window (useShortWindow). */
export const collapsedPx = (short: boolean): number => (short ? COLLAPSED_SHORT_PX : COLLAPSED_PX);
