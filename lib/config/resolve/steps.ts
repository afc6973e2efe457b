/**
 * A resource's `processing_steps` as a run applies them (dlt-rest-api.md §12): each dict's `filter`, then
 * `map`, then `yield_map`, list order. Python the playground can run (lib/formats/python-step.ts: a lambda or a
 * plain `def` of the file, in the safe subset) is compiled; a resource runs its steps only when it can run every
 * one of them (a step skipped in between would give tables neither dlt nor the config describes).
 */
import type { Path } from "../located";
import type { ResolvedStep } from "../resolved";
import type { RuleContext } from "../rules/context";
import { compileStep } from "../../formats";
import type { Obj } from "./values";

const KINDS = ["filter", "map", "yield_map"] as const;

/** Where the resource's `processing_steps` are written (its own, else `resource_defaults`'), or null. */
export function stepsAt(own: Obj | null, defaults: Obj | null, at: Path): Path | null {
  if (own && Object.hasOwn(own, "processing_steps")) return [...at, "processing_steps"];
  return defaults && Object.hasOwn(defaults, "processing_steps") ? ["resource_defaults", "processing_steps"] : null;
}

/** The steps written at `at`, compiled; `null` when one of them cannot run in the playground (none run). */
export function compiledSteps(ctx: RuleContext, at: Path): ResolvedStep[] | null {
  const list = ctx.loc.node(at);
  if (list?.kind !== "array") return [];
  const steps: ResolvedStep[] = [];
  let failed = false;
  list.items.forEach((item, i) => {
    if (item.kind !== "object" || failed) return;
    for (const kind of KINDS) {
      const node = item.entries.find((e) => e.key === kind)?.value;
      if (node === undefined) continue;
      const compiled = node.kind === "python" ? compileStep(node.definition ?? node.text) : null;
      if (!compiled?.ok) return void (failed = true);
      steps.push({ kind, at: `processing_steps[${i}].${kind}`, fn: compiled.fn });
    }
  });
  return failed ? null : steps;
}
