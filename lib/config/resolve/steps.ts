/**
 * A resource's `processing_steps` as a run applies them (dlt-rest-api.md §12): each dict's `filter`, then
 * `map`, then `yield_map`, list order. Python the playground can run (lib/formats/python-step.ts: a lambda or a
 * plain `def` of the file, in the safe subset, with the module-level constants and functions it reads) is
 * compiled; a resource runs its steps only when it can run every one of them (a step skipped in between would
 * give tables neither dlt nor the config describes).
 */
import type { Path } from "../located";
import type { ResolvedStep } from "../resolved";
import type { RuleContext } from "../rules/context";
import { compileModule, compileStep } from "../../formats";
import type { Obj } from "./values";

const KINDS = ["filter", "map", "yield_map"] as const;

/** Where the resource's `processing_steps` are written (its own, else `resource_defaults`'), or null. */
export function stepsAt(own: Obj | null, defaults: Obj | null, at: Path): Path | null {
  if (own && Object.hasOwn(own, "processing_steps")) return [...at, "processing_steps"];
  return defaults && Object.hasOwn(defaults, "processing_steps") ? ["resource_defaults", "processing_steps"] : null;
}

/** The steps written at `at`, compiled; or the first one that cannot run in the playground, and why (then none run). */
export type CompiledSteps =
  { readonly ok: true; readonly steps: ResolvedStep[] } | { readonly ok: false; readonly at: string; readonly reason: string };

export function compiledSteps(ctx: RuleContext, at: Path): CompiledSteps {
  const list = ctx.loc.node(at);
  if (list?.kind !== "array") return { ok: true, steps: [] };
  const found: { kind: ResolvedStep["kind"]; at: string; fn: ResolvedStep["fn"] }[] = [];
  const reads = new Map<number, string>();
  for (const [i, item] of list.items.entries()) {
    if (item.kind !== "object") continue;
    for (const kind of KINDS) {
      const node = item.entries.find((e) => e.key === kind)?.value;
      if (node === undefined) continue;
      const where = `processing_steps[${i}].${kind}`;
      if (node.kind !== "python") return { ok: false, at: where, reason: "it is not Python code" };
      const module = node.module ?? [];
      const compiled = compileStep(node.definition ?? node.text, compileModule(module.map((m) => m.text)));
      if (!compiled.ok) return { ok: false, at: where, reason: compiled.reason };
      for (const m of module) reads.set(m.at, m.text);
      found.push({ kind, at: where, fn: compiled.fn });
    }
  }
  // One module for the resource's steps: what one of them changes in it (a `seen` set), the others see.
  const module = compileModule([...reads].sort((a, b) => a[0] - b[0]).map((r) => r[1]));
  if (!module.ok) return { ok: false, at: found[0]!.at, reason: module.reason };
  return { ok: true, steps: found.map((s) => ({ ...s, globals: module.globals })) };
}
