/**
 * A response body as the engine reads it: decompressed here (gzip, deflate, br) and counted twice —
 * bytes off the wire and bytes after decompression — so a limit is noticed while downloading, not
 * after. Past a limit the whole pipeline is destroyed (which aborts the request and destroys its
 * socket) and the stream errors with the engine's `ResponseCut`.
 */
import { pipeline, Transform, type Readable, type TransformCallback } from "node:stream";
import { createBrotliDecompress, createGunzip, createUnzip, constants as zlib } from "node:zlib";
import { formatBytes, ResponseCut } from "../engine";

/**
 * Decompressed bytes per byte off the wire past which a body is a decompression bomb. Real JSON pages
 * (varying ids, text, timestamps) compress 5–20:1; a page of identical records can pass 100:1, which
 * is why the ratio is only checked after `RATIO_GRACE_BYTES` and a cut says what it measured.
 */
export const MAX_COMPRESSION_RATIO = 100;
/** Decompressed bytes allowed before the ratio is checked (small, repetitive bodies compress very well). */
export const RATIO_GRACE_BYTES = 1024 * 1024;

/** A `content-encoding` restplay cannot decode: the transport refuses the response. */
export class UnsupportedEncoding extends Error {
  override readonly name = "UnsupportedEncoding";
}

/** Decoders in the order to apply them (`content-encoding: gzip, br` was gzipped, then brotli'd). */
export function decodersFor(contentEncoding: string | undefined): (() => Transform)[] {
  if (contentEncoding === undefined || contentEncoding === "") return [];
  const codings = contentEncoding
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity");
  return codings.reverse().map((coding): (() => Transform) => {
    // Lenient like browsers: a truncated stream ends the body instead of erroring.
    const flush = { flush: zlib.Z_SYNC_FLUSH, finishFlush: zlib.Z_SYNC_FLUSH };
    if (coding === "gzip" || coding === "x-gzip") return () => createGunzip(flush);
    if (coding === "br")
      return () => createBrotliDecompress({ flush: zlib.BROTLI_OPERATION_FLUSH, finishFlush: zlib.BROTLI_OPERATION_FLUSH });
    // RFC 9110's deflate is zlib-wrapped (createUnzip also accepts gzip); raw deflate is not accepted.
    if (coding === "deflate") return () => createUnzip(flush);
    throw new UnsupportedEncoding(
      `The response is encoded with \`${coding}\`, which restplay cannot decode (it asks for gzip, deflate or br).`,
    );
  });
}

/** Counts the bytes passing through. */
function counter(onBytes: (n: number) => Error | null): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      const cut = onBytes(chunk.length);
      done(cut, cut ? undefined : chunk);
    },
  });
}

export interface BodyOptions {
  /** Decompressed bytes allowed; past them the body errors with a `ResponseCut`. */
  readonly maxBytes: number;
  readonly contentEncoding: string | undefined;
}

/** The decoded body, read as the engine asks (`TransportResponse.body`), and a way to drop it. */
export interface DecodedBody extends AsyncIterable<Uint8Array> {
  /** Destroys the body (which aborts the request and closes the connection), read or not. */
  discard(): void;
}

/**
 * The decoded body, pulled chunk by chunk off undici's stream (nothing is read before the engine
 * asks). `raw` is undici's body: destroying it aborts the request and closes the connection.
 */
export function decodedBody(raw: Readable, options: BodyOptions): DecodedBody {
  const decoders = decodersFor(options.contentEncoding).map((make) => make());
  if (decoders.length === 0) return new IdentityBody(raw, options.maxBytes);
  let wire = 0;
  let decoded = 0;
  const cut = (reason: "bytes" | "ratio", message: string) => new ResponseCut(reason, decoded, wire, message);
  const wireCounter = () =>
    counter((n) => {
      wire += n;
      // Compressed data never needs more room than the decompressed limit.
      return wire > options.maxBytes ? cut("bytes", `passed ${formatBytes(options.maxBytes)} on the wire while downloading`) : null;
    });
  // pipeline() destroys every stage when one fails or the last one is destroyed.
  const last = pipeline([raw, wireCounter(), ...decoders], () => undefined) as unknown as Readable;
  const destroyAll = (e?: Error) => {
    last.destroy(e);
    raw.destroy(e);
  };
  let chunks: AsyncIterator<Buffer> | null = null;
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    chunks ??= last[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let step: IteratorResult<Buffer>;
    try {
      step = await chunks.next();
    } catch (e) {
      destroyAll(e instanceof Error ? e : undefined);
      throw e;
    }
    if (step.done) return step;
    decoded += step.value.length;
    let stop: ResponseCut | null = null;
    if (decoded > options.maxBytes) stop = cut("bytes", `passed ${formatBytes(options.maxBytes)} while downloading`);
    else if (decoded > RATIO_GRACE_BYTES && decoded > MAX_COMPRESSION_RATIO * wire) {
      stop = cut(
        "ratio",
        `inflated more than ${MAX_COMPRESSION_RATIO} times (${formatBytes(wire)} on the wire became ${formatBytes(decoded)})`,
      );
    }
    if (stop) {
      destroyAll(stop);
      throw stop;
    }
    return step;
  };
  const discard = () => destroyAll();
  return {
    [Symbol.asyncIterator]: () => ({ next, return: async () => (discard(), { done: true, value: undefined }) }),
    discard,
  };
}

const ignore = () => undefined;

/**
 * An identity body, read straight off the socket's stream: a pipeline() per response (its
 * AbortController, a DOMException when it finishes, a Transform) cost more than the rest of the
 * transport, and so did a closure per response for each step (docs/performance.md). The body is its
 * own iterator.
 */
class IdentityBody implements DecodedBody, AsyncIterator<Uint8Array> {
  private chunks: AsyncIterator<Buffer> | null = null;
  private bytes = 0;

  constructor(
    private readonly raw: Readable,
    private readonly maxBytes: number,
  ) {
    // Nothing else listens: a body destroyed unread (a discarded redirect) errors then.
    raw.on("error", ignore);
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this;
  }

  async next(): Promise<IteratorResult<Uint8Array>> {
    this.chunks ??= this.raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let step: IteratorResult<Buffer>;
    try {
      step = await this.chunks.next();
    } catch (e) {
      this.raw.destroy(e instanceof Error ? e : undefined);
      throw e;
    }
    if (step.done) return step;
    this.bytes += step.value.length;
    if (this.bytes > this.maxBytes) {
      const stop = new ResponseCut("bytes", this.bytes, this.bytes, `passed ${formatBytes(this.maxBytes)} while downloading`);
      this.raw.destroy(stop);
      throw stop;
    }
    return step;
  }

  async return(): Promise<IteratorResult<Uint8Array>> {
    this.discard();
    return { done: true, value: undefined };
  }

  /** Bound: callers pass it on as a function. */
  readonly discard = (): void => {
    this.raw.destroy();
  };
}
