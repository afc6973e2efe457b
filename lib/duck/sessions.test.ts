/**
 * The server's sessions are bounded (at most `sessions` held, at most `perClient` of one client, idle
 * ones dropped), and one client cannot push out another client's only session: a client at its cap
 * replaces its own least recently used; a full server gives up a session of a client holding more than
 * one; only when its sessions belong to as many other clients does the least recently used of them go.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDestination } from "../preview";
import { DuckSessions } from "./index";

const empty = createDestination().state();
const has = (held: DuckSessions, client: string, id: string) => held.find(client, id, "0:") !== null;

afterEach(() => {
  vi.useRealTimers();
});

describe("DuckSessions", () => {
  it("keeps one client's session whatever another client syncs", () => {
    const held = new DuckSessions({ sessions: 4, perClient: 2, idleMs: 60_000 });
    held.hold("10.0.0.1", "victim-tab", "0:", empty);
    for (let i = 0; i < 20; i++) held.hold("10.0.0.66", `made-up-${i}`, "0:", empty);
    expect(has(held, "10.0.0.1", "victim-tab")).toBe(true);
    expect([held.sizeOf("10.0.0.66"), held.size]).toEqual([2, 3]);
  });

  it("keeps every client's only session on a full server: the syncing client replaces its own", () => {
    const held = new DuckSessions({ sessions: 3, perClient: 2, idleMs: 60_000 });
    held.hold("alice", "alice-tab", "0:", empty);
    held.hold("bob", "bob-tab-1", "0:", empty);
    held.hold("mallory", "mallory-1", "0:", empty);
    for (let i = 2; i < 10; i++) held.hold("mallory", `mallory-${i}`, "0:", empty);
    expect([has(held, "alice", "alice-tab"), has(held, "bob", "bob-tab-1"), has(held, "mallory", "mallory-9")]).toEqual([true, true, true]);
    expect([held.size, held.sizeOf("mallory")]).toEqual([3, 1]);
  });

  it("names a session within its client: another client's sync of the same id neither replaces nor reaches it", () => {
    const held = new DuckSessions({ sessions: 4, perClient: 2, idleMs: 60_000 });
    held.hold("alice", "shared-id", "0:", empty);
    held.hold("mallory", "shared-id", "1:x", empty);
    expect([has(held, "alice", "shared-id"), held.find("mallory", "shared-id", "0:"), held.size]).toEqual([true, null, 2]);
  });

  it("replaces the least recently used of a client's own sessions when the client is at its cap", () => {
    const held = new DuckSessions({ sessions: 8, perClient: 2, idleMs: 60_000 });
    held.hold("bob", "bob-tab", "0:", empty);
    held.hold("alice", "alice-1", "0:", empty);
    held.hold("alice", "alice-2", "0:", empty);
    expect(has(held, "alice", "alice-1")).toBe(true); // alice-1 is now alice's most recently used
    held.hold("alice", "alice-3", "0:", empty);
    expect([has(held, "alice", "alice-1"), has(held, "alice", "alice-2"), has(held, "alice", "alice-3")]).toEqual([true, false, true]);
    expect([has(held, "bob", "bob-tab"), held.size]).toEqual([true, 3]);
  });

  it("on a full server, takes the least recently used session of a client holding more than one, not an older only one", () => {
    const held = new DuckSessions({ sessions: 4, perClient: 2, idleMs: 60_000 });
    held.hold("bob", "bob-tab", "0:", empty); // the least recently used of all
    held.hold("alice", "alice-1", "0:", empty);
    held.hold("alice", "alice-2", "0:", empty);
    held.hold("carol", "carol-tab", "0:", empty);
    held.hold("dave", "dave-tab", "0:", empty);
    expect([has(held, "bob", "bob-tab"), has(held, "alice", "alice-1"), has(held, "alice", "alice-2")]).toEqual([true, false, true]);
    expect([has(held, "carol", "carol-tab"), has(held, "dave", "dave-tab"), held.size]).toEqual([true, true, 4]);
  });

  it("with more clients than sessions, the least recently used of them goes (nothing else can)", () => {
    const held = new DuckSessions({ sessions: 2, perClient: 2, idleMs: 60_000 });
    held.hold("a", "session-a", "0:", empty);
    held.hold("b", "session-b", "0:", empty);
    expect(has(held, "a", "session-a")).toBe(true); // a is now the most recently used
    held.hold("c", "session-c", "0:", empty);
    expect([has(held, "a", "session-a"), has(held, "b", "session-b"), has(held, "c", "session-c"), held.size]).toEqual([
      true,
      false,
      true,
      2,
    ]);
  });

  it("holds at most `sessions` and `perClient`, and drops another client's only session only when each session is another client's", () => {
    const clients = ["a", "b", "c", "d", "e"];
    const step = fc.record({ client: fc.constantFrom(...clients), id: fc.constantFrom("tab-1", "tab-2", "tab-3"), find: fc.boolean() });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(step, { maxLength: 60 }),
        (sessions, perClient, steps) => {
          const held = new DuckSessions({ sessions, perClient, idleMs: 60 * 60_000 });
          for (const { client, id, find } of steps) {
            if (find) {
              held.find(client, id, "0:");
              continue;
            }
            const before = new Map(clients.map((c) => [c, held.sizeOf(c)]));
            const full = held.size >= sessions;
            const returning = has(held, client, id);
            held.hold(client, id, "0:", empty);
            expect(held.size).toBeLessThanOrEqual(sessions);
            expect(held.sizeOf(client)).toBeLessThanOrEqual(perClient);
            for (const other of clients.filter((c) => c !== client)) {
              const [was, is] = [before.get(other) ?? 0, held.sizeOf(other)];
              expect(is).toBeGreaterThanOrEqual(was - 1); // at most one session goes per sync
              if (is < was) expect(returning || before.get(client)! >= perClient).toBe(false); // a client at its cap replaces its own
              if (was === 1 && is === 0) {
                // Only when the server was full of sessions of as many other clients, each holding one.
                expect([full, before.get(client), [...before.values()].every((n) => n <= 1)]).toEqual([true, 0, true]);
              }
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("drops a session idle for longer than `idleMs`, and answers only the revision it holds", () => {
    vi.useFakeTimers();
    const held = new DuckSessions({ sessions: 4, perClient: 2, idleMs: 1_000 });
    held.hold("alice", "session-a", "1:x", empty);
    expect(held.find("alice", "session-a", "2:y")).toBeNull();
    expect(held.find("alice", "session-a", "1:x")).not.toBeNull();
    vi.advanceTimersByTime(1_001);
    expect(held.find("alice", "session-a", "1:x")).toBeNull();
    expect([held.size, held.sizeOf("alice")]).toEqual([0, 0]);
  });
});
