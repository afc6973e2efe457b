/**
 * What a run needs from validated config text, and nothing more: the route's validation workers send
 * it back to the request thread, where every byte is deserialised in the request's turn (a reply that
 * also held the validated config was twice the size, issue #13). The CLI builds the same.
 */
import { parsePointer, type Diagnostic, type SourceFormat } from "../formats";
import { getOwn, type HeldValues } from "../shared";
import { where } from "./located";
import type { ResolvedSource } from "./resolved";
import { listSecrets, type SecretUse } from "./secrets";
import { validateText } from "./validate";

export interface CheckedConfig {
  readonly valid: boolean;
  /** What the config runs as; `null` when there is any error. */
  readonly source: ResolvedSource | null;
  /** The config's `dlt.secrets[...]` / `dlt.config[...]` references; `[]` when there is any error. */
  readonly secrets: readonly SecretUse[];
  /** Every diagnostic of the document (errors and warnings). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Validates config text into what a run needs (`refValues`: the run's values of its references, `held`: what dlt's TOML
 * providers hold for some as other than text, `conditions`: the truth of the references a Python file's conditionals test,
 * by name, as the CLI decided them; `ValidateOptions`).
 */
export function checkConfig(
  text: string,
  format?: SourceFormat,
  refValues?: Readonly<Record<string, string>>,
  held?: HeldValues,
  conditions?: Readonly<Record<string, boolean>>,
): CheckedConfig {
  const truth = conditions ? (ref: { readonly name: string }) => getOwn(conditions, ref.name) : undefined;
  const r = validateText(text, format, { ...(refValues ? { refValues } : {}), ...(held ? { held } : {}), ...(truth ? { truth } : {}) });
  const ok = r.valid && r.config !== null && r.source !== null;
  // The references as written (`r.value`): one a run's value replaced in the config (`"limit": dlt.secrets["n"]`) is still
  // a secret the run is given, and masked in its trace.
  return { valid: ok, source: ok ? r.source : null, secrets: ok ? listSecrets(r.value) : [], diagnostics: r.diagnostics };
}

/**
 * Why a config with no error is not run, or `null`: a paginator's or auth's `type`, or a typed value (`limit`, a whole
 * `paginator`), known only when dlt runs (a reference without a value for this run, Python restplay does not
 * evaluate) leaves restplay no source to run as dlt would.
 */
export function notRunnableReason(diagnostics: readonly Diagnostic[]): string | null {
  const d = diagnostics.find(
    (x) =>
      x.code === "type_at_run_time" || x.code === "value_at_run_time" || (x.code === "python_not_executed" && x.path.endsWith("/type")),
  );
  if (d === undefined) return unreadPythonReason(diagnostics);
  const at = where(parsePointer(d.path).map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
  const what = d.code === "python_not_executed" ? "Python restplay does not evaluate" : "a reference this run has no value for";
  return d.code === "value_at_run_time"
    ? `${at} is known only when dlt runs (${what}), and dlt fails without it (ConfigFieldMissingException): give the run its ` +
        "value (the Secrets panel, `--secret`, the environment) or write it literally"
    : `${at} is known only when dlt runs (${what}), so restplay has no paginator or auth to run with: write the type itself to run it`;
}

/**
 * A config that fails dlt's schema only where Python restplay does not evaluate stands in (`"limit": int(dlt.config["lim"]) * 2`:
 * no limit without it) has no error and no source: the Python value that is not a callable (a step, an action) or a whole
 * resource is named as the reason.
 */
function unreadPythonReason(diagnostics: readonly Diagnostic[]): string | null {
  const d = diagnostics.find(
    (x) =>
      x.code === "python_not_executed" &&
      !/\/(processing_steps|response_actions)\//.test(x.path) &&
      !/^\/resources\/\d+$/.test(x.path) &&
      !x.path.endsWith("/auth"),
  );
  if (d === undefined) return null;
  const at = where(parsePointer(d.path).map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
  return (
    `${at} is Python restplay does not evaluate, and the config does not run without it (dlt evaluates it when it runs): ` +
    "write the value literally, or as a module-level constant, to run it here"
  );
}
