/** The spec mock on its own: auth as the spec says, paging and its 400s, bounded plans. */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createMockApi, MockSpecSchema, type MockShape, type MockSpec } from "../index";
import { checkRunBody } from "../../run";
import { MAX_ENDPOINT_VALUES, MAX_RECORD_VALUES, recordValues } from "../../shared";
import { generateRecords } from "./generate";

const spec = (auth: MockSpec["auth"], paging: MockSpec["endpoints"][number]["paging"]): MockSpec => ({
  title: "t",
  base_url: "https://api.t.example/v1",
  auth,
  endpoints: [
    {
      path: "/things",
      kind: "collection",
      records_path: ["data"],
      record: { type: "object", properties: { id: { type: "integer" }, at: { type: "string", format: "date-time" } } },
      examples: [],
      count: 25,
      paging,
      filters: [{ param: "since", field: ["at"], op: "gte" }],
    },
    {
      path: "/things/{id}",
      kind: "entity",
      records_path: [],
      record: { type: "object", properties: { id: { type: "integer" } } },
      examples: [],
      count: 1,
      paging: { kind: "none" },
      filters: [],
    },
  ],
});
const get = async (api: ReturnType<typeof createMockApi>, url: string, headers: Record<string, string> = {}) => {
  const res = await api.fetch(new Request(url, { headers }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, link: res.headers.get("link") };
};

describe("spec mock", () => {
  it("checks the API key where the spec puts it, and says what it expected", async () => {
    const api = createMockApi({ spec: spec({ kind: "api_key", name: "X-Key", location: "header" }, { kind: "none" }) });
    expect(await get(api, "https://api.t.example/v1/things")).toMatchObject({
      status: 401,
      body: { message: expect.stringContaining("`X-Key`") },
    });
    expect((await get(api, "https://api.t.example/v1/things", { "X-Key": "wrong" })).status).toBe(403);
    expect((await get(api, "https://api.t.example/v1/things", { "X-Key": "demo-api-key" })).status).toBe(200);
  });

  it("pages by cursor; a cursor it never issued is a 400", async () => {
    const api = createMockApi({
      spec: spec({ kind: "none" }, { kind: "cursor", cursor_param: "after", next_cursor_path: ["meta", "next"], default_size: 10 }),
    });
    const first = await get(api, "https://api.t.example/v1/things");
    expect((first.body.data as unknown[]).length).toBe(10);
    const next = (first.body.meta as { next: string }).next;
    const second = await get(api, `https://api.t.example/v1/things?after=${encodeURIComponent(next)}`);
    expect((second.body.data as { id: number }[])[0]?.id).toBe(11);
    expect((await get(api, "https://api.t.example/v1/things?after=zzz")).status).toBe(400);
  });

  it("pages with Link headers, filters by `since`, serves an entity by its path parameter", async () => {
    const api = createMockApi({ spec: spec({ kind: "none" }, { kind: "link_header", page_param: "page", default_size: 10 }) });
    const page = await get(api, "https://api.t.example/v1/things?page=3");
    expect(page.link).toBe('<https://api.t.example/v1/things?page=1>; rel="first"');
    const since = await get(api, "https://api.t.example/v1/things?since=2025-01-01T20:00:00Z");
    expect((since.body.data as unknown[]).length).toBe(5);
    expect((await get(api, "https://api.t.example/v1/things/7")).body).toEqual({ id: 7 });
  });

  it("serves an OAuth2 token endpoint for the demo client only", async () => {
    const api = createMockApi({ spec: spec({ kind: "oauth2", token_url: "https://api.t.example/token" }, { kind: "none" }) });
    const token = async (id: string) =>
      api.fetch(
        new Request("https://api.t.example/token", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `grant_type=client_credentials&client_id=${id}&client_secret=demo-client-secret`,
        }),
      );
    expect((await token("someone")).status).toBe(401);
    const { access_token } = (await (await token("demo-client-id")).json()) as { access_token: string };
    expect((await get(api, "https://api.t.example/v1/things", { authorization: `Bearer ${access_token}` })).status).toBe(200);
  });

  it("refuses plans past their bounds", () => {
    const big = {
      ...spec({ kind: "none" }, { kind: "none" }),
      endpoints: Array.from({ length: 201 }, () => spec({ kind: "none" }, { kind: "none" }).endpoints[0]),
    };
    expect(MockSpecSchema.safeParse(big).success).toBe(false);
    expect(MockSpecSchema.safeParse({ ...spec({ kind: "none" }, { kind: "none" }), base_url: "file:///etc/passwd" }).success).toBe(false);
  });

  // Thirtieth session: a 230 KB plan (100 properties of 100 properties, 500 records) made the mock build a 55 MB
  // response, 219 MB with three arrays around the inner objects (6 s, 640 MB of heap) for one request of a run.
  it("refuses a plan whose records would be huge, naming the endpoint's field", () => {
    const props = (n: number, shape: MockShape) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, shape]));
    const inner: MockShape = { type: "object", properties: props(100, { type: "null" }) };
    const outer: MockShape = { type: "object", properties: props(100, inner) };
    const one = spec({ kind: "none" }, { kind: "none" });
    const withRecord = (record: MockShape, count: number): MockSpec => ({
      ...one,
      endpoints: [{ ...(one.endpoints[0] as MockSpec["endpoints"][number]), record, count }],
    });
    const refused = (plan: MockSpec) => {
      const r = checkRunBody({ config: "x", target: "mock", mock_spec: plan });
      return r.ok ? "accepted" : r.message.slice(0, r.message.indexOf(". Expected"));
    };
    expect(refused(withRecord(outer, 500))).toMatch(/^Invalid request body at mock_spec\.endpoints\.0\.record: .*more than 1000 values/);
    expect(refused(withRecord(inner, 500))).toMatch(/^Invalid request body at mock_spec\.endpoints\.0\.count: 500 records of 101 values/);
    expect(refused(withRecord(inner, 45))).toBe("accepted");
    // Every record copies an example: 500 copies of a 1 MB one would be a 500 MB response.
    const ep = one.endpoints[0] as MockSpec["endpoints"][number];
    expect(refused({ ...one, endpoints: [{ ...ep, examples: [{ id: 1, text: "x".repeat(20_000) }] }] })).toMatch(
      /^Invalid request body at mock_spec\.endpoints\.0\.examples\.0: an example is at most 10000 characters/,
    );
    // An entity is one record, whatever its count says.
    const entity = withRecord(inner, 500);
    expect(refused({ ...entity, endpoints: [{ ...(entity.endpoints[0] as MockSpec["endpoints"][number]), kind: "entity" }] })).toBe(
      "accepted",
    );
  });

  // Thirtieth session: `/{name}{ext}` passed the plan's checks, then every request to the mock failed with a 500
  // (MSW's router: "Must have text between two parameters, missing text after \"p0\"") and the run retried it.
  it("refuses a path whose parameters have no text between them, at the path", async () => {
    const one = spec({ kind: "none" }, { kind: "none" });
    const ep = one.endpoints[0] as MockSpec["endpoints"][number];
    const r = MockSpecSchema.safeParse({ ...one, endpoints: [{ ...ep, path: "/files/{name}{ext}" }] });
    expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["endpoints.0.path", "two path parameters with no text between them (`{a}{b}`): the mock cannot tell where one ends"],
    ]);
    const apart = MockSpecSchema.parse({ ...one, endpoints: [{ ...ep, path: "/files/{name}.{ext}" }] });
    expect((await get(createMockApi({ spec: apart }), "https://api.t.example/v1/files/a.json")).status).toBe(200);
  });

  it("counts a shape's values as the mock builds them (never fewer)", () => {
    const shape: fc.Arbitrary<MockShape> = fc.letrec<{ s: MockShape }>((tie) => ({
      s: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constant<MockShape>({ type: "null" }),
        fc.constant<MockShape>({ type: "integer" }),
        fc.constant<MockShape>({ type: "string" }),
        fc.record({ type: fc.constant("array" as const), items: tie("s") }),
        fc.record({ type: fc.constant("object" as const), properties: fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), tie("s")) }),
      ),
    })).s;
    const built = (v: unknown): number =>
      v !== null && typeof v === "object" ? 1 + Object.values(v).reduce((n: number, x) => n + built(x), 0) : 1;
    fc.assert(
      fc.property(shape, (record) => {
        const endpoint = { ...(spec({ kind: "none" }, { kind: "none" }).endpoints[0] as MockSpec["endpoints"][number]), record, count: 4 };
        const counted = recordValues(record, Number.MAX_SAFE_INTEGER);
        // A non-object record is wrapped as `{value: …}`: one value more.
        for (const r of generateRecords(endpoint, {})) expect(built(r)).toBeLessThanOrEqual(counted + 1);
      }),
      { numRuns: 200 },
    );
    expect(MAX_RECORD_VALUES * 45).toBeLessThanOrEqual(MAX_ENDPOINT_VALUES);
  });
});
