/**
 * The five seed documents, pasted verbatim, validated by lib/config and run against hand-written fake
 * APIs (not lib/mocks): the exact requests each seed makes, its waits and its records.
 */
import { describe, expect, it } from "vitest";
import { seedBlocks } from "../testing/seeds";
import { validateText } from "../config";
import { collect, fakeFetch, json } from "../testing/engine";

const SECRETS = { client_id: "seed-client-id", client_secret: "seed-client-secret", api_key: "seed-api-key" };
const TOTAL = 251;
const rows = (from: number, n: number) =>
  Array.from({ length: Math.max(0, n) }, (_, i) => ({ id: from + i + 1, name: `row ${from + i + 1}` }));

/** Token endpoints (any host, POST) and the seeds' listings, with their auth checks. */
function seedApi(opts: { throttleOnce?: string } = {}) {
  let issued = 0;
  let throttled = false;
  return fakeFetch(async (req, _n, url) => {
    if (req.method === "POST") {
      const form = new URLSearchParams(await req.clone().text());
      if (form.get("client_id") !== SECRETS.client_id || form.get("client_secret") !== SECRETS.client_secret)
        return json({ error: "invalid_client" }, 401);
      return json({ access_token: `tok${++issued}`, expires_in: 3600 });
    }
    const bearer = /^Bearer tok\d+$/.test(req.headers.get("authorization") ?? "");
    if (!bearer && url.searchParams.get("api_key") !== SECRETS.api_key) return json({ error: "unauthorized" }, 401);
    if (opts.throttleOnce && url.search.includes(opts.throttleOnce) && !throttled) {
      throttled = true;
      return json({ Title: "Too many requests" }, 429, { "Retry-After": "2" });
    }
    if (url.pathname === "/v1/resource") {
      const off = Number(url.searchParams.get("offset"));
      const lim = Number(url.searchParams.get("limit"));
      return json({ data: rows(off, Math.min(lim, TOTAL - off)), total: TOTAL, offset: off, limit: lim });
    }
    const page = Number(url.searchParams.get("page"));
    const size = Number(url.searchParams.get("page_size"));
    const key = url.pathname === "/v1/bank_transactions" ? "BankTransactions" : "Contacts";
    return json({ [key]: rows(page * size, Math.min(size, TOTAL - page * size)), total: Math.ceil(TOTAL / size), page, page_size: size });
  });
}

const line = (c: { method: string; url: string; headers: Record<string, string> }) =>
  `${c.method} ${c.url}${c.headers.authorization ? ` [${c.headers.authorization}]` : ""}`;
const offsets = (prefix: string, suffix = "", list = [0, 100, 200]) =>
  list.map((o) => `GET https://api.example.com/v1/resource?offset=${o}&limit=100${suffix}${prefix}`);

const seeds = seedBlocks();

describe("the seed documents run as written", () => {
  it("finds the five seeds", () => {
    expect(seeds.map((s) => s.file.slice(0, 3))).toEqual(["000", "001", "002", "003", "004"]);
  });

  const expectations: Record<string, { calls: string[]; records: Record<string, number>; sleeps?: number[]; throttleOnce?: string }> = {
    "000": {
      calls: ["POST https://login.example.com/oauth2/v2.0/token", ...offsets(" [Bearer tok1]")],
      records: { generic_resource: 251 },
    },
    "001": { calls: ["POST https://api.example.com/oauth/token", ...offsets(" [Bearer tok1]")], records: { resource_name: 251 } },
    "002": { calls: offsets("", "&api_key=seed-api-key"), records: { storage_data: 251 } },
    "003": {
      calls: offsets("", "&api_key=seed-api-key", [0, 100, 100, 200]),
      records: { resource_name: 251 },
      throttleOnce: "offset=100",
      sleeps: [2000],
    },
    "004": {
      // dlt's round robin: the two resources take turns, a page each (bank_transactions' page 1 throttled once).
      calls: [
        "POST https://identity.example.com/connect/token",
        "GET https://api.example.com/v1/bank_transactions?page_size=100&page=0 [Bearer tok1]",
        "POST https://identity.example.com/connect/token",
        "GET https://api.example.com/v1/contacts?page_size=100&page=0 [Bearer tok2]",
        ...[1, 1].map((p) => `GET https://api.example.com/v1/bank_transactions?page_size=100&page=${p} [Bearer tok1]`),
        "GET https://api.example.com/v1/contacts?page_size=100&page=1 [Bearer tok2]",
        "GET https://api.example.com/v1/bank_transactions?page_size=100&page=2 [Bearer tok1]",
        "GET https://api.example.com/v1/contacts?page_size=100&page=2 [Bearer tok2]",
      ],
      records: { bank_transactions: 251, contacts: 251 },
      throttleOnce: "page=1",
      sleeps: [2000],
    },
  };

  for (const seed of seeds) {
    const id = seed.file.slice(0, 3);
    it(`seed ${id}: validates, then makes exactly the expected requests`, async () => {
      const exp = expectations[id]!;
      const validation = validateText(seed.code);
      expect(validation.valid, JSON.stringify(validation.diagnostics.filter((d) => d.severity === "error"))).toBe(true);
      const api = seedApi(exp.throttleOnce ? { throttleOnce: exp.throttleOnce } : {});
      const run = await collect(validation.config, api.fetch, { secrets: SECRETS });
      expect(api.calls.map(line)).toEqual(exp.calls);
      const counts: Record<string, number> = {};
      for (const p of run.of("page")) counts[p.resource] = (counts[p.resource] ?? 0) + p.count;
      expect(counts).toEqual(exp.records);
      expect(run.sleeps).toEqual(exp.sleeps ?? []);
      expect(run.errors).toEqual([]);
      expect(run.warnings).toEqual([]);
      expect(run.done).toMatchObject({ type: "done", ok: true });
      for (const start of run.of("resource_start")) expect(start).toMatchObject({ primary_key: ["id"], write_disposition: "merge" });
      const text = JSON.stringify(run.events.filter((e) => e.type !== "page"));
      for (const v of Object.values(SECRETS)) expect(text).not.toContain(v);
    });
  }

  it("seed 004 describes its dialect paginator; the offset seeds say total_path", async () => {
    const byId = Object.fromEntries(seeds.map((s) => [s.file.slice(0, 3), s.code]));
    const run004 = await collect(validateText(byId["004"]!).config, seedApi().fetch, { secrets: SECRETS });
    expect(run004.of("resource_start").map((s) => s.paginator)).toEqual(
      Array(2).fill("page_number(page_param=page, base_page=0, total_path=total, page_size=100 (seed dialect))"),
    );
    const run000 = await collect(validateText(byId["000"]!).config, seedApi().fetch, { secrets: SECRETS });
    expect(run000.of("resource_start")[0]!.paginator).toBe("offset(limit=100, total_path=total)");
    expect(run000.reasons).toEqual([
      "next offset 100: offset 100 < total 251",
      "next offset 200: offset 200 < total 251",
      "stopped: offset 300 >= total 251",
    ]);
  });

  it("a seed without its secrets stops before any request and names them", async () => {
    const code = seeds.find((s) => s.file.startsWith("000"))!.code;
    const api = seedApi();
    const run = await collect(validateText(code).config, api.fetch, { secrets: {} });
    expect(api.calls).toHaveLength(0);
    expect(run.errors[0]).toMatchObject({ code: "missing_secret", resource: "generic_resource" });
    expect(run.errors[0]!.message).toContain("CLIENT_ID");
    expect(run.errors[0]!.message).toContain("CLIENT_SECRET");
  });
});
