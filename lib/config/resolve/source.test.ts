/**
 * The `ResolvedSource` a valid config becomes (lib/config/resolved.ts): plain data, resources in
 * dependency order, endpoints merged with `resource_defaults` as dlt merges them, typed paginator and
 * auth by precedence, parents bound, incremental, table hints, Python left out.
 */
import { describe, expect, it } from "vitest";
import type { PlainValue } from "../../formats";
import { mergeByName, mergeLayers } from "../../shared";
import { validateText, validateValue, type ResolvedSource } from "../index";

const base = { base_url: "https://api.test" };
function source(config: object): ResolvedSource {
  const r = validateValue(config as PlainValue);
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return r.source!;
}
const byName = (s: ResolvedSource, name: string) => s.resources.find((r) => r.name === name)!;

describe("ResolvedSource", () => {
  it("is null for an invalid document, and plain data for a valid one (structured clone and JSON keep it)", () => {
    expect(validateText('{"client": {}, "resources": [{"name": "a", "endpoint": {"paht": "x"}}]}').source).toBeNull();
    const s = source({
      client: { ...base, auth: { type: "bearer", token: { $secret: "token" } }, paginator: { type: "offset", limit: 10 } },
      resource_defaults: {
        primary_key: "id",
        endpoint: { params: { per_page: 50 }, incremental: { cursor_path: "updated", initial_value: "2024" } },
      },
      resources: ["posts", { name: "comments", include_from_parent: ["title"], endpoint: "posts/{resources.posts.id}/comments" }],
    });
    expect(structuredClone(s)).toEqual(s);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it("lists parents before their children, otherwise in config order, and keeps each one's index", () => {
    const s = source({
      client: base,
      resources: [{ name: "c", endpoint: "p/{resources.p.id}/c" }, "x", { name: "p", endpoint: "g/{resources.g.id}/p" }, "g"],
    });
    expect(s.resources.map((r) => [r.name, r.index, r.parent?.name ?? null])).toEqual([
      ["g", 3, null],
      ["p", 2, "g"],
      ["c", 0, "p"],
      ["x", 1, null],
    ]);
    const legacy = source({
      client: base,
      resources: [
        "posts",
        { name: "d", endpoint: { path: "posts/{pid}", params: { pid: { type: "resolve", resource: "posts", field: "id" } } } },
      ],
    });
    expect(byName(legacy, "d").endpoint.path).toBe("posts/{resources.posts.id}");
    expect(byName(legacy, "d").parent).toEqual({ name: "posts", external: false, fields: ["id"] });
  });

  it("lists the parent fields a child's templates read, in written order (path, params, json, data, headers), once each", () => {
    const s = source({
      client: base,
      resources: [
        "p",
        {
          name: "c",
          endpoint: {
            // (Escaped braces fail dlt in a path, not in a body: `{{literal}}` is no field.)
            path: "p/{resources.p.id}/c",
            method: "POST",
            params: {
              "{resources.p.key_field}": "v",
              team: "{resources.p.team_id}",
              page_of: "{resources.p.id !r:>4}",
              token: { $secret: "{resources.p.secret}" },
            },
            json: { owner: { login: "{resources.p.owner.login}" }, note: "{{literal}}" },
            headers: { "X-Parent": "{resources.p.etag}" },
          },
        },
      ],
    });
    expect(byName(s, "c").parent?.fields).toEqual(["id", "key_field", "team_id", "owner.login", "etag"]);
    expect(byName(s, "p").parent).toBeNull();
  });

  it("merges params one level as layers: the defaults' object is shared, bound and typed keys are left out", () => {
    const s = source({
      client: base,
      resource_defaults: { endpoint: { params: { org: "dlt-hub", per_page: 50, since: "x" } } },
      resources: [
        "a",
        {
          name: "b",
          endpoint: { path: "{org}/repos", params: { per_page: 10, extra: true, since: { type: "incremental", cursor_path: "u" } } },
        },
      ],
    });
    const [a, b] = ["a", "b"].map((n) => byName(s, n).endpoint);
    expect(a!.params.defaults).toBe(b!.params.defaults);
    expect(mergeLayers(a!.params)).toEqual({ org: "dlt-hub", per_page: 50, since: "x" });
    expect(Object.entries(mergeLayers(b!.params))).toEqual([
      ["per_page", 10],
      ["extra", true],
    ]);
    expect([b!.path, b!.path_params]).toEqual(["{org}/repos", { org: "dlt-hub" }]);
    expect(b!.incremental).toEqual({ cursor_path: "u", start_param: "since" });
  });

  it("chooses the paginator by precedence, as a typed config; single-entity paths get single_page and `$`", () => {
    const s = source({
      client: { ...base, paginator: { type: "page_number", total_path: "pages" } },
      resource_defaults: { endpoint: { data_selector: "data" } },
      resources: [
        "client_one",
        { name: "own", endpoint: { path: "o", paginator: "json_link" } },
        { name: "auto", endpoint: { path: "a", paginator: "auto" } },
        { name: "entity", endpoint: { path: "user/{id}", params: { id: 1 }, data_selector: null } },
        { name: "none", endpoint: { path: "n", paginator: { type: "auto" } } },
      ],
    });
    const ep = (n: string) => byName(s, n).endpoint;
    expect(ep("client_one").paginator).toEqual({ type: "page_number", total_path: "pages" });
    expect(ep("own").paginator).toEqual({ type: "json_link" });
    expect(ep("auto").paginator).toEqual({ type: "page_number", total_path: "pages" });
    expect([ep("entity").paginator, ep("entity").data_selector]).toEqual([{ type: "single_page" }, { path: "$", source: "single_entity" }]);
    expect(ep("own").data_selector).toEqual({ path: "data", source: "configured" });
    const bare = source({ client: base, resources: ["r"] });
    expect(bare.resources[0]!.endpoint.paginator).toEqual({ type: "auto" });
  });

  it("chooses the auth: endpoint (null disables it) over client; shorthands and typeless dicts get their type", () => {
    const s = source({
      client: { ...base, auth: "api_key" },
      resources: [
        "a",
        { name: "b", endpoint: { path: "b", auth: null } },
        { name: "c", endpoint: { path: "c", auth: { token: { $secret: "t" } } } },
        { name: "d", endpoint: { path: "d", auth: { $python: "MyAuth()" } } },
      ],
    });
    expect(s.resources.map((r) => r.endpoint.auth)).toEqual([
      { kind: "config", where: "client.auth", config: { type: "api_key" } },
      null,
      { kind: "config", where: "endpoint.auth", config: { token: { $secret: "t" }, type: "bearer" } },
      { kind: "python", where: "endpoint.auth" },
    ]);
  });

  it("leaves Python out and lists where it was; merges resource keys and table hints with the defaults", () => {
    const s = source({
      client: base,
      resource_defaults: {
        write_disposition: { disposition: "merge", strategy: "upsert" },
        columns: { id: { data_type: "bigint" }, a: { nullable: false } },
      },
      resources: [
        {
          name: "r",
          table_name: "items",
          columns: [{ name: "a", data_type: "text" }],
          processing_steps: [{ map: { $python: "f" } }],
          endpoint: { path: "r", json: { f: { $python: "g" }, k: 1 } },
        },
      ],
    });
    const r = s.resources[0]!;
    expect(r.python).toEqual(["processing_steps[0].map", "endpoint.json.f"]);
    expect(r.endpoint.json && mergeLayers(r.endpoint.json)).toEqual({ k: 1 });
    expect([r.write_disposition, r.table.table_name, r.table.merge_strategy]).toEqual(["merge", "items", "upsert"]);
    expect(mergeByName(r.table.columns)).toEqual([
      { data_type: "bigint", name: "id" },
      { nullable: false, data_type: "text", name: "a" },
    ]);
  });

  it("shares the defaults' columns as dlt's in-place merge does: a resource's hint on one of them reaches every resource", () => {
    // Recorded with dlt 1.26.0 (a loopback API, `score: 0` in every record): in each case below every table's `score`
    // loaded as the type given here, and without a hint it is bigint.
    const types = (defaults: object, resources: object[]) => {
      const s = source({ client: base, resource_defaults: { columns: defaults }, resources });
      return s.resources.map((r) => [r.name, mergeByName(r.table.columns).find((c) => c.name === "score") ?? null]);
    };
    const text = { score: { data_type: "text" } };
    expect(types(text, [{ name: "things" }])).toEqual([["things", { name: "score", data_type: "text" }]]);
    // A later resource's hint changes an earlier one's column too (it holds the same dict in dlt).
    expect(types(text, [{ name: "things" }, { name: "items", columns: { score: { data_type: "bigint" } } }])).toEqual([
      ["things", { name: "score", data_type: "bigint" }],
      ["items", { name: "score", data_type: "bigint" }],
    ]);
    expect(
      types(
        [{ name: "score", data_type: "text" }],
        [
          { name: "a", columns: [{ name: "score", data_type: "bigint" }] },
          { name: "b" },
          { name: "c", columns: { score: { data_type: "double", nullable: false }, own: { data_type: "text" } } },
        ],
      ),
    ).toEqual([
      ["a", { name: "score", data_type: "double", nullable: false }],
      ["b", { name: "score", data_type: "double", nullable: false }],
      ["c", { name: "score", data_type: "double", nullable: false }],
    ]);
    // A false `columns` (None, {}, []) replaces the defaults': no hint at all.
    for (const columns of [null, {}, []]) expect(types(text, [{ name: "things", columns }])).toEqual([["things", null]]);
  });
});
