/**
 * The live transport: the engine's `deps.transport` straight on `undici.request` (never the
 * framework's global fetch, no WHATWG `Request`/`Response` per page: decision 0024), for the route
 * (guarded) and the CLI (unguarded) alike, so both get the same limits.
 *
 * - It never follows a redirect: the engine does, one traced, checked request per hop.
 * - Guarded, an IP-literal host is checked before connecting, and a host name is resolved inside the
 *   connection (`connect.lookup`): every address is checked and only those addresses are connected to.
 * - It decompresses bodies itself and stops at `TransportRequest.maxBytes` or at a compression ratio no
 *   API sends (./decode.ts), destroying the connection.
 */
import { Agent, request as undiciRequest } from "undici";
import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import { EngineError, type ResponseHeaders, type TransportRequest, type TransportResponse } from "../engine";
import { checkAddresses, checkBeforeConnect, GuardRefusal, resolveHost, systemLookup, type AllowList } from "./guard";
import { connectLookup, type Lookup } from "./lookup";
import { decodedBody, UnsupportedEncoding } from "./decode";

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
export const ACCEPT_ENCODING = "gzip, deflate, br";

/** A refusal anywhere in an error's cause chain (undici wraps connection errors). */
function refusalIn(e: unknown): GuardRefusal | null {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++)
    if (cur instanceof GuardRefusal) return cur;
  return null;
}

const networkError = (message: string) => new EngineError("network_error", message);

/** Drops a body unread: the connection is closed (its error, an AbortError, is expected and ignored). */
function discard(body: Readable): void {
  body.on("error", () => undefined);
  body.destroy();
}

/** HTTP whitespace `Headers` strips from the edges of a value. */
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
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
    return (Array.isArray(v) ? v : [v]).map((x) => x.replace(EDGE_WHITESPACE, "")).filter((x) => !INVALID_VALUE.test(x));
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

  const live = async (request: TransportRequest): Promise<TransportResponse> => {
    let url: URL;
    try {
      url = new URL(request.url);
      if (allow) checkBeforeConnect(url, allow);
      else if (url.protocol !== "http:" && url.protocol !== "https:")
        throw new GuardRefusal(`Refused to contact ${url.href}: only http and https URLs are allowed.`);
    } catch (e) {
      throw networkError(e instanceof Error ? e.message : String(e));
    }
    const headers =
      request.headers["accept-encoding"] === undefined ? { ...request.headers, "accept-encoding": ACCEPT_ENCODING } : request.headers;
    let res;
    try {
      res = await undiciRequest(url, {
        dispatcher: agent,
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: request.signal,
      });
    } catch (e) {
      const refused = refusalIn(e);
      throw refused ? networkError(refused.message) : e;
    }
    const status = res.statusCode;
    const raw = res.body;
    const responseHeaders = new RawHeaders(res.headers);
    if (NULL_BODY.has(status)) {
      discard(raw);
      return { status, headers: responseHeaders, body: NO_BODY, discard: () => undefined };
    }
    if (status < 200 || status > 599) {
      discard(raw);
      throw networkError(`${url.host} answered with status ${status}, which is not a valid HTTP status.`);
    }
    const encoding = res.headers["content-encoding"];
    try {
      const body = decodedBody(raw, {
        maxBytes: request.maxBytes,
        contentEncoding: Array.isArray(encoding) ? encoding.join(",") : encoding,
      });
      return { status, headers: responseHeaders, body, discard: body.discard };
    } catch (e) {
      discard(raw);
      if (e instanceof UnsupportedEncoding) throw networkError(e.message);
      throw e;
    }
  };
  // undici removes its abort listener when the response closes (the engine may reuse the signal).
  return Object.assign(live, { close: () => agent.close(), detachesSignal: true as const });
}
