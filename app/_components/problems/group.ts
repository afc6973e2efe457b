/**
 * The Problems list's order: errors, then warnings, then infos, each by position; and a syntax slip's
 * root cause first with its consequences folded under it.
 *
 * A parser that meets one slip (a mis-indented YAML key, an unclosed Python list) reports it, then
 * often a second syntax error on the same line, and the validator reports what the broken structure
 * now looks like (an unknown key, a missing name, "expects a list; got Python code"). Only the first
 * is worth fixing. The rule, kept deliberately plain so the user can follow it:
 * - every `syntax_error` is a root, unless it starts on a line where an earlier group sits (the start
 *   or end line of one of its members, the others folded in first) — then it is a consequence of that group;
 * - any other diagnostic is a consequence of the first root whose start line it shares, or whose
 *   start it encloses (the value the slip made unreadable); a required key reported missing
 *   (`missing_key`, located at its value's start) of the first root after it (the key may sit in
 *   the text the slip made unreadable);
 * - everything else stands alone.
 */
import { positionAt, type Diagnostic, type Severity } from "@/lib/formats";

/** The code lib/formats gives every parser error (diagnostics.md). */
const SYNTAX = "syntax_error";
const MISSING = "missing_key";

export interface ProblemGroup {
  readonly root: Diagnostic;
  /** Folded under the root, by position. */
  readonly consequences: readonly Diagnostic[];
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const byPosition = (a: Diagnostic, b: Diagnostic) =>
  a.range.start - b.range.start || a.range.end - b.range.end || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];

interface Building {
  readonly root: Diagnostic;
  readonly members: Diagnostic[];
  readonly lines: Set<number>;
}

export function groupProblems(text: string, diagnostics: readonly Diagnostic[]): ProblemGroup[] {
  const lineOf = (offset: number) => positionAt(text, Math.min(offset, text.length)).line;
  const sorted = [...diagnostics].sort(byPosition);
  const groups: Building[] = [];
  const join = (g: Building, d: Diagnostic) => {
    g.members.push(d);
    g.lines.add(lineOf(d.range.start));
    g.lines.add(lineOf(d.range.end));
  };

  const encloses = (g: Building, d: Diagnostic) =>
    lineOf(g.root.range.start) === lineOf(d.range.start) || (d.range.start <= g.root.range.start && g.root.range.start <= d.range.end);
  // In position order, so a consequence that reaches the next line carries the group there.
  const later: Diagnostic[] = [];
  for (const d of sorted) {
    if (d.code === SYNTAX) {
      const owner = groups.find((g) => g.lines.has(lineOf(d.range.start)));
      if (owner) join(owner, d);
      else groups.push({ root: d, members: [], lines: new Set([lineOf(d.range.start), lineOf(d.range.end)]) });
    } else {
      const owner = groups.find((g) => encloses(g, d));
      if (owner) join(owner, d);
      else later.push(d);
    }
  }
  // A value that starts before its slip (an unclosed Python list) meets its root only now.
  const standalone: Diagnostic[] = [];
  for (const d of later) {
    const owner =
      groups.find((g) => encloses(g, d)) ?? (d.code === MISSING ? groups.find((g) => g.root.range.start > d.range.start) : undefined);
    if (owner) join(owner, d);
    else standalone.push(d);
  }

  // A later slip on a line an earlier group reached only through a value folded last (Python's next line) joins it.
  for (let i = groups.length - 1; i > 0; i--) {
    const g = groups[i] as Building;
    const owner = groups.slice(0, i).find((e) => e.lines.has(lineOf(g.root.range.start)));
    if (!owner) continue;
    for (const m of [g.root, ...g.members]) join(owner, m);
    groups.splice(i, 1);
  }

  const all: ProblemGroup[] = [
    ...groups.map((g) => ({ root: g.root, consequences: [...g.members].sort(byPosition) })),
    ...standalone.map((root) => ({ root, consequences: [] })),
  ];
  return all.sort((a, b) => SEVERITY_RANK[a.root.severity] - SEVERITY_RANK[b.root.severity] || byPosition(a.root, b.root));
}

export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export function problemCounts(diagnostics: readonly Diagnostic[]): ProblemCounts {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === "error") errors++;
    else if (d.severity === "warning") warnings++;
  }
  return { errors, warnings, infos: diagnostics.length - errors - warnings };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "1 error, 2 warnings" (and ", 1 info" when there is any). */
export function countsText({ errors, warnings, infos }: ProblemCounts): string {
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}${infos ? `, ${infos} info` : ""}`;
}

/** A problem matches the filter text by message, code, path or `line:column`. */
export function matchesFilter(text: string, d: Diagnostic, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (f === "") return true;
  const at = positionAt(text, d.range.start);
  return [d.message, d.code, d.path, `${at.line}:${at.column}`].some((s) => s.toLowerCase().includes(f));
}
