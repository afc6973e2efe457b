/**
 * Reading a response body with a running byte count, whatever the transport (live, a mock fetch, a
 * test's fake): never an unbounded read. Past `maxBytes` the body is discarded (the live transport
 * then closes the connection); a transport's own `ResponseCut` ends it too.
 */
import { ResponseCut, type TransportResponse } from "./types";
import type { Cut } from "./budget";

export type BodyRead =
  { readonly kind: "text"; readonly text: string; readonly bytes: number } | { readonly kind: "cut"; readonly cut: Cut };

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

export async function readBody(res: TransportResponse, maxBytes: number): Promise<BodyRead> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const it = res.body[Symbol.asyncIterator]();
  try {
    for (;;) {
      const { done, value } = await it.next();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > maxBytes) {
        res.discard();
        return { kind: "cut", cut: { reason: "bytes", bytes } };
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof ResponseCut) return { kind: "cut", cut: { reason: e.reason, bytes: e.bytes, detail: e.message } };
    throw e;
  }
  if (chunks.length === 0) return { kind: "text", text: "", bytes: 0 };
  return { kind: "text", text: decodeAll(chunks, bytes), bytes };
}
