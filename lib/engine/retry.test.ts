import { describe, expect, it } from "vitest";
import { collect, fakeFetch, items, json, one } from "../testing/engine";
import { backoffMs, policyFrom, retryAfterMs, DLT_DEFAULT_POLICY } from "./retry";
import { fetchTransport } from "./fetch-transport";
import type { TransportRequest } from "./types";

const ok = () => json({ data: items(0, 2) });
const single = (extra: object = {}) => one({ data_selector: "data", paginator: "single_page", ...extra });

describe("dlt's default retries", () => {
  it("429 and 5xx: 5 attempts with waits of 1, 2, 4, 8 s, then dlt's error text", async () => {
    const api = fakeFetch(() => json({ error: "down" }, 503));
    const run = await collect(single(), api.fetch);
    expect(api.calls).toHaveLength(5);
    expect(run.sleeps).toEqual([1000, 2000, 4000, 8000]);
    expect(run.of("retry").map((r) => [r.attempt, r.status, r.reason, r.wait_ms, r.wait_source, r.virtual])).toEqual([
      [1, 503, "503 Service Unavailable", 1000, "backoff", true],
      [2, 503, "503 Service Unavailable", 2000, "backoff", true],
      [3, 503, "503 Service Unavailable", 4000, "backoff", true],
      [4, 503, "503 Service Unavailable", 8000, "backoff", true],
    ]);
    expect(run.errors[0]).toMatchObject({ code: "http_error", status: 503, resource: "r", url: "https://api.test/items" });
    expect(run.errors[0]!.message).toBe(
      '503 Server Error: Service Unavailable for url: https://api.test/items (gave up after 5 attempts; dlt defaults: 429 and 5xx, 5 attempts, backoff 1 s)\nResponse: {"error":"down"}',
    );
    expect(run.of("resource_done")[0]!.stats).toEqual({ requests: 5, pages: 0, retries: 4, records_fetched: 0 });
    expect(new Set(run.of("request").map((r) => r.request_id)).size).toBe(1);
    expect(run.of("request").map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5]);
  });
  it("a retried request that then succeeds keeps its page", async () => {
    const api = fakeFetch((_r, n) => (n <= 2 ? json({}, n === 1 ? 500 : 429) : ok()));
    const run = await collect(single(), api.fetch);
    expect(run.sleeps).toEqual([1000, 2000]);
    expect(run.records).toHaveLength(2);
    expect(run.done).toMatchObject({ ok: true });
  });
  it("Retry-After (seconds or HTTP date, clamped to [0, 300 s]) replaces the backoff", async () => {
    const secs = await collect(single(), fakeFetch((_r, n) => (n === 1 ? json({}, 429, { "retry-after": "7" }) : ok())).fetch);
    expect(secs.sleeps).toEqual([7000]);
    expect(secs.of("retry")[0]).toMatchObject({ status: 429, wait_ms: 7000, wait_source: "retry-after", virtual: true });
    const date = await collect(
      single(),
      fakeFetch((_r, n) => (n === 1 ? json({}, 503, { "Retry-After": new Date(30_000).toUTCString() }) : ok())).fetch,
    );
    expect(date.sleeps).toEqual([30_000]);
    const huge = await collect(single(), fakeFetch((_r, n) => (n === 1 ? json({}, 429, { "retry-after": "9999" }) : ok())).fetch);
    expect(huge.sleeps).toEqual([300_000]);
    const junk = await collect(single(), fakeFetch((_r, n) => (n === 1 ? json({}, 429, { "retry-after": "soon" }) : ok())).fetch);
    expect(junk.sleeps).toEqual([1000]);
    expect(retryAfterMs(new Date(0).toUTCString(), 60_000, 300_000)).toBe(0);
    // dlt reads whole seconds or an email date (parsedate_tz); anything else waits the backoff (dlt 1.26.0's retry.py).
    for (const junk of ["1.5", "-5", "1e3", "NaN", "2015-10-21T07:28:00Z", " "]) expect(retryAfterMs(junk, 0, 300_000)).toBeNull();
    expect(retryAfterMs(" 7 ", 0, 300_000)).toBe(7000);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:30 +0200", Date.UTC(2015, 9, 21, 5, 28), 300_000)).toBe(30_000);
    expect(retryAfterMs("21-Oct-15 07:28:10 GMT", Date.UTC(2015, 9, 21, 7, 28), 300_000)).toBe(10_000);
  });
  it("a Retry-After date past year 9999 fails the resource as dlt's retry does (ValueError), unless no retry is left", async () => {
    // dlt 1.26.0 against a loopback API: one request, then the resource fails; with one attempt allowed, the 503 itself.
    const header = "Fri, 31 Dec 10000 23:59:59 GMT";
    const api = fakeFetch((_r, n) => (n === 1 ? json({}, 503, { "retry-after": header }) : ok()));
    const run = await collect(single(), api.fetch);
    expect(api.calls).toHaveLength(1);
    expect(run.sleeps).toEqual([]);
    expect(run.errors[0]).toMatchObject({ code: "http_error", status: 503, resource: "r" });
    expect(run.errors[0]!.message).toContain("ValueError: year 10000 is out of range");
    expect(run.errors[0]!.message).toContain(header);
    const last = await collect(
      single({ error_handler: { max_retries: 0 } }),
      fakeFetch(() => json({}, 503, { "retry-after": header })).fetch,
    );
    expect(last.errors[0]!.message).toMatch(/^503 Server Error: Service Unavailable for url: .*gave up after 1 attempts/);
  });
  it("network errors are retried, then reported as network_error", async () => {
    const api = fakeFetch(() => {
      throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
    });
    const run = await collect(single(), api.fetch);
    expect(api.calls).toHaveLength(5);
    expect(run.of("retry")[0]).toMatchObject({ status: null, reason: "network error: fetch failed (connect ECONNREFUSED 127.0.0.1:9)" });
    expect(run.errors[0]).toMatchObject({ code: "network_error" });
    expect(run.errors[0]!.message).toMatch(
      /^network error: fetch failed \(connect ECONNREFUSED 127\.0\.0\.1:9\) for url: https:\/\/api\.test\/items \(gave up after 5 attempts/,
    );
  });
  it("other 4xx fail at once with dlt's text, a redacted URL and a masked body excerpt", async () => {
    const api = fakeFetch(() => json({ message: "no such thing for key k-secret-1" }, 404));
    const run = await collect(single({}), api.fetch, { secrets: { api_key: "k-secret-1" } });
    expect(api.calls).toHaveLength(1);
    expect(run.errors[0]!.message).toBe(
      '404 Client Error: Not Found for url: https://api.test/items\nResponse: {"message":"no such thing for key k*****1"}',
    );
    const q = await collect(
      one({ paginator: "single_page" }, { auth: { type: "api_key", name: "api_key", api_key: { $secret: "api_key" }, location: "query" } }),
      fakeFetch(() => new Response("", { status: 400 })).fetch,
      { secrets: { api_key: "k-secret-1" } },
    );
    expect(q.errors[0]!.message).toBe("400 Client Error: Bad Request for url: https://api.test/items?api_key=***");
    expect(q.errors[0]!.url).toBe("https://api.test/items?api_key=***");
  });
  it("bodies that are not JSON say what came back (content type and the first 200 characters)", async () => {
    const html = `<html><body>${"x".repeat(300)}</body></html>`;
    const run = await collect(
      single(),
      fakeFetch(() => new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } })).fetch,
    );
    expect(run.errors[0]).toMatchObject({ code: "invalid_json", status: 200 });
    expect(run.errors[0]!.message).toContain("(content-type: text/html; charset=utf-8)");
    expect(run.errors[0]!.message.endsWith(`It starts with: ${html.slice(0, 200)}`)).toBe(true);
    const bad = await collect(
      single(),
      fakeFetch(() => new Response('{"data": [1,', { headers: { "content-type": "application/json" } })).fetch,
    );
    expect(bad.errors[0]).toMatchObject({ code: "invalid_json" });
  });
  it("a binary body's control characters are quoted as \\xNN in the error (a PNG's header, a 500's NUL bytes), never raw", async () => {
    const png = "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR";
    const run = await collect(single(), fakeFetch(() => new Response(png, { headers: { "content-type": "image/png" } })).fetch);
    expect(run.errors[0]!.message).toMatch(/It starts with: \u0089PNG\r\n\\x1a\n\\x00\\x00\\x00\rIHDR$/);
    const failed = await collect(single(), fakeFetch(() => new Response("oops\u0000\u0007bell", { status: 500 })).fetch);
    expect(failed.errors[0]!.message).toContain("\nResponse: oops\\x00\\x07bell");
  });
});

describe("the seed error_handler", () => {
  const handler = { retry_on_status_codes: [401, 403, 429], max_retries: 3, backoff_factor: 30 };
  it("listed statuses, max_retries after the first try, waits 30/60/120 s, then http_error", async () => {
    const api = fakeFetch(() => json({ Title: "Forbidden" }, 403));
    const run = await collect(single({ error_handler: handler }), api.fetch);
    expect(api.calls).toHaveLength(4);
    expect(run.sleeps).toEqual([30_000, 60_000, 120_000]);
    expect(run.errors[0]).toMatchObject({ code: "http_error", status: 403 });
    expect(run.errors[0]!.message).toMatch(
      /^403 Client Error: Forbidden for url: https:\/\/api\.test\/items \(gave up after 4 attempts; error_handler: 401\/403\/429, 3 retries, backoff 30 s\)/,
    );
  });
  it("Retry-After wins; statuses not listed are not retried; network errors still are", async () => {
    const ra = await collect(
      single({ error_handler: handler }),
      fakeFetch((_r, n) => (n === 1 ? json({}, 429, { "Retry-After": "2" }) : ok())).fetch,
    );
    expect(ra.sleeps).toEqual([2000]);
    const api = fakeFetch(() => json({}, 503));
    const run = await collect(single({ error_handler: handler }), api.fetch);
    expect(api.calls).toHaveLength(1);
    expect(run.sleeps).toEqual([]);
    expect(run.errors[0]!.message).toMatch(/^503 Server Error: Service Unavailable/);
    const net = fakeFetch((_r, n) => {
      if (n < 3) throw new TypeError("fetch failed");
      return ok();
    });
    const netRun = await collect(single({ error_handler: { ...handler, backoff_factor: 2 } }), net.fetch);
    expect(netRun.sleeps).toEqual([2000, 4000]);
    expect(netRun.records).toHaveLength(2);
  });
  it("policy timing helpers", () => {
    expect([1, 2, 3, 4].map((k) => backoffMs(DLT_DEFAULT_POLICY, k))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(policyFrom({ backoff_factor: 100 }), 4)).toBe(300_000);
    expect(policyFrom({ max_retries: 0 }).maxAttempts).toBe(1);
  });
});

describe("timeouts on a real clock", () => {
  /** A fetch that never answers until its request is aborted. */
  const hanging = (answerFrom = Infinity) =>
    fakeFetch((req, n) =>
      n >= answerFrom
        ? ok()
        : new Promise<Response>((_, reject) =>
            req.signal.addEventListener("abort", () => reject(new DOMException("The operation was aborted.", "AbortError"))),
          ),
    );
  /** A real-clock stand-in: every wait ends on the next macrotask (after any in-process answer). */
  const realish = { virtualClock: false, sleep: () => new Promise<void>((resolve) => setTimeout(resolve, 0)) };
  it("each attempt is aborted after requestTimeoutMs (a timer made of deps.sleep), retried, then reported", async () => {
    const api = hanging();
    const run = await collect(single(), api.fetch, { deps: realish, limits: { requestTimeoutMs: 1500 } });
    expect(api.calls).toHaveLength(5);
    expect(run.of("retry").map((r) => r.reason)).toEqual(Array(4).fill("timeout: no response within 1.5 s"));
    expect(run.of("retry")[0]!.virtual).toBe(false);
    expect(run.errors[0]).toMatchObject({ code: "timeout" });
  });
  it("with deps.timer: one timer per attempt, cancelled when the attempt ends; a timer that fires times the attempt out", async () => {
    const timers: { ms: number; fire: () => void; cancelled: boolean }[] = [];
    const timer = (ms: number, fire: () => void) => {
      const t = { ms, fire, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    };
    // Answers come at once: every timer is cancelled, none fires.
    const quick = await collect(single(), fakeFetch(() => ok()).fetch, { deps: { ...realish, timer }, limits: { requestTimeoutMs: 1500 } });
    expect(quick.records).toHaveLength(2);
    expect(timers.map((t) => [t.ms, t.cancelled])).toEqual([[1500, true]]);
    // A hanging request: the test fires the attempt's timer, the request is aborted and retried.
    timers.length = 0;
    const api = hanging(2);
    // Only the first attempt's timer: the second attempt is answered.
    const fireFirst = setInterval(() => {
      if (timers[0] && !timers[0].cancelled) timers[0].fire();
    }, 1);
    try {
      const slow = await collect(single(), api.fetch, { deps: { ...realish, timer } });
      expect(slow.records).toHaveLength(2);
      expect(slow.of("retry").map((r) => r.reason)).toEqual(["timeout: no response within 60 s"]);
      expect(timers).toHaveLength(2);
      expect(timers.every((t) => t.cancelled)).toBe(true);
    } finally {
      clearInterval(fireFirst);
    }
  });
  it("a transport that detaches from its signals gets the same signal again until one is aborted", async () => {
    const signals: AbortSignal[] = [];
    const api = hanging(2);
    const base = fetchTransport(api.fetch);
    const transport = Object.assign(
      (r: TransportRequest) => {
        signals.push(r.signal);
        return base(r);
      },
      { detachesSignal: true as const },
    );
    let fired = false;
    const timer = (_ms: number, fire: () => void) => {
      // The first attempt hangs: time it out once.
      if (!fired) setTimeout(() => ((fired = true), fire()), 1);
      return () => undefined;
    };
    const paged = one({ data_selector: "data", paginator: { type: "page_number", base_page: 1, total_path: null, maximum_page: 4 } });
    const run = await collect(paged, api.fetch, { deps: { ...realish, timer, transport } });
    expect(run.of("retry").map((r) => r.reason)).toEqual(["timeout: no response within 60 s"]);
    expect(run.of("page")).toHaveLength(3);
    // Attempt 1 (page 1) was aborted; its retry and pages 2 and 3 share one fresh signal.
    expect(signals).toHaveLength(4);
    expect(signals[0]!.aborted).toBe(true);
    expect(new Set(signals.slice(1)).size).toBe(1);
    expect(signals[1]).not.toBe(signals[0]);
    expect(signals[3]!.aborted).toBe(false);
    // Without the flag (fetch keeps its listeners), every request gets a signal of its own.
    signals.length = 0;
    const plain = (r: TransportRequest) => {
      signals.push(r.signal);
      return fetchTransport(fakeFetch(() => ok()).fetch)(r);
    };
    await collect(paged, api.fetch, { deps: { ...realish, transport: plain } });
    expect(new Set(signals).size).toBe(signals.length);
  });

  it("cancelling the run ends a hanging attempt at once, with its timer", async () => {
    const stop = new AbortController();
    const cancels: boolean[] = [];
    const timer = () => {
      const i = cancels.push(false) - 1;
      return () => {
        cancels[i] = true;
      };
    };
    const api = hanging();
    setTimeout(() => stop.abort(), 5);
    const run = await collect(single(), api.fetch, { deps: { ...realish, timer }, signal: stop.signal });
    expect(run.errors[0]).toMatchObject({ code: "cancelled" });
    expect(cancels).toEqual([true]);
    expect(api.calls).toHaveLength(1);
  });
  it("a timed-out attempt followed by an answer keeps the page", async () => {
    const run = await collect(single(), hanging(2).fetch, { deps: realish });
    expect(run.records).toHaveLength(2);
    expect(run.of("retry")).toHaveLength(1);
  });
  it("a wait that would pass maxDurationMs (a huge Retry-After) ends the run failed with a max_duration limit", async () => {
    const api = fakeFetch(() => json({}, 429, { "retry-after": "100" }));
    const run = await collect(single(), api.fetch, { deps: realish, limits: { maxDurationMs: 60_000 } });
    expect(api.calls).toHaveLength(1);
    expect(run.of("limit")[0]).toMatchObject({
      limit: "max_duration",
      message: "stopped: waiting 100 s before retrying (429 Too Many Requests) would pass the run's 60 s limit",
    });
    expect(run.of("resource_done")[0]!.ok).toBe(false);
    expect(run.done).toMatchObject({ type: "done", ok: false });
  });
});

describe("per-request timeout on a virtual clock", () => {
  it("an answer that takes longer than request_timeout is a timeout, retried with dlt's backoff", async () => {
    const { createVirtualClock } = await import("./index");
    const clock = createVirtualClock(0);
    const api = fakeFetch(async (_r, n) => {
      if (n <= 2) await clock.sleep(n === 1 ? 60_001 : 90_000);
      return json([{ id: n }]);
    });
    const run = await collect(one({ paginator: "single_page" }), api.fetch, { clock });
    expect(api.calls).toHaveLength(3);
    expect(run.of("retry").map((r) => [r.attempt, r.reason, r.wait_ms])).toEqual([
      [1, "timeout: no response within 60 s (request_timeout; the mock would have answered after 60.001 s of virtual time)", 1000],
      [2, "timeout: no response within 60 s (request_timeout; the mock would have answered after 90 s of virtual time)", 2000],
    ]);
    expect(run.records).toEqual([{ id: 3 }]);
  });

  it("exactly request_timeout is still in time", async () => {
    const { createVirtualClock } = await import("./index");
    const clock = createVirtualClock(0);
    const api = fakeFetch(async () => {
      await clock.sleep(10_000);
      return json([{ id: 1 }]);
    });
    const run = await collect(one({ paginator: "single_page" }), api.fetch, { clock, limits: { requestTimeoutMs: 10_000 } });
    expect(run.of("retry")).toEqual([]);
    expect(run.records).toEqual([{ id: 1 }]);
  });
});
