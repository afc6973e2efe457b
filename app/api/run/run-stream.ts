/**
 * A run's NDJSON stream as the route answers it: the bytes its worker encoded, forwarded. Backpressure:
 * above `QUEUE_HIGH_BYTES` queued and unread the run is paused in its worker (the engine stops pulling
 * pages), and resumed once the client has read it down to `QUEUE_LOW_BYTES`. A run that stays paused for
 * `stallMs` (a client that keeps the connection and reads nothing) is stopped, so it frees its admission slot.
 */
import type { RunHandle } from "./run-pool";
import { brokeOffText } from "./run-protocol";

export const QUEUE_HIGH_BYTES = 1024 * 1024;
export const QUEUE_LOW_BYTES = 256 * 1024;

/**
 * `onEnd` is called once the run is over for the route (it ended, the client cancelled the stream, or
 * `stop` was called); `stop` ends the stream early (the client went away) and cancels the run.
 */
export function runStream(run: RunHandle, onEnd: () => void, stallMs = Infinity): { stream: ReadableStream<Uint8Array>; stop: () => void } {
  let closed = false;
  let close = () => undefined as void;
  let stall: ReturnType<typeof setTimeout> | null = null;
  const unstall = () => {
    if (stall !== null) clearTimeout(stall);
    stall = null;
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        close = () => {
          unstall();
          if (closed) return;
          closed = true;
          controller.close();
        };
        const stalled = () => {
          stall = null;
          if (closed) return;
          const seconds = Math.round(stallMs / 1000);
          const message =
            `The run was stopped: its client read nothing for ${seconds} s while the run waited for it ` +
            "(the server's run time limit, RESTPLAY_MAX_RUN_MS).";
          controller.enqueue(new TextEncoder().encode(brokeOffText(message, "cancelled")));
          stop();
        };
        run.attach({
          chunk(bytes) {
            if (closed) return;
            controller.enqueue(bytes);
            if ((controller.desiredSize ?? 0) <= 0) {
              run.pause();
              if (stall === null && Number.isFinite(stallMs)) stall = setTimeout(stalled, stallMs);
            }
          },
          end(broke) {
            // A defect, or the run's worker died: logged without secrets (the worker masked them).
            if (broke !== undefined) console.error("restplay /api/run: the run broke off:", broke);
            onEnd();
            close();
          },
        });
      },
      pull(controller) {
        if (run.paused && QUEUE_HIGH_BYTES - (controller.desiredSize ?? 0) <= QUEUE_LOW_BYTES) {
          unstall();
          run.resume();
        }
      },
      cancel() {
        unstall();
        closed = true;
        onEnd();
        run.cancel();
      },
    },
    { highWaterMark: QUEUE_HIGH_BYTES, size: (chunk) => chunk.byteLength },
  );
  const stop = () => {
    onEnd();
    run.cancel();
    close();
  };
  return { stream, stop };
}
