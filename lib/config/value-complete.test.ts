import { describe, expect, it } from "vitest";
import { configValueCompletions, valueCompletions, valueContext } from "./value-complete";

const root = {
  client: { base_url: "https://x", paginator: { type: "" }, auth: { type: "api_key", location: "" } },
  resources: [{ name: "a", write_disposition: "", endpoint: { method: "", params: { since: { type: "" } } } }],
};
const labels = (path: (string | number)[], key: string, quoted = true) => valueCompletions(path, key, root, quoted).map((s) => s.label);

describe("Python value completions (parity with JSON and YAML)", () => {
  it("reads the key being given a value from the line", () => {
    expect(valueContext('        "type": "he')).toEqual({ key: "type", quoted: true, typed: "he" });
    expect(valueContext('"paginator": ')).toEqual({ key: "paginator", quoted: false, typed: "" });
    expect(valueContext('"paginator": Head')).toEqual({ key: "paginator", quoted: false, typed: "Head" });
    expect(valueContext('"paginator"')).toBeNull();
    // In dict(…), keyword arguments: `type="of`; outside it, `x = ` is an assignment, not a key.
    expect(valueContext('paginator=dict(type="of', true)).toEqual({ key: "type", quoted: true, typed: "of" });
    expect(valueContext("dict(base_url=x, paginator=", true)).toEqual({ key: "paginator", quoted: false, typed: "" });
    expect(valueContext("config = ")).toBeNull();
  });
  it('offers paginator and auth type names after `"type": `', () => {
    expect(labels(["client", "paginator"], "type")).toEqual(expect.arrayContaining(["header_link", "offset", "json_link", "single_page"]));
    expect(labels(["client", "auth"], "type")).toEqual(
      expect.arrayContaining(["bearer", "api_key", "http_basic", "oauth2_client_credentials"]),
    );
    // A typed param: both of dlt's types (as JSON and YAML get them from the schema).
    expect(labels(["resources", 0, "endpoint", "params", "since"], "type")).toEqual(["resolve", "incremental"]);
  });
  it("offers the other resources for a resolve param's `resource`", () => {
    const parents = {
      resources: ["posts", { name: "users" }, { name: "c", endpoint: { params: { id: { type: "resolve", resource: "" } } } }],
    };
    const at = ["resources", 2, "endpoint", "params", "id"];
    expect(valueCompletions(at, "resource", parents, true).map((s) => s.label)).toEqual(["posts", "users"]);
    // JSON and YAML get these alone (the rest comes from their JSON Schema), quoted unless the string is open.
    expect(configValueCompletions([...at, "resource"], parents, false).map((s) => s.insertText)).toEqual(['"posts"', '"users"']);
    expect(configValueCompletions([...at, "resource"], parents, true).map((s) => s.insertText)).toEqual(["posts", "users"]);
    expect(configValueCompletions([...at, "type"], parents, true)).toEqual([]);
    expect(configValueCompletions(["resources", 2, "endpoint", "method"], parents, true)).toEqual([]);
  });
  it("offers locations, dispositions and methods", () => {
    expect(labels(["client", "auth"], "location")).toEqual(expect.arrayContaining(["header", "query"]));
    expect(labels(["resources", 0], "write_disposition")).toEqual(["append", "replace", "merge", "skip"]);
    expect(labels(["resources", 0, "endpoint"], "method")).toEqual(["GET", "POST"]);
  });
  it("quotes values unless the string is open, and offers dlt's classes with their required parameters", () => {
    const unquoted = valueCompletions(["client"], "paginator", root, false);
    expect(unquoted.find((s) => s.label === "header_link")?.insertText).toBe('"header_link"');
    expect(unquoted.map((s) => s.insertText)).toEqual(expect.arrayContaining(["HeaderLinkPaginator()", "OffsetPaginator(limit=)"]));
    expect(unquoted.map((s) => s.label)).not.toContain("JSONResponsePaginator()");
    expect(valueCompletions(["client"], "auth", root, false).map((s) => s.label)).toContain("BearerTokenAuth()");
    expect(valueCompletions(["resources", 0, "endpoint"], "incremental", root, false).map((s) => s.label)).toContain(
      'dlt.sources.incremental(cursor_path="")',
    );
    expect(valueCompletions(["client"], "paginator", root, true).every((s) => s.kind === "value")).toBe(true);
    // As snippets, the cursor stops inside the call, at each parameter, then after it.
    expect(unquoted.find((s) => s.label === "OffsetPaginator(limit=)")?.snippet).toBe("OffsetPaginator(limit=$1)$0");
    expect(unquoted.find((s) => s.label === "HeaderLinkPaginator()")?.snippet).toBe("HeaderLinkPaginator()$0");
    const incremental = valueCompletions(["resources", 0, "endpoint"], "incremental", root, false);
    expect(incremental.find((s) => s.kind === "class")?.snippet).toBe('dlt.sources.incremental(cursor_path="$1")$0');
  });
});
