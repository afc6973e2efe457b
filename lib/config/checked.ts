/**
 * What a run needs from validated config text, and nothing more: the route's validation workers send
 * it back to the request thread, where every byte is deserialised in the request's turn (a reply that
 * also held the validated config was twice the size, issue #13). The CLI builds the same.
 */
import type { Diagnostic, SourceFormat } from "../formats";
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

/** Validates config text into what a run needs. */
export function checkConfig(text: string, format?: SourceFormat): CheckedConfig {
  const r = validateText(text, format);
  const ok = r.valid && r.config !== null && r.source !== null;
  return { valid: ok, source: ok ? r.source : null, secrets: ok ? listSecrets(r.config) : [], diagnostics: r.diagnostics };
}
