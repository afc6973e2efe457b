/**
 * Running a Python config's processing steps against an in-process API in tests (lib/engine/steps*.test.ts): the
 * oracle's loopback API of dlt-rest-api.md §12 (`/posts`, `/posts/<id>/comments`, `/big`), and what the run gave.
 */
import { expect } from "vitest";
import { validateText } from "../config";
import { createVirtualClock, extract, fetchTransport, type EngineEvent } from "../engine";
import { createDestination, createPreview } from "../preview";

export const POSTS = [1, 2, 3, 4, 5].map((i) => ({
  id: i,
  title: `Post ${i}`,
  tags: [`t${i}`, `u${i}`],
  updated: 100 + i,
  nested: [[i, i + 1], [i + 2]],
}));

/** The oracle's API, in process: `/posts` and `/posts/<id>/comments`. */
export async function api(input: RequestInfo | URL): Promise<Response> {
  const path = new URL(input instanceof Request ? input.url : String(input)).pathname.split("/").filter(Boolean);
  const json = (v: unknown) => new Response(JSON.stringify(v), { headers: { "content-type": "application/json" } });
  if (path.length === 1 && path[0] === "posts") return json(POSTS);
  if (path.length === 1 && path[0] === "big")
    return new Response('[{"id": 9007199254740993}]', { headers: { "content-type": "application/json" } });
  if (path.length === 3 && path[2] === "comments") {
    const id = Number(path[1]);
    return json([0, 1].map((k) => ({ id: id * 10 + k, post_id: id, body: `c${k}` })));
  }
  return new Response("", { status: 404 });
}

export async function run(code: string, served: typeof api = api) {
  const text = `from dlt.sources.rest_api import rest_api_source\n${code}`;
  const v = validateText(text, "python");
  expect(v.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const clock = createVirtualClock();
  const destination = createDestination();
  const preview = createPreview({ destination });
  const events: EngineEvent[] = [];
  for await (const e of extract({ source: v.source!, secrets: {} }, { transport: fetchTransport(served), ...clock, virtualClock: true })) {
    preview.push(e);
    events.push(e);
  }
  const find = (table: string) =>
    preview
      .tables()
      .flatMap((t) => [t, ...t.child_tables])
      .find((t) => t.table_name === table);
  const rows = (table: string) =>
    find(table)?.rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith("_dlt"))));
  const columns = (table: string) =>
    find(table)
      ?.columns.filter((c) => !c.name.startsWith("_dlt"))
      .map((c) => `${c.name}:${c.data_type}`);
  const requests = events.flatMap((e) => (e.type === "request" ? [new URL(e.url).pathname] : []));
  const errors = events.flatMap((e) => (e.type === "error" ? [e.error] : []));
  const notes = events.flatMap((e) => (e.type === "warning" ? [`${e.code}: ${e.message}`] : []));
  return { v, rows, columns, requests, errors, notes, events, preview, destination };
}

export const source = (resources: string) => `source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [${resources}],
})\n`;

/** The probe's API of the twenty-seventh session (three records, one without `a`). */
export const THREE = [{ id: 1, a: "x" }, { id: 2, a: "y" }, { id: 3 }];
const three = async () => new Response(JSON.stringify(THREE), { headers: { "content-type": "application/json" } });

/** Runs `items` (the records `THREE`) through the steps `list` (Python: `{"map": …}, …`), after the file's `datetime` import. */
export const runSteps = (list: string) =>
  run(
    `from datetime import datetime, date, time, timedelta, timezone
source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "paginator": "single_page"},
    "resources": [{"name": "items", "endpoint": {"path": "items"}, "processing_steps": [${list}]}],
})\n`,
    three,
  );
