/**
 * The live transport: the engine's `deps.transport` straight on undici's dispatcher, with a handler
 * of its own (never the framework's global fetch, no WHATWG `Request`/`Response` and no Node stream
 * per page: decision 0024), for the route (guarded) and the CLI (unguarded) alike, so both get the
 * same limits.
 *
 * - It never follows a redirect: the engine does, one traced, checked request per hop.
 * - Guarded, an IP-literal host is checked before connecting, and a host name is resolved inside the
 *   connection (`connect.lookup`): every address is checked and only those addresses are connected to.
 * - It decompresses bodies itself and stops at `TransportRequest.maxBytes` or at a compression ratio no
 *   API sends (./decode.ts), destroying the connection.
 */
import { Agent, type Dispatcher } from "undici";
import type { IncomingHttpHeaders } from "node:http";
import { EngineError, type ResponseHeaders, type TransportRequest, type TransportResponse } from "../engine";
import { checkAddresses, checkBeforeConnect, GuardRefusal, resolveHost, systemLookup, type AllowList } from "./guard";
import { connectLookup, type Lookup } from "./lookup";
import { stripHttpWhitespace } from "../shared";
import { decodedBody, ResponseBody, UnsupportedEncoding, type BodySource, type DecodedBody } from "./decode";

export interface LiveTransportOptions {
  /** The SSRF guard's allow-list (`parseAllowList(process.env.RESTPLAY_ALLOW_HOSTS)`). Omit to reach any host. */
  readonly guard?: AllowList;
  /** Name resolution for connections (default: the system resolver); the guard checks what it answers. */
  readonly lookup?: Lookup;
  /** Time to connect (DNS, TCP and TLS) in ms; default 10 s. */
  readonly connectTimeoutMs?: number;
}

export interface LiveTransport {
  (request: TransportRequest): Promise<TransportResponse>;
  /** Closes the connection pool (idle connections never keep a process alive; this frees them now). */
  close(): Promise<void>;
  readonly detachesSignal: true;
}

/** Statuses whose responses have no body (as fetch's `Response` has none for them). */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
/**
 * What dlt's requests session asks for as `pip install dlt` makes it (urllib3 adds `br` only with brotli installed,
 * which dlt does not require): a server answers restplay as it answers dlt. A `br` body is decoded all the same.
 */
export const ACCEPT_ENCODING = "gzip, deflate";

/** A refusal anywhere in an error's cause chain (undici wraps connection errors). */
function refusalIn(e: unknown): GuardRefusal | null {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++)
    if (cur instanceof GuardRefusal) return cur;
  return null;
}

const networkError = (message: string) => new EngineError("network_error", message);

const INVALID_VALUE = /[\0\r\n]/;

/**
 * undici's parsed headers (names already in lower case) read as WHATWG `Headers` reads them, without
 * building one per response: a repeated header joined with ", " (`set-cookie` listed one by one
 * when iterated), values stripped of edge whitespace, a value `Headers` refuses (NUL, CR, LF) left out,
 * names iterated in sorted order.
 */
class RawHeaders implements ResponseHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  private values(name: string): string[] {
    const v = Object.hasOwn(this.raw, name) ? this.raw[name] : undefined;
    if (v === undefined) return [];
    return (Array.isArray(v) ? v : [v]).map(stripHttpWhitespace).filter((x) => !INVALID_VALUE.test(x));
  }

  get(name: string): string | null {
    const values = this.values(name.toLowerCase());
    return values.length === 0 ? null : values.join(", ");
  }

  *[Symbol.iterator](): IterableIterator<readonly [string, string]> {
    for (const name of Object.keys(this.raw).sort()) {
      const values = this.values(name);
      if (values.length === 0) continue;
      if (name === "set-cookie") for (const v of values) yield [name, v];
      else yield [name, values.join(", ")];
    }
  }
}

const NO_BODY: AsyncIterable<Uint8Array> = { [Symbol.asyncIterator]: () => ({ next: async () => ({ done: true, value: undefined }) }) };

const abortReason = (signal: AbortSignal): Error =>
  signal.reason instanceof Error ? signal.reason : Object.assign(new Error("The request was aborted."), { name: "AbortError" });

/**
 * One request on undici's dispatcher, as a handler of its own rather than `undici.request` (whose
 * body stream, async iterator and per-request resources cost about a tenth of paging:
 * docs/performance.md). It settles with the response at its headers; the body's chunks go to a
 * `ResponseBody` as they arrive. The request's signal aborts it until the response ends, fails or is
 * dropped; then its listener is removed (the engine reuses signals: `detachesSignal`).
 */
class Pending implements Dispatcher.DispatchHandler, BodySource {
  private controller: Dispatcher.DispatchController | null = null;
  private body: ResponseBody | null = null;
  /** The signal's reason when it aborted before undici started the request. */
  private early: Error | null = null;
  private listening = false;

  constructor(
    private readonly request: TransportRequest,
    private readonly host: string,
    private readonly resolve: (res: TransportResponse) => void,
    private readonly reject: (e: unknown) => void,
  ) {
    const { signal } = request;
    if (signal.aborted) this.early = abortReason(signal);
    else {
      signal.addEventListener("abort", this.onAbort);
      this.listening = true;
    }
  }

  private readonly onAbort = (): void => {
    const reason = abortReason(this.request.signal);
    this.detach();
    if (this.controller) this.controller.abort(reason);
    else this.early = reason;
  };

  private detach(): void {
    if (!this.listening) return;
    this.listening = false;
    this.request.signal.removeEventListener("abort", this.onAbort);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.early) controller.abort(this.early);
  }

  onResponseStart(_c: Dispatcher.DispatchController, status: number, headers: IncomingHttpHeaders): void {
    if (status < 200) return; // informational: the response follows
    const body = new ResponseBody(this);
    this.body = body;
    const responseHeaders = new RawHeaders(headers);
    if (NULL_BODY.has(status)) {
      body.discard();
      this.resolve({ status, headers: responseHeaders, body: NO_BODY, discard: () => undefined });
      return;
    }
    if (status > 599) {
      body.discard();
      this.reject(networkError(`${this.host} answered with status ${status}, which is not a valid HTTP status.`));
      return;
    }
    const encoding = headers["content-encoding"];
    let decoded: DecodedBody;
    try {
      decoded = decodedBody(body, {
        maxBytes: this.request.maxBytes,
        contentEncoding: Array.isArray(encoding) ? encoding.join(",") : encoding,
      });
    } catch (e) {
      body.discard();
      this.reject(e instanceof UnsupportedEncoding ? networkError(e.message) : e);
      return;
    }
    this.resolve({ status, headers: responseHeaders, body: decoded, discard: decoded.discard });
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    this.body?.push(chunk);
  }

  onResponseEnd(): void {
    this.detach();
    this.body?.end();
  }

  onResponseError(_c: Dispatcher.DispatchController | undefined, error: Error): void {
    this.detach();
    if (this.body) this.body.fail(error);
    else {
      const refused = refusalIn(error);
      this.reject(refused ? networkError(refused.message) : overflowed(error, this.host));
    }
  }

  // The body's source.
  pause(): void {
    this.controller?.pause();
  }

  resume(): void {
    this.controller?.resume();
  }

  abort(reason: Error): void {
    this.detach();
    this.controller?.abort(reason);
  }
}

/**
 * undici's `HeadersOverflowError` said with its limit. Still a network error that is retried, as dlt's
 * requests fails (`got more than 100 headers`, a line over 64 KB) and retries its ConnectionError.
 */
function overflowed(error: Error, host: string): Error {
  if ((error as { code?: unknown }).code !== "UND_ERR_HEADERS_OVERFLOW") return error;
  return new Error(`${host}'s response headers are larger than 16 KB, the live transport's limit (HeadersOverflowError)`);
}

/**
 * The path and query as the engine wrote them (requests' quoting, lib/shared/py-url.ts: a `'` stays in a
 * query, where WHATWG's serialiser would escape it); WHATWG's form for anything else (a user info, text
 * that is not printable ASCII).
 */
function sentPath(raw: string, url: URL): string {
  return pathAfter(`${url.protocol}//${url.host}`, raw) ?? (url.search ? `${url.pathname}${url.search}` : url.pathname);
}

/** The path and query of `raw` as written when it is `origin` followed by a path of printable ASCII; else `null`. */
function pathAfter(origin: string, raw: string): string | null {
  if (raw.charCodeAt(origin.length) !== 0x2f || !raw.startsWith(origin)) return null;
  const rest = raw.slice(origin.length).split("#")[0] ?? "";
  return /^\/[\x21-\x7e]*$/.test(rest) ? rest : null;
}

/** An origin (as WHATWG serialises it) whose URLs passed the checks: its host is not checked again. */
interface Checked {
  readonly origin: string;
  readonly host: string;
}

export function createLiveTransport(options: LiveTransportOptions = {}): LiveTransport {
  const allow = options.guard;
  const resolve = options.lookup ?? systemLookup;
  const lookup = allow
    ? connectLookup(
        (host) => resolveHost(host, resolve),
        (host, addresses) => checkAddresses(host, addresses, allow),
      )
    : options.lookup
      ? connectLookup(resolve, () => undefined)
      : undefined;
  const agent = new Agent({ connect: { timeout: options.connectTimeoutMs ?? 10_000, ...(lookup ? { lookup } : {}) } });

  // The last origin checked: a resource's next page (the same origin written the same way, a path of
  // printable ASCII) is sent without parsing and checking its URL again — the checks read only the
  // scheme and the host, and the allow-list is this transport's.
  let last: Checked | null = null;
  const target = (raw: string): Checked & { readonly path: string } => {
    const path = last !== null ? pathAfter(last.origin, raw) : null;
    if (path !== null && last !== null) return { ...last, path };
    let url: URL;
    try {
      url = new URL(raw);
      if (allow) checkBeforeConnect(url, allow);
      else if (url.protocol !== "http:" && url.protocol !== "https:")
        throw new GuardRefusal(`Refused to contact ${url.href}: only http and https URLs are allowed.`);
    } catch (e) {
      throw networkError(e instanceof Error ? e.message : String(e));
    }
    last = { origin: url.origin, host: url.host };
    return { ...last, path: sentPath(raw, url) };
  };

  const live = async (request: TransportRequest): Promise<TransportResponse> => {
    const { origin, host, path } = target(request.url);
    const headers =
      request.headers["accept-encoding"] === undefined ? { ...request.headers, "accept-encoding": ACCEPT_ENCODING } : request.headers;
    const options: Dispatcher.DispatchOptions = {
      origin,
      path,
      method: request.method,
      headers,
      // As http.client encodes a str body: Latin-1 (JSON and forms are ASCII; a raw `data` str past U+00FF never gets here).
      ...(request.body !== undefined ? { body: Buffer.from(request.body, "latin1") } : {}),
    };
    return new Promise<TransportResponse>((resolve, reject) => {
      agent.dispatch(options, new Pending(request, host, resolve, reject));
    });
  };
  // A request lets go of its signal when its response ends, fails or is dropped (the engine may reuse the signal).
  return Object.assign(live, { close: () => agent.close(), detachesSignal: true as const });
}
