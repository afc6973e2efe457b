/** Every gallery example validates and runs against its mock with the expected counts (engine + mocks + config). */
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "./index";
import { listSecrets, validateText } from "../config";
import { resolveSecrets } from "../run/secrets";
import { extract, createVirtualClock, fetchTransport, type EngineEvent } from "../engine";
import { createMockApi, MOCK_DEMO_SECRETS } from "../mocks";

async function run(text: string, state?: Record<string, never>) {
  const r = validateText(text);
  const clock = createVirtualClock();
  const api = createMockApi({ sleep: (ms) => clock.sleep(ms) });
  const events: EngineEvent[] = [];
  // The mock's demo values under every name dlt tries (`sources.github_source.github_token` -> `github_token`), as lib/run does.
  const secrets = { ...MOCK_DEMO_SECRETS, ...resolveSecrets(listSecrets(r.value), { given: {}, target: "mock" }).values };
  for await (const e of extract(
    { source: r.source!, secrets, ...(state ? { state } : {}) },
    { transport: fetchTransport(api.fetch), ...clock, virtualClock: true },
  ))
    events.push(e);
  return { r, events, api };
}

describe("gallery examples against the mocks", () => {
  for (const ex of EXAMPLES) {
    it(`${ex.id}: valid, runs, fetches the expected records`, async () => {
      const { r, events } = await run(ex.text);
      expect(r.valid, JSON.stringify(r.diagnostics)).toBe(true);
      expect(r.format).toBe(ex.format);
      const fetched: Record<string, number> = {};
      for (const e of events) if (e.type === "page") fetched[e.resource] = (fetched[e.resource] ?? 0) + e.count;
      for (const [name, exp] of Object.entries(ex.expected.resources)) expect(fetched[name] ?? 0, name).toBe(exp.fetched);
    });
  }
  it("faults are reported with their codes", async () => {
    const { events } = await run(EXAMPLES.find((e) => e.id === "lab-faults")!.text);
    const errors = Object.fromEntries(events.flatMap((e) => (e.type === "error" && e.resource ? [[e.resource, e.error.code]] : [])));
    expect(errors).toEqual({ malformed_json: "invalid_json", html_page: "invalid_json" });
    const warnings = events.flatMap((e) => (e.type === "warning" ? [`${e.resource}:${e.code}`] : []));
    expect(warnings).toEqual(expect.arrayContaining(["error_in_200:selector_null", "repeating_cursor:paginator_loop"]));
    expect(events.filter((e) => e.type === "retry" && e.resource === "burst_of_503")).toHaveLength(3);
  });
  it("a slow response times out after request_timeout, waits dlt's backoff and the retry succeeds", async () => {
    const { events, api } = await run(EXAMPLES.find((e) => e.id === "lab-slow")!.text);
    expect(api.requests.map((x) => x.url)).toEqual(["https://lab.example.com/slow/items", "https://lab.example.com/slow/items"]);
    const requests = events.filter((e) => e.type === "request").map((e) => e.type === "request" && e.attempt);
    expect(requests).toEqual([1, 2]);
    const retry = events.find((e) => e.type === "retry");
    expect(retry).toMatchObject({ status: null, wait_ms: 1000, wait_source: "backoff", virtual: true });
    expect(retry?.type === "retry" && retry.reason).toBe(
      "timeout: no response within 60 s (request_timeout; the mock would have answered after 75 s of virtual time)",
    );
    expect(events.filter((e) => e.type === "response")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: "done", ok: true });
  });
  it("an endpoint that is always slow fails with `timeout` after dlt's 5 attempts", async () => {
    const { events } = await run(
      `client:\n  base_url: https://lab.example.com\nresources:\n  - name: s\n    endpoint:\n      path: /slow/always\n      data_selector: data\n      paginator: single_page\n`,
    );
    expect(events.filter((e) => e.type === "retry").map((e) => e.type === "retry" && e.wait_ms)).toEqual([1000, 2000, 4000, 8000]);
    const error = events.find((e) => e.type === "error");
    expect(error?.type === "error" && error.error.code).toBe("timeout");
    expect(error?.type === "error" && error.error.message).toContain("gave up after 5 attempts");
  });
  it("redirects: each hop is a request of its own, and the API key never leaves lab.example.com", async () => {
    const { events, api } = await run(EXAMPLES.find((e) => e.id === "lab-redirects")!.text);
    const first = api.requests.slice(0, 2).map((r) => r.url);
    expect(first).toEqual(["https://lab.example.com/moved/items", "https://lab.example.com/json-link/items"]);
    const hops = events.flatMap((e) => (e.type === "request" && e.redirect !== undefined ? [`${e.resource} ${e.url}`] : []));
    expect(hops).toEqual(["moved_items https://lab.example.com/json-link/items", "keyed_elsewhere https://cdn.example.com/lab/items"]);
    const records = events.flatMap((e) => (e.type === "page" && e.resource !== "moved_items" ? e.records : []));
    expect(records).toHaveLength(30);
    expect(records.filter((r) => "credentials_received" in r).every((r) => r.credentials_received === false)).toBe(true);
    const withheld = events.flatMap((e) => (e.type === "warning" && e.code === "credentials_withheld" ? [e.resource] : []));
    expect(withheld).toEqual(["keyed_elsewhere", "keyed_pages"]);
    expect(events.at(-1)).toMatchObject({ type: "done", ok: true });
  });
  it("a redirect loop ends with too_many_redirects", async () => {
    const yaml =
      "client:\n  base_url: https://lab.example.com\n" + "resources:\n  - name: loop\n    endpoint:\n      path: /faults/redirect-loop\n";
    const { events } = await run(yaml);
    const error = events.find((e) => e.type === "error");
    expect(error?.type === "error" && error.error.code).toBe("too_many_redirects");
    expect(events.filter((e) => e.type === "request")).toHaveLength(2);
  });
  it("an expiring token is refreshed on 401", async () => {
    const { events } = await run(EXAMPLES.find((e) => e.id === "lab-expiring-token")!.text);
    expect(events.filter((e) => e.type === "auth" && e.step === "token_refresh").length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: "done", ok: true });
  });
});
