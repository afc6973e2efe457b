/**
 * The engine figure's workloads, one home for bench/engine.ts (through bench/engine-mode.ts) and
 * bench/profile.ts: a loopback server in this process serves `pages` offset pages of 100 realistic
 * records behind a bearer token, and each workload reads all of them, returning the records it counted.
 * - `floor`: a plain `fetch` + `JSON.parse` loop; `undici`: the same on `undici.request`;
 * - `paging`: `extract()` over lib/net's transport (what the CLI and the route use), every event consumed;
 * - `preview`: the same with `createPreview()` fed every event and its tables built (every row kept);
 * - `cli`: what `restplay run` does with text output: the run collector's windowed preview (every
 *   record normalised, typed and merged; the rows it prints kept) and its trace, then the summary;
 * - `window`: the same windowed preview alone (no trace, no summary);
 * - `keep` and `rows`: lower bounds of any preview that keeps what it shows in the JS heap, not
 *   previews: `keep` holds every record the API sent (what the tables' records view shows) and does
 *   nothing else; `rows` also builds one untyped flat row per record and one per list item (no ids,
 *   types, coercion, naming or merge).
 */
import { request } from "undici";
import { startBenchServer, BENCH_TOKEN } from "./server";
import { extract, type EngineDeps } from "../lib/engine";
import { createPreview } from "../lib/preview";
import { createRunCollector } from "../lib/run";
import { ROWS_SHOWN } from "../lib/cli/tables";
import { validateValue } from "../lib/config";
import { createLiveTransport } from "../lib/net";
import { realSleep, realTimer } from "./figures";
import type { DataRecord, Json } from "../lib/engine";

type Flat = { [column: string]: Json };

/** `rows`' flattening: a dict's scalars and its nested dicts' (one level) into `row`, a list's items as rows of their own. */
function flatRows(record: DataRecord, rows: Flat[], items: Flat[]): void {
  const row: Flat = {};
  for (const key in record) {
    const v = record[key] as Json;
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) items.push({ value: v[i] as Json, _dlt_list_idx: i });
    else if (typeof v === "object" && v !== null) for (const k in v) row[`${key}__${k}`] = v[k] as Json;
    else row[key] = v;
  }
  rows.push(row);
}

export const LIMIT = 100;
export const MODES = ["floor", "undici", "paging", "preview", "window", "cli", "keep", "rows"] as const;
export type Mode = (typeof MODES)[number];

/** The engine figure's config: one offset-paged merge resource behind a bearer token (its secret: `token`). */
export function benchConfig(baseUrl: string) {
  return {
    client: { base_url: baseUrl, auth: { type: "bearer", token: { $secret: "token" } } },
    resources: [
      {
        name: "items",
        primary_key: "id",
        write_disposition: "merge",
        endpoint: { path: "/items", data_selector: "data", paginator: { type: "offset", limit: LIMIT } },
      },
    ],
  };
}

export interface Workloads {
  readonly total: number;
  run(mode: Mode): Promise<number>;
  close(): Promise<void>;
}

export async function startWorkloads(pages: number): Promise<Workloads> {
  const total = pages * LIMIT;
  const server = await startBenchServer(total);
  const live = createLiveTransport();
  const auth = { authorization: `Bearer ${BENCH_TOKEN}` };
  const config = benchConfig(server.url);
  const deps: EngineDeps = { transport: live, sleep: realSleep, timer: realTimer, now: Date.now, monotonic: () => performance.now() };
  // Resolved once, outside the timing: the engine runs a resolved source (decision 0021).
  const options = {
    source: validateValue(config).source!,
    secrets: { token: BENCH_TOKEN },
    limits: { maxPages: pages + 1, maxRecords: total + 1 },
  };
  const merged = (n: number, what: string) => {
    if (n !== total) throw new Error(`${what} merged ${n} of ${total}`);
  };
  /** Every event into `preview`, its tables built; the records counted. */
  const previewed = async (preview: ReturnType<typeof createPreview>, what: string): Promise<number> => {
    let n = 0;
    for await (const e of extract(options, deps)) {
      preview.push(e);
      if (e.type === "page") n += e.count;
    }
    merged(preview.tables()[0]?.stats.merged ?? 0, what);
    return n;
  };
  const workloads: Record<Mode, () => Promise<number>> = {
    floor: async () => {
      let n = 0;
      for (let off = 0; off < total; off += LIMIT) {
        const res = await fetch(`${server.url}/items?offset=${off}&limit=${LIMIT}`, { headers: auth });
        n += (JSON.parse(await res.text()) as { data: unknown[] }).data.length;
      }
      return n;
    },
    undici: async () => {
      let n = 0;
      for (let off = 0; off < total; off += LIMIT) {
        const res = await request(`${server.url}/items?offset=${off}&limit=${LIMIT}`, { headers: auth });
        n += (JSON.parse(await res.body.text()) as { data: unknown[] }).data.length;
      }
      return n;
    },
    paging: async () => {
      let n = 0;
      for await (const e of extract(options, deps)) if (e.type === "page") n += e.count;
      return n;
    },
    preview: () => previewed(createPreview(), "the preview"),
    window: () => previewed(createPreview({ window: ROWS_SHOWN }), "the windowed preview"),
    keep: async () => {
      const kept: DataRecord[] = [];
      let n = 0;
      for await (const e of extract(options, deps))
        if (e.type === "page") {
          n += e.count;
          for (const r of e.records) kept.push(r);
        }
      merged(kept.length, "keep");
      return n;
    },
    rows: async () => {
      const kept: DataRecord[] = [];
      const rows: Flat[] = [];
      const items: Flat[] = [];
      let n = 0;
      for await (const e of extract(options, deps))
        if (e.type === "page") {
          n += e.count;
          for (const r of e.records) {
            kept.push(r);
            flatRows(r, rows, items);
          }
        }
      merged(rows.length, "rows");
      return n;
    },
    cli: async () => {
      const collector = createRunCollector({ window: ROWS_SHOWN });
      let n = 0;
      for await (const e of extract(options, deps)) {
        collector.push(e);
        if (e.type === "page") n += e.count;
      }
      merged(collector.preview.tables()[0]?.stats.merged ?? 0, "the CLI's preview");
      collector.summary();
      return n;
    },
  };
  return {
    total,
    run: (mode) => workloads[mode](),
    close: async () => {
      await live.close();
      await server.close();
    },
  };
}
