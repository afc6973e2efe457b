/** Ctrl-C during a run: the summary says the run was cancelled, not that its resources failed. */
import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "./main";
import { cli, seedFiles, sink } from "../testing/cli";
import { fetchTransport } from "../engine";

const files = seedFiles();
beforeAll(async () => {
  await Promise.all([import("./run-command"), import("./check-command"), import("../run")]);
}, 60_000);

const config = (second: object) =>
  JSON.stringify({
    client: { base_url: "https://api.example.com" },
    resources: [
      { name: "first", endpoint: { path: "a", paginator: "single_page" } },
      { name: "second", endpoint: { path: "b", paginator: "single_page", ...second } },
    ],
  });

/** `/a` answers; `/b` is where the user presses Ctrl-C: the request waits until the run is cancelled. */
function cancelAtB(controller: AbortController, b?: () => Response) {
  return async (r: Request) => {
    if (r.url.endsWith("/a")) return new Response('[{"id": 1}]', { status: 200, headers: { "content-type": "application/json" } });
    if (b) return b();
    controller.abort();
    return new Promise<Response>((_, reject) => r.signal.addEventListener("abort", () => reject(new Error("aborted"))));
  };
}

describe("restplay run, cancelled", () => {
  it("marks the resource it cut short as cancelled and ends with 'the run was cancelled', exit 130", async () => {
    const file = files.write("two.json", config({}));
    const controller = new AbortController();
    const r = await cli(["run", file], { cwd: files.dir, fetch: cancelAtB(controller), signal: controller.signal });
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(/^second +0 +0 +0 +0 +0 +cancelled$/m);
    expect(r.stdout).toMatch(/^first .* ok$/m);
    expect(r.stdout).toContain("✖ the run was cancelled: nothing was loaded");
    expect(r.stdout).not.toContain("resources failed");
  });

  it("a run cancelled with --state-dir leaves the dir as it was: nothing written, and says it was cancelled", async () => {
    const file = files.write("two-state.json", config({}));
    const controller = new AbortController();
    const r = await cli(["run", file, "--state-dir", "cancelled-state"], {
      cwd: files.dir,
      fetch: cancelAtB(controller),
      signal: controller.signal,
    });
    expect(r.code).toBe(130);
    expect(r.stdout).toContain("left as it was (the run was cancelled: nothing was loaded)");
    expect(existsSync(join(files.dir, "cancelled-state", "destination.json"))).toBe(false);
  });

  it("a Ctrl-C after the run ended (while its state is written) cancels nothing: the run's own exit code, its state kept", async () => {
    const file = files.write(
      "one.json",
      JSON.stringify({ ...JSON.parse(config({})), resources: [{ name: "first", endpoint: { path: "a" } }] }),
    );
    const controller = new AbortController();
    const stdout = sink();
    const stderr = sink();
    // Ctrl-C pressed as the summary's last line is printed: the run has ended and was loaded.
    const out = { write: (s: string) => (s.includes("✔ 1 resource ran") && controller.abort(), stdout.write(s)) };
    const transport = fetchTransport(cancelAtB(controller));
    const io = { stdout: out, stderr, env: {}, cwd: files.dir, transport, signal: controller.signal };
    const code = await main(["run", file, "--state-dir", "state"], io);
    expect([code, controller.signal.aborted]).toEqual([0, true]);
    expect(stdout.text).toContain("state kept in");
    expect(stdout.text).toContain("(this run was loaded)");
    expect(stderr.text).toContain("nothing was cancelled");
    expect(readFileSync(join(files.dir, "state", "destination.json"), "utf8")).toContain('"first"');
  });

  it("a run that failed on its own, not cancelled, still says failed", async () => {
    const file = files.write("two.json", config({}));
    const controller = new AbortController();
    const fetch = cancelAtB(controller, () => new Response("{}", { status: 404, headers: { "content-type": "application/json" } }));
    const r = await cli(["run", file], { cwd: files.dir, fetch, signal: controller.signal });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^second +.* failed$/m);
    expect(r.stdout).toContain("✖ 1 of 2 resources failed: nothing was loaded");
  });
});

describe("restplay check, cancelled", () => {
  it("a Ctrl-C while the command starts (before its first request) stops it: nothing is fetched, exit 130", async () => {
    const file = files.write("two.json", config({}));
    const controller = new AbortController();
    controller.abort();
    let asked = 0;
    const r = await cli(["check", file], { cwd: files.dir, fetch: async () => (asked++, new Response("[]")), signal: controller.signal });
    expect([r.code, asked]).toEqual([130, 0]);
    expect(r.stdout).not.toContain("✓ pass");
  });
});
