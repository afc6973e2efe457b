import { describe, expect, it } from "vitest";
import { BodyError, parseRunBody, readLimitedText } from "./body";
import { MAX_BODY_BYTES } from "@/lib/run";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1/api/run", { method: "POST", body, headers, duplex: "half" } as RequestInit);

const streamOf = (bytes: number) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      let left = bytes;
      while (left > 0) {
        const n = Math.min(left, 64 * 1024);
        controller.enqueue(new Uint8Array(n).fill(0x61));
        left -= n;
      }
      controller.close();
    },
  });

describe("readLimitedText", () => {
  it("reads a small body", async () => {
    expect(await readLimitedText(post('{"a":1}'))).toBe('{"a":1}');
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const err = await readLimitedText(post("{}", { "content-length": String(MAX_BODY_BYTES + 1) })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyError);
    expect(err).toMatchObject({ status: 413, code: "payload_too_large" });
  });

  it("refuses a streamed body that grows over the limit without a Content-Length", async () => {
    await expect(readLimitedText(post(streamOf(MAX_BODY_BYTES + 10)))).rejects.toMatchObject({ status: 413 });
    expect(await readLimitedText(post(streamOf(MAX_BODY_BYTES)))).toHaveLength(MAX_BODY_BYTES);
  });

  it("refuses invalid UTF-8", async () => {
    await expect(readLimitedText(post(new Uint8Array([0xff, 0xfe])))).rejects.toMatchObject({ status: 400, code: "bad_request" });
  });
});

describe("parseRunBody", () => {
  it("accepts a full body", () => {
    expect(
      parseRunBody(JSON.stringify({ config: "{}", target: "live", resources: ["a"], secrets: { client_id: "x" }, max_pages: 3 })),
    ).toEqual({
      config: "{}",
      target: "live",
      resources: ["a"],
      secrets: { client_id: "x" },
      max_pages: 3,
    });
  });

  it.each([
    ["not json", /not valid JSON/],
    ["[]", /\(body\)/],
    ['{"config": 1, "target": "mock"}', /at config:/],
    ['{"config": "{}", "target": "prod"}', /at target:/],
    ['{"config": "{}", "target": "mock", "resources": [""]}', /at resources\.0:/],
    ['{"config": "{}", "target": "mock", "secrets": {"a": 1}}', /at secrets\.a:/],
    ['{"config": "{}", "target": "mock", "max_pages": 1.5}', /at max_pages:/],
    ['{"config": "{}", "target": "mock", "extra": true}', /extra/],
  ])("refuses %s with the offending path", (text, message) => {
    let caught: unknown;
    try {
      parseRunBody(text);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(BodyError);
    expect(caught).toMatchObject({ status: 400, code: "bad_request" });
    expect((caught as Error).message).toMatch(message);
  });
});
