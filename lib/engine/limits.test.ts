import { describe, expect, it } from "vitest";
import { collect, fakeFetch, items, json, one, resolved } from "../testing/engine";
import { createVirtualClock, extract, fetchTransport, type EngineEvent } from "./index";

/** An endless json_link API: 10 records a page. */
const endless = () => fakeFetch((_r, n) => json({ data: items(n * 10, 10), next: `https://api.test/p${n + 1}` }));
const linked = one({ data_selector: "data", paginator: "json_link" });

describe("run limits", () => {
  it("max_pages cuts the resource, which still ends ok", async () => {
    const api = endless();
    const run = await collect(linked, api.fetch, { limits: { maxPages: 3 } });
    expect(api.calls).toHaveLength(3);
    expect(run.of("limit")).toEqual([
      {
        type: "limit",
        resource: "r",
        limit: "max_pages",
        message: "stopped after 3 pages (playground limit max_pages); the paginator had more",
      },
    ]);
    expect(run.of("resource_done")[0]).toMatchObject({ ok: true, stats: { requests: 3, pages: 3, retries: 0, records_fetched: 30 } });
    expect(run.done).toMatchObject({ type: "done", ok: true, stats: { r: { requests: 3, pages: 3, retries: 0, records_fetched: 30 } } });
    // `--max-pages 1`, the CLI's quick look: one page, said in the singular.
    const single = await collect(linked, endless().fetch, { limits: { maxPages: 1 } });
    expect(single.of("limit")[0]).toMatchObject({ message: "stopped after 1 page (playground limit max_pages); the paginator had more" });
  });
  it("max_records keeps exactly that many records", async () => {
    const api = endless();
    const run = await collect(linked, api.fetch, { limits: { maxRecords: 25 } });
    expect(api.calls).toHaveLength(3);
    expect(run.records).toHaveLength(25);
    expect(run.of("page").map((p) => p.count)).toEqual([10, 10, 5]);
    expect(run.of("limit")[0]).toMatchObject({
      limit: "max_records",
      message: "stopped: 25 records reached (playground limit max_records); the API has more",
    });
  });
  it("max_duration is measured with deps.now and stops every resource still paging", async () => {
    const clock = createVirtualClock(0);
    const api = fakeFetch((_r, n) => {
      void clock.sleep(70_000);
      return json({ data: items(n, 1), next: `https://api.test/p${n + 1}` });
    });
    const cfg = {
      client: { base_url: "https://api.test" },
      resources: [
        { name: "a", endpoint: { path: "/a", data_selector: "data", paginator: "json_link" } },
        { name: "b", endpoint: { path: "/b", data_selector: "data", paginator: "json_link" } },
      ],
    };
    // Each answer takes 70 s of virtual time: past request_timeout unless the test raises it. The two
    // take turns (dlt's round robin): a's page 1, b's page 1, then 140 s are gone.
    const run = await collect(cfg, api.fetch, { clock, limits: { requestTimeoutMs: 100_000 } });
    expect(api.urls()).toEqual(["https://api.test/a", "https://api.test/b"]);
    expect(run.of("limit").map((l) => [l.resource, l.limit, l.message])).toEqual([
      ["a", "max_duration", "stopped: the run took longer than 120 s (playground limit)"],
      ["b", "max_duration", "stopped: the run took longer than 120 s (playground limit)"],
    ]);
    // The data was cut short by a limit the user did not choose: the run fails (issue #13).
    expect(run.done).toMatchObject({ type: "done", ok: false });
  });
  // Issue 13: a response cut by a limit the user did not choose fails the resource and the run (it was
  // "ends ok" before); the body is counted while it is read, so the message says where it stopped.
  it("max_response_bytes: declared or measured, the page is not kept and the resource fails", async () => {
    const big = JSON.stringify({ data: items(0, 200) });
    const measured = await collect(linked, fakeFetch(() => new Response(big)).fetch, { limits: { maxResponseBytes: 1000 } });
    expect(measured.of("limit")[0]).toMatchObject({
      limit: "max_response_bytes",
      message: "stopped: the response to page 1 passed 1000 bytes while downloading (playground limit max_response_bytes)",
    });
    expect(measured.of("page")).toEqual([]);
    expect(measured.of("response")[0]!.body_preview).toBeUndefined();
    const declared = await collect(
      linked,
      fakeFetch(() => new Response(big, { headers: { "content-length": String(big.length) } })).fetch,
      { limits: { maxResponseBytes: 1000 } },
    );
    expect(declared.of("limit")[0]!.message).toBe(`stopped: the response is ${big.length} bytes, over the playground limit of 1000 bytes`);
    expect(declared.of("resource_done")[0]!.ok).toBe(false);
    expect(declared.done).toMatchObject({ type: "done", ok: false });
  });
  it("body previews are capped near 50 KB and say so; sizes are UTF-8 bytes", async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({ id: i, text: "ü".repeat(20) }));
    const run = await collect(one({ data_selector: "data", paginator: "single_page" }), fakeFetch(() => json({ data: rows })).fetch);
    const res = run.of("response")[0]!;
    expect(res.size).toBe(new TextEncoder().encode(JSON.stringify({ data: rows })).length);
    expect(res.body_truncated).toBe(true);
    const preview = JSON.stringify(res.body_preview);
    expect(preview.length).toBeLessThan(60_000);
    expect(preview.length).toBeGreaterThan(40_000);
    expect(run.records).toHaveLength(2000);
  });
});

describe("cancellation", () => {
  it("aborting deps.signal mid-run ends with a cancelled error and done; later resources do not start", async () => {
    const ctrl = new AbortController();
    const api = fakeFetch((_r, n) => {
      if (n === 1) ctrl.abort();
      return json({ data: items(n, 1), next: `https://api.test/p${n + 1}` });
    });
    const cfg = {
      client: { base_url: "https://api.test" },
      resources: [
        { name: "a", endpoint: { path: "/a", data_selector: "data", paginator: "json_link" } },
        { name: "b", endpoint: { path: "/b" } },
      ],
    };
    const run = await collect(cfg, api.fetch, { signal: ctrl.signal });
    expect(api.calls).toHaveLength(1);
    expect(run.errors).toEqual([{ code: "cancelled", message: "The run was cancelled.", resource: "a" }]);
    expect(run.of("resource_start").map((s) => s.resource)).toEqual(["a"]);
    expect(run.done).toMatchObject({ type: "done", ok: false });
  });
  it("a signal aborted before the run makes no request", async () => {
    const api = endless();
    const run = await collect(linked, api.fetch, { signal: AbortSignal.abort() });
    expect(api.calls).toHaveLength(0);
    expect(run.errors.map((e) => e.code)).toEqual(["cancelled"]);
    expect(run.events.map((e) => e.type)).toEqual(["run_start", "error", "done"]);
  });
  it("aborting during a retry wait cancels the wait", async () => {
    const ctrl = new AbortController();
    const api = fakeFetch(() => {
      ctrl.abort();
      return json({}, 503);
    });
    const run = await collect(linked, api.fetch, { signal: ctrl.signal });
    expect(api.calls).toHaveLength(1);
    expect(run.errors.map((e) => e.code)).toEqual(["cancelled"]);
  });
  it("a consumer that stops reading cancels the run; a slow one holds it back (backpressure)", async () => {
    const api = endless();
    const clock = createVirtualClock(0);
    const deps = { transport: fetchTransport(api.fetch), ...clock, virtualClock: true };
    const source = resolved(linked);
    const seen: number[] = [];
    for await (const e of extract({ source, secrets: {} }, deps)) {
      if (e.type !== "page") continue;
      seen.push(api.calls.length);
      if (e.page === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(api.calls).toHaveLength(3);
    const events: EngineEvent[] = [];
    for await (const e of extract(
      { source, secrets: {}, limits: { maxPages: 2 } },
      { ...deps, transport: fetchTransport(endless().fetch) },
    ))
      events.push(e);
    expect(events.at(-1)).toMatchObject({ type: "done", ok: true });
  });
});

describe("a large page with no room to read it (a run worker's heap near its ceiling)", () => {
  it("stops the resource with a limit before parsing, says why, and small pages are not asked about", async () => {
    const big = { data: Array.from({ length: 12_000 }, (_, i) => ({ id: i, pad: "x".repeat(80) })) };
    const asked: number[] = [];
    const roomToRead = (bytes: number) => (asked.push(bytes), false);
    const run = await collect(one({ data_selector: "data", paginator: "single_page" }), fakeFetch(() => json(big)).fetch, {
      deps: { roomToRead },
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toBeGreaterThanOrEqual(1024 * 1024);
    expect(run.records).toEqual([]);
    const limit = run.of("limit")[0];
    expect(limit).toMatchObject({ resource: "r", limit: "max_response_bytes" });
    expect(limit?.message).toContain("this server's memory for runs is taken by other runs reading large pages");
    const small = await collect(
      one({ data_selector: "data", paginator: "single_page" }),
      fakeFetch(() => json({ data: [{ id: 1 }] })).fetch,
      {
        deps: { roomToRead },
      },
    );
    expect(asked).toHaveLength(1);
    expect(small.records).toEqual([{ id: 1 }]);
  });
});
