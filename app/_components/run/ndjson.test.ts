import { describe, expect, it } from "vitest";
import { readNdjson } from "./ndjson";

const streamOf = (...chunks: string[]) => {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
};

const collect = async (stream: ReadableStream<Uint8Array>) => {
  const out: unknown[] = [];
  for await (const v of readNdjson(stream)) out.push(v);
  return out;
};

describe("readNdjson", () => {
  it("yields one value per line, across chunk boundaries and multi-byte characters", async () => {
    const text = '{"a":1}\n{"b":"é€"}\n\n{"c":[1,2]}\n';
    const bytes = new TextEncoder().encode(text);
    const chunks = [bytes.slice(0, 3), bytes.slice(3, 13), bytes.slice(13, 14), bytes.slice(14)];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        controller.close();
      },
    });
    expect(await collect(stream)).toEqual([{ a: 1 }, { b: "é€" }, { c: [1, 2] }]);
  });

  it("reads a last line without a trailing newline", async () => {
    expect(await collect(streamOf('{"a":1}\n{"done', '":true}'))).toEqual([{ a: 1 }, { done: true }]);
  });

  it("throws on a malformed line", async () => {
    await expect(collect(streamOf("{oops}\n"))).rejects.toThrow(SyntaxError);
  });
});
