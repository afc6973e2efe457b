/**
 * What the `/api/duckdb/*` routes share (decision 0019): the callers `/api/run` accepts (same host,
 * same origin, JSON bodies), bodies read with a size cap and checked by lib/duck's contract, one
 * process-wide set of sessions, and the error envelope `{ "error": { code, message } }`.
 */
import { DEFAULT_SYNC_MAX_BYTES, DuckLoadError, DuckSessions, checkBody, type DuckApiError } from "@/lib/duck";
import type { z } from "zod";
import { parseLossless, type SideTables } from "@/lib/engine";
import { BodyError, readLimitedText } from "../run/body";
import { checkCaller } from "../run/caller";
import { readSettings } from "../run/settings";

const global = globalThis as typeof globalThis & {
  __restplayDuckSessions?: DuckSessions;
  __restplayDuckSlots?: Map<SlotKind, { busy: number; clients: Map<string, number> }>;
};

const sessionLimit = (): number => Number(process.env.RESTPLAY_DUCKDB_SESSIONS ?? 4) || 4;

/** Sessions one client (`clientKey`) may hold: a teammate's two tabs. */
const sessionsPerClient = (): number => Number(process.env.RESTPLAY_DUCKDB_SESSIONS_PER_CLIENT ?? 2) || 2;

/**
 * The server's sessions, per client (kept on globalThis so a dev reload does not orphan open
 * databases). Callers name the client with `clientKey`, as runs and DuckDB slots are counted.
 */
export function sessions(): DuckSessions {
  global.__restplayDuckSessions ??= new DuckSessions({ sessions: sessionLimit(), perClient: sessionsPerClient(), idleMs: 30 * 60_000 });
  return global.__restplayDuckSessions;
}

/** DuckDB work one client may have in flight (a query and a download; two syncs): fewer than all, so one client cannot take every slot. */
const perClientLimit = (): number => Number(process.env.RESTPLAY_DUCKDB_PER_CLIENT ?? 2) || 2;

/** What a slot is for: DuckDB work (a query, a file), or a sync (a body of up to `syncLimit()` read and checked). */
type SlotKind = "work" | "sync";

const BUSY: Record<SlotKind, { mine: (n: number) => string; all: string }> = {
  work: {
    mine: (n) => `You already have ${n} SQL queries or downloads in progress; wait for one to finish.`,
    all: "The server is busy with other SQL queries and downloads; try again in a moment.",
  },
  sync: {
    mine: (n) => `You already have ${n} destinations on their way to the SQL console; wait for one to arrive.`,
    all: "The server is busy receiving other destinations for the SQL console; try again in a moment.",
  },
};

/**
 * DuckDB work (a query, a file) in flight in the whole server is at most the number of sessions (an
 * evicted session's work still finishes, so the session cap alone would not bound it), and per client
 * (`clientKey`, as runs are counted) at most `RESTPLAY_DUCKDB_PER_CLIENT`; syncs (each a body of up to
 * `RESTPLAY_DUCKDB_MAX_BYTES` in memory while it is read and checked) are counted apart, with the same
 * limits. Beyond either: 503.
 */
export async function withDuckSlot(client: string, work: () => Promise<Response>, kind: SlotKind = "work"): Promise<Response> {
  const slots = (global.__restplayDuckSlots ??= new Map());
  let slot = slots.get(kind);
  if (!slot) slots.set(kind, (slot = { busy: 0, clients: new Map<string, number>() }));
  const mine = slot.clients.get(client) ?? 0;
  if (slot.busy >= sessionLimit() || mine >= perClientLimit()) {
    const refused = duckError(503, { code: "server_busy", message: mine >= perClientLimit() ? BUSY[kind].mine(mine) : BUSY[kind].all });
    refused.headers.set("retry-after", "2");
    return refused;
  }
  slot.busy++;
  slot.clients.set(client, mine + 1);
  try {
    return await work();
  } finally {
    slot.busy--;
    const left = (slot.clients.get(client) ?? 1) - 1;
    if (left <= 0) slot.clients.delete(client);
    else slot.clients.set(client, left);
  }
}

export const syncLimit = (): number => Number(process.env.RESTPLAY_DUCKDB_MAX_BYTES ?? DEFAULT_SYNC_MAX_BYTES) || DEFAULT_SYNC_MAX_BYTES;

export const duckError = (status: number, error: DuckApiError): Response =>
  Response.json({ error }, { status, headers: { "cache-control": "no-store" } });

/** What a route answers when loading or reading the destination throws: 422 for a value DuckDB refuses (dlt's load fails too). */
export const duckFailed = (e: unknown): Response =>
  e instanceof DuckLoadError
    ? duckError(422, { code: "load_fails", message: e.message })
    : duckError(500, { code: "internal_error", message: `DuckDB failed: ${e instanceof Error ? e.message : String(e)}` });

export const unknownDestination = (): Response =>
  duckError(409, {
    code: "destination_unknown",
    message: "The server does not hold this destination (yet): send it with /api/duckdb/sync.",
  });

/** The caller checked, the body read and checked: the body, or the response that refuses it. */
/**
 * The request's JSON body, checked against `schema`. With `sink`, numbers `JSON.parse` would change
 * (`46.0` in a json cell) are read with their spelling, keys with their order (the engine's `parseLossless`).
 */
export async function readBody<T>(
  request: Request,
  schema: z.ZodType<T>,
  limit: number,
  sink?: SideTables,
): Promise<{ body: T } | { refused: Response }> {
  const refused = checkCaller(request, readSettings());
  if (refused) return { refused: duckError(refused.status, { code: refused.code, message: refused.message }) };
  let json: unknown;
  try {
    const text = await readLimitedText(request, limit);
    json = sink ? parseLossless(text, sink) : JSON.parse(text);
  } catch (e) {
    if (e instanceof BodyError && e.status === 413)
      return { refused: duckError(413, { code: "payload_too_large", message: `The request body is larger than ${limit} bytes.` }) };
    return { refused: duckError(400, { code: "bad_request", message: e instanceof Error ? e.message : String(e) }) };
  }
  const checked = checkBody(schema, json);
  if (!checked.ok) return { refused: duckError(400, { code: "bad_request", message: checked.message }) };
  return { body: checked.body };
}
