/**
 * Issue #13 findings 6, 7 and 8 at the route: who may call it, how many runs a client and the server
 * hold, the ceilings every run gets, and bodies built to crash the parser.
 */
import { afterEach, describe, expect, it } from "vitest";
import { EXAMPLES } from "@/lib/examples";
import type { EngineEvent } from "@/lib/engine";
import { POST } from "./route";
import { checkCaller } from "./caller";
import { Admission } from "./admission";
import { readSettings, SETTINGS_ENV } from "./settings";

const seed = (id: string) => EXAMPLES.find((e) => e.id === id)?.text ?? "";
const URL_ = "http://127.0.0.1:3100/api/run";
const post = (body: unknown, headers: Record<string, string> = {}) =>
  POST(
    new Request(URL_, {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    }),
  );
const events = async (res: Response) =>
  (await res.text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as EngineEvent);

const saved = { ...process.env };
afterEach(() => {
  for (const [, [name]] of Object.entries(SETTINGS_ENV)) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("who may call /api/run (finding 6)", () => {
  const settings = readSettings({});
  const req = (headers: Record<string, string>) =>
    new Request(URL_, { method: "POST", headers: { host: "127.0.0.1:3100", "content-type": "application/json", ...headers } });
  const cases: [string, Record<string, string>, string | null][] = [
    ["the playground's own page", { origin: "http://127.0.0.1:3100", "sec-fetch-site": "same-origin" }, null],
    ["curl (no browser headers)", {}, null],
    ["localhost by name", { host: "localhost:3000", origin: "http://localhost:3000" }, null],
    ["IPv6 loopback", { host: "[::1]:3000", origin: "http://[::1]:3000" }, null],
    ["a cross-site page", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }, "cross_site_request"],
    ["a cross-site page without Sec-Fetch-Site", { origin: "https://evil.example" }, "cross_site_request"],
    ["a same-site page on another port", { origin: "http://127.0.0.1:9999", "sec-fetch-site": "same-site" }, "cross_site_request"],
    ["an opaque origin (sandboxed iframe, file://)", { origin: "null" }, "cross_site_request"],
    ["a text/plain POST (no preflight)", { "content-type": "text/plain" }, "unsupported_media_type"],
    ["a form POST", { "content-type": "application/x-www-form-urlencoded" }, "unsupported_media_type"],
    [
      "a DNS-rebinding page (foreign Host)",
      { host: "rebind.evil.example:3100", origin: "http://rebind.evil.example:3100" },
      "host_not_allowed",
    ],
  ];
  for (const [what, headers, code] of cases) {
    it(`${what}: ${code ?? "allowed"}`, () => {
      expect(checkCaller(req(headers), settings)?.code ?? null).toBe(code);
    });
  }

  it("RESTPLAY_PUBLIC_HOSTS and RESTPLAY_ALLOWED_ORIGINS open a deployment's names and a partner origin", () => {
    const s = readSettings({ RESTPLAY_PUBLIC_HOSTS: "restplay.team.example", RESTPLAY_ALLOWED_ORIGINS: "https://tools.team.example/" });
    expect(checkCaller(req({ host: "restplay.team.example", origin: "https://restplay.team.example" }), s)).toBeNull();
    expect(
      checkCaller(req({ host: "restplay.team.example", origin: "https://tools.team.example", "sec-fetch-site": "same-site" }), s),
    ).toBeNull();
    expect(checkCaller(req({ host: "127.0.0.1:3100" }), s)?.code).toBe("host_not_allowed");
  });

  it("the route answers refusals with the status and literal code, before reading the body", async () => {
    const res = await post(
      { config: seed("seed-002"), target: "mock" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "cross_site_request" } });
    const text = await POST(new Request(URL_, { method: "POST", body: "{}", headers: { "content-type": "text/plain" } }));
    expect(text.status).toBe(415);
  });
});

describe("concurrent runs (finding 7)", () => {
  it("Admission counts per client and in all, and release is idempotent", () => {
    const a = new Admission();
    const limits = { runsPerClient: 2, runsInTotal: 3 };
    const r1 = a.admit("1.1.1.1", limits);
    const r2 = a.admit("1.1.1.1", limits);
    expect(a.admit("1.1.1.1", limits).ok).toBe(false);
    const r3 = a.admit("2.2.2.2", limits);
    expect(a.admit("3.3.3.3", limits).ok).toBe(false);
    if (!r1.ok || !r2.ok || !r3.ok) throw new Error("admitted");
    r1.release();
    r1.release();
    expect(a.active).toBe(2);
    expect(a.admit("1.1.1.1", limits).ok).toBe(true);
  });

  it("a client over its concurrent-run limit gets 429 until one of its runs ends", async () => {
    process.env.RESTPLAY_MAX_RUNS_PER_CLIENT = "1";
    const who = { "x-forwarded-for": "203.0.113.7" };
    const first = await post({ config: seed("seed-002"), target: "mock" }, who);
    expect(first.status).toBe(200);
    const second = await post({ config: seed("seed-002"), target: "mock" }, who);
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("5");
    expect(await second.json()).toMatchObject({ error: { code: "too_many_runs" } });
    expect(await post({ config: seed("seed-002"), target: "mock" }, { "x-forwarded-for": "198.51.100.1" }).then((r) => r.status)).toBe(200);
    expect((await events(first)).at(-1)).toMatchObject({ type: "done" });
    const third = await post({ config: seed("seed-002"), target: "mock" }, who);
    expect(third.status).toBe(200);
    await third.body?.cancel();
  });

  it("max_pages above the server's ceiling is lowered, and the trace says so", async () => {
    process.env.RESTPLAY_MAX_PAGES = "2";
    const res = await post({ config: seed("seed-002"), target: "mock", max_pages: 10_000 });
    const all = await events(res);
    expect(all.find((e) => e.type === "warning" && e.code === "server_limit")).toMatchObject({
      message: expect.stringContaining("RESTPLAY_MAX_PAGES"),
    });
    const pages = all.filter((e) => e.type === "page");
    expect(pages.length).toBeLessThanOrEqual(2 * new Set(pages.map((p) => (p.type === "page" ? p.resource : ""))).size);
    expect(all.some((e) => e.type === "limit" && e.limit === "max_pages")).toBe(true);
  });
});

describe("hostile bodies (finding 8)", () => {
  it("a state nested 2,000 deep is a 400 naming where, not an untyped 500", async () => {
    const deep = `${"[".repeat(2000)}1${"]".repeat(2000)}`;
    const res = await post(
      `{"config": "{}", "target": "mock", "state": {"r": {"cursor_path": "x", "initial_value": 1, "last_value": ${deep}}}}`,
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "bad_request", message: expect.stringContaining("state.r.last_value") } });
  });

  it("prototype keys as secret or state names never reach a prototype (dropped by the body schema, or refused)", async () => {
    for (const name of ["__proto__", "constructor", "prototype"]) {
      for (const body of [
        `{"config": ${JSON.stringify(seed("seed-002"))}, "target": "mock", "secrets": {"${name}": "x"}}`,
        `{"config": ${JSON.stringify(seed("seed-002"))}, "target": "mock", "state": {"${name}": {"cursor_path": "a", "last_value": 1, "initial_value": 1}}}`,
      ]) {
        const res = await post(body);
        expect([200, 400]).toContain(res.status);
        if (res.status === 200) expect((await events(res)).at(-1)).toMatchObject({ type: "done" });
      }
    }
    expect(({} as Record<string, unknown>).cursor_path).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it("too many secrets, or a huge one, are refused before any run", async () => {
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`s${i}`, "v"]));
    expect((await post({ config: "{}", target: "mock", secrets: many })).status).toBe(400);
    expect((await post({ config: "{}", target: "mock", secrets: { a: "x".repeat(20_000) } })).status).toBe(400);
  });
});

describe("client aborts (finding 8)", () => {
  it("a client that goes away mid-run frees its slot and logs nothing (no `Controller is already closed`)", async () => {
    const { vi } = await import("vitest");
    const logged: unknown[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void logged.push(a));
    process.env.RESTPLAY_MAX_RUNS_PER_CLIENT = "1";
    const who = { "x-forwarded-for": "192.0.2.55" };
    for (let i = 0; i < 3; i++) {
      const ctrl = new AbortController();
      const res = await POST(
        new Request(URL_, {
          method: "POST",
          signal: ctrl.signal,
          body: JSON.stringify({ config: seed("seed-004"), target: "mock" }),
          headers: { "content-type": "application/json", ...who },
        }),
      );
      expect(res.status).toBe(200);
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      ctrl.abort();
      await reader.cancel();
      await new Promise((r) => setTimeout(r, 20));
    }
    spy.mockRestore();
    expect(logged).toEqual([]);
  });
});
