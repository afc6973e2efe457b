import type { ProblemCounts } from "../problems/group";
import type { RunPhase } from "@/lib/run";

const BASE = "inline-flex items-center gap-1 font-normal normal-case tracking-normal";

/** "✖ 2 ▲ 1" (what is non-zero), "✔" when clean; screen readers hear the words. */
export function ProblemsBadge({ counts, checking }: { counts: ProblemCounts; checking: boolean }) {
  if (checking) return <span className={`${BASE} text-muted`}>…</span>;
  const parts = [
    { n: counts.errors, glyph: "✖", word: "error", className: "text-error" },
    { n: counts.warnings, glyph: "▲", word: "warning", className: "text-warning" },
    { n: counts.infos, glyph: "ℹ", word: "info", className: "text-info" },
  ].filter((p) => p.n > 0);
  if (parts.length === 0)
    return (
      <span className={`${BASE} text-ok`}>
        <span aria-hidden="true">✔</span>
        <span className="sr-only">no problems</span>
      </span>
    );
  return (
    <span className={BASE} data-testid="problems-badge">
      {parts.map((p) => (
        <span key={p.word} className={p.className}>
          {/* Two digits' room: a run's findings (8 → 10 warnings, and back when the next run starts) move no tab. */}
          <span aria-hidden="true">
            {p.glyph} <span className="inline-block min-w-[2ch] tabular-nums">{p.n}</span>
          </span>
          <span className="sr-only">
            {p.n} {p.word}
            {p.n === 1 || p.word === "info" ? "" : "s"}
          </span>
        </span>
      ))}
    </span>
  );
}

/** A count beside a panel's title; none is an empty space as wide as one digit, so the first count moves no tab. */
export function CountBadge({ n, label }: { n: number; label: string }) {
  if (n === 0) return <span aria-hidden="true" className={`${BASE} invisible min-w-[1ch]`} data-testid="count-badge-empty" />;
  return (
    <span className={`${BASE} min-w-[1ch] text-muted`}>
      <span aria-hidden="true">{n}</span>
      <span className="sr-only">
        ({n} {label})
      </span>
    </span>
  );
}

const PHASE: Record<RunPhase, { glyph: string; word: string; className: string } | null> = {
  idle: null,
  running: { glyph: "◐", word: "running", className: "text-info" },
  done: { glyph: "✔", word: "done", className: "text-ok" },
  capped: { glyph: "◼", word: "capped", className: "text-warning" },
  cancelled: { glyph: "■", word: "cancelled", className: "text-warning" },
  failed: { glyph: "✖", word: "failed", className: "text-error" },
};

/** The run's state beside the Trace's title, in a box of one width (none before a run): a run that starts or ends moves no tab. */
export function PhaseBadge({ phase }: { phase: RunPhase }) {
  const p = PHASE[phase];
  const box = `${BASE} w-[1.25em] justify-center`;
  if (!p) return <span aria-hidden="true" className={`${box} invisible`} data-testid="trace-badge-empty" />;
  return (
    <span className={`${box} ${p.className}`} data-testid="trace-badge" data-phase={phase}>
      <span aria-hidden="true">{p.glyph}</span>
      <span className="sr-only">({p.word})</span>
    </span>
  );
}

/** Plain text after a title; left out on a phone-sized screen, where the tabs need the room. */
export function TextBadge({ text }: { text: string }) {
  return <span className={`${BASE} text-muted max-sm:hidden`}>{text}</span>;
}
