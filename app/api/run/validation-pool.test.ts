/**
 * The validation pool (issue #13, finding 2): a hostile config costs one worker its budget, the
 * request thread stays free, and every job ends (checked, over budget, busy, cancelled or failed).
 */
import { afterEach, describe, expect, it } from "vitest";
import { Worker } from "node:worker_threads";
import { ValidationPool } from "./validation-pool";
import { EXAMPLES } from "@/lib/examples";

/** A fake worker speaking the protocol: `spin` texts loop forever, `oom` texts allocate without end. */
const FAKE = `
const { parentPort } = require("node:worker_threads");
parentPort.on("message", (m) => {
  if (m.text === "spin") for (;;) {}
  if (m.text === "oom") { const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); }
  parentPort.postMessage({ id: m.id, kind: "checked", checked: { valid: true, config: null, diagnostics: [{ code: "echo", message: m.text }] } });
});
parentPort.postMessage({ id: 0, kind: "ready" });
`;
const fake = () => new Worker(FAKE, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 64 } });

const pools: ValidationPool[] = [];
const pool = (o: Partial<ConstructorParameters<typeof ValidationPool>[0]> = {}) => {
  const p = new ValidationPool({ workers: 1, budgetMs: 300, maxQueue: 4, queueTimeoutMs: 5_000, spawn: fake, ...o });
  pools.push(p);
  return p;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** The longest the request thread went without running a timer while `work` was pending. */
async function worstLag(work: Promise<unknown>): Promise<number> {
  let worst = 0;
  let last = performance.now();
  let done = false;
  void work.finally(() => (done = true));
  while (!done) {
    await new Promise((r) => setTimeout(r, 5));
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }
  return worst;
}

describe("ValidationPool", () => {
  it("validates in a worker and answers with the result", async () => {
    const out = await pool().validate("hello");
    expect(out).toMatchObject({ kind: "checked", checked: { diagnostics: [{ message: "hello" }] } });
  });

  it("stops a job past its CPU budget, keeps the request thread free, and serves the next job on a fresh worker", async () => {
    const p = pool();
    const t0 = performance.now();
    const spinning = p.validate("spin");
    const lag = await worstLag(spinning);
    expect(await spinning).toEqual({ kind: "over_budget", budgetMs: 300 });
    expect(performance.now() - t0).toBeLessThan(3_000);
    // Generous: the request thread only waits on timers here (it was blocked for minutes before).
    expect(lag).toBeLessThan(250);
    expect(await p.validate("after")).toMatchObject({ kind: "checked" });
  });

  it("a worker that runs out of memory fails its job, not the server", async () => {
    const p = pool({ budgetMs: 20_000 });
    const out = await p.validate("oom");
    expect(out.kind).toBe("failed");
    expect(await p.validate("after")).toMatchObject({ kind: "checked" });
  });

  it("a full queue and a long wait are `busy`, never an endless wait", async () => {
    const p = pool({ maxQueue: 1, queueTimeoutMs: 200, budgetMs: 1_000 });
    const first = p.validate("spin");
    await new Promise((r) => setTimeout(r, 50));
    const queued = p.validate("queued");
    expect(await p.validate("third")).toMatchObject({ kind: "busy" });
    expect(await queued).toMatchObject({ kind: "busy" });
    expect(await first).toMatchObject({ kind: "over_budget" });
  });

  it("the client going away removes a queued job and stops a running one", async () => {
    const p = pool({ budgetMs: 10_000 });
    const a = new AbortController();
    const b = new AbortController();
    const running = p.validate("spin", a.signal);
    const queued = p.validate("x", b.signal);
    await new Promise((r) => setTimeout(r, 100));
    b.abort();
    expect(await queued).toEqual({ kind: "cancelled" });
    const t0 = performance.now();
    a.abort();
    expect(await running).toEqual({ kind: "cancelled" });
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(await p.validate("again")).toMatchObject({ kind: "checked" });
  });

  it("is fair between clients: a client whose configs each take the whole budget does not make another wait behind them", async () => {
    const p = pool({ workers: 1, budgetMs: 200 });
    await p.validate("warm");
    const order: string[] = [];
    const track = (name: string, job: Promise<unknown>) => job.then(() => order.push(name));
    const hostile = [1, 2, 3].map((i) => track(`a${i}`, p.validate("spin", undefined, "a")));
    const other = track("b", p.validate("hello", undefined, "b"));
    await Promise.all([...hostile, other]);
    // b runs as soon as the worker is free of a's first job, not after all three.
    expect(order.indexOf("b")).toBe(1);
  });

  it("a worker that cannot start fails the waiting job with the reason instead of respawning forever", async () => {
    const p = pool({ spawn: () => new Worker("throw new Error('cannot load the validator')", { eval: true }) });
    const out = await p.validate("x");
    expect(out.kind).toBe("failed");
  });

  it("the real worker validates the seed examples and reports diagnostics with ranges", async () => {
    const p = new ValidationPool({ workers: 1, budgetMs: 10_000, maxQueue: 4, queueTimeoutMs: 20_000 });
    pools.push(p);
    const seed = EXAMPLES[0]!.text;
    const ok = await p.validate(seed);
    expect(ok).toMatchObject({ kind: "checked", checked: { valid: true } });
    const bad = await p.validate(seed.replace('"resources"', '"resourcez"'));
    expect(bad.kind).toBe("checked");
    if (bad.kind === "checked") {
      expect(bad.checked.valid).toBe(false);
      expect(bad.checked.diagnostics[0]?.range.start).toBeGreaterThan(0);
    }
  }, 30_000);
});
