/** Test helpers: a fake fetch that records exact requests, and a run collector (tests only). */
import { extract, createVirtualClock, type EngineEvent, type ExtractOptions, type RunLimits } from "./index";
import type { RestApiConfig } from "../config/schema";

export type Handler = (req: Request, n: number) => Response | Promise<Response>;

export function fakeFetch(handler: Handler) {
  const calls: { method: string; url: string; headers: Record<string, string>; body: string }[] = [];
  const fetch = async (req: Request) => {
    calls.push({ method: req.method, url: req.url, headers: Object.fromEntries(req.headers), body: req.method === "GET" ? "" : await req.clone().text() });
    return handler(req, calls.length);
  };
  return { fetch, calls };
}

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => Response.json(body, { status, headers });

export async function collect(config: unknown, fetch: (r: Request) => Promise<Response>, opts: { secrets?: Record<string, string>; limits?: Partial<RunLimits>; resources?: string[]; signal?: AbortSignal } = {}) {
  const clock = createVirtualClock(0);
  const sleeps: number[] = [];
  const sleep = (ms: number, signal?: AbortSignal) => {
    sleeps.push(ms);
    return clock.sleep(ms, signal);
  };
  const events: EngineEvent[] = [];
  const options: ExtractOptions = { config: config as RestApiConfig, secrets: opts.secrets ?? {}, limits: opts.limits, resources: opts.resources };
  for await (const e of extract(options, { fetch, sleep, now: clock.now, virtualClock: true, signal: opts.signal })) events.push(e);
  const of = <T extends EngineEvent["type"]>(t: T) => events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === t);
  return { events, sleeps, clock, of, records: of("page").flatMap((p) => p.records) };
}
