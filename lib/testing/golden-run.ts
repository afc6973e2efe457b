/**
 * Test helper: one golden case's runs through the real engine and the preview, each run's recorded
 * responses from an in-process fake fetch, one destination kept across the runs (as dlt keeps its
 * pipeline). Used by the golden tests of the preview, the dlt schema and the DuckDB layout.
 */
import { expect } from "vitest";
import { validateText } from "../config";
import { createVirtualClock, extract, fetchTransport } from "../engine";
import { createPreview, type Destination, type Preview } from "../preview";
import type { GoldenCase, GoldenRun } from "./golden";

/** A fetch that answers each request with its recorded exchange and lists the requests in order. */
export function replay(run: GoldenRun) {
  const byKey = new Map(run.exchanges.map((x) => [`${x.request.method} ${x.request.url}`, x]));
  const requests: string[] = [];
  const fetch = async (req: Request): Promise<Response> => {
    const key = `${req.method} ${req.url}`;
    requests.push(key);
    const x = byKey.get(key);
    if (!x) return new Response(`no recorded exchange for ${key}`, { status: 599 });
    for (const [name, value] of Object.entries(x.request.headers ?? {}))
      expect(req.headers.get(name), `${key}: header ${name}`).toBe(value);
    const body = x.response.body_text ?? JSON.stringify(x.response.body);
    return new Response(body, { status: x.response.status, headers: x.response.headers });
  };
  return { fetch, requests };
}

/** One run of a case into `destination`: the preview after it and the requests it made. */
export async function runGoldenOnce(
  c: GoldenCase,
  run: GoldenRun,
  destination: Destination,
): Promise<{ preview: Preview; requests: string[] }> {
  const validation = validateText(JSON.stringify(c.config), "json");
  expect(validation.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const { fetch, requests } = replay(run);
  const clock = createVirtualClock();
  const preview = createPreview({ destination });
  for await (const e of extract(
    { source: validation.source!, secrets: c.secrets },
    { transport: fetchTransport(fetch), ...clock, virtualClock: true },
  ))
    preview.push(e);
  return { preview, requests };
}
