/**
 * Redirects, followed by the engine (not the transport) so that each hop is its own traced request,
 * checked again by the live guard, and counted in the run's budgets. The method and body change as
 * python-requests changes them for dlt (`Session.rebuild_method`, `resolve_redirects`).
 */
import { EngineError } from "./types";
import type { RequestSpec } from "./request";
import { pyRedirectTarget } from "../shared";

/** python-requests' `DEFAULT_REDIRECT_LIMIT`, which dlt's client inherits. */
export const MAX_REDIRECTS = 30;

const BODY_HEADERS = new Set(["content-type", "content-length", "transfer-encoding"]);

/**
 * The request for the next hop: 303 and 302 become GET (301 only after a POST), as browsers and
 * python-requests do; every redirect but 307/308 drops the body and its headers. The `Location` is
 * resolved against the URL that answered as requests resolves it (`pyRedirectTarget`); it carries its own query.
 */
export function redirectSpec(spec: RequestSpec, status: number, location: string, from: string): RequestSpec {
  const invalid = (why: string) =>
    new EngineError("http_error", `${status} redirect from ${from} to \`${location}\`, which is not a valid URL${why}.`);
  let target: string | null;
  try {
    target = pyRedirectTarget(location, from);
  } catch (e) {
    // Python's urlparse raises ValueError for a netloc with one of `[` `]` (`http://[::1`), and so dlt's request does.
    throw invalid(` (ValueError: ${e instanceof Error ? e.message : String(e)})`);
  }
  let url: URL;
  try {
    url = new URL(target ?? "");
  } catch {
    throw invalid(target === null ? " (requests reads a Location as UTF-8: UnicodeDecodeError)" : "");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new EngineError(
      "http_error",
      `${status} redirect from ${from} to ${url.protocol} URL \`${location}\`: only http and https are followed.`,
    );
  }
  const keepBody = status === 307 || status === 308;
  const toGet = status === 303 || status === 302 || (status === 301 && spec.method === "POST");
  const next: RequestSpec = {
    method: toGet ? "GET" : spec.method,
    url: target as string,
    params: [],
    headers: spec.headers,
    prepared: true,
  };
  if (keepBody)
    return { ...next, ...(spec.json !== undefined ? { json: spec.json } : {}), ...(spec.data !== undefined ? { data: spec.data } : {}) };
  return { ...next, headers: Object.fromEntries(Object.entries(spec.headers).filter(([k]) => !BODY_HEADERS.has(k.toLowerCase()))) };
}

/**
 * Stops a chain that passed `MAX_REDIRECTS` hops or asked for a request it already made. `seen` holds
 * the chain's requests so far (the first included); `mask` masks URLs for the message.
 */
export function checkChain(seen: Set<string>, spec: RequestSpec, rawUrl: string, rawStart: string, mask: (url: string) => string): void {
  const key = `${spec.method} ${rawUrl} ${spec.json !== undefined || spec.data !== undefined ? "with body" : ""}`;
  // Masked only for the messages: a chain that is fine (every page's) costs no masking.
  if (seen.has(key)) {
    const url = mask(rawUrl);
    const start = mask(rawStart);
    throw new EngineError(
      "too_many_redirects",
      `The redirects from ${start} go round in a loop (back to ${spec.method} ${url}): the API keeps sending restplay to a URL ` +
        "it already asked. Use the final URL in base_url or path, or check the API's redirects.",
    );
  }
  if (seen.size > MAX_REDIRECTS) {
    const url = mask(rawUrl);
    const start = mask(rawStart);
    throw new EngineError(
      "too_many_redirects",
      `Exceeded ${MAX_REDIRECTS} redirects starting at ${start} (the last one to ${url}); dlt's client stops at ` +
        `${MAX_REDIRECTS} too. Use the final URL in base_url or path.`,
    );
  }
  seen.add(key);
}
