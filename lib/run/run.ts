/**
 * One run, prepared the same way for the server route and the CLI:
 * validate and resolve -> the asked resources checked against the source (the one place) -> secrets
 * (mock demo values fill gaps in mock mode) -> deps -> engine events.
 *
 * Pure TypeScript (no node:*): the route imports it. What differs between callers comes in
 * through `RunEnv`: the live transport (lib/net's: guarded for the route, unguarded for the CLI),
 * the real sleep and clock. Against the mocks every run gets a fresh mock API and a virtual clock
 * (decision 0006), so a run never waits and never touches the network.
 */
import { realBreathe, realSleep, realTimer } from "./real-clock";
import { checkConfig, notRunnableReason, type CheckedConfig, type ResolvedSource } from "../config";
import {
  createVirtualClock,
  extract,
  fetchTransport,
  type EngineDeps,
  type EngineEvent,
  type IncrementalState,
  type RunLimits,
  type Transport,
} from "../engine";
import { createMockApi, type MockSpec } from "../mocks";
import { givenValues, resolveSecrets, settingNames, type SecretStatus } from "./secrets";
import type { RunTarget } from "./contract";
import type { Diagnostic, SourceFormat } from "../formats";
import type { HeldValues } from "../shared";

export interface RunRequest {
  readonly text: string;
  readonly format?: SourceFormat;
  readonly target: RunTarget;
  /** Run only these resources (and the parents they need). Default: every selected resource. */
  readonly resources?: readonly string[];
  /** Values for `dlt.secrets[...]` / `dlt.config[...]` by name. Never stored, never echoed. */
  readonly secrets?: Readonly<Record<string, string>>;
  /**
   * The CLI's: `secrets` are the values it resolved from `--secret`, the environment and dlt's settings files, where an
   * empty one is a value (dlt takes `API_KEY=` as the empty text); without it an empty value is none (the Secrets panel).
   */
  readonly secretsResolved?: boolean;
  /**
   * The CLI's: what dlt's TOML providers hold for some of `secrets` as other than text (a number, a bool, a table, a date;
   * lib/shared `HeldValues`), which dlt hands over as it is (`dlt.config.get("lim")` of `lim = 10` is 10, not '10').
   */
  readonly held?: HeldValues;
  /**
   * The CLI's: Python's truth of the references a Python file's conditionals test (`AUTH if TOKEN else None`), by name, as
   * `restplay run` decided them from the values it has (lib/cli/type-values.ts); without it the `if` branch is read.
   */
  readonly conditions?: Readonly<Record<string, boolean>>;
  readonly limits?: Partial<RunLimits>;
  /** Incremental state from earlier runs of the same session (the engine's `incremental` events). */
  readonly state?: Readonly<Record<string, IncrementalState>>;
  /** With the mock target: also serve the API this imported spec describes (lib/mocks/spec). */
  readonly mockSpec?: MockSpec;
}

/** The run's values as validation checks them: the CLI's as resolved, a user's that count (an empty field is none). */
const refValues = (request: RunRequest) => (request.secrets && !request.secretsResolved ? givenValues(request.secrets) : request.secrets);

export interface RunEnv {
  /** The network for live runs (lib/net's transport). Required for `target: "live"`; the caller guards it. */
  readonly liveTransport?: Transport;
  /** Real sleep for live runs (default: an abortable timer). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Wall clock for live runs (default `Date.now`). */
  readonly now?: () => number;
  /** Real elapsed milliseconds for request durations (default `performance.now`). */
  readonly monotonic?: () => number;
  readonly signal?: AbortSignal;
  /** Whether the thread has room to read a large response body (`EngineDeps.roomToRead`: the route's run workers). */
  readonly roomToRead?: (bytes: number) => boolean;
}

export type RunFailureCode = "invalid_config" | "unknown_resource" | "live_fetch_unavailable";

export type PreparedRun =
  | {
      readonly ok: false;
      readonly code: RunFailureCode;
      readonly message: string;
      /** Every diagnostic of the document (errors and warnings). */
      readonly diagnostics: readonly Diagnostic[];
    }
  | {
      readonly ok: true;
      /** Warnings and infos: they never block a run. */
      readonly diagnostics: readonly Diagnostic[];
      /** The resources asked for (the engine adds the parents they need). */
      readonly resources: string[];
      readonly secrets: SecretStatus[];
      /**
       * Credentials written literally into the config (flagged `hardcoded_secret`): the engine masks them in
       * what it reports; a caller masks them in what it prints around that (a resource named `items?token=…`).
       */
      readonly literalSecrets: readonly string[];
      readonly events: AsyncGenerator<EngineEvent>;
    };

/** The source's resources in config order (it lists them parents first). */
const inConfigOrder = (source: ResolvedSource) => [...source.resources].sort((a, b) => a.index - b.index);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Validates the request and sets up the engine; never throws for bad input. */
export function prepareRun(request: RunRequest, env: RunEnv = {}): PreparedRun {
  // A paginator's or auth's `type` given as a reference is checked and run as the value the run has for it.
  return prepareCheckedRun(checkConfig(request.text, request.format, refValues(request), request.held, request.conditions), request, env);
}

/** Sets up the engine for a config checked elsewhere (the route checks it in a worker); never throws for bad input. */
export function prepareCheckedRun(checked: CheckedConfig, request: Omit<RunRequest, "text" | "format">, env: RunEnv = {}): PreparedRun {
  const diagnostics = checked.diagnostics;
  if (!checked.valid || checked.source === null) {
    const errors = diagnostics.filter((d) => d.severity === "error");
    const first = errors[0];
    const reason = first === undefined ? notRunnableReason(diagnostics) : null;
    return {
      ok: false,
      code: "invalid_config",
      message:
        reason !== null
          ? `Nothing was run: ${reason}.`
          : `The config has ${plural(errors.length, "error")}${first ? `; the first: ${first.message}` : ""}`,
      diagnostics,
    };
  }
  const { source } = checked;

  const known = inConfigOrder(source).map((r) => r.name);
  const asked = request.resources ?? [];
  const unknown = [...new Set(asked.filter((n) => !known.includes(n)))];
  if (unknown.length > 0) {
    return {
      ok: false,
      code: "unknown_resource",
      message: `Unknown resource ${unknown.map((n) => `\`${n}\``).join(", ")}; the config defines ${known.map((n) => `\`${n}\``).join(", ") || "no resources"}.`,
      diagnostics,
    };
  }
  if (request.target === "live" && !env.liveTransport) {
    return {
      ok: false,
      code: "live_fetch_unavailable",
      message: "Live runs are not available here: no network access was provided. Run against the mock API instead.",
      diagnostics,
    };
  }

  const { values, statuses: secrets } = resolveSecrets(checked.secrets, {
    given: request.secrets ?? {},
    target: request.target,
    ...(request.secretsResolved ? { emptyGiven: true } : {}),
  });

  const monotonic = env.monotonic ?? (() => performance.now());
  let deps: EngineDeps;
  if (request.target === "mock") {
    const clock = createVirtualClock();
    // The mock's slow endpoints wait on the same virtual clock, so their latency is virtual too.
    deps = {
      transport: fetchTransport(
        createMockApi({ sleep: (ms) => clock.sleep(ms), ...(request.mockSpec ? { spec: request.mockSpec } : {}) }).fetch,
      ),
      sleep: clock.sleep,
      now: clock.now,
      virtualClock: true,
      monotonic,
      breathe: realBreathe,
      ...(env.signal ? { signal: env.signal } : {}),
      ...(env.roomToRead ? { roomToRead: env.roomToRead } : {}),
    };
  } else {
    deps = {
      transport: env.liveTransport as Transport,
      // A caller's own sleep (tests) times attempts too; the real clock's timer costs less per attempt.
      ...(env.sleep ? { sleep: env.sleep } : { sleep: realSleep, timer: realTimer }),
      now: env.now ?? (() => Date.now()),
      virtualClock: false,
      monotonic,
      breathe: realBreathe,
      ...(env.signal ? { signal: env.signal } : {}),
      ...(env.roomToRead ? { roomToRead: env.roomToRead } : {}),
    };
  }

  const resources =
    asked.length > 0
      ? [...asked]
      : inConfigOrder(source)
          .filter((r) => r.selected)
          .map((r) => r.name);
  const engine = extract(
    {
      source,
      secrets: values,
      ...(request.held ? { held: request.held } : {}),
      settings: settingNames(secrets),
      ...(asked.length > 0 ? { resources: [...asked] } : {}),
      ...(request.limits ? { limits: request.limits } : {}),
      ...(request.state ? { state: request.state } : {}),
    },
    deps,
  );
  const standIns = diagnostics.filter((d) => d.code === "python_stand_in");
  const events = standIns.length > 0 ? sayStandIns(engine, standIns) : engine;
  return { ok: true, diagnostics, resources, secrets, literalSecrets: source.literalSecrets ?? [], events };
}

/**
 * A Python class run through a declarative stand-in (`# restplay: run as header_link`, decision 0022) is
 * said in the trace, right after the run starts: never silent. The engine runs the stand-in as written.
 */
async function* sayStandIns(events: AsyncGenerator<EngineEvent>, standIns: readonly Diagnostic[]): AsyncGenerator<EngineEvent> {
  for await (const e of events) {
    yield e;
    if (e.type === "run_start") for (const d of standIns) yield { type: "warning", code: "python_stand_in", message: d.message };
  }
}
