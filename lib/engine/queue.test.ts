import { describe, expect, it } from "vitest";
import { EventChannel } from "./queue";

describe("EventChannel", () => {
  it("releases every producer waiting for the consumer (concurrent resources each wait at page ends)", async () => {
    const channel = new EventChannel<number>();
    channel.push(1);
    const released: string[] = [];
    const a = channel.drained().then(() => released.push("a"));
    channel.push(2);
    const b = channel.drained().then(() => released.push("b"));
    const seen: number[] = [];
    const consumer = (async () => {
      for await (const n of channel.drain()) seen.push(n);
    })();
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
    for await (const n of channel.drain()) seen.push(n);
    expect(seen).toEqual([]);
  });
});
