/**
 * The built-in mock APIs over real loopback HTTP (for e2e, benchmarks and trying the CLI against a
 * "live" URL). Routing: the upstream host is the first path segment, so
 * `http://127.0.0.1:PORT/api.example.com/v1/resource?offset=0` is answered as
 * `https://api.example.com/v1/resource?offset=0`.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { createMockApi, type MockApi } from "../mocks";

async function toRequest(req: IncomingMessage): Promise<Request> {
  const [, host = "", ...rest] = (req.url ?? "/").split("/");
  const url = `https://${host}/${rest.join("/")}`;
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  headers.set("host", host);
  const hasBody = req.method !== "GET" && req.method !== "HEAD" && chunks.length > 0;
  return new Request(url, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined });
}

export async function startMockServer(options: { port?: number; host?: string; api?: MockApi } = {}): Promise<{ url: string; api: MockApi; close(): Promise<void> }> {
  const api = options.api ?? createMockApi();
  const server = createServer((req, res) => {
    toRequest(req)
      .then((request) => api.fetch(request))
      .then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch((e: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "mock_server_error", message: e instanceof Error ? e.message : String(e) }));
      });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    api,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
