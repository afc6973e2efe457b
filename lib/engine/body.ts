/**
 * Reading a response body with a running byte count, whatever the fetch (live transport, mock, a
 * test's fake): never `res.text()` of an unbounded body. Past `maxBytes` the stream is cancelled
 * (the live transport then closes the connection); a transport's own `ResponseCut` ends it too.
 */
import { ResponseCut } from "./types";
import type { Cut } from "./budget";

export type BodyRead =
  { readonly kind: "text"; readonly text: string; readonly bytes: number } | { readonly kind: "cut"; readonly cut: Cut };

/** Cancels a body without waiting for it: a transport that stalls on cancel must not stall the run. */
export function discardBody(res: Response): void {
  res.body?.cancel().catch(() => undefined);
}

/** One decoder for every body: decoding whole (never `stream: true`) keeps it stateless and on V8's fast UTF-8 path. */
const UTF8 = new TextDecoder();

/** The chunks as one text, decoded once (a streaming decode per chunk cost a quarter of reading a page). */
function decodeAll(chunks: readonly Uint8Array[], bytes: number): string {
  if (chunks.length === 1) return UTF8.decode(chunks[0]);
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return UTF8.decode(all);
}

export async function readBody(res: Response, maxBytes: number): Promise<BodyRead> {
  if (!res.body) return { kind: "text", text: "", bytes: 0 };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        reader.cancel().catch(() => undefined);
        return { kind: "cut", cut: { reason: "bytes", bytes } };
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof ResponseCut) return { kind: "cut", cut: { reason: e.reason, bytes: e.bytes, detail: e.message } };
    throw e;
  }
  return { kind: "text", text: decodeAll(chunks, bytes), bytes };
}
