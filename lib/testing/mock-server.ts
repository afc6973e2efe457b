/**
 * The built-in mock APIs over real loopback HTTP (e2e, benchmarks, trying the CLI against a "live"
 * URL). It serves the same handlers as the in-process mock (lib/mocks createMockApi).
 *
 * Routing is by PATH PREFIX: the first path segment names the upstream host, so
 *   http://127.0.0.1:PORT/api.example.com/v1/resource?offset=0
 * is answered as https://api.example.com/v1/resource?offset=0. Use `${url}/api.example.com` as a
 * config's base_url and `${url}/identity.example.com/connect/token` as a token URL. (The Host header is
 * not used: fetch clients set it to the loopback address and cannot override it.)
 * Absolute links inside responses (lab.example.com's @odata.nextLink) still name the real host, but a
 * redirect's `Location` is rewritten to the same path-prefix form, so the client follows it back here
 * (`/moved/items` -> `/lab.example.com/json-link/items`). All mock hosts share the loopback origin, so
 * a redirect between two of them is same-origin here (in-process, lab -> cdn is another origin).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createMockApi, isMockUrl, type MockApi } from "../mocks";

const HOST_SEGMENT = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** The upstream URL for a loopback request path, or null when the first segment is not a host name. */
export function upstreamUrl(path: string): string | null {
  const local = new URL(path, "http://loopback.invalid");
  const [, host = "", ...rest] = local.pathname.split("/");
  if (!HOST_SEGMENT.test(host)) return null;
  return `https://${host.toLowerCase()}/${rest.join("/")}${local.search}`;
}

async function toRequest(req: IncomingMessage, url: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || k === "host" || k === "connection" || k === "content-length") continue;
    for (const value of Array.isArray(v) ? v : [v]) headers.append(k, value);
  }
  headers.set("host", new URL(url).host);
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD" && chunks.length > 0;
  return new Request(url, { method, headers, ...(hasBody ? { body: Buffer.concat(chunks) } : {}) });
}

/** A mock's `Location` in path-prefix form when it points at a mock host; other URLs are left alone. */
export function loopbackLocation(location: string, upstream: string, base: string): string {
  let target: URL;
  try {
    target = new URL(location, upstream);
  } catch {
    return location;
  }
  return isMockUrl(target.href) ? `${base}/${target.hostname}${target.pathname}${target.search}` : location;
}

export interface MockServer {
  /** Base URL, e.g. http://127.0.0.1:43121 (no trailing slash). */
  readonly url: string;
  /** The mock instance behind the server (its request log, reset()). */
  readonly api: MockApi;
  close(): Promise<void>;
}

/** Starts the mock server on loopback (port 0 = any free port). One mock instance per server. */
export async function startMockServer(options: { port?: number; host?: string; api?: MockApi } = {}): Promise<MockServer> {
  const api = options.api ?? createMockApi();
  let base = "";
  const server = createServer((req, res) => {
    const url = upstreamUrl(req.url ?? "/");
    if (url === null) {
      req.resume();
      sendJson(res, 404, {
        error: `no mock for ${req.method ?? "GET"} ${req.url ?? "/"}`,
        hint: "prefix the path with the mock host, e.g. /api.example.com/v1/resource",
      });
      return;
    }
    toRequest(req, url)
      .then((request) => api.fetch(request))
      .then(async (response) => {
        const body = Buffer.from(await response.arrayBuffer());
        const headers = Object.fromEntries(response.headers);
        if (headers.location !== undefined) headers.location = loopbackLocation(headers.location, url, base);
        res.writeHead(response.status, headers);
        res.end(req.method === "HEAD" ? undefined : body);
      })
      .catch((e: unknown) => sendJson(res, 500, { error: "mock_server_error", message: e instanceof Error ? e.message : String(e) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port, address, family } = server.address() as AddressInfo;
  const hostPart = family === "IPv6" ? `[${address}]` : address;
  base = `http://${hostPart}:${port}`;
  return {
    url: base,
    api,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
