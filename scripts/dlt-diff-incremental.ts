/**
 * The incremental cases of scripts/dlt-diff.ts (`--incremental`): one resource run two or three times
 * into one destination against an API whose records change between runs (new records, updated cursors,
 * records at the last run's cursor value, now and then one without a cursor or with a null one).
 * The cursor is an integer, an ISO date-time or a date; the config feeds it through a placeholder, a
 * typed `incremental` param or `start_param`, or not at all, with `initial_value`, `end_value`, `lag`,
 * `last_value_func: min`, `row_order`, `range_start`/`range_end`, `on_cursor_value_missing` and keys now
 * and then; the API filters by the parameter or ignores it. Compared after each run: the requests the
 * API saw (every attempt, in order), the table's rows (`id` and cursor), and whether the run fails.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateText } from "../lib/config";
import { createVirtualClock, extract, fetchTransport, type IncrementalState, type Json } from "../lib/engine";
import { createPreview, materialize, type Destination } from "../lib/preview";
import { parseJson } from "../lib/shared";
import { rng } from "./dlt-diff-cases";
import { runOracle, type DltOut } from "./dlt-diff-sides";

type Kind = "int" | "iso" | "date";

export interface IncrementalCase {
  readonly config: Record<string, Json>;
  /** Each run's records, as the API holds them then. */
  readonly runs: Record<string, Json>[][];
  /** The API's answer to `url` from `records`. */
  serve(url: URL, records: readonly Record<string, Json>[]): { body: string; headers: Record<string, string> };
}

/** The `k`-th cursor value of a kind (ordered as the kind compares). */
function cursorValue(kind: Kind, k: number): Json {
  if (kind === "int") return k * 10;
  const day = String(1 + k).padStart(2, "0");
  return kind === "date" ? `2024-03-${day}` : `2024-03-${day}T08:00:00Z`;
}

export function makeIncrementalCase(seed: number, baseUrl: string): IncrementalCase {
  const r = rng(seed);
  const kind = r.pick<Kind>(["int", "int", "iso", "date"]);
  const min = r.next() < 0.15;
  const incremental: Record<string, Json> = { cursor_path: "updated" };
  const initial = r.next() < 0.8 ? r.int(4) : null;
  if (initial !== null) incremental.initial_value = cursorValue(kind, min ? 6 + initial : initial);
  if (initial !== null && r.next() < 0.15) incremental.end_value = cursorValue(kind, min ? 2 : 7 + r.int(3));
  if (min) incremental.last_value_func = "min";
  if (r.next() < 0.15) incremental.lag = kind === "int" ? 10 : kind === "iso" ? 86400 : 1;
  if (r.next() < 0.15) incremental.range_start = "open";
  if (incremental.end_value !== undefined && r.next() < 0.3) incremental.range_end = "closed";
  const missing = r.pick([null, null, "include", "exclude", "raise"]);
  if (missing !== null) incremental.on_cursor_value_missing = missing;
  const paged = r.next() < 0.4;
  if (paged && r.next() < 0.4) incremental.row_order = r.pick(["asc", "desc"]);
  if (r.next() < 0.1) incremental.primary_key = [];
  const feed = r.pick(["placeholder", "placeholder", "typed", "start_param", "none"] as const);
  const endpoint: Record<string, Json> = {
    path: "items",
    data_selector: "data",
    paginator: paged ? { type: "page_number", base_page: 1, total_path: "total" } : { type: "single_page" },
  };
  if (feed === "typed") {
    // dlt takes only `start_param`-like keys in a typed param: the other settings stay out of it.
    const typed: Record<string, Json> = { type: "incremental", cursor_path: "updated" };
    if (incremental.initial_value !== undefined) typed.initial_value = incremental.initial_value;
    endpoint.params = { since: typed };
  } else {
    if (feed === "placeholder") endpoint.params = { since: "{incremental.start_value}" };
    if (feed === "start_param") incremental.start_param = "since";
    endpoint.incremental = incremental;
  }
  const resource: Record<string, Json> = { name: "items", endpoint };
  const keyed = r.next() < 0.6;
  if (keyed) resource.primary_key = "id";
  resource.write_disposition = keyed && r.next() < 0.5 ? "merge" : "append";
  const filters = r.next() < 0.5;
  // The API's records: each run keeps the last run's, moves some cursors on and adds new ones.
  let next = 1;
  const record = (k: number): Record<string, Json> => ({ id: next++, name: r.pick(["a", "b", "c"]), updated: cursorValue(kind, k) });
  const first = Array.from({ length: r.int(6) }, () => record(r.int(5)));
  const runs: Record<string, Json>[][] = [first];
  for (let run = 1, n = 2 + r.int(2); run < n; run++) {
    const before = runs[run - 1] as Record<string, Json>[];
    const moved = before.map((rec) => (r.next() < 0.3 ? { ...rec, updated: cursorValue(kind, 3 + r.int(5)) } : rec));
    runs.push([...moved, ...Array.from({ length: r.int(4) }, () => record(2 + r.int(6)))]);
  }
  // Now and then a record without its cursor, or with a null one.
  if (r.next() < 0.2) {
    const at = runs[r.int(runs.length)] as Record<string, Json>[];
    const odd: Record<string, Json> = { id: next++, name: "odd" };
    if (r.next() < 0.5) odd.updated = null;
    at.push(odd);
  }
  const size = 2;
  return {
    config: { client: { base_url: baseUrl }, resources: [resource] },
    runs,
    serve(url, records) {
      const since = url.searchParams.get("since");
      const cmp = (v: Json): boolean => {
        if (!filters || since === null || since === "None" || v === null || v === undefined) return true;
        return kind === "int"
          ? min
            ? Number(v) <= Number(since)
            : Number(v) >= Number(since)
          : min
            ? String(v) <= since
            : String(v) >= since;
      };
      const all = records.filter((rec) => cmp(rec.updated as Json)).sort((a, b) => String(a.updated).localeCompare(String(b.updated)));
      if (!paged) return { body: JSON.stringify({ data: all }), headers: {} };
      const page = Number(url.searchParams.get("page") ?? 1);
      return {
        body: JSON.stringify({ data: all.slice((page - 1) * size, page * size), total: Math.max(1, Math.ceil(all.length / size)) }),
        headers: {},
      };
    },
  };
}

/** The requests the API saw, as `path?sorted query`. */
const key = (url: URL): string =>
  `${url.pathname}?${[...url.searchParams]
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join("&")}`;

/** A cursor as both sides store it: a timestamp (sqlite's `2024-03-01 08:00:00.000000`, the preview's ISO text) as UTC ISO. */
const cursorText = (v: unknown): string => {
  if (v === null || v === undefined) return "-";
  const s = String(v);
  if (!/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/.test(s)) return s;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s.replace(" ", "T") : `${s.replace(" ", "T")}Z`).toISOString();
};

/** A table's rows as `id:cursor`, sorted. */
const rowsOf = (rows: readonly Record<string, unknown>[]): string[] =>
  rows.map((row) => `${String(row.id)}:${cursorText(row.updated)}`).sort();

/**
 * Every run of `c` on both sides (dlt: the sqlite destination and one pipeline directory, so its state
 * carries over; restplay: one destination and the state `Preview.incrementalState` hands on, as the CLI's
 * `--state-dir`), compared after each run. `log` collects the URLs the server is asked; `setRecords` what it serves.
 */
export async function compareIncremental(
  c: IncrementalCase,
  dir: string,
  destination: Destination,
  log: URL[],
  setRecords: (records: readonly Record<string, Json>[]) => void,
): Promise<string[]> {
  const configPath = join(dir, "config.json");
  writeFileSync(configPath, JSON.stringify(c.config));
  const v = validateText(JSON.stringify(c.config), "json");
  if (!v.source) return [`restplay rejects the config: ${JSON.stringify(v.diagnostics.filter((d) => d.severity === "error"))}`];
  const problems: string[] = [];
  let state: Record<string, IncrementalState> = {};
  for (const [n, records] of c.runs.entries()) {
    setRecords(records);
    log.length = 0;
    const raw = await runOracle(configPath, ["--destination", "sqlite", "--pipeline-dir", join(dir, "pipeline")]);
    writeFileSync(join(dir, `dlt-${n + 1}.json`), raw);
    const dlt = parseJson(raw, new WeakMap()) as unknown as DltOut;
    const theirs = log.map(key);
    log.length = 0;
    const preview = createPreview({ destination });
    const failures: string[] = [];
    for await (const e of extract(
      { source: v.source, secrets: {}, state },
      { transport: fetchTransport((req: Request) => fetch(req)), ...createVirtualClock(), virtualClock: true },
    )) {
      preview.push(e);
      if (e.type === "error") failures.push(`${e.error.code}: ${e.error.message}`);
    }
    state = preview.incrementalState(state);
    const mine = log.map(key);
    const at = `run ${n + 1}`;
    if (JSON.stringify(theirs) !== JSON.stringify(mine))
      problems.push(`${at} requests:\n    dlt      ${theirs.join(" ")}\n    restplay ${mine.join(" ")}`);
    const dltFails = dlt.error !== null && dlt.error.includes("step=extract");
    if (dltFails !== failures.length > 0) {
      const theirs = dltFails ? `dlt fails (${(dlt.error ?? "").split("\n").slice(-2).join(" ")})` : "dlt loads";
      problems.push(`${at}: ${theirs}, restplay ${failures.length > 0 ? `fails (${failures.join("; ")})` : "loads"}`);
      return problems;
    }
    if (dlt.error !== null && !dltFails) problems.push(`${at}: dlt fails after its extract (${dlt.error.split("\n")[0]})`);
    if (dltFails) continue;
    const a = rowsOf(dlt.tables.find((t) => t.name === "items")?.data ?? []);
    const ours = preview.tables().find((t) => t.table_name === "items");
    const b = rowsOf(ours ? materialize(ours) : []);
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${at} items:\n    dlt      ${a.join(" ")}\n    restplay ${b.join(" ")}`);
  }
  return problems;
}
