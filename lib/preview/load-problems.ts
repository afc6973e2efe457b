/** What dlt's steps fail on in one load: the messages per table, and the steps (`Preview.refusal`). */
import type { FailedStep } from "./failures";

export class LoadProblems {
  /** The messages per table (deduplicated). */
  readonly byTable = new Map<string, Set<string>>();
  /** dlt's steps that fail on this load's records (nothing of it is then loaded). */
  readonly failedSteps = new Set<FailedStep>();
  /** Per table, the places (record paths, columns) a value dlt fails on was reported for (at most 20). */
  private readonly reported = new Map<string, Set<string>>();

  /** A problem of `table`; `step`: the step of dlt's that fails on it. */
  add(table: string, message: string, step?: FailedStep): void {
    if (step) this.failedSteps.add(step);
    let set = this.byTable.get(table);
    if (!set) this.byTable.set(table, (set = new Set()));
    set.add(message);
  }

  /** Whether `place` of `table` is reported for the first time (and there is room for it). */
  first(table: string, place: string): boolean {
    let seen = this.reported.get(table);
    if (!seen) this.reported.set(table, (seen = new Set()));
    if (seen.has(place) || seen.size >= 20) return false;
    seen.add(place);
    return true;
  }
}
