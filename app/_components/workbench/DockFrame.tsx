"use client";
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { DockSlot } from "../ui/Panel";
import { useShortWindow } from "./useLayoutMode";
import type { ViewDef, ViewId } from "./views";

/** Collapse and maximise buttons of a frame (absent where the layout has no room to give). */
export interface FrameControls {
  /** Names the frame in the buttons: "Collapse Trace". */
  readonly label: string;
  readonly collapsed: boolean;
  readonly maximised: boolean;
  readonly onCollapse?: () => void;
  readonly onMaximise: () => void;
  readonly maximiseShortcut: string;
}

const tabId = (v: ViewId) => `dock-tab-${v}`;
const titleId = (v: ViewId) => `dock-title-${v}`;
const bodyId = (v: ViewId) => `dock-view-${v}`;

function StaleBadge() {
  return (
    <span
      className="rounded border border-warning px-1 text-[10px] font-semibold normal-case tracking-normal text-warning"
      data-testid="stale-badge"
    >
      <span aria-hidden="true">◷ </span>stale
    </span>
  );
}

function Tabs({
  views,
  active,
  onActive,
  label,
  roomForTools,
}: {
  views: readonly ViewDef[];
  active: ViewId;
  onActive: (v: ViewId) => void;
  label: string;
  /** The active view's toolbar follows the tabs in their row: the strip is as wide as its tabs (it scrolls when narrower). */
  roomForTools: boolean;
}) {
  const list = useRef<HTMLDivElement>(null);
  // The chosen tab is always in sight, also when it was chosen from elsewhere (a run, a problem, the palette).
  useEffect(() => {
    const l = list.current;
    const tab = l?.querySelector<HTMLElement>(`#${tabId(active)}`);
    if (!l || !tab) return;
    if (tab.offsetLeft < l.scrollLeft) l.scrollLeft = tab.offsetLeft;
    else if (tab.offsetLeft + tab.offsetWidth > l.scrollLeft + l.clientWidth)
      l.scrollLeft = tab.offsetLeft + tab.offsetWidth - l.clientWidth;
  }, [active]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = views.findIndex((v) => v.id === active);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: views.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const view = views[(next + views.length) % views.length];
    if (!view) return;
    onActive(view.id);
    list.current?.querySelector<HTMLElement>(`#${tabId(view.id)}`)?.focus();
  };
  return (
    <div
      ref={list}
      role="tablist"
      aria-label={label}
      onKeyDown={onKeyDown}
      className={`tabs-fade relative flex min-w-0 self-stretch overflow-x-auto [scrollbar-width:thin] ${
        roomForTools ? "flex-initial" : "flex-1"
      }`}
    >
      {views.map((v) => {
        const selected = v.id === active;
        return (
          <button
            key={v.id}
            type="button"
            role="tab"
            id={tabId(v.id)}
            aria-selected={selected}
            aria-controls={bodyId(v.id)}
            tabIndex={selected ? 0 : -1}
            data-testid={`tab-${v.id}`}
            onClick={() => onActive(v.id)}
            className={`focus-inset relative flex shrink-0 items-center gap-1 border-b-2 px-1.5 text-xs font-semibold sm:gap-1.5 sm:px-2.5 sm:uppercase sm:tracking-wide ${selected ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg"}`}
          >
            {v.title}
            {v.badge}
            {v.stale && <StaleBadge />}
          </button>
        );
      })}
    </div>
  );
}

function Buttons({ c, bodyIds }: { c: FrameControls; bodyIds: string }) {
  const btn =
    "focus-inset inline-flex h-7 w-7 items-center justify-center rounded text-sm text-muted hover:bg-surface hover:text-fg " +
    "short:h-6 short:w-6";
  return (
    <div className="ml-auto flex shrink-0 items-center">
      {c.onCollapse && (
        <button
          type="button"
          onClick={c.onCollapse}
          aria-expanded={!c.collapsed}
          aria-controls={bodyIds}
          aria-label={`${c.collapsed ? "Expand" : "Collapse"} ${c.label}`}
          title={`${c.collapsed ? "Expand" : "Collapse"} ${c.label}`}
          data-testid="frame-collapse"
          className={btn}
        >
          <span aria-hidden="true">{c.collapsed ? "▸" : "▾"}</span>
        </button>
      )}
      <button
        type="button"
        onClick={c.onMaximise}
        aria-pressed={c.maximised}
        aria-label={`${c.maximised ? "Restore" : "Maximise"} ${c.label}`}
        title={`${c.maximised ? "Restore" : "Maximise"} ${c.label} (${c.maximiseShortcut} or double-click the header)`}
        data-testid="frame-maximise"
        className={btn}
      >
        <span aria-hidden="true">{c.maximised ? "⤡" : "⤢"}</span>
      </button>
    </div>
  );
}

/**
 * The frame around one or more views: a header (the title, or tabs when there are several views),
 * the collapse and maximise buttons, and the views' bodies (only the active one shown). Double-click
 * the header to maximise or restore. Hidden bodies stay mounted, so scroll positions and selections
 * survive switching.
 */
export function DockFrame({
  frameId,
  label,
  views,
  active,
  onActive,
  controls,
  collapsed = controls?.collapsed ?? false,
  onHeaderDoubleClick = controls?.onMaximise,
  className = "",
}: {
  frameId: string;
  /** The tablist's name when the frame has tabs. */
  label: string;
  views: readonly ViewDef[];
  active: ViewId;
  onActive: (v: ViewId) => void;
  controls?: FrameControls;
  /** Only the header shows (the bodies are hidden, so nothing unseen takes focus). */
  collapsed?: boolean;
  onHeaderDoubleClick?: () => void;
  className?: string;
}) {
  const tabs = views.length > 1;
  const single = views[0];
  // The header's room for the view's toolbar (ViewDef.toolsInHeader): set as it mounts, before the first paint.
  const [tools, setTools] = useState<HTMLElement | null>(null);
  const short = useShortWindow();
  // With tabs (the medium layout's results), only a `"short"` view's toolbar, and only while its tab is chosen: the Trace's
  // run status beside the tabs of a short window (decision 0016, twenty-eighth session).
  const activeView = views.find((v) => v.id === active);
  const toolsInHeader = tabs
    ? activeView?.toolsInHeader === "short" && short
    : single?.toolsInHeader === true || (single?.toolsInHeader === "short" && short);
  // A tab chosen for the user (Run shows the Trace) hides the view the focus was in: the focus goes to the chosen tab instead
  // of dropping to the page, where the next Tab would start over from the header (decision 0016, thirtieth session). Read
  // before the browser moves the focus off the hidden view, which it does at the next paint.
  const shown = useRef(active);
  useLayoutEffect(() => {
    const before = shown.current;
    shown.current = active;
    const focused = document.activeElement;
    if (before === active || !tabs || !focused || !document.getElementById(bodyId(before))?.contains(focused)) return;
    document.getElementById(tabId(active))?.focus();
  }, [active, tabs]);
  const onDoubleClick = (e: MouseEvent<HTMLElement>) => {
    if (!onHeaderDoubleClick || (e.target instanceof Element && e.target.closest("button:not([role=tab]), input, select, a"))) return;
    onHeaderDoubleClick();
  };
  return (
    <div
      data-dock-frame={frameId}
      data-collapsed={collapsed || undefined}
      data-maximised={controls?.maximised || undefined}
      // relative: absolutely placed content (screen-reader-only labels) stays inside the frame, not below the page.
      className={`relative flex h-full min-h-0 min-w-0 flex-1 flex-col overflow-hidden rounded border border-line bg-surface ${className}`}
    >
      <header
        onDoubleClick={onDoubleClick}
        // 32 px; 28 px in a short window (views.ts collapsedPx), its buttons and tools 24 px.
        className={[
          "frame-header flex h-8 shrink-0 items-center gap-1 bg-raised pl-1 pr-0.5 short:h-7",
          collapsed ? "" : "border-b border-line",
        ].join(" ")}
        data-testid="frame-header"
      >
        {tabs || !single ? (
          <Tabs views={views} active={active} onActive={onActive} label={label} roomForTools={toolsInHeader} />
        ) : (
          <h2
            id={titleId(single.id)}
            className="flex min-w-0 items-center gap-1.5 truncate px-1.5 text-xs font-semibold uppercase tracking-wide text-fg"
          >
            {single.title}
            {!toolsInHeader && single.badge}
            {single.stale && <StaleBadge />}
          </h2>
        )}
        {toolsInHeader && <div ref={setTools} className="@container flex min-w-0 flex-1 items-center" data-testid="frame-tools" />}
        {controls && <Buttons c={controls} bodyIds={views.map((v) => bodyId(v.id)).join(" ")} />}
      </header>
      {views.map((v): ReactNode => (
        <div
          key={v.id}
          id={bodyId(v.id)}
          role={tabs ? "tabpanel" : undefined}
          aria-labelledby={tabs ? tabId(v.id) : undefined}
          hidden={collapsed || v.id !== active}
          className="flex min-h-0 flex-1 flex-col"
          data-view={v.id}
        >
          {/* A tab names its view, but a screen reader's list of headings would go from the page's h1 to the view's h3s. */}
          {tabs && <h2 className="sr-only">{v.title}</h2>}
          <DockSlot.Provider
            value={{ labelId: tabs ? tabId(v.id) : titleId(v.id), tools: toolsInHeader && v.id === active ? tools : null }}
          >
            {v.content}
          </DockSlot.Provider>
        </div>
      ))}
    </div>
  );
}

const noop = () => {};

/** The editor's frame: one view, no tabs (the same in the wide and the medium layout). */
export function EditorFrame({ view, controls }: { view: ViewDef; controls: FrameControls }) {
  return <DockFrame frameId="editor" label="Editor" views={[view]} active="editor" onActive={noop} controls={controls} />;
}
