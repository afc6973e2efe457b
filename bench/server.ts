/** A loopback API for benchmarks: offset-paginated pages of realistic records behind a bearer token. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export const BENCH_TOKEN = "bench-token-1234567890";

/** The `i`-th record the bench API serves. */
export function record(i: number) {
  return {
    id: i,
    name: `customer ${i}`,
    email: `customer${i}@example.com`,
    status: i % 3 === 0 ? "active" : "archived",
    amount: Math.round((i * 7919) % 100000) / 100,
    created_at: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
    tags: ["alpha", "beta", "gamma"].slice(0, i % 4),
    address: { street: `${i} Main St`, city: ["Berlin", "Oslo", "Lisbon"][i % 3], postal_code: String(10000 + (i % 89999)) },
    notes: i % 5 === 0 ? null : "lorem ipsum dolor sit amet",
  };
}

/** Serves `total` records; each page body is built once and cached (the server must not be the bottleneck). */
export async function startBenchServer(total: number): Promise<{ url: string; close(): Promise<void> }> {
  const cache = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    if (req.headers.authorization !== `Bearer ${BENCH_TOKEN}`) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end('{"error":"unauthorized"}');
      return;
    }
    const u = new URL(req.url ?? "/", "http://x");
    const offset = Number(u.searchParams.get("offset") ?? 0);
    const limit = Number(u.searchParams.get("limit") ?? 100);
    const key = `${offset}:${limit}`;
    let body = cache.get(key);
    if (!body) {
      const data = [];
      for (let i = offset; i < Math.min(total, offset + limit); i++) data.push(record(i));
      body = Buffer.from(JSON.stringify({ data, total }));
      if (cache.size < 1000) cache.set(key, body);
    }
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
