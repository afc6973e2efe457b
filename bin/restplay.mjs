#!/usr/bin/env node
// The `restplay` launcher: compiles the TypeScript CLI on the fly with tsx (a runtime dependency),
// then runs lib/cli/main.ts.
import { setFlagsFromString } from "node:v8";

// Ctrl-C cancels the run cleanly (the engine stops, the summary is printed, no state file is half written); a second
// signal quits. SIGTERM (`timeout`, a container's stop, a CI's cancel) does the same, with its own status, 143. The
// listeners come first: a signal while the CLI loads (a second or so) is answered too, not left to end it silently;
// before the command has started there is nothing to cancel cleanly, so it quits at once. Each way says so on stderr.
const controller = new AbortController();
let started = false;
let stoppedBy = null;
const stop = (signal, status) => () => {
  if (stoppedBy !== null || !started) {
    process.stderr.write(stoppedBy === null ? "cancelled\n" : `cancelled: a second ${signal} quit at once\n`);
    process.exit(status);
  }
  stoppedBy = signal;
  controller.abort(new Error("cancelled"));
};
process.on("SIGINT", stop("SIGINT", 130));
process.on("SIGTERM", stop("SIGTERM", 143));

const { register } = await import("tsx/esm/api");
const { register: registerCjs } = await import("tsx/cjs/api");

// V8 sizes the heap to about 4 × what a full collection leaves alive; a run streams pages whose
// short-lived data survives into the old space, so a long run's heap grew to 4 × its live set in
// garbage. Favouring size keeps the heap close to the live set (a million records: 280 → ~150 MB
// peak RSS, docs/performance.md); it is the launcher's choice, made before anything runs.
setFlagsFromString("--optimize-for-size");

// The repository's .ts files are CommonJS to Node (package.json has no "type"): both hooks are needed.
registerCjs();
register();
const cli = await import("../lib/cli/main.ts");
const io = await import("../lib/cli/io.ts");
// Compiled as CommonJS, the module's exports arrive as the default export.
const main = cli.main ?? cli.default.main;
const { readCapped, terminalSafe } = io.readCapped ? io : io.default;

/** A terminal gets control characters from the input escaped, not obeyed (`terminalSafe`); a pipe or a file gets the text as is. */
const forTerminal = (stream) =>
  stream.isTTY ? { isTTY: true, write: (chunk) => stream.write(terminalSafe(String(chunk))), once: (e, l) => stream.once(e, l) } : stream;

// A reader that goes away (`restplay run … | head`) ends the command quietly, as a pipe's writer
// dies of SIGPIPE (status 141), instead of an unhandled EPIPE and its stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(141);
    throw e;
  });

started = true;
const code = await main(process.argv.slice(2), {
  stdout: forTerminal(process.stdout),
  stderr: forTerminal(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
  // `-` as the file: the config from a pipe (`cat config.py | restplay validate -`).
  stdin: () => readCapped(process.stdin, "standard input"),
});
// A cancelled command answers 130 (Ctrl-C's status); one SIGTERM cancelled, 143.
process.exitCode = code === 130 && stoppedBy === "SIGTERM" ? 143 : code;
