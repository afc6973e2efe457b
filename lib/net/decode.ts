/**
 * A response body as the engine reads it: decompressed here (gzip, deflate, br) and counted twice —
 * bytes off the wire and bytes after decompression — so a limit is noticed while downloading, not
 * after. Past a limit the whole pipeline is destroyed (which aborts the request and destroys its
 * socket) and the stream errors with the engine's `ResponseCut`.
 */
import { pipeline, Readable, Transform, type TransformCallback } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw, createUnzip, constants as zlib } from "node:zlib";
import { EngineError, formatBytes, ResponseCut } from "../engine";

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

/** Decoders in the order to apply them (`content-encoding: gzip, br` was gzipped, then brotli'd), each named by its coding. */
export function decodersFor(contentEncoding: string | undefined): (() => Transform & { coding: string })[] {
  if (contentEncoding === undefined || contentEncoding === "") return [];
  const codings = contentEncoding
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity");
  return codings.reverse().map((coding): (() => Transform & { coding: string }) => {
    // Lenient like browsers: a truncated stream ends the body instead of erroring.
    const flush = { flush: zlib.Z_SYNC_FLUSH, finishFlush: zlib.Z_SYNC_FLUSH };
    const named = (t: Transform) => Object.assign(t, { coding });
    if (coding === "gzip" || coding === "x-gzip") return () => named(createGunzip(flush));
    if (coding === "br")
      return () => named(createBrotliDecompress({ flush: zlib.BROTLI_OPERATION_FLUSH, finishFlush: zlib.BROTLI_OPERATION_FLUSH }));
    if (coding === "deflate") return () => named(deflateDecoder(flush));
    throw new UnsupportedEncoding(
      `The response is encoded with \`${coding}\`, which restplay cannot decode (it asks for gzip or deflate, as dlt, and reads br).`,
    );
  });
}

/**
 * `deflate` as urllib3 (and so dlt's requests) reads it: zlib-wrapped as RFC 9110 says (or gzip: `createUnzip`), else
 * raw deflate, which some servers send — urllib3's `DeflateDecoder` falls back to it when the zlib header does not
 * parse. Decided on the body's first two bytes.
 */
function deflateDecoder(flush: { flush: number; finishFlush: number }): Transform {
  let inner: Transform | null = null;
  let head = Buffer.alloc(0);
  const start = (first: Buffer): Transform => {
    const b0 = first[0] as number;
    const wrapped = (b0 & 0x0f) === 8 && ((b0 << 8) | (first[1] as number)) % 31 === 0;
    const gzip = b0 === 0x1f && first[1] === 0x8b;
    const made = wrapped ? createInflate(flush) : gzip ? createUnzip(flush) : createInflateRaw(flush);
    made.on("data", (d: Buffer) => out.push(d));
    made.on("error", (e: Error) => out.destroy(e));
    return made;
  };
  const out: Transform = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (inner === null) {
        head = Buffer.concat([head, chunk]);
        if (head.length < 2) return done();
        inner = start(head);
        chunk = head;
      }
      inner.write(chunk, () => done());
    },
    flush(done: TransformCallback) {
      // A body of one byte: never two to look at (it decodes as raw deflate, or fails as it would).
      if (inner === null && head.length > 0) {
        inner = start(head);
        inner.write(head);
      }
      if (inner === null) return done();
      inner.once("end", () => done());
      inner.end();
    },
  });
  return out;
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
 * The decoded body of `source` (a response's bytes as they arrive), pulled chunk by chunk (nothing is
 * decoded before the engine asks). Identity bodies are `source` itself, bounded at `maxBytes`;
 * encoded ones run through the decoders, counted on the wire and after decoding.
 */
export function decodedBody(source: ResponseBody, options: BodyOptions): DecodedBody {
  const decoders = decodersFor(options.contentEncoding).map((make) => make());
  if (decoders.length === 0) {
    source.limit(options.maxBytes);
    return source;
  }
  // Destroying this stream ends `source` (its iterator's `return`), which aborts the request.
  const raw = Readable.from(source, { objectMode: false });
  let wire = 0;
  let decoded = 0;
  const cut = (reason: "bytes" | "ratio", message: string) => new ResponseCut(reason, decoded, wire, message);
  const wireCounter = () =>
    counter((n) => {
      wire += n;
      // Compressed data never needs more room than the decompressed limit.
      return wire > options.maxBytes ? cut("bytes", `passed ${formatBytes(options.maxBytes)} on the wire while downloading`) : null;
    });
  // A body its content-encoding does not decode: requests raises ContentDecodingError, which dlt does not retry.
  let undecodable: { coding: string; error: Error } | null = null;
  for (const d of decoders) d.once("error", (error: Error) => (undecodable ??= { coding: d.coding, error }));
  // pipeline() destroys every stage when one fails or the last one is destroyed.
  const last = pipeline([raw, wireCounter(), ...decoders], () => undefined) as unknown as Readable;
  const destroyAll = (e?: Error) => {
    last.destroy(e);
    raw.destroy(e);
    source.discard();
  };
  let chunks: AsyncIterator<Buffer> | null = null;
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    chunks ??= last[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let step: IteratorResult<Buffer>;
    try {
      step = await chunks.next();
    } catch (e) {
      destroyAll(e instanceof Error ? e : undefined);
      if (undecodable === null || undecodable.error !== e) throw e;
      throw new EngineError(
        "network_error",
        `The response says content-encoding: ${undecodable.coding}, but its body does not decode as ${undecodable.coding} ` +
          `(${undecodable.error.message}), so the page cannot be read; the request is not retried (dlt's requests fails on ` +
          "such a body at once: ContentDecodingError).",
      );
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

/** Where a response's bytes come from (lib/net's undici handler): it pushes them, the body pauses, resumes or aborts it. */
export interface BodySource {
  pause(): void;
  resume(): void;
  /** Aborts the request: its connection is destroyed. */
  abort(reason: Error): void;
}

/** Bytes a body holds unread before it pauses its source (undici's own stream waits at 64 KiB as well). */
const HIGH_WATER = 64 * 1024;

/**
 * A response body fed by the transport's handler as its chunks arrive, read as an async iterator —
 * no Node stream per response: undici's body stream and its async iterator cost about a tenth of
 * paging (docs/performance.md). It holds at most about `HIGH_WATER` unread bytes (then it pauses its
 * source until the reader catches up), and past `limit` bytes it aborts the request and ends with a
 * `ResponseCut` after the chunks it had. The body is its own iterator.
 */
export class ResponseBody implements DecodedBody, AsyncIterator<Uint8Array> {
  private readonly queue: Uint8Array[] = [];
  private queued = 0;
  private bytes = 0;
  private maxBytes = Infinity;
  private paused = false;
  /** No more chunks will come: the response ended, failed or was dropped. */
  private closed = false;
  private ended = false;
  private failure: Error | null = null;
  private waiting: { resolve(step: IteratorResult<Uint8Array>): void; reject(e: unknown): void } | null = null;

  constructor(private readonly source: BodySource) {}

  /** Bytes allowed (identity bodies: decoded bytes are the wire's). */
  limit(maxBytes: number): void {
    this.maxBytes = maxBytes;
  }

  /** A chunk of the response as it arrives. */
  push(chunk: Uint8Array): void {
    if (this.closed) return;
    this.bytes += chunk.byteLength;
    if (this.bytes > this.maxBytes) {
      const cut = new ResponseCut("bytes", this.bytes, this.bytes, `passed ${formatBytes(this.maxBytes)} while downloading`);
      this.fail(cut);
      this.source.abort(cut);
      return;
    }
    const waiting = this.waiting;
    if (waiting !== null) {
      this.waiting = null;
      waiting.resolve({ done: false, value: chunk });
      return;
    }
    this.queue.push(chunk);
    this.queued += chunk.byteLength;
    if (!this.paused && this.queued >= HIGH_WATER) {
      this.paused = true;
      this.source.pause();
    }
  }

  /** The response ended: the reader gets what is queued, then the end. */
  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.ended = true;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve({ done: true, value: undefined });
  }

  /** The response failed: the reader gets what is queued, then `e`. */
  fail(e: Error): void {
    if (this.closed) return;
    this.closed = true;
    this.failure = e;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(e);
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this;
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    const value = this.queue.shift();
    if (value !== undefined) {
      this.queued -= value.byteLength;
      if (this.paused && this.queued < HIGH_WATER) {
        this.paused = false;
        this.source.resume();
      }
      return Promise.resolve({ done: false, value });
    }
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  async return(): Promise<IteratorResult<Uint8Array>> {
    this.discard();
    return { done: true, value: undefined };
  }

  /** Drops the body, read or not: a response still arriving is aborted (its connection destroyed). Bound: callers pass it on. */
  readonly discard = (): void => {
    this.queue.length = 0;
    this.queued = 0;
    if (this.closed) return;
    const reason = Object.assign(new Error("The response body was discarded."), { name: "AbortError" });
    this.fail(reason);
    this.source.abort(reason);
  };
}
