/** Reading the `/api/run` request body: a size cap while streaming, UTF-8, JSON, then lib/run's contract. */
import { checkRunBody, errorEnvelope, MAX_BODY_BYTES, type ApiError, type ApiErrorCode, type RunBody } from "@/lib/run";

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

/** Parses and checks the body text; throws a `BodyError` (400) naming the offending field. */
export function parseRunBody(text: string): RunBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new BodyError(400, "bad_request", `The request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const checked = checkRunBody(json);
  if (!checked.ok) throw new BodyError(400, "bad_request", checked.message);
  return checked.body;
}

/** A refused run: lib/run's error envelope with its literal code. */
export const errorResponse = (status: number, error: ApiError, headers: Record<string, string> = {}) =>
  Response.json(errorEnvelope(error), { status, headers: { "cache-control": "no-store", ...headers } });
