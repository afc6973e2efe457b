/**
 * A run's NDJSON stream as the route answers it: the bytes its worker encoded, forwarded. Backpressure:
 * above `QUEUE_HIGH_BYTES` queued and unread the run is paused in its worker (the engine stops pulling
 * pages), and resumed once the client has read it down to `QUEUE_LOW_BYTES`.
 */
import type { RunHandle } from "./run-pool";

export const QUEUE_HIGH_BYTES = 1024 * 1024;
export const QUEUE_LOW_BYTES = 256 * 1024;

/**
 * `onEnd` is called once the run is over for the route (it ended, the client cancelled the stream, or
 * `stop` was called); `stop` ends the stream early (the client went away) and cancels the run.
 */
export function runStream(run: RunHandle, onEnd: () => void): { stream: ReadableStream<Uint8Array>; stop: () => void } {
  let closed = false;
  let close = () => undefined as void;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        close = () => {
          if (closed) return;
          closed = true;
          controller.close();
        };
        run.attach({
          chunk(bytes) {
            if (closed) return;
            controller.enqueue(bytes);
            if ((controller.desiredSize ?? 0) <= 0) run.pause();
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
        if (run.paused && QUEUE_HIGH_BYTES - (controller.desiredSize ?? 0) <= QUEUE_LOW_BYTES) run.resume();
      },
      cancel() {
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
