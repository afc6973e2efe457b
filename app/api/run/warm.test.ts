import { describe, expect, it, vi } from "vitest";
import { GET } from "./route";
import { warmUp } from "./warm";
import type { ValidationPool } from "./validation-pool";
import type { RunPool } from "./run-pool";

describe("GET /api/run (the page's warm-up)", () => {
  it("answers 204 at once, uncached, with no body", async () => {
    const res = GET();
    expect(res.status).toBe(204);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toBe("");
  });

  it("warms once per process however often it is asked", async () => {
    // GET above has already warmed this process: a later pool is never asked to validate.
    const validate = vi.fn(async () => ({ kind: "refused" as const }));
    const start = vi.fn();
    const pool = { validate } as unknown as ValidationPool;
    for (let i = 0; i < 5; i++) warmUp(pool, { start } as unknown as RunPool);
    await new Promise((r) => setTimeout(r, 10));
    expect(validate).not.toHaveBeenCalled();
    expect(start).not.toHaveBeenCalled();
  });
});
