/**
 * /api/duckdb/* accepts only the callers /api/run accepts (docs/security.md §1, §7): the deployment's
 * own Host, a same-origin page (or none), JSON bodies, bodies within their size limits and the
 * contract. Each of the three routes is checked; the SQL itself is bounded in lib/duck's tests
 * (console.test.ts, lockdown.test.ts, sessions.test.ts).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createDestination, destinationRevision } from "@/lib/preview";
import { POST as sync } from "./sync/route";
import { POST as query } from "./query/route";
import { POST as file } from "./file/route";
import { withDuckSlot } from "./shared";

type Route = (r: Request) => Promise<Response>;
const ROUTES: readonly [string, Route][] = [
  ["sync", sync],
  ["query", query],
  ["file", file],
];
const state = createDestination().state();
const revision = destinationRevision(state);
const session = "hardening-session";
const BODIES: Readonly<Record<string, unknown>> = {
  sync: { session, revision, state },
  query: { session, revision, sql: "SELECT 1" },
  file: { session, revision, format: "duckdb" },
};

const call = (route: Route, body: string, headers: Record<string, string>) =>
  route(new Request("http://127.0.0.1:3100/api/duckdb", { method: "POST", body, headers: { host: "127.0.0.1:3100", ...headers } }));
const json = { "content-type": "application/json" };
const code = async (res: Response) => ((await res.json()) as { error?: { code?: string } }).error?.code;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe.each(ROUTES)("/api/duckdb/%s refuses", (name, route) => {
  const body = JSON.stringify(BODIES[name]);

  it("a foreign Host (DNS rebinding) with 421", async () => {
    const res = await call(route, body, { ...json, host: "rebind.evil.example:3100", origin: "http://rebind.evil.example:3100" });
    expect([res.status, await code(res)]).toEqual([421, "host_not_allowed"]);
  });

  it("a cross-site page, or an Origin that is not this host, with 403", async () => {
    const site = await call(route, body, { ...json, origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect([site.status, await code(site)]).toEqual([403, "cross_site_request"]);
    const origin = await call(route, body, { ...json, origin: "https://evil.example" });
    expect([origin.status, await code(origin)]).toEqual([403, "cross_site_request"]);
    const opaque = await call(route, body, { ...json, origin: "null" });
    expect(opaque.status).toBe(403);
  });

  it("a body that is not JSON by its Content-Type (a form or text/plain POST) with 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await call(route, body, { "content-type": type });
      expect([res.status, await code(res)], type).toEqual([415, "unsupported_media_type"]);
    }
    expect((await call(route, body, {})).status).toBe(415);
  });

  it("invalid JSON, and fields outside the contract, with 400", async () => {
    expect((await call(route, "{", json)).status).toBe(400);
    const extra = await call(route, JSON.stringify({ ...(BODIES[name] as object), extra: 1 }), json);
    expect([extra.status, await code(extra)]).toEqual([400, "bad_request"]);
  });
});

describe("/api/duckdb body limits", () => {
  it("query and file bodies: 64 kB, by Content-Length and while streaming (413)", async () => {
    const big = JSON.stringify({ session, revision, sql: `SELECT '${"x".repeat(70_000)}'` });
    for (const route of [query, file]) {
      expect((await call(route, big, json)).status).toBe(413); // while streaming
      expect((await call(route, "{}", { ...json, "content-length": "100000" })).status).toBe(413); // declared
    }
  });

  it("sync: RESTPLAY_DUCKDB_MAX_BYTES (413)", async () => {
    vi.stubEnv("RESTPLAY_DUCKDB_MAX_BYTES", "1000");
    const big = JSON.stringify({ session, revision, state: { ...state, pad: "x".repeat(2_000) } });
    const res = await call(sync, big, json);
    expect([res.status, await code(res)]).toEqual([413, "payload_too_large"]);
    expect((await call(sync, JSON.stringify(BODIES.sync), json)).status).toBe(200);
  });

  it("SQL longer than 20,000 characters is outside the contract (400)", async () => {
    const res = await call(query, JSON.stringify({ session, revision, sql: `SELECT ${"1+".repeat(10_000)}1` }), json);
    expect([res.status, await code(res)]).toEqual([400, "bad_request"]);
  });
});

describe("/api/duckdb work in flight", () => {
  it("is at most RESTPLAY_DUCKDB_SESSIONS in the whole server; beyond, 503 server_busy", async () => {
    vi.stubEnv("RESTPLAY_DUCKDB_SESSIONS", "2");
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = (client: string) => withDuckSlot(client, async () => (await held, new Response("done")));
    const running = [slow("a"), slow("b")];
    const refused = await withDuckSlot("c", async () => new Response("third"));
    expect([refused.status, await code(refused), refused.headers.get("retry-after")]).toEqual([503, "server_busy", "2"]);
    release();
    expect(await Promise.all(running.map(async (r) => (await r).text()))).toEqual(["done", "done"]);
    expect(await (await withDuckSlot("c", async () => new Response("after"))).text()).toBe("after");
  });

  it("is at most RESTPLAY_DUCKDB_PER_CLIENT per client (one client cannot take every slot)", async () => {
    vi.stubEnv("RESTPLAY_DUCKDB_SESSIONS", "4");
    vi.stubEnv("RESTPLAY_DUCKDB_PER_CLIENT", "1");
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const running = withDuckSlot("a", async () => (await held, new Response("done")));
    const second = await withDuckSlot("a", async () => new Response("second"));
    expect([second.status, await code(second)]).toEqual([503, "server_busy"]);
    expect(await (await withDuckSlot("b", async () => new Response("other"))).text()).toBe("other");
    release();
    expect(await (await running).text()).toBe("done");
    expect(await (await withDuckSlot("a", async () => new Response("again"))).text()).toBe("again");
  });

  it("counts syncs apart, with the same limits: a client's third sync in flight is refused, its query is not", async () => {
    vi.stubEnv("RESTPLAY_DUCKDB_SESSIONS", "4");
    vi.stubEnv("RESTPLAY_DUCKDB_PER_CLIENT", "2");
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = () => withDuckSlot("a", async () => (await held, new Response("synced")), "sync");
    const running = [slow(), slow()];
    // The sync route itself: the same client (x-forwarded-for) holds both sync slots.
    const third = await call(sync, JSON.stringify(BODIES.sync), { ...json, "x-forwarded-for": "a" });
    const error = ((await third.json()) as { error: { code: string; message: string } }).error;
    expect([third.status, error.code, third.headers.get("retry-after")]).toEqual([503, "server_busy", "2"]);
    expect(error.message).toBe("You already have 2 destinations on their way to the SQL console; wait for one to arrive.");
    expect(await (await withDuckSlot("a", async () => new Response("query"))).text()).toBe("query");
    expect((await call(sync, JSON.stringify(BODIES.sync), { ...json, "x-forwarded-for": "b" })).status).toBe(200);
    release();
    expect(await Promise.all(running.map(async (r) => (await r).text()))).toEqual(["synced", "synced"]);
    expect((await call(sync, JSON.stringify(BODIES.sync), { ...json, "x-forwarded-for": "a" })).status).toBe(200);
  });
});

describe("/api/duckdb sessions", () => {
  it("one client's syncs under made-up ids cannot push out another client's session (docs/security.md §7)", async () => {
    delete (globalThis as { __restplayDuckSessions?: unknown }).__restplayDuckSessions; // the default limits: 4 in all, 2 a client
    const from = (client: string) => ({ ...json, "x-forwarded-for": client });
    const mine = { session: "victim-tab-0001", revision };
    expect((await call(sync, JSON.stringify({ ...mine, state }), from("10.0.0.1"))).status).toBe(200);
    for (let i = 0; i < 10; i++) {
      const res = await call(sync, JSON.stringify({ session: `made-up-session-${i}`, revision, state }), from("10.0.0.66"));
      expect(res.status).toBe(200);
    }
    expect((await call(query, JSON.stringify({ ...mine, sql: "SELECT 1" }), from("10.0.0.1"))).status).toBe(200);
    // The id names the session only within its client: another client neither reaches nor replaces it.
    expect((await call(query, JSON.stringify({ ...mine, sql: "SELECT 1" }), from("10.0.0.66"))).status).toBe(409);
    expect((await call(sync, JSON.stringify({ ...mine, state }), from("10.0.0.66"))).status).toBe(200);
    expect((await call(query, JSON.stringify({ ...mine, sql: "SELECT 1" }), from("10.0.0.1"))).status).toBe(200);
  });
});
