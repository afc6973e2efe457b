/**
 * Signals to the real `restplay` process (bin/restplay.mjs) as it starts: the launcher listens before it loads the CLI,
 * so a Ctrl-C (130) or SIGTERM (143) in its first second says it cancelled instead of ending the process silently.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const bin = resolve(__dirname, "../../bin/restplay.mjs");
const dir = mkdtempSync(join(tmpdir(), "restplay-signals-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

writeFileSync(join(dir, "config.json"), JSON.stringify({ client: { base_url: "https://api.example.com/" }, resources: ["items"] }));
/**
 * Loaded before the launcher (`--require`): sends the process the signal named by RESTPLAY_TEST_SELF_SIGNAL as soon as the
 * launcher listens for it, while the CLI is still loading.
 */
writeFileSync(
  join(dir, "self-signal.cjs"),
  `const signal = process.env.RESTPLAY_TEST_SELF_SIGNAL;
const on = process.on;
process.on = function (event, listener) {
  const result = on.call(this, event, listener);
  if (event === signal) {
    process.on = on;
    process.kill(process.pid, signal);
  }
  return result;
};
`,
);

describe("restplay, signalled as it starts", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s while the CLI loads: exit %i and 'cancelled' on stderr, not a silent end",
    async (signal, status) => {
      const child = spawn(process.execPath, ["--require", join(dir, "self-signal.cjs"), bin, "run", "config.json", "--mock"], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: "1", RESTPLAY_TEST_SELF_SIGNAL: signal },
      });
      children.push(child);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => void (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => void (stderr += c.toString()));
      const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
      expect(code).toBe(status);
      expect(stderr).toBe("cancelled\n");
      expect(stdout).toBe("");
    },
    120_000,
  );
});
