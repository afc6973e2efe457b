import { describe, expect, it } from "vitest";
import { describeKey, keyCompletions, validateValue } from "./index";

const doc = {
  client: { base_url: "https://x", paginator: { type: "offset", limit: 1 } },
  resources: [{ name: "a", endpoint: { method: "GET" } }],
};

describe("hover docs and completions from the zod schema", () => {
  it("describes keys, picking the paginator variant by its type", () => {
    const limit = describeKey(["client", "paginator", "limit"], doc)!;
    expect(limit.description).toMatch(/Page size/);
    expect(limit.accepts).toBe("an integer");
    expect(limit.required).toBe(true);
    const pageLimit = describeKey("/client/paginator/limit", { client: { paginator: { type: "page_number" } } })!;
    expect(pageLimit.description).toMatch(/^Seed dialect \(not dlt\)/);
    expect(pageLimit.required).toBe(false);
    const method = describeKey("/resources/0/endpoint/method", doc)!;
    expect(method.allowed).toEqual(["GET", "POST"]);
    expect(method.accepts).toBe("one of `GET`, `POST`");
    expect(describeKey(["client"], doc)!.docsUrl).toBe("https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api/basic#client");
    expect(describeKey(["client", "auth", "token"], { client: { auth: { type: "bearer" } } })!.accepts).toBe(
      "a string or a dlt.secrets[...] or dlt.config[...] reference",
    );
    expect(describeKey(["client", "nonsense"], doc)).toBeNull();
  });

  it("completes the keys still missing in a dict, required ones first", () => {
    const keys = keyCompletions(["client", "paginator"], doc).map((k) => k.key);
    expect(keys).toContain("total_path");
    expect(keys).not.toContain("limit");
    expect(keys).not.toContain("next_url_path");
    expect(keyCompletions("/resources/0/endpoint", doc).map((k) => k.key)).toContain("data_selector");
    expect(keyCompletions([], { client: {} }).map((k) => k.key)).toEqual(["resources", "resource_defaults"]);
    expect(keyCompletions(["client", "auth"], { client: { auth: { type: "http_basic" } } }).map((k) => [k.key, k.required])).toEqual([
      ["username", true],
      ["password", true],
    ]);
  });

  it("also takes just the keys already present", () => {
    expect(keyCompletions(["client"], ["base_url", "auth"]).map((k) => k.key)).toEqual(["headers", "paginator", "session"]);
  });
});

describe("docs links", () => {
  it("every key links to its section of dlt's rest_api docs", () => {
    const base = "https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api/";
    expect(describeKey("/resources/0/endpoint/data_selector", doc)?.docsUrl).toBe(`${base}basic#data-selection`);
    expect(describeKey("/client/paginator/limit", { client: { paginator: { type: "offset", limit: 1 } } })?.docsUrl).toBe(
      `${base}basic#pagination`,
    );
    expect(describeKey("/client/auth/token", { client: { auth: { type: "bearer", token: "x" } } })?.docsUrl).toBe(
      `${base}basic#authentication`,
    );
    expect(describeKey("/resources/0/include_from_parent", doc)?.docsUrl).toBe(`${base}basic#include-fields-from-the-parent-resource`);
    expect(describeKey("/resources/0/endpoint/response_actions", doc)?.docsUrl).toBe(`${base}advanced#response-actions`);
    expect(describeKey("/resources/0/write_disposition", doc)?.docsUrl).toBe(`${base}basic#resource-configuration`);
    expect(keyCompletions("/resources/0/endpoint", doc).length).toBeGreaterThan(5);
    for (const k of keyCompletions("/resources/0/endpoint", doc))
      expect(k.docsUrl, k.key).toMatch(new RegExp(`^${base.replace(/\./g, "\\.")}`));
  });

  it("says what dlt 1.26.0 does: each paginator's own defaults, OAuth2's token, the key's own text over a wrapper's", () => {
    const stop = (type: string) => describeKey(["client", "paginator", "stop_after_empty_page"], { client: { paginator: { type } } })!;
    // paginators.py: PageNumberPaginator and OffsetPaginator stop by default, JSONResponseCursorPaginator does not.
    expect([stop("page_number"), stop("offset"), stop("cursor")].map((d) => /Default `(\w+)`/.exec(d.description)?.[1])).toEqual([
      "true",
      "true",
      "false",
    ]);
    const oauth = { client: { auth: { type: "oauth2_client_credentials" } } };
    expect(describeKey(["client", "auth", "access_token"], oauth)!.description).toMatch(/counts it as expired/);
    expect(describeKey(["client", "auth"], oauth)!.description).not.toMatch(/on 401\./);
    const endpoint = { resources: [{ name: "a", endpoint: { auth: null } }] };
    expect(describeKey(["resources", 0, "endpoint", "auth"], endpoint)!.description).toMatch(/overrides the client's/);
    // A header's value is a header value, not "a reference to a secret".
    const header = describeKey(["client", "headers", "X-A"], { client: { headers: { "X-A": "1" } } })!;
    expect(header.description).not.toMatch(/reference to a secret/);
  });

  it("takes the column hint `incremental` (dlt's TColumnSchema has it) and offers it", () => {
    const config = { client: { base_url: "https://x" }, resources: [{ name: "a", columns: { id: { incremental: true } } }] };
    expect(validateValue(config).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(keyCompletions(["resources", 0, "columns", "id"], config).map((k) => k.key)).not.toContain("incremental");
    const bare = { resources: [{ name: "a", columns: { id: {} } }] };
    expect(keyCompletions(["resources", 0, "columns", "id"], bare).map((k) => k.key)).toContain("incremental");
  });

  it("never offers the seed dialect, which dlt refuses (it still validates, with a warning)", () => {
    const keys = (paginator: object) => keyCompletions(["client", "paginator"], { client: { paginator } }).map((k) => k.key);
    expect(keys({ type: "page_number" })).not.toContain("limit");
    expect(keys({ type: "page_number" })).not.toContain("limit_param");
    expect(keys({ type: "offset" })).toEqual(expect.arrayContaining(["limit", "limit_param"]));
    const endpoint = keyCompletions(["resources", 0, "endpoint"], { resources: [{ name: "a", endpoint: { path: "a" } }] });
    expect(endpoint.map((k) => k.key)).not.toContain("error_handler");
  });

  it("a paginator's or auth's `type` says what the type does and lists every type dlt takes, a misspelt one too", () => {
    const type = (paginator: object) => describeKey(["client", "paginator", "type"], { client: { paginator } })!;
    expect(type({ type: "cursor" }).description).toMatch(/^Cursor paging/);
    expect(type({ type: "cursor" }).allowed).toHaveLength(9);
    const typo = type({ type: "offsett", limit: 10 });
    expect([typo.description, typo.allowed.includes("offset")]).toEqual(["`offsett` is none of the types dlt takes.", true]);
    const auth = describeKey(["client", "auth", "type"], { client: { auth: { type: "bearer" } } })!;
    expect(auth.allowed).toEqual(["bearer", "api_key", "http_basic", "oauth2_client_credentials"]);
  });

  it("a typed param (`{type: resolve|incremental}`) gets its keys and their docs", () => {
    const root = {
      resources: [
        "posts",
        { name: "c", endpoint: { path: "p/{id}", params: { id: { type: "resolve" }, since: { type: "incremental" } } } },
      ],
    };
    const at = (name: string) => ["resources", 1, "endpoint", "params", name];
    expect(keyCompletions(at("id"), root).map((k) => k.key)).toEqual(["resource", "field"]);
    expect(keyCompletions(at("since"), root).map((k) => k.key)).toContain("cursor_path");
    expect(keyCompletions(at("since"), root).map((k) => k.key)).not.toContain("start_param");
    expect(describeKey([...at("id"), "type"], root)?.allowed).toEqual(["resolve", "incremental"]);
    expect(describeKey([...at("since"), "type"], root)?.description).toMatch(/Deprecated in dlt/);
  });
});
