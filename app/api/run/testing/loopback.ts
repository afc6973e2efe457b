/**
 * Test helper for the route's tests: a loopback HTTP API on 127.0.0.1, started and stopped by the test. A request
 * to a path under `/hang` gets no answer (a run waiting on the network): the helper counts those and their closes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Loopback {
  /** `http://127.0.0.1:<port>`. */
  readonly base: string;
  /** Requests under `/hang` received, and those whose connection closed since. */
  readonly hanging: number;
  readonly hangClosed: number;
  /** Stops the server, closing its open connections (a hanging request included). */
  close(): Promise<void>;
}

/** `handler` answers every request but those under `/hang` (default: 404). */
export async function startLoopback(handler: (req: IncomingMessage, res: ServerResponse) => void = notFound): Promise<Loopback> {
  let hanging = 0;
  let hangClosed = 0;
  const server = createServer((req, res) => {
    if (!req.url?.startsWith("/hang")) return handler(req, res);
    hanging++;
    req.on("close", () => hangClosed++);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get hanging() {
      return hanging;
    },
    get hangClosed() {
      return hangClosed;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function notFound(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(404).end("{}");
}
