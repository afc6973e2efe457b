/**
 * The run contract (issue #14): one declaration of what the browser sends to POST /api/run, what it
 * gets back when the run cannot start (the error envelope with literal codes), and the NDJSON stream
 * of checked events it gets when it can. The route, the browser and the tests all use these.
 */
import { MAX_PAGES_RANGE } from "./limits";
import { z } from "zod";
import type { Diagnostic } from "../formats";
import type { EngineEvent } from "../engine";
import { isPrototypeKey } from "../shared";
import { EngineEventSchema, IncrementalStateSchema } from "./events";
import { MockSpecSchema } from "../mocks";

export const RUN_TARGETS = ["mock", "live"] as const;
export type RunTarget = (typeof RUN_TARGETS)[number];

/** Largest request body (the config text is most of it). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Deepest nesting a body may have (incremental cursor values are scalars or small objects). */
export const MAX_BODY_DEPTH = 32;
/** Secrets one run may carry, and the longest value (masking searches every value in every response). */
export const MAX_SECRETS = 100;
export const MAX_SECRET_LENGTH = 16 * 1024;

/** Names that would reach an object's prototype instead of its own keys (lib/shared). */
const ownKey = z
  .string()
  .refine((k) => !isPrototypeKey(k), { message: "`__proto__`, `constructor` and `prototype` are not allowed as names" });

export const RunBodySchema = z
  .object({
    config: z.string().describe("The config text (Python dict, JSON or YAML)."),
    target: z.enum(RUN_TARGETS),
    resources: z.array(z.string().min(1)).max(1000).optional(),
    secrets: z
      .record(ownKey, z.string().max(MAX_SECRET_LENGTH))
      .refine((r) => Object.keys(r).length <= MAX_SECRETS, { message: `at most ${MAX_SECRETS} secrets` })
      .optional(),
    max_pages: z.number().int().min(MAX_PAGES_RANGE.min).max(MAX_PAGES_RANGE.max).optional(),
    /** Incremental state from earlier runs of this playground session, by resource (the engine's `incremental` events). */
    state: z.record(ownKey, IncrementalStateSchema).optional(),
    /** Issue #11: an imported spec's mock (lib/mocks/spec), served besides the built-in mocks when `target` is "mock". */
    mock_spec: MockSpecSchema.optional(),
  })
  .strict();

/** The body as the route reads it. */
export type RunBody = z.infer<typeof RunBodySchema>;

/** The first place where `value` nests deeper than `max` levels, or null. Iterative: a deep body cannot overflow the stack. */
export function tooDeep(value: unknown, max: number): string | null {
  const stack: [unknown, string, number][] = [[value, "", 0]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop() as [unknown, string, number];
    if (v === null || typeof v !== "object") continue;
    if (depth >= max) return path || "(body)";
    for (const [k, x] of Object.entries(v)) stack.push([x, path ? `${path}.${k}` : k, depth + 1]);
  }
  return null;
}

const issuePath = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join(".") : "(body)");

/** Checks a parsed body; the message names the offending field. */
export function checkRunBody(json: unknown): { ok: true; body: RunBody } | { ok: false; message: string } {
  const deep = tooDeep(json, MAX_BODY_DEPTH);
  if (deep !== null) return { ok: false, message: `Invalid request body at ${deep}: nested deeper than ${MAX_BODY_DEPTH} levels.` };
  const parsed = RunBodySchema.safeParse(json);
  if (parsed.success) return { ok: true, body: parsed.data };
  const first = parsed.error.issues[0];
  const where = first ? `${issuePath(first.path)}: ${first.message}` : "invalid body";
  return {
    ok: false,
    message:
      `Invalid request body at ${where}. Expected {"config": string, "target": "mock"|"live", "resources"?: string[], ` +
      `"secrets"?: {name: value}, "max_pages"?: integer, "state"?: {resource: {cursor_path, last_value, initial_value, unique_hashes?}}, ` +
      `"mock_spec"?: {title, base_url, auth, endpoints}}.`,
  };
}

/** Every code a refused run answers with; clients switch on these, never on message text (rule 5). */
export const API_ERROR_CODES = [
  "payload_too_large",
  "bad_request",
  "invalid_config",
  "unknown_resource",
  "live_fetch_unavailable",
  "config_too_complex",
  "cross_site_request",
  "unsupported_media_type",
  "host_not_allowed",
  "too_many_runs",
  "server_busy",
  "cancelled",
  "internal_error",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiError {
  readonly code: ApiErrorCode;
  readonly message: string;
  /** With `invalid_config`: every diagnostic of the document. */
  readonly diagnostics?: readonly Diagnostic[];
}

const ApiErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.enum(API_ERROR_CODES),
    message: z.string(),
    diagnostics: z
      .array(z.custom<Diagnostic>((d) => typeof d === "object" && d !== null && typeof (d as { message?: unknown }).message === "string"))
      .optional(),
  }),
});

/** The JSON body of a refused run. */
export const errorEnvelope = (error: ApiError): { error: ApiError } => ({ error });

/** Reads a refused run's body; anything else (a proxy's HTML page, a crash) becomes an `internal_error` naming the status. */
export function readErrorEnvelope(status: number, body: unknown): ApiError {
  const parsed = ApiErrorEnvelopeSchema.safeParse(body);
  if (parsed.success) return parsed.data.error;
  return { code: "internal_error", message: `The server answered ${status} without a restplay error.` };
}

/** One event as one NDJSON line. */
export const encodeEvent = (event: EngineEvent): string => `${JSON.stringify(event)}\n`;

/** A line of the stream that is not an event of this contract. */
export class ContractError extends Error {
  override readonly name = "ContractError";
}

/** Checks one decoded line. */
export function checkEvent(value: unknown): EngineEvent {
  const parsed = EngineEventSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const type = typeof value === "object" && value !== null ? String((value as { type?: unknown }).type) : typeof value;
  throw new ContractError(
    `The server sent an event this page does not understand (${type}${first ? `: ${issuePath(first.path)} ${first.message}` : ""}).`,
  );
}

/** Reads an NDJSON byte stream of events, checking each one; lines may be split across chunks. */
export async function* decodeEvents(stream: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<EngineEvent> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const parse = (line: string): EngineEvent => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ContractError(`The server sent a line that is not JSON: ${line.slice(0, 80)}`);
    }
    return checkEvent(value);
  };
  try {
    for (;;) {
      if (signal?.aborted) return;
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) yield parse(line);
        newline = buffer.indexOf("\n");
      }
    }
    buffer += decoder.decode();
    if (buffer.trim()) yield parse(buffer.trim());
  } finally {
    reader.releaseLock();
  }
}
