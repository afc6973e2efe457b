/**
 * Runs once when the server starts (Next's instrumentation hook). The Node server favours memory
 * size (`--optimize-for-size`, as the CLI's launcher does, decision 0025): V8 otherwise lets the old
 * space grow to about 4 × what a full collection leaves alive, and a streamed run (`/api/run`)
 * promotes a steady flow of short-lived page data. Set before the validation workers start, so their
 * isolates get it too. Node only: `NODE_OPTIONS` refuses this flag, so it is set at run time;
 * `RESTPLAY_OPTIMIZE_FOR_SIZE=0` leaves V8's default (docs/security.md). The Node module is imported
 * behind the `NEXT_RUNTIME` check, in a file of its own, as Next's docs do it (the edge build of this
 * file must not see `node:v8`).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
