"use client";
import { useId, useLayoutEffect, useRef, useState } from "react";
import { positionAt, type Diagnostic, type QuickFix, type Range } from "@/lib/formats";
import { SeverityIcon } from "../ui/Severity";
import type { ProblemGroup } from "./group";
import { InlineCode } from "../ui/InlineCode";
import { revealInTrace } from "../trace/reveal";

export interface RowActions {
  readonly onReveal: (range: Range) => void;
  readonly onFix: (fix: QuickFix, forText: string) => void;
}

/** One problem: a button that shows it in the editor (Enter or click), then its quick fixes. */
function Problem({ d, text, actions, nested = false }: { d: Diagnostic; text: string; actions: RowActions; nested?: boolean }) {
  const at = positionAt(text, d.range.start);
  // Long messages (a list of allowed keys) show three lines until the problem is chosen or focused: the list stays scannable.
  const [whole, setWhole] = useState(false);
  // A short window's wide layout: one line that fills the row (a line clamp would end it before a long `code` span), its
  // quick fixes at its end; chosen, or with the focus in it, the row is the tall layout's again (the message whole above
  // its fixes, not wrapped in a narrow column taller than the panel).
  const [focused, setFocused] = useState(false);
  const compact = !whole && !focused;
  const row = useRef<HTMLDivElement>(null);
  // The browser scrolled the focused row into sight while it was one line: the row it grew into is in sight too.
  useLayoutEffect(() => {
    if (focused) revealInTrace(row.current, "nearest");
  }, [focused]);
  // One line, the fixes by their verb (`⚡ Rename`): the message gets the row (at 1280 px ~200 px of it beside a fix's
  // title cut short). Each fix's whole title is its tooltip and its accessible name.
  const fixesRow = compact ? "short:mt-0 short:shrink-0 short:flex-nowrap short:py-0.5 short:pl-0" : "";
  // At least as wide as `⚡ Remove`: the fixes of a list line up, and so do the messages' ends.
  const oneLine = compact ? "short:min-w-20 short:whitespace-nowrap" : "";
  const verbs = (d.fixes ?? []).map((f) => f.title.split(/\s/, 1)[0] ?? f.title);
  const clamp =
    "line-clamp-3 group-focus-visible:line-clamp-none" +
    (compact ? " short:block short:overflow-hidden short:text-ellipsis short:whitespace-nowrap" : "");
  return (
    <div
      ref={row}
      data-testid="problem"
      data-severity={d.severity}
      data-code={d.code}
      // The keyboard's focus only: a pointer's press on a quick fix focuses it first, and the row growing under the pointer
      // then moved the fix away before the click (which the row's click-to-read-whole covers for the message anyway).
      onFocus={(e) => setFocused((was) => was || e.target.matches(":focus-visible"))}
      onBlur={(e) => setFocused(e.currentTarget.contains(e.relatedTarget))}
      className={`${compact ? "short:flex short:items-start short:gap-1" : ""} ${nested ? "pl-5" : ""}`}
    >
      <button
        type="button"
        data-problem-button
        onClick={() => {
          setWhole(true);
          actions.onReveal(d.range);
        }}
        title="Show in the editor"
        className="focus-inset group flex w-full min-w-0 items-start gap-2 rounded px-1 py-0.5 text-left hover:bg-raised short:flex-1"
      >
        <SeverityIcon severity={d.severity} />
        {/* Five characters wide at least (`26:21`): the messages of a list start in one column. */}
        <span className="min-w-[5ch] shrink-0 text-right font-mono text-xs leading-5 text-muted">
          {at.line}:{at.column}
        </span>
        <span className={`min-w-0 flex-1 leading-5 ${whole ? "" : clamp}`}>
          <span className="break-words">
            <InlineCode text={d.message} />
          </span>{" "}
          <code className="text-xs text-muted">{d.code}</code>
        </span>
      </button>
      {d.fixes && d.fixes.length > 0 && (
        <div className={`mt-1 flex flex-wrap gap-1 pl-7 ${fixesRow}`}>
          {d.fixes.map((fix, i) => {
            const verb = verbs[i] ?? "Fix";
            const short = verbs.indexOf(verb) === verbs.lastIndexOf(verb) ? verb : `${verb} ${i + 1}`;
            return (
              <button
                key={fix.title}
                type="button"
                onClick={() => actions.onFix(fix, text)}
                title={fix.title}
                aria-label={`Quick fix: ${fix.title}`}
                data-testid="quick-fix"
                className={`rounded border border-accent px-2 py-0.5 text-left text-xs text-fg hover:bg-accent-soft ${oneLine}`}
              >
                <span aria-hidden="true">⚡ </span>
                <span className={compact ? "short:hidden" : ""}>{fix.title}</span>
                {compact && <span className="hidden short:inline">{short}</span>}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** A root problem, and the problems it caused folded under it (a syntax slip's consequences). */
export function ProblemGroupRow({ group, text, actions }: { group: ProblemGroup; text: string; actions: RowActions }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const n = group.consequences.length;
  return (
    <li className="px-1.5 py-1 short:py-0.5" data-testid="problem-group" data-consequences={n}>
      <Problem d={group.root} text={text} actions={actions} />
      {n > 0 && (
        <>
          <button
            type="button"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen((o) => !o)}
            data-testid="problem-consequences-toggle"
            className="focus-inset ml-7 mt-0.5 rounded px-1 text-xs text-muted hover:bg-raised hover:text-fg"
          >
            <span aria-hidden="true">{open ? "▾ " : "▸ "}</span>
            {n === 1 ? "1 more problem" : `${n} more problems`} caused by this one
          </button>
          <div id={listId} hidden={!open} className="mt-0.5 space-y-0.5 border-l-2 border-line ml-3">
            {group.consequences.map((c, i) => (
              <Problem key={`${c.code}:${c.range.start}:${i}`} d={c} text={text} actions={actions} nested />
            ))}
          </div>
        </>
      )}
    </li>
  );
}
