import { describe, expect, it } from "vitest";
import { acceptsPlaceholders, placeholderCompletions } from "./placeholder-complete";

const config = {
  client: { base_url: "https://x" },
  resources: [
    { name: "posts", primary_key: "id", columns: { title: { data_type: "text" } }, endpoint: { path: "/posts" } },
    { name: "users", primary_key: ["org", "login"], endpoint: "users" },
    { name: "comments", endpoint: { path: "/posts/{", params: { since: "x" } } },
    "tags",
  ],
};
const labels = (typed: string, path: (string | number)[] = ["resources", 2, "endpoint", "path"], observed?: (r: string) => string[]) =>
  placeholderCompletions(config, path, typed, observed).map((s) => s.label);

describe("placeholder completion", () => {
  it("offers every other resource's key and declared fields, never the resource itself", () => {
    expect(labels("")).toEqual([
      "resources.posts.id",
      "resources.posts.title",
      "resources.posts.",
      "resources.users.org",
      "resources.users.login",
      "resources.users.",
      "resources.tags.",
    ]);
  });

  it("after `resources.<parent>.` offers that parent's fields, the ones seen in the last run included", () => {
    const seen = (r: string) => (r === "posts" ? ["id", "userId", "body"] : []);
    const s = placeholderCompletions(config, ["resources", 2, "endpoint", "params", "since"], "resources.posts.", seen);
    expect(s.map((x) => x.label)).toEqual([
      "resources.posts.id",
      "resources.posts.userId",
      "resources.posts.body",
      "resources.posts.title",
    ]);
    expect(s[1]!.detail).toBe("field of posts (seen in the last run's records)");
    expect(s[3]!.detail).toBe("field of posts (declared on the resource)");
  });

  it("keeps to the one parent a resource already names (dlt allows one)", () => {
    const named = {
      resources: [{ name: "posts" }, { name: "users" }, { name: "c", endpoint: { path: "/p/{resources.posts.id}", params: { q: "" } } }],
    };
    expect(placeholderCompletions(named, ["resources", 2, "endpoint", "params", "q"], "").map((s) => s.label)).toEqual([
      "resources.posts.",
    ]);
  });

  it("offers incremental values only where the endpoint has an incremental block", () => {
    expect(labels("").some((l) => l.startsWith("incremental."))).toBe(false);
    const inc = {
      resources: [{ name: "e", endpoint: { path: "/e", params: { since: "{" }, incremental: { cursor_path: "updated_at" } } }],
    };
    expect(placeholderCompletions(inc, ["resources", 0, "endpoint", "params", "since"], "inc").map((s) => s.label)).toEqual([
      "incremental.start_value",
      "incremental.end_value",
      "incremental.last_value",
      "incremental.initial_value",
    ]);
  });

  it("only inside a resource's endpoint strings", () => {
    expect(acceptsPlaceholders(["resources", 0, "endpoint", "path"])).toBe(true);
    expect(acceptsPlaceholders(["resources", 0, "endpoint", "json", "filter", 0])).toBe(true);
    expect(acceptsPlaceholders(["resources", 0, "endpoint"])).toBe(true);
    expect(acceptsPlaceholders(["resources", 0, "endpoint", "data_selector"])).toBe(false);
    expect(acceptsPlaceholders(["resources", 0, "name"])).toBe(false);
    expect(acceptsPlaceholders(["client", "base_url"])).toBe(false);
    expect(labels("", ["resources", 2, "endpoint", "data_selector"])).toEqual([]);
  });

  it("offers `incremental.…` for an endpoint's `incremental` only, not for a typed incremental param (dlt refuses it there)", () => {
    const endpoint = (e: Record<string, unknown>) => ({ client: { base_url: "https://x" }, resources: [{ name: "a", endpoint: e }] });
    const typed = endpoint({ path: "a", params: { since: { type: "incremental", cursor_path: "u", initial_value: "1" }, x: "{" } });
    const at = ["resources", 0, "endpoint", "params", "x"];
    expect(placeholderCompletions(typed, at, "").map((s) => s.label)).not.toContain("incremental.start_value");
    const keyed = endpoint({ path: "a", params: { x: "{" }, incremental: { cursor_path: "u", initial_value: "1" } });
    expect(placeholderCompletions(keyed, at, "").map((s) => s.label)).toContain("incremental.start_value");
  });
});
