import type { ViewId } from "./views";

/** What the rest of the playground may ask of the workbench, whatever its layout. */
export interface WorkbenchApi {
  /** Brings the view into sight: selects its tab, expands or un-maximises what hides it. */
  show(view: ViewId): void;
  /** Maximises the view's panel, or restores the layout when it already is. */
  toggleMaximise(view: ViewId): void;
  /** Collapses the view's panel to its header, or expands it. */
  toggleCollapse(view: ViewId): void;
  /** A run started: the tabbed layouts show the trace (unless the tables are showing, filling in). */
  runStarted(): void;
}

export interface LayoutProps {
  readonly views: Readonly<Record<ViewId, import("./views").ViewDef>>;
  readonly maximiseShortcut: string;
  readonly apiRef: import("react").Ref<WorkbenchApi>;
}
