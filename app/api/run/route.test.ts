import { afterEach, describe, expect, it } from "vitest";
import { EXAMPLES } from "@/lib/examples";
import type { EngineEvent } from "@/lib/engine";
import { POST } from "./route";

const seed = (id: string) => {
  const ex = EXAMPLES.find((e) => e.id === id);
  if (!ex) throw new Error(`no example ${id}`);
  return ex.text;
};

const post = (body: unknown, init: RequestInit = {}) =>
  POST(
    new Request("http://127.0.0.1:3100/api/run", {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: { "content-type": "application/json" },
      ...init,
    }),
  );

const readEvents = async (res: Response): Promise<EngineEvent[]> =>
  (await res.text())
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EngineEvent);

describe("POST /api/run", () => {
  const saved = process.env.RESTPLAY_ALLOW_HOSTS;
  afterEach(() => {
    if (saved === undefined) delete process.env.RESTPLAY_ALLOW_HOSTS;
    else process.env.RESTPLAY_ALLOW_HOSTS = saved;
  });

  it("400 on malformed JSON and on a body that fails the schema, naming the field", async () => {
    const bad = await post("{nope");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "bad_request" } });
    const wrong = await post({ config: "{}", target: "prod" });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toContain("target");
  });

  it("413 on a body over 1 MB", async () => {
    const res = await post({ config: "x".repeat(1024 * 1024 + 10), target: "mock" });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });

  it("422 with the diagnostics on an invalid config", async () => {
    const res = await post({ config: seed("seed-000").replace('"limit"', '"limt"'), target: "mock" });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_config");
    expect(body.error.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ code: "unknown_key", severity: "error" })]));
  });

  it("400 on an unknown resource", async () => {
    const res = await post({ config: seed("seed-002"), target: "mock", resources: ["nope"] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain("nope");
  });

  it("streams a mock run as NDJSON ending with done, with the pages and the retry", async () => {
    const res = await post({ config: seed("seed-002"), target: "mock" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    const events = await readEvents(res);
    expect(events[0]?.type).toBe("run_start");
    expect(events.at(-1)).toMatchObject({ type: "done", ok: true });
    const records = events.filter((e) => e.type === "page").reduce((n, e) => n + (e.type === "page" ? e.count : 0), 0);
    expect(records).toBe(251);
    expect(events.some((e) => e.type === "retry")).toBe(true);
    expect(JSON.stringify(events)).not.toContain("demo-api-key");
  });

  it("honours max_pages as a limit", async () => {
    const events = await readEvents(await post({ config: seed("seed-002"), target: "mock", max_pages: 1 }));
    expect(events.some((e) => e.type === "limit" && e.limit === "max_pages")).toBe(true);
    expect(events.at(-1)?.type).toBe("done");
  });

  // dlt 1.26.0 reads `dlt.config["page_size"]` as Python builds the config: `PAGE_SIZE=7` is the int 7 (auto_cast).
  it("binds the Secrets panel's value of a typed reference (`limit`) as dlt reads it; without one nothing runs", async () => {
    const config = seed("seed-000").replace('"limit": 100', '"limit": dlt.config["page_size"]');
    const events = await readEvents(await post({ config, target: "mock", max_pages: 2, secrets: { page_size: "7" } }));
    const urls = events.flatMap((e) => (e.type === "request" ? [e.url] : [])).filter((u) => u.includes("/v1/resource"));
    expect(urls[0]).toContain("limit=7");
    expect(events.at(-1)).toMatchObject({ type: "done" });
    const without = await post({ config, target: "mock" });
    expect(without.status).toBe(422);
    expect((await without.json()).error.message).toContain("`resources[0].endpoint.paginator.limit` is known only when dlt runs");
  });

  it("refuses a live run to a loopback host as a network_error naming RESTPLAY_ALLOW_HOSTS", async () => {
    delete process.env.RESTPLAY_ALLOW_HOSTS;
    const config = seed("seed-002").replace("https://api.example.com", "http://127.0.0.1:9");
    const events = await readEvents(await post({ config, target: "live", secrets: { api_key: "live-key-123" } }));
    const error = events.find((e) => e.type === "error");
    expect(error).toMatchObject({ type: "error", error: { code: "network_error" } });
    expect(error?.type === "error" && error.error.message).toMatch(/RESTPLAY_ALLOW_HOSTS/);
    expect(events.some((e) => e.type === "retry")).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: "done", ok: false });
    expect(JSON.stringify(events)).not.toContain("live-key-123");
  });

  it("cancels the run when the client aborts", async () => {
    const ctrl = new AbortController();
    const res = await post({ config: seed("seed-004"), target: "mock" }, { signal: ctrl.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    ctrl.abort();
    await reader.cancel();
    const after = await reader.closed.then(
      () => "closed",
      () => "errored",
    );
    expect(["closed", "errored"]).toContain(after);
  });
});
