/**
 * Where validation collects its diagnostics: one per code, place and path (defaults shared by many
 * resources are reported once), at most MAX_DIAGNOSTICS of them. Producers that can report once per
 * element of a long list check `full` and stop: past the limit more work only costs time.
 */
import type { Diagnostic } from "../formats";
import { LIMIT_CODES, MAX_DIAGNOSTICS } from "./limits";

/** What mapIssues and the rules report into. */
export interface DiagnosticOut {
  push(d: Diagnostic): void;
  /** No more diagnostics are kept. */
  readonly full: boolean;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export class DiagnosticSink implements DiagnosticOut {
  private readonly kept = new Map<string, Diagnostic>();

  get full(): boolean {
    return this.kept.size >= MAX_DIAGNOSTICS;
  }

  get errors(): number {
    let n = 0;
    for (const d of this.kept.values()) if (d.severity === "error") n++;
    return n;
  }

  push(d: Diagnostic): void {
    if (this.full) return;
    // A pointer may hold a megabyte key: its length and start tell paths at one place apart.
    const path = d.path.length > 300 ? `${d.path.slice(0, 300)}\u0000${d.path.length}` : d.path;
    const key = `${d.code}\u0000${d.range.start}\u0000${d.range.end}\u0000${path}`;
    if (!this.kept.has(key)) this.kept.set(key, d);
  }

  /** Takes back the diagnostics `excused` picks (what Python restplay left out would have answered). */
  drop(excused: (d: Diagnostic) => boolean): void {
    for (const [key, d] of this.kept) if (excused(d)) this.kept.delete(key);
  }

  pushAll(list: readonly Diagnostic[]): void {
    for (const d of list) this.push(d);
  }

  /** Limits first (they explain the rest), then by position (errors first at the same position), the note of more last. */
  sorted(): Diagnostic[] {
    const list = [...this.kept.values()];
    // Full: producers stopped looking, so there may be more.
    if (this.full) {
      list.push({
        severity: "info",
        code: "too_many_problems",
        path: "",
        range: { start: 0, end: 0 },
        message:
          `restplay stopped looking after the first ${MAX_DIAGNOSTICS.toLocaleString("en-US")} problems, so there may be more. ` +
          "Fix these first: the rest often follow from them.",
      });
    }
    const rank = (d: Diagnostic) => (d.code === "too_many_problems" ? 2 : LIMIT_CODES.has(d.code) ? 0 : 1);
    return list.sort(
      (a, b) => rank(a) - rank(b) || a.range.start - b.range.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
    );
  }
}
