/** User info in base_url or an absolute path, as python-requests (dlt's client) sends it: basic auth unless the config has auth. */
import { describe, expect, it } from "vitest";
import { collect, fakeFetch, json } from "../testing/engine";
import { splitUserInfo } from "../shared";

const api = () => fakeFetch(() => json({ data: [{ id: 1 }] }));
const source = (baseUrl: string, extra: object = {}, path = "/items") => ({
  client: { base_url: baseUrl, ...extra },
  resources: [{ name: "items", endpoint: { path, data_selector: "data", paginator: "single_page" } }],
});
const basic = (pair: string) => `Basic ${Buffer.from(pair, "utf8").toString("base64")}`;

describe("user info in a URL", () => {
  it("base_url's user:password is sent as basic auth (percent-decoded), the URL without it; the trace masks it", async () => {
    const a = api();
    const run = await collect(source("https://demo-user:p%40ss%3Aword@lab.test/v1"), a.fetch);
    expect(run.errors).toEqual([]);
    expect(a.calls.map((c) => [c.url, c.headers.authorization])).toEqual([["https://lab.test/v1/items", basic("demo-user:p@ss:word")]]);
    const request = run.of("request")[0]!;
    expect(request.url).toBe("https://lab.test/v1/items");
    expect(JSON.stringify(run.events)).not.toContain(basic("demo-user:p@ss:word").slice(6));
    expect(run.records).toHaveLength(1);
  });

  it("an auth block wins: the user info is dropped, as requests drops it when an auth object is set", async () => {
    const a = api();
    await collect(source("https://u:p@lab.test", { auth: { type: "bearer", token: "tkn" } }), a.fetch);
    expect(a.calls.map((c) => [c.url, c.headers.authorization])).toEqual([["https://lab.test/items", "Bearer tkn"]]);
  });

  it("an absolute path's user info is the one sent; a user without `:` sends no auth", async () => {
    const a = api();
    await collect(source("https://x:y@lab.test", {}, "https://other:pw@lab.test/abs"), a.fetch);
    const b = api();
    await collect(source("https://only-user@lab.test"), b.fetch);
    expect(a.calls.map((c) => [c.url, c.headers.authorization])).toEqual([["https://lab.test/abs", basic("other:pw")]]);
    expect(b.calls.map((c) => [c.url, c.headers.authorization])).toEqual([["https://lab.test/items", undefined]]);
  });
});

describe("splitUserInfo (requests' get_auth_from_url)", () => {
  it.each([
    ["https://a:b@h/p?q=x@y", { url: "https://h/p?q=x@y", basic: ["a", "b"] }],
    ["https://a@b:c@h", { url: "https://h", basic: ["a@b", "c"] }],
    ["https://:@h", { url: "https://h", basic: null }],
    ["https://u:@h", { url: "https://h", basic: ["u", ""] }],
    ["https://%E2%82%AC:%zz@h", { url: "https://h", basic: ["€", "%zz"] }],
    ["https://h/p@x", null],
    ["/relative@x", null],
  ])("%s", (url, expected) => expect(splitUserInfo(url)).toEqual(expected));
});
