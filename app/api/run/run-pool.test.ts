/**
 * The run pool with its real worker (./run-worker.ts): a worker that dies mid-run ends each of its runs
 * with an error and a failed `done`, and the next run works; so does one stuck in synchronous code (the watchdog);
 * a cancelled run is freed in its worker.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkConfig } from "@/lib/config";
import type { EngineEvent } from "@/lib/engine";
import { EXAMPLES } from "@/lib/examples";
import { TraceBuilder } from "@/lib/run";
import { RunPool, type RunHandle, type RunJob } from "./run-pool";
import { tsxWorker } from "./tsx-worker";
import { startLoopback, type Loopback } from "./testing/loopback";

/** The real worker, with runs that make it run out of memory (`oom`) or fail (`crash`). */
const crashing = (heapMb: number) =>
  tsxWorker(new URL("./testing/crashing-run-worker.ts", import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: heapMb } });

let server: Loopback;
let base = "";

beforeAll(async () => {
  server = await startLoopback();
  base = server.base;
});
afterAll(() => server.close());

const liveJob = (path: string): RunJob => ({
  checked: checkConfig(
    JSON.stringify({
      client: { base_url: base },
      resources: [{ name: "r", endpoint: { path, data_selector: "data", paginator: "single_page" } }],
    }),
  ),
  request: { target: "live", limits: { maxResponseBytes: 200 * 1024 * 1024, maxRecords: 10_000_000, maxDurationMs: 600_000 } },
  allowHosts: "127.0.0.1",
  notes: [],
});

/** Collects a run's output; resolves with its events once it ends. */
function collect(run: RunHandle): Promise<{ events: EngineEvent[]; broke: string | undefined }> {
  return new Promise((resolve) => {
    let text = "";
    const decoder = new TextDecoder();
    run.attach({
      chunk: (bytes) => void (text += decoder.decode(bytes, { stream: true })),
      end: (broke) =>
        resolve({
          events: text
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l) as EngineEvent),
          broke,
        }),
    });
  });
}

const until = async (what: () => boolean) => {
  while (!what()) await new Promise((r) => setTimeout(r, 10));
};

async function started(pool: RunPool, job: RunJob): Promise<RunHandle> {
  const s = await pool.start(job);
  if (!s.ok) throw new Error(s.message);
  return s.run;
}

const seed = EXAMPLES.find((e) => e.id === "seed-002")?.text ?? "";
const mock = (resources?: string[]): RunJob => ({
  checked: checkConfig(seed),
  request: { target: "mock", ...(resources ? { resources } : {}), secrets: { token: "s3cr3t-value" } },
  allowHosts: undefined,
  notes: [],
});

describe("RunPool", () => {
  for (const [how, said] of [
    ["oom", "ran out of memory"],
    ["crash", "The run's worker failed"],
  ] as const) {
    const what = how === "oom" ? "runs out of memory" : "fails";
    it(`a worker that ${what} mid-run ends each of its runs with an error and a failed done; the next run works`, async () => {
      const pool = new RunPool({ workers: 1, heapMb: 64, spawn: crashing });
      try {
        const before = server.hanging;
        const waiting = collect(await started(pool, liveJob("/hang")));
        await until(() => server.hanging > before);
        const dying = collect(await started(pool, mock([how])));
        for (const { events, broke } of [await dying, await waiting]) {
          expect(events.at(-2)).toMatchObject({ type: "error", error: { code: "internal_error", message: expect.stringContaining(said) } });
          expect(events.at(-1)).toMatchObject({ type: "done", ok: false });
          expect(broke).toContain(said);
          // The error's own text goes only to the server's log, masked: it may hold any run's secret, and a worker's
          // runs are different clients' (the live run here never had the secret).
          expect(JSON.stringify(events)).not.toContain("s3cr3t-value");
          expect(broke).not.toContain("s3cr3t-value");
        }
        if (how === "crash") expect((await dying).broke).toContain("the worker broke with s*****e");
        const next = await collect(await started(pool, mock()));
        expect(next.events.at(-1)).toMatchObject({ type: "done", ok: true });
        expect(pool.runsPerWorker()).toEqual([0]);
      } finally {
        await pool.close();
      }
    }, 60_000);
  }

  it("the watchdog stops a worker stuck in synchronous code: its run ends with an error on the resource; others go on", async () => {
    // Two workers; the bound is short (the spinning worker never answers, so no timing is asserted).
    const pool = new RunPool({ workers: 2, heapMb: 256, spawn: crashing, stallMs: 2_000 });
    try {
      const before = server.hanging;
      const other = await started(pool, liveJob("/hang"));
      let otherEnded = false;
      other.attach({ chunk: () => undefined, end: () => void (otherEnded = true) });
      await until(() => server.hanging > before);
      const { events, broke } = await collect(await started(pool, mock(["spin"])));
      const error = {
        code: "internal_error",
        resource: "spin",
        message: expect.stringContaining("stuck in synchronous code for over 2 s"),
      };
      expect(events.slice(-2)).toMatchObject([
        { type: "error", resource: "spin", error },
        { type: "done", ok: false },
      ]);
      expect(broke).toContain("(under way: `spin`)");
      expect(JSON.stringify(events)).not.toContain("s3cr3t-value");
      // The trace shows the error under the resource, and the run as failed.
      const trace = new TraceBuilder();
      for (const e of events) trace.push(e);
      const shown = trace.snapshot();
      expect(shown.phase).toBe("failed");
      expect(shown.resources.find((r) => r.name === "spin")?.items.at(-1)).toMatchObject({ kind: "error", error });
      // The run on the other worker goes on; a new worker serves the next run.
      expect(otherEnded).toBe(false);
      expect(pool.runsPerWorker().sort()).toEqual([0, 1]);
      const next = await collect(await started(pool, mock()));
      expect(next.events.at(-1)).toMatchObject({ type: "done", ok: true });
      expect(otherEnded).toBe(false);
      other.cancel();
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("a cancelled run is aborted in its worker (its request closed) and freed; nothing more reaches the stream", async () => {
    const pool = new RunPool({ workers: 1 });
    try {
      const before = server.hanging;
      const closedBefore = server.hangClosed;
      const run = await started(pool, liveJob("/hang"));
      let ended = false;
      run.attach({ chunk: () => undefined, end: () => void (ended = true) });
      await until(() => server.hanging > before);
      expect(pool.runsPerWorker()).toEqual([1]);
      run.cancel();
      await until(() => server.hangClosed > closedBefore && pool.runsPerWorker()[0] === 0);
      expect(ended).toBe(false);
    } finally {
      await pool.close();
    }
  });

  it("refuses a run as prepareCheckedRun does, without starting it", async () => {
    const pool = new RunPool({ workers: 1 });
    try {
      const seed = EXAMPLES.find((e) => e.id === "seed-002")?.text ?? "";
      const s = await pool.start({
        checked: checkConfig(seed),
        request: { target: "mock", resources: ["nope"] },
        allowHosts: undefined,
        notes: [],
      });
      expect(s).toMatchObject({ ok: false, code: "unknown_resource" });
      expect(pool.runsPerWorker()).toEqual([0]);
    } finally {
      await pool.close();
    }
  });
});
