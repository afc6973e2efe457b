import { describe, expect, it } from "vitest";
import { createPool } from "./pool";

describe("createPool", () => {
  it("runs at most `size` tasks at once, in submission order, and passes results and errors through", async () => {
    const pool = createPool(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, () => {
      let resolve = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      return { promise, resolve };
    });
    const results = gates.map((g, i) =>
      pool(async () => {
        started.push(i);
        peak = Math.max(peak, ++running);
        await g.promise;
        running--;
        if (i === 3) throw new Error("task 3 failed");
        return i * 10;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.resolve();
    const settled = await Promise.allSettled(results);
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : (s.reason as Error).message))).toEqual([
      0,
      10,
      20,
      "task 3 failed",
      40,
    ]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(2);
  });
});
