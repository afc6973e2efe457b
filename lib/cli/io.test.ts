import { describe, expect, it } from "vitest";
import { EventEmitter } from "node:events";
import { writePieces } from "./io";

describe("writePieces", () => {
  it("writes every piece in order, in batches, waiting for drain whenever the stream asks", async () => {
    const written: string[] = [];
    const stream = new EventEmitter() as EventEmitter & { write(s: string): boolean };
    let waiting = false;
    stream.write = (s: string) => {
      expect(waiting).toBe(false); // never written to while it asked to wait
      written.push(s);
      waiting = true;
      setTimeout(() => {
        waiting = false;
        stream.emit("drain");
      }, 1);
      return false;
    };
    const pieces = Array.from({ length: 5_000 }, (_, i) => `${"x".repeat(50)}${i},`);
    await writePieces(stream, pieces);
    expect(written.join("")).toBe(pieces.join(""));
    expect(written.length).toBeGreaterThan(1);
    expect(written.length).toBeLessThan(20);
  });

  it("a writer without drain (a test's sink) gets the same text", async () => {
    let out = "";
    await writePieces({ write: (s: string) => void (out += s) }, ["a", "b".repeat(100_000), "c"]);
    expect(out).toBe(`a${"b".repeat(100_000)}c`);
  });
});
