/**
 * Signals to the real `restplay` process (bin/restplay.mjs): the launcher listens before it loads the CLI, so a Ctrl-C
 * (130) or SIGTERM (143) in its first second says it cancelled instead of ending the process silently; and a run held
 * for minutes by a page's processing steps still ends on one (the steps let the event loop run: EngineDeps.breathe).
 * The bounds are "did not hang" only.
 */
import { afterAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { join, resolve } from "node:path";
import { tempDir } from "../testing/temp-dir";

const bin = resolve(__dirname, "../../bin/restplay.mjs");
const { dir, write } = tempDir("signals");
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

/**
 * A page whose processing steps keep the engine busy for many minutes, each call within the steps' bounds: every record
 * becomes 5000 items, each mapped by a loop of 60000 steps. The page comes from the mock of a sample response.
 */
write(
  "stuck.py",
  `import dlt
from dlt.sources.rest_api import rest_api_source

def spin(item):
    n = 0
    for i in range(60000):
        n += 1
    return {"id": item, "n": n}

source = rest_api_source({
    "client": {"base_url": "https://api.example.com/"},
    "resources": [
        {
            "name": "items",
            "endpoint": {"path": "items", "paginator": "single_page"},
            "processing_steps": [{"yield_map": lambda r: range(5000)}, {"map": spin}],
        },
    ],
})
`,
);
write("sample.json", JSON.stringify([{ id: 1 }, { id: 2 }]));
write("config.json", JSON.stringify({ client: { base_url: "https://api.example.com/" }, resources: ["items"] }));
/**
 * Loaded before the launcher (`--require`): sends the process the signal named by RESTPLAY_TEST_SELF_SIGNAL as soon as the
 * launcher listens for it, while the CLI is still loading.
 */
write(
  "self-signal.cjs",
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

describe("restplay run, signalled while a page's processing steps hold its engine", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "%s ends it: exit %i, the run cancelled, its summary printed",
    async (signal, status) => {
      const args = ["run", "stuck.py", "--mock", "--mock-spec", "sample.json", "--sample-url", "https://api.example.com/items"];
      const child = spawn(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
      children.push(child);
      let stdout = "";
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => void (stderr += c.toString()));
      // The resource has started: its page is on its way, then held by its steps.
      await new Promise<void>((seen) =>
        child.stdout.on("data", (c: Buffer) => {
          stdout += c.toString();
          if (stdout.includes("paginator single_page")) seen();
        }),
      );
      child.kill(signal);
      const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
      expect(code).toBe(status);
      expect(stderr).not.toMatch(/Unhandled|node:internal/);
      expect(stdout).toContain("✖ the run was cancelled: nothing was loaded");
      // The page's `yield_map` gives its items one turn of the run at a time (dlt's iterator reads its generator so): those
      // given before the signal are counted, how many depends on the moment.
      expect(stdout).toMatch(/^items +\d+ +\d+ +0 +[01] +0 +cancelled$/m);
    },
    120_000,
  );
});

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
