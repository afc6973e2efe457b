/** The run worker's memory check (./run-serve.ts): a body is read only while the heap has room for what reading it takes. */
import { describe, expect, it } from "vitest";
import { roomToRead } from "./run-serve";

const MB = 1024 * 1024;
const heap = (usedMb: number, limitMb: number) =>
  ({ used_heap_size: usedMb * MB, heap_size_limit: limitMb * MB }) as ReturnType<typeof import("node:v8").getHeapStatistics>;

describe("roomToRead", () => {
  it("takes a 20 MB page while the heap is mostly free, refuses it near the ceiling", () => {
    expect(roomToRead(20 * MB, heap(200, 2048))).toBe(true);
    expect(roomToRead(20 * MB, heap(1750, 2048))).toBe(false);
    expect(roomToRead(MB, heap(1750, 2048))).toBe(true);
  });
  it("reads this thread's own heap by default", () => {
    expect(roomToRead(MB)).toBe(true);
  });
});
