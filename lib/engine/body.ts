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

export async function readBody(res: Response, maxBytes: number): Promise<BodyRead> {
  if (!res.body) return { kind: "text", text: "", bytes: 0 };
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
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
      parts.push(decoder.decode(value, { stream: true }));
    }
  } catch (e) {
    if (e instanceof ResponseCut) return { kind: "cut", cut: { reason: e.reason, bytes: e.bytes, detail: e.message } };
    throw e;
  }
  parts.push(decoder.decode());
  return { kind: "text", text: parts.length === 1 ? (parts[0] ?? "") : parts.join(""), bytes };
}
