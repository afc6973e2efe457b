import { describe, expect, it } from "vitest";
import type { EngineEvent } from "@/lib/engine";
import { TraceBuilder } from "./trace";
import { start } from "../testing/preview-events";

const stats = { requests: 3, pages: 2, retries: 1, records_fetched: 150 };
const events: EngineEvent[] = [
  { type: "run_start", resources: ["contacts"], at: 0 },
  {
    type: "resource_start",
    resource: "contacts",
    paginator: "page_number",
    data_selector: "Contacts",
    primary_key: ["id"],
    write_disposition: "merge",
    parent: null,
    table_name: "contacts",
    max_table_nesting: null,
    merge_key: null,
    merge_strategy: null,
    columns: [],
  },
  { type: "auth", resource: "contacts", step: "token_request", detail: "POST https://identity.example.com/connect/token" },
  {
    type: "request",
    resource: "contacts",
    request_id: 1,
    attempt: 1,
    page: 1,
    method: "GET",
    url: "https://api.example.com/v1/contacts?page=0",
    headers: { authorization: "Bearer m*****c" },
  },
  {
    type: "response",
    resource: "contacts",
    request_id: 1,
    attempt: 1,
    status: 200,
    duration_ms: 12,
    size: 900,
    headers: {},
    body_preview: { Contacts: [] },
  },
  {
    type: "page",
    resource: "contacts",
    page: 1,
    request_id: 1,
    records: [{ id: 1 }],
    count: 100,
    selector: "Contacts",
    selector_source: "configured",
  },
  { type: "paginator", resource: "contacts", page: 1, paginator: "page_number", decision: "next", reason: "next page 1: total 3 > 1" },
  {
    type: "request",
    resource: "contacts",
    request_id: 2,
    attempt: 1,
    page: 2,
    method: "GET",
    url: "https://api.example.com/v1/contacts?page=1",
    headers: {},
  },
  {
    type: "response",
    resource: "contacts",
    request_id: 2,
    attempt: 1,
    status: 429,
    duration_ms: 3,
    size: 20,
    headers: { "retry-after": "2" },
  },
  {
    type: "retry",
    resource: "contacts",
    request_id: 2,
    attempt: 1,
    status: 429,
    reason: "status 429",
    wait_ms: 2000,
    wait_source: "retry-after",
    virtual: true,
  },
  {
    type: "request",
    resource: "contacts",
    request_id: 2,
    attempt: 2,
    page: 2,
    method: "GET",
    url: "https://api.example.com/v1/contacts?page=1",
    headers: {},
  },
  { type: "response", resource: "contacts", request_id: 2, attempt: 2, status: 200, duration_ms: 4, size: 800, headers: {} },
  {
    type: "page",
    resource: "contacts",
    page: 2,
    request_id: 2,
    records: [],
    count: 50,
    selector: "Contacts",
    selector_source: "configured",
  },
  { type: "paginator", resource: "contacts", page: 2, paginator: "page_number", decision: "stop", reason: "stopped: page 2 = total 2" },
  { type: "warning", code: "note", message: "a run-wide note" },
  { type: "resource_done", resource: "contacts", ok: true, stats },
];

describe("TraceBuilder", () => {
  it("keeps no response bodies when asked (a consumer without a page inspector)", () => {
    const b = new TraceBuilder({ bodies: false });
    for (const e of events) b.push(e);
    const first = b.snapshot().resources[0]?.items.find((i) => i.kind === "request");
    expect(first?.kind === "request" && first.response).toEqual({ status: 200, duration_ms: 12, size: 900, headers: {} });
    const kept = new TraceBuilder();
    for (const e of events) kept.push(e);
    const withBody = kept.snapshot().resources[0]?.items.find((i) => i.kind === "request");
    expect(withBody?.kind === "request" && withBody.response?.body_preview).toEqual({ Contacts: [] });
  });

  it("keeps only counts and notes without exchanges (the CLI's summary): no request or paginator items, no URL or header read", () => {
    const b = new TraceBuilder({ bodies: false, exchanges: false });
    let read = 0;
    for (const e of events) {
      if (e.type !== "request" && e.type !== "response") b.push(e);
      else {
        // A request's URL and headers are masked when read: this consumer must not read them.
        const watched = { ...e };
        for (const k of ["url", "headers"] as const)
          Object.defineProperty(watched, k, {
            get: () => {
              read++;
              return (e as unknown as Record<string, unknown>)[k];
            },
          });
        b.push(watched as typeof e);
      }
    }
    b.push({ type: "done", ok: true, duration_ms: 2040, stats: { contacts: stats } });
    const t = b.snapshot();
    expect(read).toBe(0);
    expect(t.phase).toBe("done");
    const [r] = t.resources;
    expect(r).toMatchObject({ name: "contacts", status: "ok", pages: 2, records: 150, requests: 3, retries: 1 });
    expect(r?.items.map((i) => i.kind)).toEqual(["auth", "retry"]);
    expect(t.general).toEqual([expect.objectContaining({ kind: "warning", message: "a run-wide note" })]);
  });

  it("builds a per-resource timeline with responses and record counts attached to their request attempt", () => {
    const b = new TraceBuilder();
    for (const e of events) b.push(e);
    b.push({ type: "done", ok: true, duration_ms: 2040, stats: { contacts: stats } });
    const t = b.snapshot();
    expect(t.phase).toBe("done");
    const [r] = t.resources;
    expect(r).toMatchObject({ name: "contacts", status: "ok", paginator: "page_number", pages: 2, records: 150, requests: 3, retries: 1 });
    expect(r?.items.map((i) => i.kind)).toEqual(["auth", "request", "paginator", "request", "retry", "request", "paginator"]);
    const requests = r?.items.filter((i) => i.kind === "request") ?? [];
    expect(requests.map((q) => [q.attempt, q.response?.status, q.records])).toEqual([
      [1, 200, 100],
      [1, 429, undefined],
      [2, 200, 50],
    ]);
    expect(t.general).toEqual([expect.objectContaining({ kind: "warning", message: "a run-wide note" })]);
    expect(t.duration_ms).toBe(2040);
  });

  it("shows a redirect hop as its own request item, the page's records on the last hop", () => {
    const b = new TraceBuilder();
    const start = {
      type: "resource_start",
      resource: "r",
      paginator: "single_page",
      data_selector: "data",
      parent: null,
      table_name: "r",
      max_table_nesting: null,
      merge_key: null,
      merge_strategy: null,
    } as const;
    b.push({ ...start, columns: [], primary_key: null, write_disposition: "append" });
    const hop = { type: "request", resource: "r", request_id: 1, attempt: 1, page: 1, method: "GET", headers: {} } as const;
    const answer = { type: "response", resource: "r", request_id: 1, attempt: 1, duration_ms: 1 } as const;
    b.push({ ...hop, url: "https://a.test/old" });
    b.push({ ...answer, status: 301, size: 0, headers: { location: "/new" } });
    b.push({ ...hop, url: "https://a.test/new", redirect: 1 });
    b.push({ ...answer, status: 200, size: 9, headers: {} });
    b.push({ type: "page", resource: "r", page: 1, request_id: 1, records: [], count: 3, selector: "data", selector_source: "configured" });
    const items = b.snapshot().resources[0]?.items.filter((i) => i.kind === "request") ?? [];
    expect(items.map((i) => [i.url, i.redirect, i.response?.status, i.records])).toEqual([
      ["https://a.test/old", undefined, 301, undefined],
      ["https://a.test/new", 1, 200, 3],
    ]);
  });

  it("keeps earlier snapshots unchanged (items are replaced, not mutated)", () => {
    const b = new TraceBuilder();
    for (const e of events.slice(0, 4)) b.push(e);
    const before = b.snapshot();
    b.push(events[4] as EngineEvent);
    const after = b.snapshot();
    const lastBefore = before.resources[0]?.items.at(-1);
    const lastAfter = after.resources[0]?.items.at(-1);
    expect(lastBefore?.kind === "request" && lastBefore.response).toBeFalsy();
    expect(lastAfter?.kind === "request" && lastAfter.response?.status).toBe(200);
  });

  it("ends as capped when a limit cut the run, failed on an engine error", () => {
    const capped = new TraceBuilder();
    capped.push({ type: "limit", resource: "contacts", limit: "max_pages", message: "stopped after 1 page (max_pages 1)" });
    capped.push({ type: "done", ok: true, duration_ms: 1, stats: {} });
    expect(capped.snapshot()).toMatchObject({ phase: "capped", limits: [{ limit: "max_pages" }] });

    const failed = new TraceBuilder();
    failed.push(start("a"));
    failed.push({ type: "error", resource: "a", error: { code: "auth_failed", message: "token endpoint said 401", status: 401 } });
    failed.push({ type: "resource_done", resource: "a", ok: false, stats });
    failed.push({ type: "done", ok: false, duration_ms: 1, stats: {} });
    const t = failed.snapshot();
    expect(t.phase).toBe("failed");
    expect(t.errors).toEqual([expect.objectContaining({ code: "auth_failed" })]);
    expect(t.resources[0]?.items.at(-1)).toMatchObject({ kind: "error" });
  });

  it("reports a stream that ends without `done`, an HTTP failure and a cancel", () => {
    const cut = new TraceBuilder();
    cut.push(start("a"));
    cut.end();
    expect(cut.snapshot()).toMatchObject({ phase: "failed", failure: { code: "stream_ended" }, resources: [{ status: "failed" }] });

    const refused = new TraceBuilder();
    refused.fail({ code: "invalid_config", message: "fix the errors first" });
    refused.cancel();
    expect(refused.snapshot()).toMatchObject({ phase: "failed", failure: { code: "invalid_config" } });

    const cancelled = new TraceBuilder();
    cancelled.cancel();
    cancelled.end();
    expect(cancelled.snapshot().phase).toBe("cancelled");
  });

  it("a run that broke off (its worker stopped) ends with its resources under way failed, not running", () => {
    const [start, resource] = events;
    const broke = new TraceBuilder();
    for (const e of [start, resource]) if (e) broke.push(e);
    const error = { code: "internal_error" as const, message: "stopped", resource: "contacts" };
    broke.push({ type: "error", resource: "contacts", error });
    broke.push({ type: "done", ok: false, duration_ms: 0, stats: {} });
    expect(broke.snapshot()).toMatchObject({ phase: "failed", resources: [{ name: "contacts", status: "failed" }] });
  });
});
