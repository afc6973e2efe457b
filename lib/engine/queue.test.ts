import { describe, expect, it } from "vitest";
import { EventChannel } from "./queue";

/** Everything the consumer takes until the channel closes. */
async function consume<T>(channel: EventChannel<T>, seen: T[]): Promise<void> {
  for (;;) {
    const batch = channel.take() ?? (await channel.next());
    if (batch === null) return;
    seen.push(...batch);
  }
}

describe("EventChannel", () => {
  it("releases every producer waiting for the consumer (concurrent resources each wait at page ends)", async () => {
    const channel = new EventChannel<number>();
    channel.push(1);
    const released: string[] = [];
    const a = channel.drained().then(() => released.push("a"));
    channel.push(2);
    const b = channel.drained().then(() => released.push("b"));
    const seen: number[] = [];
    const consumer = consume(channel, seen);
    await Promise.all([a, b]);
    expect(released.sort()).toEqual(["a", "b"]);
    channel.close();
    await consumer;
    expect(seen).toEqual([1, 2]);
  });

  it("a cancelled channel drops what is queued and never blocks a producer", async () => {
    const channel = new EventChannel<number>();
    channel.push(1);
    const waiting = channel.drained();
    channel.cancel();
    await waiting;
    channel.push(2);
    await channel.drained();
    channel.close();
    const seen: number[] = [];
    await consume(channel, seen);
    expect(seen).toEqual([]);
  });

  it("take() leaves producers waiting until the consumer asks for more", async () => {
    const channel = new EventChannel<number>();
    channel.push(1);
    let released = false;
    const waiting = channel.drained().then(() => (released = true));
    expect(channel.take()).toEqual([1]);
    expect(channel.take()).toBeNull();
    await Promise.resolve();
    expect(released).toBe(false);
    const next = channel.next();
    await waiting;
    expect(released).toBe(true);
    channel.push(2);
    expect(await next).toEqual([2]);
    channel.close();
    expect(await channel.next()).toBeNull();
  });
});
