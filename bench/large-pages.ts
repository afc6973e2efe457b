/**
 * Issue #13 / decision 0040 against the production server: four live runs at once, each of three pages
 * just under the 20 MB response limit (a loopback API in this process), while an unrelated request (the
 * icon) is sent every 20 ms. Figure: the slowest unrelated answer meanwhile. Before decision 0040 the
 * pages were parsed and walked on the server's request thread; now in its run workers.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { withServer } from "./browser";
import { info, probeUnrelated, type Figure } from "./figures";

const RUNS = 4;
const PAGES = 3;

export async function largePageFigures(): Promise<Figure[]> {
  const records = Array.from({ length: 45_000 }, (_, i) => ({
    id: i,
    name: `item ${i}`,
    email: `user${i}@example.com`,
    active: i % 2 === 0,
    score: i * 1.5,
    tags: ["a", "b"],
    created_at: "2024-01-01T00:00:00Z",
    note: "x".repeat(250),
  }));
  const page = Buffer.from(JSON.stringify({ data: records }));
  const api = createServer((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(page));
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const config = JSON.stringify({
    client: { base_url: apiUrl },
    resources: [
      {
        name: "big",
        endpoint: { path: "/big", data_selector: "data", paginator: { type: "page_number", total_path: null, maximum_page: PAGES } },
      },
    ],
  });
  const env = { RESTPLAY_ALLOW_HOSTS: "127.0.0.1", RESTPLAY_MAX_RECORDS: String(records.length * PAGES + 1) };
  try {
    return await withServer(async (url) => {
      const run = async (client: string) => {
        const res = await request(`${url}api/run`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: url.replace(/\/$/, ""), "x-forwarded-for": client },
          body: JSON.stringify({ config, target: "live" }),
        });
        let tail = "";
        for await (const chunk of res.body) tail = (tail + (chunk as Buffer).toString("latin1")).slice(-200);
        if (!/"type":"done","ok":true/.test(tail)) throw new Error(`a large-page run did not end ok: ${res.statusCode} ${tail}`);
      };
      await run("10.3.0.1");
      const probe = probeUnrelated(url);
      const t = performance.now();
      await Promise.all(Array.from({ length: RUNS }, (_, i) => run(`10.3.1.${i}`)));
      const wall = performance.now() - t;
      const worst = await probe.stop();
      const mb = Math.round(page.length / 1e6);
      return [
        info(
          "route.unrelated_request_during_large_pages_worst",
          Math.round(worst),
          "ms",
          `${RUNS} live runs × ${PAGES} pages of ${mb} MB in ${Math.round(wall)} ms`,
        ),
      ];
    }, env);
  } finally {
    api.close();
  }
}
