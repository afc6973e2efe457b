/**
 * A run worker's side of the protocol (./run-protocol.ts): each `start` is set up with lib/run's
 * `prepareCheckedRun` here, off the request thread, and several runs proceed at once (the engine is
 * async). Each run's events are encoded here and posted as bytes: the events one turn of the event loop
 * produced go in one message, posted as soon as the run waits (on the network, a timer, a page
 * boundary), never held back. `pause` stops pulling the run's events (so the engine stops pulling
 * pages) until `resume`; `cancel` aborts the run and frees it. `ping` is answered at once: the pool's watchdog
 * terminates a worker whose event loop stops answering (stuck in synchronous code).
 */
import type { MessagePort } from "node:worker_threads";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { EngineEvent } from "@/lib/engine";
import { createLiveTransport, parseAllowList } from "@/lib/net";
import { Masker } from "@/lib/shared";
import { encodeEvent, prepareCheckedRun } from "@/lib/run";
import { brokeOffText, type RunCommand, type RunReply, type RunStart } from "./run-protocol";

/**
 * What reading a response body takes, as a multiple of its size (its text, the parsed records, the page event's
 * encoding: ~100–150 MB for a 20 MB page, decision 0040).
 */
const READ_COST = 8;

type HeapStats = Pick<ReturnType<typeof getHeapStatistics>, "used_heap_size" | "heap_size_limit">;

/** A full collection at most this often: a heap that stays full refuses pages without collecting before each one. */
const COLLECT_EVERY_MS = 2_000;

/** How a worker's heap is read and collected (`roomToRead`'s own, or a test's). */
export interface HeapAccess {
  readonly stats: () => HeapStats;
  /** V8's full collection, `null` where it is not to be had. */
  readonly collect: () => (() => void) | null;
  readonly now: () => number;
  /** When it last collected (`-Infinity`: never). */
  lastCollect: number;
}

let gc: (() => void) | null | undefined;
/** V8's `gc()`: `--expose-gc` set at run time is seen by a context made after it (V8 flags are the process's). */
export function fullCollection(): (() => void) | null {
  if (gc === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      const f: unknown = runInNewContext("gc");
      gc = typeof f === "function" ? (f as () => void) : null;
    } catch {
      gc = null;
    }
  }
  return gc;
}

const THIS_HEAP: HeapAccess = { stats: getHeapStatistics, collect: fullCollection, now: () => performance.now(), lastCollect: -Infinity };

/**
 * Whether this worker's heap has room to read a body of `bytes` now, below its ceiling with a margin: past the
 * ceiling inside one native parse, V8 aborts the whole process, not the worker. The used heap counts garbage too, so
 * near the ceiling a full collection (a pause of this worker, rare) says what is really taken before a page is refused.
 */
export function roomToRead(bytes: number, heap: HeapAccess = THIS_HEAP): boolean {
  const fits = (h: HeapStats) => h.used_heap_size + bytes * READ_COST < h.heap_size_limit * 0.9;
  if (fits(heap.stats())) return true;
  const now = heap.now();
  const collect = now - heap.lastCollect >= COLLECT_EVERY_MS ? heap.collect() : null;
  if (collect === null) return false;
  heap.lastCollect = now;
  collect();
  return fits(heap.stats());
}

/** Past this many characters of events a message goes at once (a run that never waits still streams). */
const BATCH_CHARS = 64 * 1024;

interface Live {
  readonly abort: AbortController;
  paused: boolean;
  cancelled: boolean;
  wake: (() => void) | null;
  batch: string;
  flushing: boolean;
  /** Resources started and not done, in start order; `activeChanged` until the next message says so. */
  readonly active: string[];
  activeChanged: boolean;
}

/** Keeps `run.active` up with the run's events (what the pool's watchdog names if this worker gets stuck). */
function track(run: Live, e: EngineEvent): void {
  if (e.type === "resource_start" && !run.active.includes(e.resource)) run.active.push(e.resource);
  else if (e.type === "resource_done" && run.active.includes(e.resource)) run.active.splice(run.active.indexOf(e.resource), 1);
  else return;
  run.activeChanged = true;
}

/** The engine's events with the route's own notes right after `run_start`. */
async function* withNotes(events: AsyncGenerator<EngineEvent>, notes: readonly string[]): AsyncGenerator<EngineEvent> {
  try {
    for await (const e of events) {
      yield e;
      if (e.type === "run_start") for (const message of notes) yield { type: "warning", code: "server_limit", message };
    }
  } finally {
    await events.return(undefined);
  }
}

/** The events of a run whose set-up threw: the throw, where `drive` reports it. */
// eslint-disable-next-line require-yield -- a generator that only throws, as a broken engine's would
async function* brokenEvents(error: unknown): AsyncGenerator<EngineEvent> {
  throw error;
}

/** Serves runs on `port`; `prepare` is lib/run's (a test's worker passes one that breaks). */
export function serveRuns(port: MessagePort, prepare: typeof prepareCheckedRun = prepareCheckedRun): void {
  const runs = new Map<number, Live>();
  const post = (reply: RunReply) => {
    if (reply.kind === "text") port.postMessage(reply, [reply.bytes.buffer as ArrayBuffer]);
    else port.postMessage(reply);
  };
  const encoder = new TextEncoder();
  const flush = (id: number, run: Live) => {
    run.flushing = false;
    if (run.batch === "" || run.cancelled) return;
    const bytes = encoder.encode(run.batch);
    run.batch = "";
    const active = run.activeChanged ? [...run.active] : undefined;
    run.activeChanged = false;
    post(active ? { kind: "text", id, bytes, active } : { kind: "text", id, bytes });
  };
  const push = (id: number, run: Live, text: string) => {
    run.batch += text;
    if (run.batch.length >= BATCH_CHARS) flush(id, run);
    else if (!run.flushing) {
      run.flushing = true;
      // After this turn's microtasks: every event the run produced without waiting goes in one message.
      setImmediate(() => flush(id, run));
    }
  };

  async function drive(msg: RunStart, run: Live, events: AsyncGenerator<EngineEvent>): Promise<void> {
    const { id } = msg;
    let broke: string | undefined;
    try {
      for (;;) {
        while (run.paused && !run.cancelled) await new Promise<void>((resolve) => (run.wake = resolve));
        if (run.cancelled) break;
        const next = await events.next();
        if (run.cancelled || next.done) break;
        track(run, next.value);
        push(id, run, encodeEvent(next.value));
      }
    } catch (e) {
      if (!run.cancelled) {
        // The engine reports failures as events; reaching this is a defect. It is logged (by the request
        // thread) without secrets, and the stream ends the way every run ends, so the client shows a failed run.
        const masker = new Masker(Object.values(msg.request.secrets ?? {}));
        broke = masker.text(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
        push(id, run, brokeOffText(`The run broke off inside restplay: ${broke}`));
      }
    } finally {
      if (run.cancelled) await events.return(undefined).catch(() => undefined);
      flush(id, run);
      runs.delete(id);
      post(broke === undefined ? { kind: "end", id } : { kind: "end", id, broke });
    }
  }

  function start(msg: RunStart): void {
    const abort = new AbortController();
    const run: Live = { abort, paused: false, cancelled: false, wake: null, batch: "", flushing: false, active: [], activeChanged: false };
    let events: AsyncGenerator<EngineEvent>;
    try {
      // The live transport: every connection checked by the guard; a refusal is a `network_error`, never retried.
      const liveTransport = msg.request.target === "live" ? createLiveTransport({ guard: parseAllowList(msg.allowHosts) }) : undefined;
      const prepared = prepare(msg.checked, msg.request, { ...(liveTransport ? { liveTransport } : {}), signal: abort.signal, roomToRead });
      if (!prepared.ok) {
        post({ kind: "refused", id: msg.id, code: prepared.code, message: prepared.message, diagnostics: prepared.diagnostics });
        return;
      }
      events = withNotes(prepared.events, msg.notes);
    } catch (e) {
      // Setting a run up never throws by contract: a defect ends this run as one that broke off, not the worker.
      events = brokenEvents(e);
    }
    runs.set(msg.id, run);
    post({ kind: "started", id: msg.id });
    void drive(msg, run, events);
  }

  port.on("message", (msg: RunCommand) => {
    if (msg.kind === "ping") return post({ kind: "pong" });
    if (msg.kind === "start") return start(msg);
    const run = runs.get(msg.id);
    if (!run) return;
    if (msg.kind === "cancel") {
      run.cancelled = true;
      run.abort.abort();
    } else run.paused = msg.kind === "pause";
    if (!run.paused || run.cancelled) {
      run.wake?.();
      run.wake = null;
    }
  });
  post({ kind: "ready" });
}
