import { describe, expect, it, vi } from "vitest";

// A run whose event stream throws (in its worker): the route must end the stream as a failed run, never
// hang or crash, and must not log the secret values it was given.
vi.mock("./run-spawn", async () => {
  const { tsxWorker } = await import("./tsx-worker");
  return {
    spawnRunWorker: (heapMb: number) =>
      tsxWorker(new URL("./testing/broken-run-worker.ts", import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: heapMb } }),
  };
});

const { POST } = await import("./route");

describe("POST /api/run when the engine throws", () => {
  it("ends with an internal_error event and a failed done, masking secrets in the log", async () => {
    const logged: unknown[][] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    const res = await POST(
      new Request("http://127.0.0.1/api/run", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ config: "{}", target: "mock", secrets: { token: "s3cr3t-value" } }),
      }),
    );
    const events = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; ok?: boolean; error?: { code: string; message: string } });
    spy.mockRestore();
    expect(events.map((e) => e.type)).toEqual(["run_start", "error", "done"]);
    expect(events[1]?.error?.code).toBe("internal_error");
    expect(events[2]?.ok).toBe(false);
    expect(JSON.stringify(events)).not.toContain("s3cr3t-value");
    expect(JSON.stringify(logged)).not.toContain("s3cr3t-value");
    expect(JSON.stringify(logged)).toContain("boom");
  });
});
