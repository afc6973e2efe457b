/**
 * The server's own settings for `/api/run`, read from the environment: who may call it, and the
 * ceilings every run gets whatever its body asks for (docs/security.md lists each with its default).
 * Read per request (cheap), so tests and operators can change them without a rebuild.
 */
import { trimChars } from "@/lib/shared";

export interface ServerSettings {
  /** Host names (with or without a port) this deployment answers to; `Host` must be one of them. */
  readonly publicHosts: ReadonlySet<string>;
  /** Origins besides the deployment's own that may POST (e.g. a team's internal tool). */
  readonly allowedOrigins: ReadonlySet<string>;
  /** Ceilings for every run (the body may ask for less, never more). */
  readonly ceilings: {
    readonly maxPages: number;
    readonly maxRequests: number;
    readonly maxRecords: number;
    readonly maxResponseBytes: number;
    readonly maxTotalBytes: number;
    readonly maxDurationMs: number;
  };
  /** Concurrent runs per client (by `X-Forwarded-For`) and in all. */
  readonly runsPerClient: number;
  readonly runsInTotal: number;
  /** Validation off the request thread: workers, the CPU budget of one config, the queue. */
  readonly validation: { readonly workers: number; readonly budgetMs: number; readonly maxQueue: number; readonly queueTimeoutMs: number };
  /** Worker threads the runs execute in (each runs several at once; decision 0040). */
  readonly runWorkers: number;
}

/** Each setting: its environment variable and default. One table, so docs/security.md can be checked against it. */
export const SETTINGS_ENV = {
  publicHosts: ["RESTPLAY_PUBLIC_HOSTS", "localhost,127.0.0.1,[::1]"],
  allowedOrigins: ["RESTPLAY_ALLOWED_ORIGINS", ""],
  maxPages: ["RESTPLAY_MAX_PAGES", 1_000],
  maxRequests: ["RESTPLAY_MAX_REQUESTS", 1_000],
  maxRecords: ["RESTPLAY_MAX_RECORDS", 50_000],
  maxResponseBytes: ["RESTPLAY_MAX_RESPONSE_BYTES", 20 * 1024 * 1024],
  maxTotalBytes: ["RESTPLAY_MAX_RUN_BYTES", 200 * 1024 * 1024],
  maxDurationMs: ["RESTPLAY_MAX_RUN_MS", 120_000],
  runsPerClient: ["RESTPLAY_MAX_RUNS_PER_CLIENT", 4],
  runsInTotal: ["RESTPLAY_MAX_RUNS", 32],
  validationWorkers: ["RESTPLAY_VALIDATION_WORKERS", 2],
  validationBudgetMs: ["RESTPLAY_VALIDATION_BUDGET_MS", 1_500],
  validationQueue: ["RESTPLAY_VALIDATION_QUEUE", 32],
  validationQueueTimeoutMs: ["RESTPLAY_VALIDATION_QUEUE_MS", 2_000],
  runWorkers: ["RESTPLAY_RUN_WORKERS", 2],
} as const satisfies Record<string, readonly [string, string | number]>;

type NumberSetting = {
  [K in keyof typeof SETTINGS_ENV]: (typeof SETTINGS_ENV)[K][1] extends number ? K : never;
}[keyof typeof SETTINGS_ENV];

const warned = new Set<string>();

function positive(env: Readonly<Record<string, string | undefined>>, key: NumberSetting): number {
  const [name, fallback] = SETTINGS_ENV[key];
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw.replace(/_/g, ""));
  if (Number.isSafeInteger(n) && n > 0) return n;
  if (!warned.has(name)) {
    warned.add(name);
    console.warn(`restplay: ${name}=${JSON.stringify(raw)} is not a positive integer; using ${fallback}.`);
  }
  return fallback;
}

function list(value: string | undefined, fallback: string): Set<string> {
  return new Set(
    (value ?? fallback)
      .split(",")
      .map((s) => trimChars(s.trim().toLowerCase(), "/", "end"))
      .filter(Boolean),
  );
}

export function readSettings(env: Readonly<Record<string, string | undefined>> = process.env): ServerSettings {
  const [hostsEnv, hostsDefault] = SETTINGS_ENV.publicHosts;
  const [originsEnv, originsDefault] = SETTINGS_ENV.allowedOrigins;
  return {
    publicHosts: list(env[hostsEnv], hostsDefault),
    allowedOrigins: list(env[originsEnv], originsDefault),
    ceilings: {
      maxPages: positive(env, "maxPages"),
      maxRequests: positive(env, "maxRequests"),
      maxRecords: positive(env, "maxRecords"),
      maxResponseBytes: positive(env, "maxResponseBytes"),
      maxTotalBytes: positive(env, "maxTotalBytes"),
      maxDurationMs: positive(env, "maxDurationMs"),
    },
    runsPerClient: positive(env, "runsPerClient"),
    runsInTotal: positive(env, "runsInTotal"),
    validation: {
      workers: positive(env, "validationWorkers"),
      budgetMs: positive(env, "validationBudgetMs"),
      maxQueue: positive(env, "validationQueue"),
      queueTimeoutMs: positive(env, "validationQueueTimeoutMs"),
    },
    runWorkers: positive(env, "runWorkers"),
  };
}
