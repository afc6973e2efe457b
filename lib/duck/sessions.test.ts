/** The server's sessions are bounded: at most `sessions` held (least recently used out first), idle ones dropped. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDestination } from "../preview";
import { DuckSessions } from "./index";

const empty = createDestination().state();

afterEach(() => {
  vi.useRealTimers();
});

describe("DuckSessions", () => {
  it("holds at most `sessions`; the least recently used goes first", () => {
    vi.useFakeTimers();
    const held = new DuckSessions({ sessions: 2, idleMs: 60_000 });
    held.hold("session-a", "0:", empty);
    vi.advanceTimersByTime(10);
    held.hold("session-b", "0:", empty);
    vi.advanceTimersByTime(10);
    expect(held.find("session-a", "0:")).not.toBeNull(); // a is now the most recently used
    vi.advanceTimersByTime(10);
    held.hold("session-c", "0:", empty);
    expect(held.size).toBe(2);
    expect([held.find("session-a", "0:") !== null, held.find("session-b", "0:") !== null, held.find("session-c", "0:") !== null]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it("drops a session idle for longer than `idleMs`, and answers only the revision it holds", () => {
    vi.useFakeTimers();
    const held = new DuckSessions({ sessions: 4, idleMs: 1_000 });
    held.hold("session-a", "1:x", empty);
    expect(held.find("session-a", "2:y")).toBeNull();
    expect(held.find("session-a", "1:x")).not.toBeNull();
    vi.advanceTimersByTime(1_001);
    expect(held.find("session-a", "1:x")).toBeNull();
    expect(held.size).toBe(0);
  });
});
