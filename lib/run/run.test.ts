import { describe, expect, it } from "vitest";
import { prepareRun, type RunEnv } from "./index";
import { secretEnvName } from "../shared";
import { createMockApi } from "../mocks";
import { fetchTransport } from "../engine";
import { seedBlocks } from "../testing/seeds";
import { runToEnd } from "../testing/run";

const seeds = seedBlocks();
const seed = (prefix: string) => {
  const s = seeds.find((x) => x.file.startsWith(prefix));
  if (!s) throw new Error(`seed ${prefix} not found`);
  return s.code;
};

const runAll = runToEnd;

describe("seeds against the mock API", () => {
  it("finds the five seeds", () => expect(seeds).toHaveLength(5));

  for (const [prefix, resource] of [
    ["000", "generic_resource"],
    ["001", "resource_name"],
    ["002", "storage_data"],
    ["003", "resource_name"],
  ] as const) {
    it(`seed ${prefix} runs end to end: 251 fetched, 250 merged, demo secrets filled in`, async () => {
      const { prepared, collector, summary, events } = await runAll({ text: seed(prefix), target: "mock" });
      expect(collector.ok()).toBe(true);
      expect(summary.errors).toEqual([]);
      expect(summary.resources.map((r) => r.name)).toEqual([resource]);
      const r = summary.resources[0]!;
      expect(r).toMatchObject({ primary_key: ["id"], write_disposition: "merge" });
      expect(r.stats).toMatchObject({ records_fetched: 251, records_merged: 250 });
      expect(r.records).toHaveLength(250);
      expect(new Set(r.records.map((x) => x.id)).size).toBe(250);
      expect(prepared.ok && prepared.secrets.every((s) => s.source === "mock_demo")).toBe(true);
      // Waits against the mock are virtual: reported, not slept.
      expect(events.filter((e) => e.type === "retry").every((e) => e.type === "retry" && e.virtual)).toBe(true);
    });
  }

  it("a summary without rows (the CLI's text output) keeps every count", async () => {
    const { collector, summary } = await runAll({ text: seed("004"), target: "mock" });
    const light = collector.summary({ rows: false });
    expect(light.tables).toEqual([]);
    expect(summary.tables.length).toBeGreaterThan(0);
    expect(light.resources.map((r) => r.stats)).toEqual(summary.resources.map((r) => r.stats));
  });

  it("seed 004: two resources of 251 rows each, the missing key reported with the real key; dlt's normalize fails on it", async () => {
    const { summary, collector } = await runAll({ text: seed("004"), target: "mock" });
    // No record has `id`, a not-null primary key column no row gives a type: UnboundColumnException, nothing loaded.
    expect(collector.ok()).toBe(false);
    expect(summary.refusal).toBe("a record its normalize step fails on");
    expect(collector.preview.tables().find((t) => t.table_name === "contacts")?.warnings).toContain(
      "contacts: `id` is not nullable, but 251 rows have no value there and no row gives it a type: " +
        "dlt's normalize step fails (`UnboundColumnException`)",
    );
    expect(summary.resources.map((r) => [r.name, r.stats.records_fetched, r.stats.records_merged, r.records.length])).toEqual([
      ["bank_transactions", 251, 251, 251],
      ["contacts", 251, 251, 251],
    ]);
    expect(summary.resources[0]!.warnings).toContain(
      'primary_key `id` is missing in 251 of 251 records of `bank_transactions`; the records carry `BankTransactionID` — set `primary_key: "BankTransactionID"`',
    );
    expect(summary.resources[1]!.warnings).toContain(
      'primary_key `id` is missing in 251 of 251 records of `contacts`; the records carry `ContactID` — set `primary_key: "ContactID"`',
    );
    // The quick fix's keys: loaded.
    const fixed = seed("004")
      .replace('"primary_key": "id",', "")
      .replace('"name": "bank_transactions",', '"name": "bank_transactions", "primary_key": "BankTransactionID",')
      .replace('"name": "contacts",', '"name": "contacts", "primary_key": "ContactID",');
    const loaded = await runAll({ text: fixed, target: "mock" });
    expect([loaded.collector.ok(), loaded.summary.refusal]).toEqual([true, null]);
    // The mock serves one record twice per resource: merged by its key.
    expect(loaded.summary.resources.map((r) => r.stats.records_merged)).toEqual([250, 250]);
  });

  it("runs only the resources asked for", async () => {
    const { prepared, summary } = await runAll({ text: seed("004"), target: "mock", resources: ["contacts"] });
    expect(prepared.ok && prepared.resources).toEqual(["contacts"]);
    expect(summary.resources.map((r) => r.name)).toEqual(["contacts"]);
  });

  it("a wrong secret meets the mock's real 401 (OAuth) or 403 (API key) as an error event", async () => {
    const oauth = await runAll({ text: seed("000"), target: "mock", secrets: { client_secret: "not-the-secret" } });
    expect(oauth.prepared.ok && oauth.prepared.secrets).toEqual([
      { name: "client_id", kind: "secret", source: "mock_demo" },
      { name: "client_secret", kind: "secret", source: "given" },
    ]);
    expect(oauth.collector.ok()).toBe(false);
    expect(oauth.summary.errors).toHaveLength(1);
    expect(oauth.summary.errors[0]).toMatchObject({ resource: "generic_resource" });
    expect(oauth.summary.errors[0]!.message).toContain("401");
    expect(JSON.stringify(oauth.events)).not.toContain("not-the-secret");

    const key = await runAll({ text: seed("002"), target: "mock", secrets: { api_key: "wrong-key" } });
    expect(key.summary.errors).toHaveLength(1);
    expect(key.summary.errors[0]!.message).toContain("403");
    expect(JSON.stringify(key.events)).not.toContain("wrong-key");
  });
});

describe("refusals", () => {
  it("an invalid config is not run: ok false with its diagnostics", () => {
    const p = prepareRun({
      text: '{"client": {"base_url": "https://api.example.com"}, "resources": [{"name": "a", "endpoint": {"paht": "/x"}}]}',
      target: "mock",
    });
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.code).toBe("invalid_config");
    expect(p.message).toMatch(/^The config has 1 error; the first: /);
    expect(p.diagnostics.some((d) => d.severity === "error" && d.path.startsWith("/resources/0/endpoint"))).toBe(true);
  });

  it("warnings never block a run", () => {
    const p = prepareRun({ text: seed("004"), target: "mock" });
    expect(p.ok).toBe(true);
    expect(p.ok && p.diagnostics.some((d) => d.severity === "warning")).toBe(true);
  });

  it("unknown resource names are refused with the valid names", () => {
    const p = prepareRun({ text: seed("004"), target: "mock", resources: ["contacts", "invoices"] });
    expect(p).toMatchObject({ ok: false, code: "unknown_resource" });
    expect(!p.ok && p.message).toBe("Unknown resource `invoices`; the config defines `bank_transactions`, `contacts`.");
    // Moved from the engine's tests (prepare.test.ts): the one check of the asked names, before any event.
    const posts = '{"client": {"base_url": "https://api.test"}, "resources": ["posts"]}';
    const one = prepareRun({ text: posts, target: "mock", resources: ["post"] });
    expect(one).toMatchObject({ ok: false, code: "unknown_resource", message: "Unknown resource `post`; the config defines `posts`." });
    // A name asked twice (`--resource post --resource post`) is named once.
    const twice = prepareRun({ text: posts, target: "mock", resources: ["post", "post"] });
    expect(!twice.ok && twice.message).toBe("Unknown resource `post`; the config defines `posts`.");
  });

  it("runs the resolved source: dependency order, and the asked names in config order", () => {
    const resources = [{ name: "c", endpoint: "p/{resources.p.id}" }, "p", { name: "s", selected: false }];
    const text = JSON.stringify({ client: { base_url: "https://api.test" }, resources });
    const p = prepareRun({ text, target: "mock" });
    expect(p.ok && p.resources).toEqual(["c", "p"]);
    void (p.ok && p.events.return(undefined));
  });

  it("a live run needs a fetch from the caller", () => {
    expect(prepareRun({ text: seed("002"), target: "live" })).toMatchObject({ ok: false, code: "live_fetch_unavailable" });
  });
});

describe("live target", () => {
  it("uses the caller's fetch, sleep and clock; demo values are never filled in", async () => {
    const mock = createMockApi();
    const sleeps: number[] = [];
    let t = 1_000;
    const env: RunEnv = {
      liveTransport: fetchTransport((r) => mock.fetch(r)),
      // Waits pass at once; the engine's 60 s request timeout (also a sleep) never fires before the answer.
      sleep: (ms, signal) => {
        if (ms >= 60_000) return new Promise((_, reject) => signal?.addEventListener("abort", () => reject(new Error("aborted"))));
        sleeps.push(ms);
        t += ms;
        return Promise.resolve();
      },
      now: () => t,
    };
    const missing = await runAll({ text: seed("002"), target: "live" }, env);
    expect(missing.prepared.ok && missing.prepared.secrets).toEqual([{ name: "api_key", kind: "secret", source: "missing" }]);
    expect(missing.summary.errors).toEqual([
      { resource: "storage_data", code: "missing_secret", message: expect.stringContaining("API_KEY") },
    ]);
    expect(mock.requests).toEqual([]);

    const given = await runAll({ text: seed("002"), target: "live", secrets: { api_key: "demo-api-key" } }, env);
    expect(given.collector.ok()).toBe(true);
    expect(given.summary.resources[0]!.stats.records_merged).toBe(250);
    expect(mock.requests.length).toBeGreaterThan(0);
    // The mock's injected 429 with Retry-After: 2 was waited for with the caller's (real) sleep.
    expect(sleeps).toContain(2000);
    expect(given.events.filter((e) => e.type === "retry").every((e) => e.type === "retry" && !e.virtual)).toBe(true);
  });

  it("a pasted Python config with f-strings of secrets asks for them, fails without one, runs with them masked", async () => {
    const text = `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {
        "base_url": f"https://{dlt.secrets['subdomain']}.zendesk.test/api/v2/",
        "headers": {"Authorization": f"Bearer {dlt.secrets['api_token']}"},
    },
    "resources": [{"name": "tickets", "endpoint": {"paginator": "single_page"}}],
})
`;
    const seen: { url: string; authorization: string | null }[] = [];
    const env: RunEnv = {
      liveTransport: fetchTransport(async (req: Request) => {
        seen.push({ url: req.url, authorization: req.headers.get("authorization") });
        return Response.json([{ id: 1 }]);
      }),
    };
    const missing = await runAll({ text, target: "live", secrets: { subdomain: "acme-corp" } }, env);
    expect(missing.prepared.ok && missing.prepared.secrets).toEqual([
      { name: "subdomain", kind: "secret", source: "given" },
      { name: "api_token", kind: "secret", source: "missing" },
    ]);
    expect(missing.summary.errors).toEqual([
      { resource: "tickets", code: "missing_secret", message: expect.stringContaining('dlt.secrets["api_token"]') },
    ]);
    expect(seen).toEqual([]);

    const given = await runAll({ text, target: "live", secrets: { subdomain: "acme-corp", api_token: "tok-secret-42" } }, env);
    expect(given.collector.ok()).toBe(true);
    expect(seen).toEqual([{ url: "https://acme-corp.zendesk.test/api/v2/tickets", authorization: "Bearer tok-secret-42" }]);
    const events = JSON.stringify(given.events);
    expect(events).not.toMatch(/acme-corp|tok-secret-42/);
    expect(events).toContain("https://a*****p.zendesk.test/api/v2/tickets");
  });

  it("an aborted signal cancels the run", async () => {
    const controller = new AbortController();
    controller.abort();
    const { summary, collector } = await runAll({ text: seed("002"), target: "mock" }, { signal: controller.signal });
    expect(collector.ok()).toBe(false);
    expect(summary.errors.map((e) => e.code)).toContain("cancelled");
  });
});

it("secretEnvName follows dlt's environment variable convention", () => {
  expect(secretEnvName("client_id")).toBe("CLIENT_ID");
  expect(secretEnvName("api-key.v2")).toBe("API-KEY__V2");
});

describe("incremental state across runs", () => {
  it("a second run with the first run's state asks only for newer data", async () => {
    const { getExample } = await import("../examples");
    const text = getExample("lab-incremental")!.text;
    const collect = async (state?: Record<string, import("../engine").IncrementalState>) => {
      const prepared = prepareRun({ text, target: "mock", ...(state ? { state } : {}) }, {});
      if (!prepared.ok) throw new Error(prepared.message);
      const events: import("../engine").EngineEvent[] = [];
      for await (const e of prepared.events) events.push(e);
      return events;
    };
    const first = await collect();
    const inc = first.find((e) => e.type === "incremental");
    expect(inc && inc.type === "incremental" ? inc.after : null).toBe("2025-06-02T20:00:00Z");
    const second = await collect({ events: inc && inc.type === "incremental" ? inc.state! : ({} as never) });
    const request = second.find((e) => e.type === "request");
    expect(request && request.type === "request" ? request.url : "").toContain("since=2025-06-02T20%3A00%3A00Z");
    // The mock sends the boundary record again; the first run loaded it (its key's digest is in the state): dropped, as dlt does.
    expect(second.filter((e) => e.type === "page").reduce((n, e) => n + (e.type === "page" ? e.count : 0), 0)).toBe(0);
    const inc2 = second.find((e) => e.type === "incremental");
    expect(inc2 && inc2.type === "incremental" ? inc2.filtered : null).toBe(1);
  });
});

/** seed 002's API (api.example.com/v1/resource): its key a reference, the mock's demo value unless a run gives one. */
const API_KEY_CLIENT = {
  base_url: "https://api.example.com",
  auth: { type: "api_key", name: "api_key", api_key: { $secret: "api_key" }, location: "query" },
};

describe("a secret in a typed field", () => {
  it("is given to the run as dlt reads it and masked in the trace (it was in the requests' URLs as written)", async () => {
    const text = JSON.stringify({
      client: API_KEY_CLIENT,
      resources: [
        {
          name: "items",
          endpoint: { path: "/v1/resource", data_selector: "data", paginator: { type: "offset", limit: { $secret: "page_size" } } },
        },
      ],
    });
    const { collector, events } = await runAll({ text, target: "mock", secrets: { page_size: "125" } });
    expect(collector.ok()).toBe(true);
    const urls = events.flatMap((e) => (e.type === "request" ? [e.url] : []));
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((u) => /limit=[^&]*\*/.test(u))).toBe(true);
    // Nor in the paginator's description and decisions, messages or the summary. (The records and the body previews are the
    // API's data: a number there equal to a secret, `"id": 125`, is not a secret's text and stays as sent.)
    const trace = JSON.stringify(events.filter((e) => e.type !== "page" && e.type !== "response"));
    expect(trace).toContain("offset(limit=1*****5");
    expect(trace).not.toContain("125");
  });
});

describe("a secret dlt casts to a number in an auth field", () => {
  it("fails the resource before any request, with dlt 1.26.0's TypeError (an all-digit API key from the environment)", async () => {
    const text = JSON.stringify({
      client: API_KEY_CLIENT,
      resources: [{ name: "items", endpoint: { path: "/v1/resource", data_selector: "data" } }],
    });
    const { events } = await runAll({ text, target: "mock", secrets: { api_key: "12345" } });
    expect(events.filter((e) => e.type === "request")).toEqual([]);
    const error = events.find((e) => e.type === "error");
    expect(error?.type === "error" ? error.error.code : "").toBe("invalid_request");
    // Recorded from dlt 1.26.0 (MY_KEY=12345 in the environment): TypeError object of type 'int' has no len()
    expect(error?.type === "error" ? error.error.message : "").toContain("TypeError: object of type 'int' has no len()");
    expect(JSON.stringify(events)).not.toContain("12345");
    // Text dlt keeps as text runs (the mock answers a key it does not know with its 401).
    const other = await runAll({ text, target: "mock", secrets: { api_key: "12345abc" } });
    expect(other.events.some((e) => e.type === "request")).toBe(true);
  });
});
