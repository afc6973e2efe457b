"use client";
import type { ValidationResult } from "@/lib/config";
import { positionAt, type Diagnostic, type QuickFix, type Range } from "@/lib/formats";
import { Panel } from "../ui/Panel";
import { SeverityIcon } from "../ui/Severity";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function problemCounts(diagnostics: readonly Diagnostic[]) {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
  }
  return { errors, warnings, infos: diagnostics.length - errors - warnings };
}

/**
 * Every diagnostic with its severity, `line:col`, code and message. Clicking one reveals its range in
 * the editor; quick-fix buttons apply the diagnostic's own edits.
 */
export function ProblemsPanel({ validation, onReveal, onFix }: {
  validation: ValidationResult | null;
  onReveal: (range: Range) => void;
  onFix: (fix: QuickFix, forText: string) => void;
}) {
  const diagnostics = validation?.diagnostics ?? [];
  const { errors, warnings, infos } = problemCounts(diagnostics);
  const summary = validation ? `${plural(errors, "error")}, ${plural(warnings, "warning")}${infos ? `, ${infos} info` : ""}` : "checking…";
  return (
    <Panel
      title={<>Problems <span className="font-normal normal-case text-muted" data-testid="problems-summary">({summary})</span></>}
      titleId="problems-title"
      testId="problems"
    >
      {validation && diagnostics.length === 0 && (
        <p className="p-3 text-sm text-ok">
          <span aria-hidden="true">✔ </span>No problems: the config is valid.
        </p>
      )}
      <ul className="divide-y divide-line text-sm" aria-label="Problems">
        {validation &&
          diagnostics.map((d, i) => (
            <ProblemRow key={`${d.code}:${d.range.start}:${i}`} diagnostic={d} text={validation.document.text} onReveal={onReveal} onFix={onFix} />
          ))}
      </ul>
    </Panel>
  );
}

function ProblemRow({ diagnostic: d, text, onReveal, onFix }: {
  diagnostic: Diagnostic;
  text: string;
  onReveal: (range: Range) => void;
  onFix: (fix: QuickFix, forText: string) => void;
}) {
  const at = positionAt(text, d.range.start);
  return (
    <li className="px-2 py-1.5" data-testid="problem" data-severity={d.severity} data-code={d.code}>
      <button
        type="button"
        onClick={() => onReveal(d.range)}
        className="flex w-full items-start gap-2 rounded text-left hover:bg-raised"
        aria-label={`${d.severity} at line ${at.line}, column ${at.column}: ${d.message} (${d.code}). Show in editor.`}
      >
        <SeverityIcon severity={d.severity} />
        <span className="shrink-0 font-mono text-xs leading-5 text-muted">
          {at.line}:{at.column}
        </span>
        <span className="min-w-0 flex-1 leading-5">
          <span className="break-words">{d.message}</span> <code className="text-xs text-muted">{d.code}</code>
        </span>
      </button>
      {d.fixes && d.fixes.length > 0 && (
        <div className="mt-1 flex flex-wrap gap-1 pl-6">
          {d.fixes.map((fix) => (
            <button
              key={fix.title}
              type="button"
              onClick={() => onFix(fix, text)}
              className="rounded border border-accent px-2 py-0.5 text-xs text-fg hover:bg-accent-soft"
              aria-label={`Quick fix: ${fix.title}`}
            >
              <span aria-hidden="true">⚡ </span>
              {fix.title}
            </button>
          ))}
        </div>
      )}
    </li>
  );
}
