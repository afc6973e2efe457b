import { describe, expect, it } from "vitest";
import { collect, fakeFetch, items, json, one } from "../testing/engine";
import { ResponseCut, type Transport } from "./types";
import { fetchTransport } from "./fetch-transport";
import { formatBytes } from "./budget";

const MB = 1024 * 1024;
const linked = one({ data_selector: "data", paginator: "json_link" });
const single = one({ data_selector: "data", paginator: "single_page" });

/** A body that never ends; records whether it was cancelled. */
function endless(chunk = new Uint8Array(64 * 1024).fill(0x20)) {
  const state = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        state.pulled += chunk.length;
        c.enqueue(chunk);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, state };
}

describe("response bodies are read with a running count", () => {
  it("an endless body is cut at maxResponseBytes and cancelled; never retried; the run fails", async () => {
    const { body, state } = endless();
    const api = fakeFetch(() => new Response(body, { headers: { "content-type": "application/json" } }));
    const run = await collect(single, api.fetch, { limits: { maxResponseBytes: 2 * MB } });
    expect(api.calls).toHaveLength(1);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(2 * MB + 64 * 1024);
    expect(run.of("limit")).toEqual([
      {
        type: "limit",
        resource: "r",
        limit: "max_response_bytes",
        message: "stopped: the response to page 1 passed 2 MB while downloading (playground limit max_response_bytes)",
      },
    ]);
    expect(run.of("response")[0]).toMatchObject({ status: 200, size: 2 * MB + 64 * 1024 });
    expect(run.of("retry")).toEqual([]);
    expect(run.of("resource_done")[0]!.ok).toBe(false);
    expect(run.done).toMatchObject({ ok: false });
  });

  it("tells the transport each response's budget: the response limit, or what is left of the run's", async () => {
    const seen: number[] = [];
    const api = fakeFetch((_r, n) => json({ data: items(n, 1), next: n < 3 ? `/p${n + 1}` : null }));
    const inner = fetchTransport(api.fetch);
    const transport: Transport = (r) => (seen.push(r.maxBytes), inner(r));
    const run = await collect(linked, api.fetch, { limits: { maxResponseBytes: 1000, maxTotalBytes: 1050 }, deps: { transport } });
    const [a = 0, b = 0] = run.of("response").map((r) => r.size);
    expect(seen).toEqual([1000, 1000, 1050 - a - b]);
  });

  it("a transport's ResponseCut (a decompression bomb) is a max_compression_ratio limit, not a network error", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new Uint8Array(10));
        c.error(new ResponseCut("ratio", 6 * MB, 60_000, "inflated more than 100 times (60000 bytes on the wire became 6.0 MB)"));
      },
    });
    const api = fakeFetch(() => new Response(body));
    const run = await collect(single, api.fetch);
    expect(api.calls).toHaveLength(1);
    expect(run.of("limit")[0]).toMatchObject({
      limit: "max_compression_ratio",
      message:
        "stopped: the response to page 1 inflated more than 100 times (60000 bytes on the wire became 6.0 MB) while downloading; " +
        "restplay refuses responses that decompress like a zip bomb",
    });
    expect(run.done).toMatchObject({ ok: false });
  });

  it("other body errors are network errors, retried as before", async () => {
    const api = fakeFetch((_r, n) =>
      n === 1 ? new Response(new ReadableStream({ start: (c) => c.error(new TypeError("terminated")) })) : json({ data: [] }),
    );
    const run = await collect(single, api.fetch);
    expect(run.of("retry")[0]).toMatchObject({ reason: "network error: terminated" });
    expect(run.done).toMatchObject({ ok: true });
  });
});

describe("run budgets", () => {
  it("max_requests counts every request, retries and redirects included, and stops every resource that asks for more", async () => {
    const api = fakeFetch((_r, n, url) =>
      url.pathname === "/a" && n === 1
        ? new Response(null, { status: 302, headers: { location: "/a2" } })
        : n === 3
          ? json({}, 503)
          : json({ data: items(n, 1), next: `/p${n}` }),
    );
    const cfg = {
      client: { base_url: "https://api.test" },
      resources: [
        { name: "a", endpoint: { path: "/a", data_selector: "data", paginator: "json_link" } },
        { name: "b", endpoint: { path: "/b" } },
      ],
    };
    const run = await collect(cfg, api.fetch, { limits: { maxRequests: 5 } });
    expect(api.calls).toHaveLength(5);
    // The two take turns (dlt's round robin): the budget is spent during a's turn, b asks next.
    expect(run.of("limit").map((l) => [l.resource, l.limit, l.message])).toEqual([
      [
        "b",
        "max_requests",
        "stopped: the run made 5 HTTP requests (playground limit max_requests; retries, redirects and token requests count)",
      ],
      [
        "a",
        "max_requests",
        "stopped: the run made 5 HTTP requests (playground limit max_requests; retries, redirects and token requests count)",
      ],
    ]);
    expect(run.of("resource_done").map((d) => d.ok)).toEqual([false, false]);
    expect(run.done).toMatchObject({ ok: false });
  });

  it("max_total_bytes adds up every response of the run and cuts the one that passes it", async () => {
    const page = JSON.stringify({ data: items(0, 50) });
    const api = fakeFetch(() => new Response(page));
    const cfg = {
      client: { base_url: "https://api.test" },
      resources: ["a", "b", "c"].map((name) => ({ name, endpoint: { path: `/${name}`, data_selector: "data", paginator: "single_page" } })),
    };
    const run = await collect(cfg, api.fetch, { limits: { maxTotalBytes: Math.floor(page.length * 2.5) } });
    expect(run.of("page").map((p) => p.resource)).toEqual(["a", "b"]);
    expect(run.of("limit")).toEqual([
      {
        type: "limit",
        resource: "c",
        limit: "max_total_bytes",
        message:
          `stopped: the response to page 1 passed the run's ${Math.floor(page.length * 2.5)} bytes in total while downloading ` +
          "(playground limit max_total_bytes)",
      },
    ]);
    expect(run.done).toMatchObject({ ok: false });
  });

  it("a limit the user chose (max_pages) still ends ok; a failing limit does not stop the children of a parent", async () => {
    const api = fakeFetch((_r, _n, url) => (url.pathname === "/parents" ? json([{ id: 1 }, { id: 2 }]) : new Response("x".repeat(3000))));
    const cfg = {
      client: { base_url: "https://api.test" },
      resources: [
        { name: "parents", endpoint: { path: "/parents", paginator: "single_page" } },
        { name: "kids", endpoint: { path: "/parents/{resources.parents.id}/kids", paginator: "single_page" } },
      ],
    };
    const run = await collect(cfg, api.fetch, { limits: { maxResponseBytes: 1000 } });
    expect(run.of("limit").map((l) => [l.resource, l.limit])).toEqual([["kids", "max_response_bytes"]]);
    expect(run.of("resource_done").map((d) => [d.resource, d.ok])).toEqual([
      ["parents", true],
      ["kids", false],
    ]);
  });

  it("formats byte counts for messages", () => {
    expect([formatBytes(1000), formatBytes(20 * MB), formatBytes(1.5 * MB), formatBytes(200 * MB)]).toEqual([
      "1000 bytes",
      "20 MB",
      "1.5 MB",
      "200 MB",
    ]);
  });
});
