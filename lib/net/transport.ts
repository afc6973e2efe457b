/**
 * The live transport: the engine's `deps.fetch` over undici (never the framework's global fetch), for
 * the route (guarded) and the CLI (unguarded) alike, so both get the same limits.
 *
 * - It never follows a redirect: the engine does, one traced, checked request per hop.
 * - Guarded, an IP-literal host is checked before connecting, and a host name is resolved inside the
 *   connection (`connect.lookup`): every address is checked and only those addresses are connected to.
 * - It decompresses bodies itself and stops at `FetchLimits.maxBytes` or at a compression ratio no
 *   API sends (./decode.ts), destroying the connection.
 */
import { Agent, request as undiciRequest } from "undici";
import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import { DEFAULT_LIMITS, EngineError, type FetchLimits } from "../engine";
import { checkAddresses, checkBeforeConnect, GuardRefusal, resolveHost, systemLookup, type AllowList } from "./guard";
import { connectLookup, type Lookup } from "./lookup";
import { decodedBody, UnsupportedEncoding } from "./decode";

export interface LiveFetchOptions {
  /** The SSRF guard's allow-list (`parseAllowList(process.env.RESTPLAY_ALLOW_HOSTS)`). Omit to reach any host. */
  readonly guard?: AllowList;
  /** Name resolution for connections (default: the system resolver); the guard checks what it answers. */
  readonly lookup?: Lookup;
  /** Time to connect (DNS, TCP and TLS) in ms; default 10 s. */
  readonly connectTimeoutMs?: number;
}

export interface LiveFetch {
  (request: Request, limits?: FetchLimits): Promise<Response>;
  /** Closes the connection pool (idle connections never keep a process alive; this frees them now). */
  close(): Promise<void>;
}

/** Statuses whose responses have no body (a `Response` refuses one). */
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

function toHeaders(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, v);
      } catch {
        // A header value the WHATWG Headers cannot hold (e.g. a control character) is left out.
      }
    }
  }
  return headers;
}

export function createLiveFetch(options: LiveFetchOptions = {}): LiveFetch {
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

  const live = async (request: Request, limits?: FetchLimits): Promise<Response> => {
    const url = new URL(request.url);
    try {
      if (allow) checkBeforeConnect(url, allow);
      else if (url.protocol !== "http:" && url.protocol !== "https:")
        throw new GuardRefusal(`Refused to contact ${url.href}: only http and https URLs are allowed.`);
    } catch (e) {
      throw networkError(e instanceof Error ? e.message : String(e));
    }
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const [k, v] of request.headers) headers[k] = v;
    headers["accept-encoding"] ??= ACCEPT_ENCODING;
    let res;
    try {
      res = await undiciRequest(url, {
        dispatcher: agent,
        method: request.method,
        headers,
        ...(body ? { body } : {}),
        signal: request.signal,
      });
    } catch (e) {
      const refused = refusalIn(e);
      throw refused ? networkError(refused.message) : e;
    }
    const status = res.statusCode;
    const responseHeaders = toHeaders(res.headers);
    if (NULL_BODY.has(status) || request.method === "HEAD") {
      discard(res.body);
      return new Response(null, { status, headers: responseHeaders });
    }
    if (status < 200 || status > 599) {
      discard(res.body);
      throw networkError(`${url.host} answered with status ${status}, which is not a valid HTTP status.`);
    }
    const encoding = res.headers["content-encoding"];
    try {
      const stream = decodedBody(res.body, {
        maxBytes: limits?.maxBytes ?? DEFAULT_LIMITS.maxResponseBytes,
        contentEncoding: Array.isArray(encoding) ? encoding.join(",") : encoding,
      });
      return new Response(stream, { status, headers: responseHeaders });
    } catch (e) {
      discard(res.body);
      if (e instanceof UnsupportedEncoding) throw networkError(e.message);
      throw e;
    }
  };
  return Object.assign(live, { close: () => agent.close() });
}
