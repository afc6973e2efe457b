"use client";
import { memo, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import type { ValidationResult } from "@/lib/config";
import type { QuickFix, Range, Severity } from "@/lib/formats";
import { Panel } from "../ui/Panel";
import { SeverityIcon } from "../ui/Severity";
import { groupProblems, matchesFilter, problemCounts } from "./group";
import { ProblemGroupRow, type RowActions } from "./ProblemRow";

const SEVERITIES: readonly { severity: Severity; one: string; many: string }[] = [
  { severity: "error", one: "error", many: "errors" },
  { severity: "warning", one: "warning", many: "warnings" },
  { severity: "info", one: "info", many: "info" },
];

/** Up and Down move between the problems (Enter shows one in the editor). */
function onListKey(e: KeyboardEvent<HTMLUListElement>) {
  if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>("[data-problem-button]")].filter((b) => b.offsetParent !== null);
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at === -1) return;
  e.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, at + (e.key === "ArrowDown" ? 1 : -1)))]?.focus();
}

/**
 * Every diagnostic: errors first, then warnings, then infos, each by position; a syntax slip's root
 * cause first with its consequences folded under it. Counts, a text filter and severity toggles.
 */
/**
 * A short window's list shows whole rows, none cut at its lower edge (decision 0016, twenty-ninth session): its height is the most
 * compact rows (ProblemRow: 31 px apart, the first's top divider absent) that fit, the rest of the row a margin. `100%` is the
 * list's room (Panel's body row) whether the toolbar sits in the frame's title row (the wide layout) or under the tab (medium).
 */
const WHOLE_ROWS = "short:max-h-[calc(round(down,100%_-_1px,31px)_+_1px)]";

export const ProblemsPanel = memo(function ProblemsPanel({
  validation,
  onReveal,
  onFix,
}: {
  validation: ValidationResult | null;
  onReveal: (range: Range) => void;
  onFix: (fix: QuickFix, forText: string) => void;
}) {
  const [filter, setFilter] = useState("");
  const [hidden, setHidden] = useState<ReadonlySet<Severity>>(new Set());
  const diagnostics = useMemo(() => validation?.diagnostics ?? [], [validation]);
  const text = validation?.document.text ?? "";
  const groups = useMemo(() => groupProblems(text, diagnostics), [text, diagnostics]);
  const counts = problemCounts(diagnostics);
  const shown = groups.filter(
    (g) => !hidden.has(g.root.severity) && [g.root, ...g.consequences].some((d) => matchesFilter(text, d, filter)),
  );
  const list = useRef<HTMLUListElement>(null);
  /** The shown row whose quick fix was just applied: the list the fix leaves shows the row now in its place. */
  const fixedRow = useRef<number | null>(null);
  useEffect(() => {
    const at = fixedRow.current;
    const ul = list.current;
    if (at === null || !ul) return;
    fixedRow.current = null;
    const row = ul.children[Math.min(at, ul.children.length - 1)];
    if (!(row instanceof HTMLElement)) {
      ul.parentElement?.scrollTo({ top: 0 });
      return;
    }
    row.scrollIntoView({ block: "nearest" });
    // The fix's button is gone: keyboard focus goes on to the problem now in its place, unless the fix moved it.
    if (document.activeElement === document.body || !document.activeElement?.isConnected)
      row.querySelector<HTMLButtonElement>("[data-problem-button]")?.focus({ preventScroll: true });
  }, [groups]);
  const rowActions = (i: number): RowActions => ({
    onReveal,
    onFix: (fix, forText) => {
      fixedRow.current = i;
      onFix(fix, forText);
    },
  });
  const count = { error: counts.errors, warning: counts.warnings, info: counts.infos };
  const toggle = (s: Severity) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(s)) next.delete(s);
      else next.add(s);
      return next;
    });

  /** Under the title, or in the frame's header row (the wide layout): there one row, the counts' words where it has room. */
  const toolbar = (inHeader: boolean) => (
    <div
      className={
        inHeader
          ? "flex min-w-0 flex-1 items-center gap-x-1.5 pl-1"
          : "flex shrink-0 flex-wrap items-center gap-x-2 gap-y-1 border-b border-line px-2 py-1"
      }
      data-testid="problems-toolbar"
    >
      {/* The counts are the severity filter: each button shows or hides its severity. */}
      <div
        className={`flex gap-1 ${inHeader ? "shrink-0" : "flex-wrap"}`}
        role="group"
        aria-label="Problems by severity (press to show or hide)"
        data-testid="problems-summary"
      >
        {validation === null ? (
          // As tall as the counts that replace it: the panels below do not move when they come.
          <span className="inline-flex h-6 items-center text-xs text-muted">checking…</span>
        ) : (
          SEVERITIES.map(({ severity, one, many }) => (
            <button
              key={severity}
              type="button"
              aria-pressed={!hidden.has(severity)}
              onClick={() => toggle(severity)}
              title={`${hidden.has(severity) ? "Show" : "Hide"} ${many}`}
              data-testid={`problems-show-${severity}`}
              className={
                "inline-flex h-6 items-center gap-0.5 whitespace-nowrap rounded border px-1.5 text-xs font-normal normal-case " +
                "tracking-normal " +
                (hidden.has(severity) ? "border-dashed border-line text-muted line-through" : "border-line bg-raised text-fg")
              }
            >
              <SeverityIcon severity={severity} />
              {count[severity]}
              {/* A narrow header (a laptop's): the number and its icon; the word stays for screen readers. */}
              <span className={inHeader ? "@max-[26rem]:sr-only" : ""}> {count[severity] === 1 ? one : many}</span>
            </button>
          ))
        )}
      </div>
      <input
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        placeholder="Filter: text, code, line:col"
        // A laptop's Problems panel cuts the placeholder short ("line:co"): the tooltip has it whole.
        title="Filter problems by text, code, path or line:col"
        aria-label="Filter problems"
        data-testid="problems-filter"
        className={
          "h-6 flex-1 rounded border border-line bg-app-bg px-1.5 text-xs font-normal normal-case tracking-normal text-fg " +
          `placeholder:text-muted ${inHeader ? "min-w-16" : "min-w-28"}`
        }
      />
    </div>
  );

  return (
    <Panel title="Problems" titleId="problems-title" testId="problems" toolbar={toolbar} bodyClassName={WHOLE_ROWS}>
      {validation && diagnostics.length === 0 && (
        <p className="p-3 text-sm text-ok">
          <span aria-hidden="true">✔ </span>No problems: the config is valid.
        </p>
      )}
      {validation && diagnostics.length > 0 && shown.length === 0 && (
        <p className="p-3 text-sm text-muted" data-testid="problems-none-shown">
          No problem matches the filter ({diagnostics.length} hidden).
        </p>
      )}
      {/* A short window's rows are 2 px shorter (ProblemRow): the last quick fix's focus ring keeps its room below it. */}
      <ul ref={list} className="divide-y divide-line text-sm short:pb-0.5" aria-label="Problems" onKeyDown={onListKey}>
        {validation &&
          shown.map((g, i) => (
            <ProblemGroupRow key={`${g.root.code}:${g.root.range.start}:${i}`} group={g} text={text} actions={rowActions(i)} />
          ))}
      </ul>
    </Panel>
  );
});
