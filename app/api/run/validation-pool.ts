/**
 * A small pool of worker threads that validate config text with a per-request CPU budget (issue #13,
 * finding 2). Why not piscina/tinypool: both load a worker from a file name at run time, which the
 * Next build cannot bundle; `new Worker(new URL("./validation-worker.ts", import.meta.url))` is the
 * one form Turbopack compiles for the server (decision 0012).
 *
 * - Workers start with the pool (loading the validator takes a few hundred ms). A worker takes one job
 *   at a time; its budget starts when the job reaches it. Past the budget the worker is terminated
 *   (the only way to stop synchronous work) and a fresh one starts at once.
 * - Jobs wait in a bounded queue for a bounded time; past either the caller hears `busy` (503).
 * - The caller's signal (client gone) removes a queued job or terminates the worker running it.
 * - Each worker has a heap ceiling, so an expansion bomb ends that worker, not the server.
 */
import { Worker } from "node:worker_threads";
import type { CheckedConfig } from "@/lib/config";
import type { ValidationReply, ValidationRequest } from "./validation-protocol";
import { fromSource, tsxWorker } from "./tsx-worker";

export type ValidationOutcome =
  | { readonly kind: "checked"; readonly checked: CheckedConfig; readonly ms: number }
  | { readonly kind: "over_budget"; readonly budgetMs: number }
  | { readonly kind: "busy"; readonly reason: string }
  | { readonly kind: "cancelled" }
  | { readonly kind: "failed"; readonly message: string };

export interface PoolOptions {
  readonly workers: number;
  readonly budgetMs: number;
  readonly maxQueue: number;
  readonly queueTimeoutMs: number;
  /** Creates a worker that speaks the protocol in ./validation-protocol.ts (tests inject slow ones). */
  readonly spawn?: () => Worker;
}

/** Longest a worker may take to load the validator (a loaded 2-core machine needs ~1 s). */
const STARTUP_MS = 30_000;
/** Heap of one validation worker: a 1 MB config needs a few dozen MB; a bomb stops here. */
const WORKER_HEAP_MB = 256;

export function spawnValidationWorker(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: WORKER_HEAP_MB };
  if (fromSource(import.meta.url)) {
    // Under vitest/tsx this module is TypeScript source, and so is the worker.
    return tsxWorker(new URL("./validation-worker.ts", import.meta.url), { resourceLimits });
  }
  // This exact form is what the Next build recognises and compiles into a worker chunk.
  return new Worker(new URL("./validation-worker.ts", import.meta.url), { resourceLimits });
}

interface Job {
  readonly id: number;
  readonly text: string;
  readonly refValues: Readonly<Record<string, string>> | undefined;
  /** Who asked (`clientKey`): a free worker takes the first job of a client with none running. */
  readonly client: string;
  readonly signal: AbortSignal | undefined;
  readonly settle: (o: ValidationOutcome) => void;
  queueTimer?: ReturnType<typeof setTimeout>;
  onAbort?: () => void;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  job: Job | null;
  startedAt: number;
  budgetTimer?: ReturnType<typeof setTimeout>;
  dead: boolean;
}

export class ValidationPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** The client of the job a worker took last. */
  private lastClient: string | null = null;

  constructor(private readonly options: PoolOptions) {
    // Warm from the start: a worker takes a few hundred ms to load the validator.
    for (let i = 0; i < options.workers; i++) this.spawn();
  }

  /**
   * Validates `text` in a worker; never throws. `client`: who asks (a client's jobs do not hold up another's);
   * `refValues`: the run's values of the config's references (lib/config's `ValidateOptions`).
   */
  validate(text: string, signal?: AbortSignal, client = "", refValues?: Readonly<Record<string, string>>): Promise<ValidationOutcome> {
    if (signal?.aborted) return Promise.resolve({ kind: "cancelled" });
    if (this.closed) return Promise.resolve({ kind: "busy", reason: "the server is shutting down" });
    if (this.queue.length >= this.options.maxQueue) {
      return Promise.resolve({ kind: "busy", reason: `${this.queue.length} configs are already waiting to be checked` });
    }
    return new Promise<ValidationOutcome>((resolve) => {
      let settled = false;
      const job: Job = {
        id: this.nextId++,
        text,
        refValues,
        client,
        signal,
        settle: (o) => {
          if (settled) return;
          settled = true;
          if (job.queueTimer) clearTimeout(job.queueTimer);
          if (job.onAbort) signal?.removeEventListener("abort", job.onAbort);
          resolve(o);
        },
      };
      const onWaitedTooLong = () => {
        const at = this.queue.indexOf(job);
        if (at < 0) return;
        // While the pool is still warming up (no worker ready yet), waiting is not the server being busy.
        if (![...this.slots].some((w) => w.ready)) {
          job.queueTimer = setTimeout(onWaitedTooLong, this.options.queueTimeoutMs);
          return;
        }
        this.queue.splice(at, 1);
        job.settle({ kind: "busy", reason: `no validation worker was free within ${this.options.queueTimeoutMs} ms` });
      };
      job.queueTimer = setTimeout(onWaitedTooLong, this.options.queueTimeoutMs);
      job.onAbort = () => this.cancel(job);
      signal?.addEventListener("abort", job.onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Terminates every worker (tests, shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.settle({ kind: "busy", reason: "the server is shutting down" });
    await Promise.all([...this.slots].map((s) => this.kill(s, { kind: "busy", reason: "the server is shutting down" })));
  }

  /** Workers alive now (for tests and the bench). */
  get size(): number {
    return this.slots.size;
  }

  private cancel(job: Job): void {
    const at = this.queue.indexOf(job);
    if (at >= 0) {
      this.queue.splice(at, 1);
      job.settle({ kind: "cancelled" });
      return;
    }
    for (const s of this.slots) if (s.job === job) void this.kill(s, { kind: "cancelled" });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const idle = [...this.slots].find((s) => s.ready && !s.job && !s.dead);
      if (idle) {
        // Fair between clients: one whose configs take every worker (each up to the budget) does not make others
        // wait behind them. First a client with no job running that was not served last, then any with none running.
        const running = new Set([...this.slots].flatMap((s) => (s.job ? [s.job.client] : [])));
        let at = this.queue.findIndex((j) => !running.has(j.client) && j.client !== this.lastClient);
        if (at < 0)
          at = Math.max(
            0,
            this.queue.findIndex((j) => !running.has(j.client)),
          );
        const job = this.queue.splice(at, 1)[0] as Job;
        this.lastClient = job.client;
        this.start(idle, job);
        continue;
      }
      // Workers still starting will pull from the queue when they are ready.
      const starting = [...this.slots].filter((s) => !s.ready && !s.dead).length;
      if (this.slots.size < this.options.workers && starting < this.queue.length) this.spawn();
      else return;
    }
  }

  private spawn(): void {
    const worker = (this.options.spawn ?? spawnValidationWorker)();
    const slot: Slot = { worker, ready: false, job: null, startedAt: 0, dead: false };
    this.slots.add(slot);
    // A worker that never gets ready would hold its queue forever.
    slot.budgetTimer = setTimeout(() => {
      if (!slot.ready)
        void this.kill(slot, { kind: "failed", message: `the validation worker did not start within ${STARTUP_MS / 1000} s` });
    }, STARTUP_MS);
    worker.on("message", (reply: ValidationReply) => this.onReply(slot, reply));
    worker.on("error", (e) => void this.kill(slot, { kind: "failed", message: `the validation worker failed: ${e.message}` }));
    worker.on("exit", () => {
      if (!slot.dead) void this.kill(slot, { kind: "failed", message: "the validation worker stopped (out of memory?)" });
    });
    worker.unref();
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.startedAt = performance.now();
    slot.budgetTimer = setTimeout(
      () => void this.kill(slot, { kind: "over_budget", budgetMs: this.options.budgetMs }),
      this.options.budgetMs,
    );
    slot.worker.postMessage(
      (job.refValues
        ? { id: job.id, text: job.text, refValues: job.refValues }
        : { id: job.id, text: job.text }) satisfies ValidationRequest,
    );
  }

  private onReply(slot: Slot, reply: ValidationReply): void {
    if (reply.kind === "ready") {
      slot.ready = true;
      if (slot.budgetTimer) clearTimeout(slot.budgetTimer);
      this.pump();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    if (slot.budgetTimer) clearTimeout(slot.budgetTimer);
    slot.job = null;
    const ms = performance.now() - slot.startedAt;
    job.settle(reply.kind === "checked" ? { kind: "checked", checked: reply.checked, ms } : { kind: "failed", message: reply.message });
    this.pump();
  }

  /** Ends a worker and its job (if any) with `outcome`; a replacement starts when there is work. */
  private async kill(slot: Slot, outcome: ValidationOutcome): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    if (slot.budgetTimer) clearTimeout(slot.budgetTimer);
    this.slots.delete(slot);
    slot.job?.settle(outcome);
    slot.job = null;
    // A worker that cannot even start would be respawned forever: the waiting job hears why instead.
    if (!slot.ready && outcome.kind === "failed") this.queue.shift()?.settle(outcome);
    // A killed worker is replaced at once (warm), unless it could not even start.
    else if (!this.closed && this.slots.size < this.options.workers) this.spawn();
    if (!this.closed) this.pump();
    await slot.worker.terminate().catch(() => undefined);
  }
}
