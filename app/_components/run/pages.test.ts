import { describe, expect, it } from "vitest";
import type { EngineEvent } from "@/lib/engine";
import { lastAttempt, pagesOf } from "./pages";
import { TraceBuilder } from "@/lib/run";

const req = (request_id: number, page: number, attempt = 1): EngineEvent =>
  ({
    type: "request",
    resource: "c",
    request_id,
    attempt,
    page,
    method: "GET",
    url: `https://x/c?page=${page}&r=${request_id}`,
    headers: {},
  }) as EngineEvent;
const res = (request_id: number, status: number): EngineEvent =>
  ({
    type: "response",
    resource: "c",
    request_id,
    attempt: 1,
    status,
    duration_ms: 5,
    size: 10,
    headers: {},
    body_preview: { data: [] },
  }) as EngineEvent;

function build(events: EngineEvent[]) {
  const b = new TraceBuilder();
  for (const e of events) b.push(e);
  return b.snapshot().resources.find((r) => r.name === "c")!.items;
}

describe("pagesOf", () => {
  it("groups attempts, retries and the paginator's decision under their page, in run order", () => {
    const items = build([
      {
        type: "resource_start",
        resource: "c",
        paginator: "page_number",
        data_selector: "data",
        primary_key: null,
        write_disposition: "append",
        parent: "p",
      } as EngineEvent,
      req(1, 1),
      res(1, 200),
      { type: "page", resource: "c", request_id: 1, page: 1, count: 10, selector: "data", selector_source: "configured" } as EngineEvent,
      { type: "paginator", resource: "c", page: 1, paginator: "page_number", decision: "next", reason: "next page 2" } as EngineEvent,
      req(2, 2),
      res(2, 503),
      {
        type: "retry",
        resource: "c",
        attempt: 1,
        status: 503,
        reason: "server error",
        wait_ms: 1000,
        wait_source: "backoff",
        virtual: true,
      } as EngineEvent,
      req(2, 2, 2),
      res(2, 200),
      { type: "page", resource: "c", request_id: 2, page: 2, count: 0, selector: "data", selector_source: "configured" } as EngineEvent,
      {
        type: "paginator",
        resource: "c",
        page: 2,
        paginator: "page_number",
        decision: "stop",
        reason: "stopped: empty page",
      } as EngineEvent,
      // The next parent record: page 1 again.
      req(3, 1),
      res(3, 200),
    ]);
    const pages = pagesOf(items);
    expect(pages.map((p) => [p.index, p.page, p.attempts.length])).toEqual([
      [1, 1, 1],
      [2, 2, 2],
      [3, 1, 1],
    ]);
    expect(pages[0]!.decision?.reason).toBe("next page 2");
    expect(pages[1]!.events.map((e) => e.kind)).toEqual(["retry", "paginator"]);
    expect(pages[1]!.attempts[0]!.failure).toBeUndefined(); // a 503 has a response: no failure text
    expect(pages[1]!.decision?.decision).toBe("stop");
    expect(lastAttempt(pages[1]!).response?.status).toBe(200);
    expect(lastAttempt(pages[1]!).records).toBe(0);
    expect(pages[2]!.decision).toBeNull();
  });

  it("an attempt without a response says why: the retry's reason, or the resource's final error", () => {
    const items = build([
      req(1, 1),
      {
        type: "retry",
        resource: "c",
        request_id: 1,
        attempt: 1,
        status: null,
        reason: "timeout: no response within 60 s",
        wait_ms: 1000,
        wait_source: "backoff",
        virtual: true,
      } as EngineEvent,
      req(1, 1, 2),
      { type: "error", resource: "c", error: { code: "network_error", message: "socket hang up", resource: "c" } } as EngineEvent,
    ]);
    const [page] = pagesOf(items);
    expect(page!.attempts.map((a) => a.failure)).toEqual(["timeout: no response within 60 s", "network_error"]);
  });

  it("auth token requests are not pages", () => {
    const items = build([req(1, 0), res(1, 200), req(2, 1), res(2, 200)]);
    expect(pagesOf(items).map((p) => p.request_id)).toEqual([2]);
  });
});
