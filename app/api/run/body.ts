/** The `/api/run` request body: read with a size cap, parsed as JSON, checked with zod. */
import { z } from "zod";
import { isPrototypeKey } from "@/lib/shared";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Deepest nesting a body may have (incremental cursor values are scalars or small objects). */
export const MAX_BODY_DEPTH = 32;
/** Secrets one run may carry, and the longest value (masking searches every value in every response). */
export const MAX_SECRETS = 100;
export const MAX_SECRET_LENGTH = 16 * 1024;

/** Names that would reach an object's prototype instead of its own keys (lib/shared). */
const ownKey = z.string().refine((k) => !isPrototypeKey(k), { message: "`__proto__`, `constructor` and `prototype` are not allowed as names" });

export const RunBodySchema = z
  .object({
    config: z.string().describe("The config text (Python dict, JSON or YAML)."),
    target: z.enum(["mock", "live"]),
    resources: z.array(z.string().min(1)).max(1000).optional(),
    secrets: z
      .record(ownKey, z.string().max(MAX_SECRET_LENGTH))
      .refine((r) => Object.keys(r).length <= MAX_SECRETS, { message: `at most ${MAX_SECRETS} secrets` })
      .optional(),
    max_pages: z.number().int().min(1).max(10_000).optional(),
    /** Incremental state from earlier runs of this playground session, by resource (the engine's `incremental` events). */
    state: z
      .record(ownKey, z.object({ cursor_path: z.string(), last_value: z.json(), initial_value: z.json() }).strict())
      .optional(),
  })
  .strict();

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

export type RunBody = z.infer<typeof RunBodySchema>;

export type ApiErrorCode =
  | "payload_too_large"
  | "bad_request"
  | "invalid_config"
  | "unknown_resource"
  | "live_fetch_unavailable"
  | "config_too_complex"
  | "cross_site_request"
  | "unsupported_media_type"
  | "host_not_allowed"
  | "too_many_runs"
  | "server_busy"
  | "cancelled"
  | "internal_error";

export class BodyError extends Error {
  override readonly name = "BodyError";
  constructor(
    readonly status: 400 | 413,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const tooLarge = () => new BodyError(413, "payload_too_large", `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MB).`);

/** Reads the body as text, refusing more than `limit` bytes (by Content-Length and while streaming). */
export async function readLimitedText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(all);
  } catch {
    throw new BodyError(400, "bad_request", "The request body is not valid UTF-8.");
  }
}

const issuePath = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join(".") : "(body)");

/** Parses and checks the body text; throws a `BodyError` (400) naming the offending field. */
export function parseRunBody(text: string): RunBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BodyError(400, "bad_request", `The request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const deep = tooDeep(json, MAX_BODY_DEPTH);
  if (deep !== null) throw new BodyError(400, "bad_request", `Invalid request body at ${deep}: nested deeper than ${MAX_BODY_DEPTH} levels.`);
  const parsed = RunBodySchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const message = first ? `${issuePath(first.path)}: ${first.message}` : "invalid body";
    throw new BodyError(400, "bad_request", `Invalid request body at ${message}. Expected {"config": string, "target": "mock"|"live", "resources"?: string[], "secrets"?: {name: value}, "max_pages"?: integer}.`);
  }
  return parsed.data;
}

export const errorResponse = (status: number, code: ApiErrorCode, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  Response.json({ error: { code, message, ...extra } }, { status, headers: { "cache-control": "no-store", ...headers } });
