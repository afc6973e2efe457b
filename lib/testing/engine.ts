/**
 * Test helpers (imported by tests only): a hand-written fake `fetch` that records every request
 * exactly, and a runner that collects a run's events on a virtual clock. Configs go through lib/config
 * first, as every run's do: the engine only ever runs a resolved source.
 */
import {
  extract,
  createVirtualClock,
  fetchTransport,
  type EngineDeps,
  type EngineEvent,
  type ExtractOptions,
  type FetchLike,
  type IncrementalState,
  type RunLimits,
} from "../engine";
import { validateValue, type ResolvedSource } from "../config";
import { parseDocument, writeJson, type PlainValue } from "../formats";
import { Locator } from "../config/located";
import { DiagnosticSink } from "../config/sink";
import { resolveSource } from "../config/resolve/index";

/**
 * The resolved source of a config object, as a run gets it (validated as JSON text, then resolved).
 * An invalid config throws with its diagnostics; `unchecked` resolves it anyway, for the tests that
 * drive the engine with what the validator refuses (the engine must be safe on its own).
 */
export function resolved(config: unknown, opts: { readonly unchecked?: boolean } = {}): ResolvedSource {
  if (opts.unchecked) {
    const doc = parseDocument(writeJson(config as PlainValue), "json");
    return resolveSource(config, new Locator(doc), new DiagnosticSink());
  }
  const r = validateValue(config as PlainValue);
  if (r.source) return r.source;
  const errors = r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} at ${d.path || "/"}: ${d.message}`);
  throw new Error(`The test's config is invalid (resolved({…}, { unchecked: true }) runs it anyway):\n${errors.join("\n")}`);
}

export interface Call {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export type Handler = (req: Request, n: number, url: URL) => Response | Promise<Response>;

export function fakeFetch(handler: Handler) {
  const calls: Call[] = [];
  const fetch = async (req: Request) => {
    calls.push({
      method: req.method,
      url: req.url,
      headers: Object.fromEntries(req.headers),
      body: req.method === "GET" ? "" : await req.clone().text(),
    });
    return handler(req, calls.length, new URL(req.url));
  };
  return { fetch, calls, urls: () => calls.map((c) => c.url) };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => Response.json(body, { status, headers });

export const items = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

export interface CollectOptions {
  readonly secrets?: Record<string, string>;
  readonly limits?: Partial<RunLimits>;
  readonly resources?: string[];
  readonly state?: Record<string, IncrementalState>;
  readonly signal?: AbortSignal;
  /** Share a clock with the fake API (to advance virtual time from a handler). */
  readonly clock?: ReturnType<typeof createVirtualClock>;
  /** Override deps (e.g. a real-clock `sleep` for timeout tests). */
  readonly deps?: Partial<EngineDeps>;
  /** Run a config the validator refuses (see `resolved`). */
  readonly unchecked?: boolean;
}

export async function collect(config: unknown, fetch: FetchLike, opts: CollectOptions = {}) {
  const clock = opts.clock ?? createVirtualClock(0);
  const sleeps: number[] = [];
  const sleep = (ms: number, signal?: AbortSignal) => {
    sleeps.push(ms);
    return clock.sleep(ms, signal);
  };
  const events: EngineEvent[] = [];
  const options: ExtractOptions = {
    source: resolved(config, { unchecked: opts.unchecked ?? false }),
    secrets: opts.secrets ?? {},
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.resources ? { resources: opts.resources } : {}),
    ...(opts.state ? { state: opts.state } : {}),
  };
  const deps: EngineDeps = {
    transport: fetchTransport(fetch),
    sleep,
    now: clock.now,
    virtualClock: true,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...opts.deps,
  };
  for await (const e of extract(options, deps)) events.push(e);
  const of = <T extends EngineEvent["type"]>(t: T) => events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === t);
  return {
    events,
    sleeps,
    clock,
    of,
    records: of("page").flatMap((p) => p.records),
    reasons: of("paginator").map((p) => p.reason),
    errors: of("error").map((e) => e.error),
    warnings: of("warning").map((w) => w.code),
    done: events.at(-1),
  };
}

/** One resource `r` at https://api.test with the given endpoint (and client) settings. */
export const one = (endpoint: object, client: object = {}) => ({
  client: { base_url: "https://api.test", ...client },
  resources: [{ name: "r", endpoint: { path: "/items", ...endpoint } }],
});
