/**
 * A paginator's or auth's `type`, or a number, bool or dict, given as a reference (`"type": dlt.config["pag_type"]`,
 * `"limit": dlt.config["page_size"]`): Python reads it as it builds the config, so `run` and `check` take its value
 * first (`--secret`, the environment, dlt's settings files, the mock's demo values, as every reference) and check the config as what dlt
 * reads from that value written literally (lib/config/type-refs.ts).
 */
import { listSecrets, runTimeRefs, validateText, type RunTimeRef, type ValidationResult } from "../config";
import type { SecretInputs, SecretStatus } from "../run";
import { refSpelling, type HeldValues } from "../shared";
import { supplyHint } from "./dlt-settings";
import type { Source } from "./io";

export interface TypeValues {
  /** The config checked with the values in place (as it was when it has no such reference). */
  readonly validation: ValidationResult;
  readonly values: Record<string, string>;
  /** What dlt's TOML providers hold for the config's references as other than text (lib/shared `HeldValues`), by name. */
  readonly held: HeldValues;
  readonly statuses: SecretStatus[];
  /** What to say when a value is missing (Python fails there: ConfigFieldMissingException); `null` when none is. */
  readonly missing: string | null;
}

/** A reference only a run knows (a typed dict's `type`, a typed value) the run has no value for. */
function missingTypeLine(r: RunTimeRef): string {
  return (
    `missing ${r.kind} ${r.name} (${refSpelling(r.kind, r.name)}), the value of ${r.place}: ` +
    `dlt raises ConfigFieldMissingException reading it; ${supplyHint(r.kind, r.name)}`
  );
}

export async function withTypeValues(source: Source, first: ValidationResult, inputs: SecretInputs): Promise<TypeValues> {
  const typed = first.value === null ? [] : runTimeRefs(first.value);
  const every = first.value === null ? [] : listSecrets(first.value);
  if (every.length === 0) return { validation: first, values: {}, held: {}, statuses: [], missing: null };
  const { resolveSecrets } = await import("../run");
  const { values, statuses } = resolveSecrets(
    typed.map((r) => ({ name: r.name, kind: r.kind, paths: [], ...(r.param !== undefined ? { param: r.param } : {}) })),
    inputs,
  );
  // One read with dlt's `get` is None without a value (get-refs.ts), no missing value.
  const absent = typed.filter((r) => r.get === undefined && !Object.hasOwn(values, r.name));
  const missing = first.valid && absent.length > 0 ? absent.map(missingTypeLine).join("\n") : null;
  // Every reference's value is checked where it is (`"https://h:" + dlt.config["port"]` with 8080: Python's TypeError, located).
  const { values: refValues, held } = resolveSecrets(every, inputs);
  return { validation: validateText(source.config, source.format, { refValues, held }), values, held, statuses, missing };
}
