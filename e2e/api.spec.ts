/** The /api/run route over real HTTP (the production server). */
import { EXAMPLES } from "../lib/examples";
import { createDestination, createPreview, destinationRevision } from "../lib/preview";
import { page, start } from "../lib/testing/preview-events";
import { expect, test } from "./fixtures";

const seed000 = EXAMPLES[0]?.text ?? "";

test.describe("POST /api/run", () => {
  test("400 on a malformed body, naming the field", async ({ request }) => {
    const notJson = await request.post("/api/run", { data: "{oops", headers: { "content-type": "application/json" } });
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).error.code).toBe("bad_request");
    const wrong = await request.post("/api/run", { data: { config: seed000, target: "staging" } });
    expect(wrong.status()).toBe(400);
    expect((await wrong.json()).error.message).toContain("target");
  });

  test("413 on a body over 1 MB", async ({ request }) => {
    const res = await request.post("/api/run", { data: { config: "#".repeat(1024 * 1024 + 1), target: "mock" } });
    expect(res.status()).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });

  test("422 with diagnostics on an invalid config", async ({ request }) => {
    const res = await request.post("/api/run", { data: { config: seed000.replace('"limit"', '"limt"'), target: "mock" } });
    expect(res.status()).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_config");
    expect(body.error.diagnostics.some((d: { code: string }) => d.code === "unknown_key")).toBe(true);
  });

  test("streams NDJSON events that end with done", async ({ request }) => {
    const res = await request.post("/api/run", { data: { config: seed000, target: "mock" } });
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("application/x-ndjson");
    const lines = (await res.text()).trim().split("\n");
    const events = lines.map((l) => JSON.parse(l) as { type: string; ok?: boolean });
    expect(events[0]?.type).toBe("run_start");
    expect(events.at(-1)).toMatchObject({ type: "done", ok: true });
    expect(events.filter((e) => e.type === "page").length).toBe(3);
  });

  test("refuses a live run to a loopback address, as a network_error event", async ({ request }) => {
    const config = (EXAMPLES[2]?.text ?? "").replace("https://api.example.com", "http://127.0.0.1:9");
    const res = await request.post("/api/run", { data: { config, target: "live", secrets: { api_key: "k" } } });
    expect(res.status()).toBe(200);
    const events = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; error?: { code: string; message: string } });
    const error = events.find((e) => e.type === "error");
    expect(error?.error?.code).toBe("network_error");
    expect(error?.error?.message).toContain("RESTPLAY_ALLOW_HOSTS");
    expect(events.at(-1)?.type).toBe("done");
  });

  test("serves the generated JSON Schema", async ({ request }) => {
    const res = await request.get("/schema/rest_api_config.schema.json");
    expect(res.status()).toBe(200);
    expect((await res.json()).$id).toContain("rest_api_config.schema.json");
  });
});

test.describe("POST /api/duckdb/sync", () => {
  test("takes a destination over 10 MB whole (the proxy, which buffered and cut bodies at 10 MB, does not run for the API)", async ({
    request,
  }) => {
    const destination = createDestination();
    const preview = createPreview({ destination });
    preview.push({ type: "run_start", resources: ["posts"], at: 1_767_225_600_000 });
    preview.push(start("posts"));
    preview.push(
      page(
        "posts",
        Array.from({ length: 22_000 }, (_, id) => ({ id, title: "t".repeat(500) })),
      ),
    );
    preview.push({ type: "done", ok: true, duration_ms: 1, stats: {} });
    const state = destination.state();
    const body = JSON.stringify({ session: "e2e-big-destination", revision: destinationRevision(state), state });
    expect(body.length).toBeGreaterThan(11 * 1024 * 1024);
    const res = await request.post("/api/duckdb/sync", { data: body, headers: { "content-type": "application/json" } });
    expect([res.status(), await res.json()]).toEqual([200, { ok: true, revision: destinationRevision(state) }]);
  });
});
