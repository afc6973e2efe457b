import { describe, expect, it } from "vitest";
import { describeKey, keyCompletions } from "./index";

const doc = { client: { base_url: "https://x", paginator: { type: "offset", limit: 1 } }, resources: [{ name: "a", endpoint: { method: "GET" } }] };

describe("hover docs and completions from the zod schema", () => {
  it("describes keys, picking the paginator variant by its type", () => {
    const limit = describeKey(["client", "paginator", "limit"], doc)!;
    expect(limit.description).toMatch(/Page size/);
    expect(limit.accepts).toBe("an integer");
    const method = describeKey(["resources", 0, "endpoint", "method"], doc)!;
    expect(method.allowed).toEqual(["GET", "POST"]);
    expect(describeKey(["client"], doc)!.docsUrl).toMatch(/^https:\/\/dlthub.com\/docs/);
  });
  it("completes the keys still missing in an object", () => {
    const keys = keyCompletions(["client", "paginator"], doc).map((k) => k.key);
    expect(keys).toContain("total_path");
    expect(keys).not.toContain("limit");
    expect(keys).not.toContain("next_url_path");
    expect(keyCompletions(["resources", 0, "endpoint"], doc).map((k) => k.key)).toContain("data_selector");
    expect(keyCompletions([], { client: {} }).map((k) => k.key)).toEqual(["resource_defaults", "resources"]);
  });
});
