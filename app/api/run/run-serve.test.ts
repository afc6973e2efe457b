/** The run worker's memory check (./run-serve.ts): a body is read only while the heap has room for what reading it takes. */
import { describe, expect, it } from "vitest";
import { fullCollection, roomToRead, type HeapAccess } from "./run-serve";

const MB = 1024 * 1024;

/** A heap of `limitMb` whose used size is each of `usedMb` in turn (the last one stays), and its collections. */
function heap(usedMb: number[], limitMb: number, at = { ms: 0 }) {
  const collected: number[] = [];
  let read = 0;
  const access: HeapAccess = {
    stats: () => ({ used_heap_size: (usedMb[Math.min(read++, usedMb.length - 1)] as number) * MB, heap_size_limit: limitMb * MB }),
    collect: () => () => collected.push(at.ms),
    now: () => at.ms,
    lastCollect: -Infinity,
  };
  return { access, collected, at };
}

describe("roomToRead", () => {
  it("takes a 20 MB page while the heap is mostly free, refuses it near the ceiling when a collection frees nothing", () => {
    const free = heap([200], 2048);
    expect(roomToRead(20 * MB, free.access)).toBe(true);
    expect(free.collected).toEqual([]);
    const full = heap([1750], 2048);
    expect(roomToRead(20 * MB, full.access)).toBe(false);
    expect(full.collected).toEqual([0]);
    expect(roomToRead(MB, heap([1750], 2048).access)).toBe(true);
  });
  it("near the ceiling, collects first: garbage counted as used does not refuse a page", () => {
    const h = heap([1750, 400], 2048);
    expect(roomToRead(20 * MB, h.access)).toBe(true);
    expect(h.collected).toEqual([0]);
  });
  it("a heap that stays full is collected at most every 2 s, not before each page", () => {
    const h = heap([1750], 2048);
    expect(roomToRead(20 * MB, h.access)).toBe(false);
    h.at.ms = 500;
    expect(roomToRead(20 * MB, h.access)).toBe(false);
    h.at.ms = 2_500;
    expect(roomToRead(20 * MB, h.access)).toBe(false);
    expect(h.collected).toEqual([0, 2_500]);
  });
  it("reads and, when it must, collects this thread's own heap by default (V8 gives its gc() to a worker thread)", () => {
    expect(roomToRead(MB)).toBe(true);
    const gc = fullCollection();
    expect(typeof gc).toBe("function");
    gc?.();
  });
});
