/**
 * Where each secret's value comes from — one rule for the route, the CLI and the Secrets panel, in
 * dlt's order: a value the user gave (Secrets panel, `--secret`), else the environment variable dlt
 * reads (`CLIENT_ID` for `dlt.secrets["client_id"]`; the CLI only), else with the mock target the mock
 * API's demo value, else missing.
 */
import { listSecrets, type SecretUse } from "../config";
import { MOCK_DEMO_SECRETS } from "../mocks";
import { getOwn, isPython, secretEnvName, secretLookupNames, setOwn } from "../shared";

import type { RunTarget } from "./contract";

/** The vocabulary every consumer shows: where the value came from. */
export type SecretSource = "given" | "environment" | "mock_demo" | "missing";

export interface SecretStatus {
  readonly name: string;
  readonly kind: "secret" | "config";
  readonly source: SecretSource;
  /** With `environment`: the variable the value came from (`GITHUB_TOKEN` for `sources.github.github_token`). */
  readonly variable?: string;
}

export interface SecretInputs {
  /** Values the user gave, by name (empty strings count as not given). */
  readonly given: Readonly<Record<string, string>>;
  /** The process environment (the CLI); absent in the browser and the route. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly target: RunTarget;
}

/**
 * One secret's value and where it came from. The given values, the environment and the mock's demo
 * values are looked up under every name dlt would try, most specific first (`sources.github.token`,
 * `sources.token`, `token`: lib/shared secretLookupNames).
 */
export function resolveSecret(name: string, inputs: SecretInputs): { value: string | null; source: SecretSource; variable?: string } {
  const names = secretLookupNames(name);
  // A given value under a shorter name fills it too, as a secrets.toml `github_token` fills `sources.github.github_token` in dlt.
  for (const n of names) {
    const given = getOwn(inputs.given, n);
    if (given !== undefined && given !== "") return { value: given, source: "given" };
  }
  for (const n of inputs.env ? names : []) {
    const variable = secretEnvName(n);
    const fromEnv = getOwn(inputs.env ?? {}, variable);
    if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, source: "environment", variable };
  }
  for (const n of inputs.target === "mock" ? names : []) {
    const demo = getOwn(MOCK_DEMO_SECRETS, n);
    if (demo !== undefined) return { value: demo, source: "mock_demo" };
  }
  return { value: null, source: "missing" };
}

/** Every referenced secret resolved: the values the engine gets and the status of each. */
export function resolveSecrets(
  uses: readonly SecretUse[],
  inputs: SecretInputs,
): { values: Record<string, string>; statuses: SecretStatus[] } {
  const values: Record<string, string> = {};
  const statuses = uses.map((use): SecretStatus => {
    const r = resolveSecret(use.name, inputs);
    if (r.value !== null) setOwn(values, use.name, r.value);
    return { name: use.name, kind: use.kind, source: r.source, ...(r.variable ? { variable: r.variable } : {}) };
  });
  return { values, statuses };
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
  const uses = listSecrets(config).filter((use) => usedBy(config, use.paths, resources));
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
