/**
 * A paginator's or auth's `type`, or a number, bool or dict, given as a reference (`"type": dlt.config["pag_type"]`,
 * `"limit": dlt.config["page_size"]`): Python reads it as it builds the config, so `run` and `check` take its value
 * first (`--secret`, the environment, dlt's settings files, the mock's demo values, as every reference) and check the config as what dlt
 * reads from that value written literally (lib/config/type-refs.ts).
 */
import { listSecrets, runTimeRefs, validateText, type RunTimeRef, type ValidationResult } from "../config";
import type { SecretInputs, SecretStatus } from "../run";
import type { RefNode } from "../formats";
import { getOwn, refSpelling, refTruth, type HeldValues } from "../shared";
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
  /** Python's truth of the references the file's conditionals test, by name, as decided here (lib/run `RunRequest.conditions`). */
  readonly conditions: Readonly<Record<string, boolean>>;
}

/**
 * Python's truth of each reference a conditional tests (`AUTH if TOKEN else None`), from the value the run has for it (looked
 * up as every reference is), recorded in `decided`; `os.environ[...]` is left undecided (the `if` branch).
 */
function conditionTruth(inputs: SecretInputs, resolve: typeof import("../run").resolveSecrets, decided: Record<string, boolean>) {
  return (ref: RefNode): boolean | undefined => {
    if (ref.environ) return undefined;
    const use = { name: ref.name, kind: ref.ref, paths: [], ...(ref.param !== undefined ? { param: ref.param } : {}) };
    const { values, held } = resolve([use], inputs);
    const truth = refTruth(ref, getOwn(values, ref.name), getOwn(held, ref.name));
    if (truth !== undefined) decided[ref.name] = truth;
    return truth;
  };
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
  const { resolveSecrets } = await import("../run");
  const decided: Record<string, boolean> = {};
  const truth = conditionTruth(inputs, resolveSecrets, decided);
  if (every.length === 0) {
    // A conditional's branch may hold references the `if` branch has not (and the other way round): read it as the run decides.
    const validation = first.document.diagnostics.some((d) => d.code === "python_conditional")
      ? validateText(source.config, source.format, { truth })
      : first;
    return { validation, values: {}, held: {}, statuses: [], missing: null, conditions: decided };
  }
  const { values, statuses } = resolveSecrets(
    typed.map((r) => ({ name: r.name, kind: r.kind, paths: [], ...(r.param !== undefined ? { param: r.param } : {}) })),
    inputs,
  );
  // One read with dlt's `get` is None without a value (get-refs.ts), no missing value.
  const absent = typed.filter((r) => r.get === undefined && !Object.hasOwn(values, r.name));
  const missing = first.valid && absent.length > 0 ? absent.map(missingTypeLine).join("\n") : null;
  // Every reference's value is checked where it is (`"https://h:" + dlt.config["port"]` with 8080: Python's TypeError, located).
  const { values: refValues, held } = resolveSecrets(every, inputs);
  const validation = validateText(source.config, source.format, { refValues, held, truth });
  return { validation, values, held, statuses, missing, conditions: decided };
}
