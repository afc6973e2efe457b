/** Runs the bench server in its own process (so its memory is not counted): prints its URL, stops on stdin close. */
import { startBenchServer } from "./server";

startBenchServer(Number(process.argv[2] ?? 1_000_000)).then((s) => {
  process.stdout.write(`${s.url}\n`);
  process.stdin.resume();
  process.stdin.on("end", () => void s.close().then(() => process.exit(0)));
});
