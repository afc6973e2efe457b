/**
 * The route's runs, off the request thread (decision 0040): a few long-lived worker threads
 * (./run-worker.ts), each running several runs at once (the engine is async; ./admission.ts bounds how
 * many runs there are). A run goes to the worker with the fewest runs. The request thread only forwards
 * the bytes a worker encoded, tells a run to pause and resume (the client reads slowly) and cancels it.
 *
 * A worker has a heap ceiling; if it dies (out of memory, a crash) each of its runs ends with an
 * `internal_error` and a failed `done`, and a fresh worker replaces it. A watchdog does the same to a worker whose
 * event loop has not answered for `RUN_STALL_MS` (synchronous code that never ends: only terminating the worker stops it).
 */
import type { Worker } from "node:worker_threads";
import { brokeOffText, type RunCommand, type RunReply, type RunStart } from "./run-protocol";
import { spawnRunWorker } from "./run-spawn";
import type { Diagnostic } from "@/lib/formats";
import type { RunFailureCode } from "@/lib/run";
import { Masker } from "@/lib/shared";

/**
 * Heap of one run worker. A page at the 20 MB response limit costs its text, the parsed records (several
 * times the text) and the page event's encoding: ~150–200 MB while it is handled, so a worker holds a few
 * such pages in flight at once; past the ceiling only that worker's runs end. Two workers' ceilings together are
 * about the room Node gives the server's own heap here (~4 GB), which the runs shared before they moved to workers.
 */
export const RUN_WORKER_HEAP_MB = 2048;
/** Longest a worker may take to load the engine (a loaded 2-core machine under tsx needs a few seconds). */
const STARTUP_MS = 30_000;
/**
 * How long a run worker's event loop may go without answering before the watchdog terminates it. The engine yields at
 * every page and the worker posts events per turn, so the longest legitimate synchronous steps are one page's. Measured
 * on this 2-core machine: an 18 MB page of 200k records parsed, selected (`$..id`: 400k values) and encoded held the
 * loop under 0.3 s at a time at load 3; the worst page found, 16 MB holding one object of 1M keys, took up to 15 s in one
 * step (encoding its page event) at load 12 (~2.5 s unloaded). A regex JSONPath stops itself at 5 s per value (decision
 * 0043); a full collection of a 2 GB heap takes a second or two. 60 s is 4× the worst of these on a machine loaded six
 * times over, and still ends a stuck worker (and its other runs, held with it) within a minute.
 */
export const RUN_STALL_MS = 60_000;

export interface RunPoolOptions {
  readonly workers: number;
  readonly heapMb?: number;
  /** Creates a worker that speaks ./run-protocol.ts (tests pass one that breaks). */
  readonly spawn?: (heapMb: number) => Worker;
  /** The watchdog's bound (default `RUN_STALL_MS`; tests pass a short one). */
  readonly stallMs?: number;
}

export type RunJob = Omit<RunStart, "kind" | "id">;

export type StartOutcome =
  | { readonly ok: false; readonly code: RunFailureCode; readonly message: string; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: true; readonly run: RunHandle };

/** Where a run's output goes (the route's stream). `end` comes once, never after `cancel`. */
export interface RunSink {
  chunk(bytes: Uint8Array): void;
  /** `broke`: the run broke off (a defect or its worker died): what to log, secrets masked. */
  end(broke?: string): void;
}

/** One run in a worker, as the request thread holds it. */
export class RunHandle {
  private sink: RunSink | null = null;
  private readonly pending: Uint8Array[] = [];
  private ended: { broke?: string } | null = null;
  private pausedNow = false;
  private cancelled = false;

  constructor(
    readonly id: number,
    private readonly send: (command: RunCommand) => void,
  ) {}

  /** Output produced before the sink was attached is delivered at once. */
  attach(sink: RunSink): void {
    this.sink = sink;
    for (const bytes of this.pending.splice(0)) sink.chunk(bytes);
    if (this.ended) sink.end(this.ended.broke);
  }

  pause(): void {
    if (this.pausedNow || this.cancelled || this.ended) return;
    this.pausedNow = true;
    this.send({ kind: "pause", id: this.id });
  }

  resume(): void {
    if (!this.pausedNow || this.cancelled || this.ended) return;
    this.pausedNow = false;
    this.send({ kind: "resume", id: this.id });
  }

  /** Aborts the run; nothing more reaches the sink. Idempotent. */
  cancel(): void {
    if (this.cancelled || this.ended) return;
    this.cancelled = true;
    this.send({ kind: "cancel", id: this.id });
  }

  get paused(): boolean {
    return this.pausedNow;
  }

  /** @internal The pool's. */
  deliver(bytes: Uint8Array): void {
    if (this.cancelled || this.ended) return;
    if (this.sink) this.sink.chunk(bytes);
    else this.pending.push(bytes);
  }

  /** @internal The pool's. */
  finish(broke?: string): void {
    if (this.ended) return;
    this.ended = broke === undefined ? {} : { broke };
    if (!this.cancelled) this.sink?.end(broke);
  }
}

interface Entry {
  readonly handle: RunHandle;
  /** Until the worker said `started` or `refused`. */
  settle: ((o: StartOutcome) => void) | null;
  /** The run's resources under way as the worker last said (`text`'s `active`). */
  active: readonly string[];
  /** The run's secret values (the request's), masked in what a dying worker's error leaves in the log. */
  readonly secrets: readonly string[];
}

interface Slot {
  readonly worker: Worker;
  readonly runs: Map<number, Entry>;
  ready: boolean;
  dead: boolean;
  startTimer?: ReturnType<typeof setTimeout>;
  /** When the worker last sent anything (`performance.now()`). */
  answered: number;
}

const encoder = new TextEncoder();

export class RunPool {
  private readonly slots = new Set<Slot>();
  private nextId = 1;
  private closed = false;
  private readonly heapMb: number;
  private readonly stallMs: number;
  private readonly watchEvery: number;
  private readonly watchdog: ReturnType<typeof setInterval>;
  private lastWatch = performance.now();

  constructor(private readonly options: RunPoolOptions) {
    this.heapMb = options.heapMb ?? RUN_WORKER_HEAP_MB;
    this.stallMs = options.stallMs ?? RUN_STALL_MS;
    this.watchEvery = Math.max(10, Math.round(this.stallMs / 6));
    this.watchdog = setInterval(() => this.watch(), this.watchEvery);
    this.watchdog.unref();
    // Warm from the start: a worker takes a moment to load the engine.
    for (let i = 0; i < options.workers; i++) this.spawn();
  }

  /** Starts a run in the worker with the fewest; resolves once the worker has set it up (or refused it). Never rejects. */
  start(job: RunJob): Promise<StartOutcome> {
    const id = this.nextId++;
    return new Promise<StartOutcome>((resolve) => {
      if (this.closed) {
        const handle = new RunHandle(id, () => undefined);
        handle.deliver(encoder.encode(brokeOffText("The server is shutting down.")));
        handle.finish();
        return resolve({ ok: true, run: handle });
      }
      const slot = this.pick();
      const handle = new RunHandle(id, (command) => slot.worker.postMessage(command));
      slot.runs.set(id, { handle, settle: resolve, active: [], secrets: Object.values(job.request.secrets ?? {}) });
      slot.worker.postMessage({ kind: "start", id, ...job } satisfies RunStart);
    });
  }

  /** Terminates every worker; their runs end as broken off (tests, shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    await Promise.all([...this.slots].map((s) => this.die(s, "The server is shutting down.")));
  }

  /** Runs in progress on each live worker (tests). */
  runsPerWorker(): number[] {
    return [...this.slots].map((s) => s.runs.size);
  }

  /** The worker with the fewest runs; a missing one is started first if every live worker has runs. */
  private pick(): Slot {
    const alive = [...this.slots];
    let best = alive[0];
    for (const s of alive) if (best === undefined || s.runs.size < best.runs.size) best = s;
    if (best === undefined || (best.runs.size > 0 && alive.length < this.options.workers)) return this.spawn();
    return best;
  }

  /**
   * The watchdog: pings every started worker; one with runs that has not answered for `stallMs` is stuck in synchronous
   * code (its event loop never turns), so it is terminated and its runs end with an error naming their resources under
   * way. A late tick means this thread was held up itself, its workers' answers maybe still queued: it judges no one.
   */
  private watch(): void {
    const now = performance.now();
    const late = now - this.lastWatch > this.watchEvery * 2;
    this.lastWatch = now;
    for (const slot of this.slots) {
      if (!slot.ready || slot.dead) continue;
      if (!late && slot.runs.size > 0 && now - slot.answered > this.stallMs) void this.die(slot, stalledMessage(this.stallMs));
      else slot.worker.postMessage({ kind: "ping" } satisfies RunCommand);
    }
  }

  private spawn(): Slot {
    const worker = (this.options.spawn ?? spawnRunWorker)(this.heapMb);
    const slot: Slot = { worker, runs: new Map(), ready: false, dead: false, answered: performance.now() };
    this.slots.add(slot);
    slot.startTimer = setTimeout(() => {
      if (!slot.ready) void this.die(slot, `The run's worker did not start within ${STARTUP_MS / 1000} s.`);
    }, STARTUP_MS);
    worker.on("message", (reply: RunReply) => this.onReply(slot, reply));
    worker.on("error", (e: Error & { code?: string }) => {
      if (e.code === "ERR_WORKER_OUT_OF_MEMORY")
        return void this.die(
          slot,
          "The run's worker ran out of memory (too many large responses at once on this server); the run was stopped.",
        );
      // The error's text may hold a secret of any run on the worker (different clients' runs): only the log gets it, masked.
      void this.die(
        slot,
        "The run's worker failed (an error inside restplay: please report it); the run was stopped.",
        `${e.name}: ${e.message}`,
      );
    });
    worker.on("exit", (code) => void this.die(slot, `The run's worker stopped (exit code ${code}).`));
    worker.unref();
    return slot;
  }

  private onReply(slot: Slot, reply: RunReply): void {
    slot.answered = performance.now();
    if (reply.kind === "pong") return;
    if (reply.kind === "ready") {
      slot.ready = true;
      clearTimeout(slot.startTimer);
      return;
    }
    const entry = slot.runs.get(reply.id);
    if (!entry) return;
    switch (reply.kind) {
      case "refused":
        slot.runs.delete(reply.id);
        entry.settle?.({ ok: false, code: reply.code, message: reply.message, diagnostics: reply.diagnostics });
        return;
      case "started":
        entry.settle?.({ ok: true, run: entry.handle });
        entry.settle = null;
        return;
      case "text":
        if (reply.active) entry.active = reply.active;
        entry.handle.deliver(reply.bytes);
        return;
      case "end":
        slot.runs.delete(reply.id);
        entry.handle.finish(reply.broke);
    }
  }

  /**
   * Ends a worker: each of its runs ends with an `internal_error` (one per resource under way, in its trace) and a
   * failed `done`; a ready worker is replaced. `detail` goes only to the log, masked with every run's secrets.
   */
  private async die(slot: Slot, message: string, detail?: string): Promise<void> {
    if (slot.dead) return;
    slot.dead = true;
    clearTimeout(slot.startTimer);
    this.slots.delete(slot);
    const masked = detail === undefined ? "" : ` ${new Masker([...slot.runs.values()].flatMap((r) => r.secrets)).text(detail)}`;
    for (const { handle, settle, active } of slot.runs.values()) {
      settle?.({ ok: true, run: handle });
      const names = active.map((name) => `\`${name}\``).join(", ");
      const said = active.length === 0 ? message : `${message.replace(/\.$/, "")} (under way: ${names}).`;
      handle.deliver(encoder.encode(brokeOffText(said, "internal_error", active)));
      handle.finish(said + masked);
    }
    slot.runs.clear();
    // One that never started is not restarted in a loop: the next run starts a worker again.
    if (slot.ready && !this.closed && this.slots.size < this.options.workers) this.spawn();
    await slot.worker.terminate().catch(() => undefined);
  }
}

/** What a run on a stuck worker ends with: no detail of the run's data or requests (nothing to mask), only what happened. */
function stalledMessage(stallMs: number): string {
  return (
    `The run was stopped: its worker thread was stuck in synchronous code for over ${stallMs / 1000} s (a defect in restplay ` +
    "on this data: please report it); the server replaced the worker, and other runs on it were stopped too."
  );
}
