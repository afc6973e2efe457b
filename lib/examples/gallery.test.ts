/** Every gallery example validates and runs against its mock with the expected counts (engine + mocks + config). */
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "./index";
import { validateText } from "../config";
import { extract, createVirtualClock, type EngineEvent } from "../engine";
import { createMockApi, MOCK_DEMO_SECRETS } from "../mocks";

async function run(text: string, state?: Record<string, never>) {
  const r = validateText(text);
  const api = createMockApi();
  const events: EngineEvent[] = [];
  for await (const e of extract({ config: r.config!, secrets: MOCK_DEMO_SECRETS, ...(state ? { state } : {}) }, { fetch: api.fetch, ...createVirtualClock(), virtualClock: true })) events.push(e);
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
  it("an expiring token is refreshed on 401", async () => {
    const { events } = await run(EXAMPLES.find((e) => e.id === "lab-expiring-token")!.text);
    expect(events.filter((e) => e.type === "auth" && e.step === "token_refresh").length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: "done", ok: true });
  });
});
