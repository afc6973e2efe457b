/**
 * Reading a response body with a running byte count, whatever the transport (live, a mock fetch, a
 * test's fake): never an unbounded read. Past `maxBytes` the body is discarded (the live transport
 * then closes the connection); a transport's own `ResponseCut` ends it too.
 */
import { ResponseCut, type TransportResponse } from "./types";
import type { Cut } from "./budget";

export type BodyRead =
  { readonly kind: "text"; readonly text: string; readonly bytes: number } | { readonly kind: "cut"; readonly cut: Cut };

/** One decoder per charset: decoding whole (never `stream: true`) keeps it stateless and on V8's fast UTF-8 path. */
const UTF8 = new TextDecoder();
/** A decoder, and whether its charset is windows-1252 itself (WHATWG gives ISO-8859-1's labels that decoder too). */
interface Decoding {
  readonly decoder: TextDecoder;
  readonly cp1252: boolean;
}
const PLAIN: Decoding = { decoder: UTF8, cp1252: false };
const DECODERS = new Map<string, Decoding>([["utf-8", PLAIN]]);

/**
 * The charset python-requests decodes a body with, as dlt's `response.json()` reads it
 * (`get_encoding_from_headers`): the `charset` the content type declares; else ISO-8859-1 for a `text/…`
 * type (UTF-8 JSON served as `text/plain` reads as `cafÃ©` in dlt); else UTF-8. A charset the platform
 * does not know is read as UTF-8, as requests falls back to. (WHATWG decodes ISO-8859-1 as windows-1252:
 * bytes 0x80–0x9f differ from Python's.)
 */
function decoderFor(contentType: string | null): Decoding {
  if (contentType === null) return PLAIN;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  const label = charset ?? (/^\s*text\//i.test(contentType) ? "iso-8859-1" : "utf-8");
  let decoding = DECODERS.get(label);
  if (!decoding) {
    try {
      decoding = { decoder: new TextDecoder(label), cp1252: /^(?:windows-1252|cp1252|x-cp1252)$/.test(label) };
    } catch {
      decoding = PLAIN;
    }
    if (DECODERS.size < 64) DECODERS.set(label, decoding);
  }
  return decoding;
}

/** windows-1252's characters at 0x80–0x9f (Python's cp1252; 0x81, 0x8d, 0x8f, 0x90, 0x9d are unassigned). */
const CP1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/**
 * The decoder's text, with windows-1252's 0x80–0x9f where Node's decoder for that charset gives Latin-1's
 * control characters instead (Node 20 decodes `windows-1252` as ISO-8859-1).
 */
function decode({ decoder, cp1252 }: Decoding, bytes: Uint8Array | undefined): string {
  const text = decoder.decode(bytes);
  return cp1252 && /[\u0080-\u009f]/.test(text) ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80] ?? c) : text;
}

/** The chunks as one text, decoded once (a streaming decode per chunk cost a quarter of reading a page). */
function decodeAll(chunks: readonly Uint8Array[], bytes: number, decoder: Decoding): string {
  if (chunks.length === 1) return decode(decoder, chunks[0]);
  const all = new Uint8Array(bytes);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return decode(decoder, all);
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
  return { kind: "text", text: decodeAll(chunks, bytes, decoderFor(res.headers.get("content-type"))), bytes };
}
