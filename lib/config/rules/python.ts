/**
 * Python code in the config (`{"$python": …}`: a callable, a paginator or auth object, a session, a
 * dlt resource): checked only for where it is used, never run in the playground. Marked as such.
 */
import type { Path } from "../located";
import { where } from "../located";
import { dltClass, type DltClass } from "../../formats";
import { isObj, type RuleContext } from "./context";
import { compiledSteps } from "../resolve/steps";
import { compiledInitialValue } from "../resolve/incremental";
import { evaluateInitialValue, isPython, markedAs, pyRepr } from "../../shared";

/** What the Python reader says of a value it keeps as code, which says all there is to say of it. */
const READER_SAID: ReadonlySet<string> = new Set(["python_custom_class", "invalid_type", "python_named_escape"]);

export function markPython(ctx: RuleContext, value: unknown, at: Path): void {
  // One path, extended and cut back as the walk goes (copied only for a finding): configs may be large.
  walk(ctx, value, [...at]);
}

function walk(ctx: RuleContext, v: unknown, path: (string | number)[]): void {
  if (typeof v !== "object" || v === null || ctx.full) return;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      walk(ctx, v[i], path);
      path.pop();
    }
    return;
  }
  // A reference or text made with references, even one written wrong (with a `$python` key too), is no Python.
  const marker = markedAs(v);
  if (!isObj(v) || marker === "$secret" || marker === "$config" || marker === "$format") return;
  if (isPython(v)) {
    const code = v.$python.length > 40 ? `${v.$python.slice(0, 39)}…` : v.$python;
    const here = [...path];
    if (path[path.length - 1] === "session" && CLIENT_CALL.test(v.$python.trim())) return clientAsSession(ctx, here);
    const uncalled = classNotCalled(v.$python, path[path.length - 1]);
    if (uncalled) return classNotInstance(ctx, here, uncalled);
    // The reader already said what this is (a custom paginator or auth class: python-custom.ts; a `\N{…}` escape).
    const range = ctx.loc.value(here);
    if (ctx.doc.diagnostics.some((d) => READER_SAID.has(d.code) && d.range.start >= range.start && d.range.end <= range.end)) return;
    const computed = computedNote(ctx, here, code) ?? stepNote(ctx, here, code);
    ctx.add({
      at: here,
      severity: "info",
      code: computed?.code ?? "python_not_executed",
      range: ctx.loc.value(here),
      message:
        computed?.message ??
        `${here.length ? where(here) : "This value"} is Python code (\`${code}\`): validated, not executed in the playground. ` +
          `dlt runs it; ${instead(here)}.`,
    });
    return;
  }
  for (const k of Object.keys(v)) {
    path.push(k);
    walk(ctx, v[k], path);
    path.pop();
  }
}

/** What a playground run does instead of running the Python at `path` (the engine's behaviour). */
function instead(path: readonly (string | number)[]): string {
  const last = path[path.length - 1];
  if (path.length === 2 && path[0] === "resources") return "a playground run leaves this resource out";
  if (last === "auth") return "a playground run stops the resources that use it (a custom auth object cannot run here)";
  if (path.includes("processing_steps")) return "a playground run skips this step: the records pass through as the API sent them";
  if (last === "paginator") return "a playground run pages as if none were set here (the client's paginator, or dlt's `auto` detection)";
  return "a playground run leaves the value out";
}

type Note = { readonly code: "python_computed" | "python_executed" | "python_not_executed"; readonly message: string };

/** An incremental's initial value written as a Python expression the engine computes (lib/shared `evaluateInitialValue`). */
function computedNote(ctx: RuleContext, path: readonly (string | number)[], shown: string): Note | null {
  const now =
    path[path.length - 1] === "initial_value" ? evaluateInitialValue(compiledInitialValue(ctx.loc, path) ?? undefined, Date.now()) : null;
  return now === null
    ? null
    : {
        code: "python_computed",
        message:
          `${where(path)} is Python code (\`${shown}\`) that a playground run computes as Python does, at the run's time (now: ` +
          `${pyRepr(now)}; against a mock, the mock's clock), as dlt computes it when it runs.`,
      };
}

/**
 * A processing step: the playground runs it (every step of its list is in the subset lib/formats/python-step.ts
 * compiles), or why not (the first step of the list it cannot run: none of them run).
 */
function stepNote(ctx: RuleContext, path: readonly (string | number)[], shown: string): Note | null {
  const list = path.lastIndexOf("processing_steps");
  if (list < 0 || path.length !== list + 3) return null;
  const compiled = compiledSteps(ctx, path.slice(0, list + 1));
  if (!compiled.ok) {
    const here = `processing_steps[${path[list + 1]}].${path[list + 2]}`;
    const why =
      compiled.at === here
        ? compiled.reason
        : `\`${compiled.at}\` of the same list cannot (${compiled.reason}), and a resource runs all its steps or none`;
    return {
      code: "python_not_executed",
      message:
        `${where(path)} is Python code (\`${shown}\`): validated, not executed in the playground, outside the Python it runs: ${why}. ` +
        `dlt runs it; ${instead(path)}.`,
    };
  }
  return {
    code: "python_executed",
    message:
      `${where(path)} is Python code (\`${shown}\`): validated, and a playground run runs this step as dlt does ` +
      "(per record, before the incremental filter and the children).",
  };
}

/** A dlt paginator or auth class named where its key takes an instance (`"paginator": SinglePagePaginator`). */
function classNotCalled(code: string, key: string | number | undefined): DltClass | null {
  const name = /^(?:[A-Za-z_]\w*\.)*([A-Za-z_]\w*)$/.exec(code.trim())?.[1];
  const c = name !== undefined ? dltClass(name) : undefined;
  return c && (c.kind === "paginator" || c.kind === "auth") && c.kind === key ? c : null;
}

/**
 * The class itself, not an object of it: dlt refuses the config when it builds the source (a paginator:
 * DictValidationException; an auth: TypeError, argument of type 'ABCMeta' is not iterable).
 */
function classNotInstance(ctx: RuleContext, at: (string | number)[], c: DltClass): void {
  const range = ctx.loc.value(at);
  ctx.add({
    at,
    severity: "error",
    code: "python_class_not_instance",
    range,
    message:
      `${where(at)} is the class \`${c.name}\`, not ${c.kind === "auth" ? "an auth object" : "a paginator"}: dlt needs an instance ` +
      `(\`${c.name}(…)\`) and refuses the config when it builds the source` +
      `${c.kind === "auth" ? " (TypeError: argument of type 'ABCMeta' is not iterable)" : " (DictValidationException)"}.`,
    fixes: [{ title: `Call it: \`${c.name}()\``, edits: [{ range: { start: range.end, end: range.end }, newText: "()" }] }],
  });
}

/** dlt's `Client(...)` (dlt.sources.helpers.requests) called, without `.session` after it. */
const CLIENT_CALL = /^(?:[\w.]*\.)?Client\s*\([^]*\)$/;

/**
 * `"session": requests.Client(…)` (advanced.md's timeout example as written): dlt deep-copies the config
 * to validate it and fails on the client (TypeError: cannot pickle '_thread._local' object); its
 * `.session` is the `requests.Session` the key takes.
 */
function clientAsSession(ctx: RuleContext, at: (string | number)[]): void {
  const range = ctx.loc.value(at);
  ctx.add({
    at,
    severity: "error",
    code: "session_not_a_session",
    range,
    message:
      `${where(at)} is a \`Client\`, not its session: dlt copies the config to validate it and fails on the client ` +
      "(TypeError: cannot pickle '_thread._local' object). Pass its `.session` (a requests Session), as dlt's own examples do.",
    fixes: [{ title: "Pass the client's `.session`", edits: [{ range: { start: range.end, end: range.end }, newText: ".session" }] }],
  });
}
