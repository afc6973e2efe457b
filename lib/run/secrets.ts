/**
 * Where each secret's value comes from — one rule for the route, the CLI and the Secrets panel, in
 * dlt's order: a value the user gave (Secrets panel, `--secret`), else the environment variable dlt
 * reads (`CLIENT_ID` for `dlt.secrets["client_id"]`; the CLI only), else dlt's settings files
 * (`.dlt/secrets.toml`, then `.dlt/config.toml` for `dlt.config[...]` only; the CLI only), else missing.
 * With the mock target the mock API's demo value comes before the files (decision 0045): the mock accepts
 * only its demo credentials, and a project's real ones are not sent to it.
 */
import { listSecrets, type SecretUse } from "../config";
import { MOCK_DEMO_SECRETS } from "../mocks";
import {
  getOwn,
  isPython,
  secretEnvName,
  secretLookupNames,
  sectionFallbacks,
  setOwn,
  type HeldValue,
  type RefKind,
  type RefParam,
} from "../shared";

import type { RunTarget } from "./contract";

/** The vocabulary every consumer shows: where the value came from. */
export type SecretSource = "given" | "environment" | "settings_file" | "mock_demo" | "missing";

export interface SecretStatus {
  readonly name: string;
  readonly kind: "secret" | "config";
  readonly source: SecretSource;
  /** With `environment`: the variable the value came from (`GITHUB_TOKEN` for `sources.github.github_token`). */
  readonly variable?: string;
  /** With `settings_file`: the file(s) the value came from (a table may be merged from the project's and the global one). */
  readonly files?: readonly string[];
  /** With `mock_demo`: the settings file(s) whose value the demo value stands in for. */
  readonly shadowed?: readonly string[];
  /** A source function's parameter, looked up under its sections too (lib/config's SecretUse, lib/shared secretLookupNames). */
  readonly param?: RefParam;
  /** Every use reads it with dlt's `get`: without a value it is None, not missing (lib/config's SecretUse). */
  readonly optional?: true;
  /** With `missing`, a secret: the config.toml that has a value under its name, which dlt does not read secrets from. */
  readonly inConfigToml?: readonly string[];
}

/** A dlt settings file as the CLI read it: the project's `.dlt/<kind>` merged over the global one, as dlt merges them. */
export interface SettingsFile {
  /** `config.toml` holds settings only: `dlt.secrets[...]` never reads it. */
  readonly kind: "secrets.toml" | "config.toml";
  /**
   * The value under a name, as text dlt's `auto_cast` reads as the same value, the file(s) it is in, and (`held`) what dlt
   * hands over when the file holds other than text (a number, a bool, a table, a date); `undefined`: none.
   */
  readonly lookup: (name: string) => FileValue | undefined;
}

/** A settings file's value under a name (`SettingsFile.lookup`). */
export interface FileValue {
  readonly value: string;
  readonly files: readonly string[];
  readonly held?: HeldValue;
}

export interface SecretInputs {
  /**
   * Values the user gave, by name (an empty one counts as not given: an empty field of the Secrets panel, `--secret x=`;
   * the environment's and dlt's settings files' empty text is a value, as in dlt).
   */
  readonly given: Readonly<Record<string, string>>;
  /** An empty given value is a value: the CLI's values, resolved already from the environment and dlt's files. */
  readonly emptyGiven?: boolean;
  /** The process environment (the CLI); absent in the browser and the route. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** dlt's settings files, secrets.toml first (the CLI); absent in the browser and the route. */
  readonly settings?: readonly SettingsFile[];
  /**
   * The module's name dlt gives the config's source function (the CLI's Python file's name, lib/shared `moduleOfFile`): a
   * source parameter is looked up under `sources.<module>.…` too. Absent in the browser, and for JSON/YAML.
   */
  readonly module?: string;
  readonly target: RunTarget;
}

/** `held`: what a settings file holds for it as other than text (lib/shared `HeldValue`), never part of a status. */
type Resolved = Omit<SecretStatus, "name" | "kind"> & { readonly value: string | null; readonly held?: HeldValue };

/** Whether a value the user gave counts: an empty one is none (an empty field of the Secrets panel, `--secret x=`). */
const counts = (v: string | undefined, emptyGiven = false): v is string => v !== undefined && (v !== "" || emptyGiven === true);

/**
 * The values a user gave that count (`counts`), for what checks them before a run (lib/config's `refValues`): a cleared
 * field of the Secrets panel is no value, there as in the run (`dlt.config.get("x")` then gives None, not `''`).
 */
export function givenValues(values: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return Object.values(values).every((v) => counts(v)) ? values : Object.fromEntries(Object.entries(values).filter(([, v]) => counts(v)));
}

/** The first settings file of those `kind` may read with a value under one of `names`, and that value. */
function fromFiles(names: readonly string[], files: readonly SettingsFile[]): FileValue | undefined {
  for (const file of files)
    for (const n of names) {
      const found = file.lookup(n);
      // An empty value is a value, as dlt takes it (`api_key = ""` is the empty text; checked with dlt 1.26.0).
      if (found !== undefined) return found;
    }
  return undefined;
}

/**
 * One reference's value and where it came from. The given values, the environment and the settings files are looked up
 * under every name dlt would try, most specific first (lib/shared secretLookupNames: a written `dlt.secrets["a.b"]` under
 * that name only, a source parameter (`param`) under its module's and source's sections and the shorter names), each
 * source under every name before the next, as dlt asks its providers. `kind`: a `dlt.secrets[...]` reference never reads
 * config.toml. The mocks' demo values are keyed by the bare name (`sectionFallbacks`: restplay's, not dlt's).
 */
export function resolveSecret(name: string, inputs: SecretInputs, kind: RefKind = "secret", param?: RefParam): Resolved {
  const names = secretLookupNames(name, param, inputs.module);
  // A given value under a shorter name fills a parameter too, as a secrets.toml `github_token` fills `github_token=dlt.secrets.value`.
  for (const n of names) {
    const given = getOwn(inputs.given, n);
    if (counts(given, inputs.emptyGiven)) return { value: given, source: "given" };
  }
  for (const n of inputs.env ? names : []) {
    const variable = secretEnvName(n);
    const fromEnv = getOwn(inputs.env ?? {}, variable);
    // `API_KEY=` is the empty text for dlt's EnvironProvider (checked with dlt 1.26.0), not a missing value.
    if (fromEnv !== undefined) return { value: fromEnv, source: "environment", variable };
  }
  const readable = (inputs.settings ?? []).filter((f) => kind === "config" || f.kind === "secrets.toml");
  const filed = fromFiles(names, readable);
  for (const n of inputs.target === "mock" ? sectionFallbacks(name) : []) {
    const demo = getOwn(MOCK_DEMO_SECRETS, n);
    if (demo !== undefined) return { value: demo, source: "mock_demo", ...(filed ? { shadowed: filed.files } : {}) };
  }
  if (filed) return { value: filed.value, source: "settings_file", files: filed.files, ...(filed.held ? { held: filed.held } : {}) };
  const unread =
    kind === "secret"
      ? fromFiles(
          names,
          (inputs.settings ?? []).filter((f) => f.kind === "config.toml"),
        )
      : undefined;
  return { value: null, source: "missing", ...(unread ? { inConfigToml: unread.files } : {}) };
}

/**
 * Every referenced secret resolved: the values the engine gets, the status of each, and (`held`, beside the values) what
 * dlt's TOML providers hold for some as other than text, by name (a run's `RunRequest.held`).
 */
export function resolveSecrets(
  uses: readonly SecretUse[],
  inputs: SecretInputs,
): { values: Record<string, string>; held: Record<string, HeldValue>; statuses: SecretStatus[] } {
  const values: Record<string, string> = {};
  const held: Record<string, HeldValue> = {};
  const statuses = uses.map((use): SecretStatus => {
    const { value, held: heldValue, ...where } = resolveSecret(use.name, inputs, use.kind, use.param);
    if (value !== null) setOwn(values, use.name, value);
    if (heldValue !== undefined) setOwn(held, use.name, heldValue);
    return {
      name: use.name,
      kind: use.kind,
      ...where,
      ...(use.optional ? { optional: true as const } : {}),
      ...(use.param !== undefined ? { param: use.param } : {}),
    };
  });
  return { values, held, statuses };
}

/** The names only `dlt.config[...]` refers to (no `dlt.secrets[...]` of the same name): settings the engine does not mask. */
export function settingNames(statuses: readonly SecretStatus[]): string[] {
  const secret = new Set(statuses.filter((s) => s.kind === "secret").map((s) => s.name));
  return [...new Set(statuses.filter((s) => s.kind === "config" && !secret.has(s.name)).map((s) => s.name))];
}

/**
 * The references a Live run of `resources` (every resource when none is named) has no value for, in the config's order:
 * the run would fail on them (`missing_secret`), so the CLI's `run` stops before it starts and the playground's Run says
 * which. A reference that only resources left out of the run use is not needed. A mock run is never stopped: its
 * references take the mock APIs' demo values, and one no mock knows fails in its resource's trace.
 */
export function missingSecrets(config: unknown, inputs: SecretInputs, resources: readonly string[] = []): SecretStatus[] {
  if (inputs.target === "mock") return [];
  // A reference every use reads with dlt's `get` is None without a value, which the run goes on with (get-refs.ts).
  const uses = listSecrets(config).filter((use) => !use.optional && usedBy(config, use.paths, resources));
  return resolveSecrets(uses, inputs).statuses.filter((s) => s.source === "missing");
}

/** Whether a reference at these JSON pointers is read by a run of `resources` (all when empty): one outside `resources` is. */
function usedBy(config: unknown, paths: readonly string[], resources: readonly string[]): boolean {
  if (resources.length === 0) return true;
  const list = typeof config === "object" && config !== null ? (config as { resources?: unknown }).resources : undefined;
  return paths.some((p) => {
    const m = /^\/resources\/(\d+)(?:\/|$)/.exec(p);
    if (!m) return true;
    const entry: unknown = Array.isArray(list) ? list[Number(m[1])] : undefined;
    const name =
      typeof entry === "string"
        ? entry
        : typeof entry === "object" && entry !== null && !isPython(entry)
          ? (entry as { name?: unknown }).name
          : undefined;
    return typeof name === "string" && resources.includes(name);
  });
}
