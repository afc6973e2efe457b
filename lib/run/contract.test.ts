import { describe, expect, it } from "vitest";
import { checkEvent, checkRunBody, ContractError, decodeEvents, encodeEvent, readErrorEnvelope } from "./contract";
import type { EngineEvent } from "../engine";

const streamOf = (...chunks: (string | Uint8Array)[]) => {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(typeof c === "string" ? encoder.encode(c) : c);
      controller.close();
    },
  });
};

const collect = async (stream: ReadableStream<Uint8Array>) => {
  const out: EngineEvent[] = [];
  for await (const v of decodeEvents(stream)) out.push(v);
  return out;
};

const start: EngineEvent = { type: "run_start", resources: ["a"], at: 0 };
const page: EngineEvent = {
  type: "page",
  resource: "a",
  page: 1,
  request_id: 1,
  records: [{ id: 1, n: "é€" }],
  count: 1,
  selector: "data",
  selector_source: "configured",
};
const done: EngineEvent = {
  type: "done",
  ok: true,
  duration_ms: 3,
  stats: { a: { requests: 1, pages: 1, retries: 0, records_fetched: 1 } },
};

describe("the NDJSON event stream", () => {
  it("round-trips events, across chunk boundaries and multi-byte characters", async () => {
    const bytes = new TextEncoder().encode([start, page, done].map(encodeEvent).join("") + "\n");
    const chunks = [bytes.slice(0, 3), bytes.slice(3, 40), bytes.slice(40, 41), bytes.slice(41)];
    expect(await collect(streamOf(...chunks))).toEqual([start, page, done]);
  });

  it("reads a last line without a trailing newline", async () => {
    const text = encodeEvent(start) + encodeEvent(done).trim();
    expect(await collect(streamOf(text.slice(0, 20), text.slice(20)))).toEqual([start, done]);
  });

  it("refuses a line that is not JSON, or JSON that is not an event of the contract, naming what is wrong", async () => {
    await expect(collect(streamOf("{oops}\n"))).rejects.toThrow(ContractError);
    await expect(collect(streamOf('{"type":"page","resource":"a"}\n'))).rejects.toThrow(/page/);
    expect(() => checkEvent({ type: "error", error: { code: "made_up", message: "x" } })).toThrow(ContractError);
    expect(() => checkEvent({ type: "limit", resource: "a", limit: "max_pages", message: "m" })).not.toThrow();
  });

  it("carries a page's key orders to the browser's preview, and refuses malformed ones", async () => {
    const ordered: EngineEvent = { ...page, records: [{ id: 1, 2: "x" }], key_order: [{ keys: ["id", "2"] }] };
    expect(await collect(streamOf(encodeEvent(ordered)))).toEqual([ordered]);
    expect(() => checkEvent({ ...ordered, key_order: [{ keys: "id" }] })).toThrow(/key_order/);
  });
});

describe("the request body", () => {
  it("accepts the documented body and names the field that is wrong", () => {
    expect(checkRunBody({ config: "{}", target: "mock", state: { a: { cursor_path: "c", last_value: 1, initial_value: 0 } } }).ok).toBe(
      true,
    );
    const bad = checkRunBody({ config: "{}", target: "prod" });
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining("target") });
    const deep = checkRunBody(
      JSON.parse(
        `{"config":"{}","target":"mock","state":{"a":{"cursor_path":"c","initial_value":1,"last_value":${"[".repeat(40)}${"]".repeat(40)}}}}`,
      ),
    );
    expect(deep).toMatchObject({ ok: false, message: expect.stringContaining("nested deeper") });
  });
});

describe("the error envelope", () => {
  it("reads the route's envelope, and names the status of anything else", () => {
    expect(readErrorEnvelope(422, { error: { code: "invalid_config", message: "m", diagnostics: [] } })).toEqual({
      code: "invalid_config",
      message: "m",
      diagnostics: [],
    });
    expect(readErrorEnvelope(502, "<html>Bad gateway</html>")).toEqual({
      code: "internal_error",
      message: "The server answered 502 without a restplay error.",
    });
    expect(readErrorEnvelope(418, { error: { code: "teapot", message: "m" } }).code).toBe("internal_error");
  });
});
