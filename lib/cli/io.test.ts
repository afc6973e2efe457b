import { describe, expect, it } from "vitest";
import { EventEmitter } from "node:events";
import { MAX_CONFIG_BYTES, readCapped, styleFor, terminalSafe, writePieces } from "./io";

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

describe("styleFor", () => {
  it("reads NO_COLOR and FORCE_COLOR as Node's hasColors() does: FORCE_COLOR=0 or false turns colours off on a terminal", () => {
    const tty = { write: () => undefined, isTTY: true };
    const pipe = { write: () => undefined, isTTY: false };
    const on = (stream: typeof tty, env: Record<string, string>) => styleFor(stream, env).enabled;
    expect([on(tty, {}), on(pipe, {})]).toEqual([true, false]);
    expect(["0", "false", "no"].map((v) => on(tty, { FORCE_COLOR: v }))).toEqual([false, false, false]);
    expect(["", "1", "true", "2", "3"].map((v) => on(pipe, { FORCE_COLOR: v }))).toEqual([true, true, true, true, true]);
    expect(on(pipe, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(false);
    expect(on(tty, { TERM: "dumb" })).toBe(false);
  });
});

describe("what the CLI reads and prints, against hostile input", () => {
  it("escapes control characters from the input for a terminal, and keeps its own colours", () => {
    expect(terminalSafe("a\x1b]0;title\x07b \x1b[31mred\x1b[0m \x1b[2J c\r\n\td")).toBe(
      "a\\x1b]0;title\\x07b \x1b[31mred\x1b[0m \\x1b[2J c\\x0d\n\td",
    );
  });

  it("refuses a config stream past its cap instead of filling memory (`yes |`, /dev/zero)", async () => {
    async function* endless() {
      for (;;) yield new Uint8Array(1024 * 1024);
    }
    await expect(readCapped(endless(), "standard input")).rejects.toThrow(`larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB`);
    async function* small() {
      yield "héllo ";
      yield new TextEncoder().encode("wörld");
    }
    expect(await readCapped(small(), "x")).toBe("héllo wörld");
  });
});
