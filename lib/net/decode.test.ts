import { describe, expect, it } from "vitest";
import { gzipSync } from "node:zlib";
import { ResponseCut } from "../engine";
import { decodedBody, ResponseBody, type BodySource } from "./decode";

/** A source that records what the body asked of it. */
function source(): BodySource & { readonly calls: string[]; readonly reasons: Error[] } {
  const calls: string[] = [];
  const reasons: Error[] = [];
  return {
    calls,
    reasons,
    pause: () => void calls.push("pause"),
    resume: () => void calls.push("resume"),
    abort: (reason) => {
      calls.push("abort");
      reasons.push(reason);
    },
  };
}

const KB = 1024;
const chunk = (n: number, fill = 0x61) => Buffer.alloc(n, fill);

async function readAll(body: AsyncIterable<Uint8Array>): Promise<{ bytes: number; error: unknown }> {
  let bytes = 0;
  try {
    for await (const c of body) bytes += c.byteLength;
    return { bytes, error: null };
  } catch (error) {
    return { bytes, error };
  }
}

describe("a response body fed as its chunks arrive", () => {
  it("hands over chunks pushed before and after the reader asks, then the end", async () => {
    const src = source();
    const body = new ResponseBody(src);
    body.push(chunk(3));
    const it = body[Symbol.asyncIterator]();
    expect(await it.next()).toEqual({ done: false, value: chunk(3) });
    const waiting = it.next();
    body.push(chunk(2, 0x62));
    expect(await waiting).toEqual({ done: false, value: chunk(2, 0x62) });
    body.end();
    expect(await it.next()).toEqual({ done: true, value: undefined });
    expect(src.calls).toEqual([]);
  });

  it("pauses its source while 64 KiB wait unread and resumes it when the reader catches up", async () => {
    const src = source();
    const body = new ResponseBody(src);
    for (let i = 0; i < 4; i++) body.push(chunk(16 * KB));
    expect(src.calls).toEqual(["pause"]);
    body.push(chunk(16 * KB)); // undici may deliver what it had already parsed
    const it = body[Symbol.asyncIterator]();
    await it.next();
    await it.next();
    expect(src.calls).toEqual(["pause", "resume"]);
    body.end();
    expect((await readAll({ [Symbol.asyncIterator]: () => it })).bytes).toBe(48 * KB);
  });

  it("past its limit it aborts the request and ends with a ResponseCut after the chunks it had", async () => {
    const src = source();
    const body = new ResponseBody(src);
    body.limit(10 * KB);
    body.push(chunk(6 * KB));
    body.push(chunk(6 * KB));
    body.push(chunk(6 * KB)); // after the abort: ignored
    expect(src.calls).toEqual(["abort"]);
    const { bytes, error } = await readAll(body);
    expect(bytes).toBe(6 * KB);
    expect(error).toBeInstanceOf(ResponseCut);
    expect(error).toMatchObject({ reason: "bytes", bytes: 12 * KB });
    expect(src.reasons[0]).toBe(error);
  });

  it("a failure reaches a waiting reader; a dropped body aborts once and rejects its reader", async () => {
    const failing = new ResponseBody(source());
    const waiting = failing.next();
    failing.fail(new Error("socket hang up"));
    await expect(waiting).rejects.toThrow("socket hang up");

    const src = source();
    const dropped = new ResponseBody(src);
    dropped.push(chunk(1));
    const pending = dropped.next().then(() => dropped.next());
    dropped.discard();
    dropped.discard();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(src.calls).toEqual(["abort"]);
    // Dropping a body that already ended aborts nothing.
    const ended = source();
    const done = new ResponseBody(ended);
    done.end();
    done.discard();
    expect(ended.calls).toEqual([]);
  });

  it("an encoded body is decoded from it, and dropping the decoded body aborts the request", async () => {
    const src = source();
    const raw = new ResponseBody(src);
    const decoded = decodedBody(raw, { maxBytes: 1024, contentEncoding: "gzip" });
    raw.push(gzipSync('{"gz":1}'));
    raw.end();
    const text = [];
    for await (const c of decoded) text.push(Buffer.from(c).toString());
    expect(text.join("")).toBe('{"gz":1}');

    const src2 = source();
    const raw2 = new ResponseBody(src2);
    const decoded2 = decodedBody(raw2, { maxBytes: 1024, contentEncoding: "gzip" });
    raw2.push(gzipSync("x".repeat(100)).subarray(0, 10));
    decoded2.discard();
    await new Promise((r) => setTimeout(r, 10));
    expect(src2.calls).toContain("abort");
  });
});
