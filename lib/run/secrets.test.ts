import { describe, expect, it } from "vitest";
import { givenValues, missingSecrets, resolveSecret } from "./secrets";

/** A client-wide secret, a resource's own secret and config value, and one resource that reads none. */
const CONFIG = {
  client: { base_url: "https://api.example.com", auth: { type: "bearer", token: { $secret: "token" } } },
  resources: [
    { name: "users", endpoint: { path: "/users", params: { org: { $config: "org" } } } },
    { name: "orders", endpoint: { path: "/orders", headers: { "X-Key": { $secret: "sources.shop.orders_key" } } } },
    "plain",
  ],
};
const names = (list: readonly { name: string; kind: string }[]) => list.map((s) => `${s.kind}:${s.name}`);

describe("missingSecrets", () => {
  it("names every reference a Live run has no value for, in the config's order", () => {
    expect(names(missingSecrets(CONFIG, { given: {}, target: "live" }))).toEqual([
      "secret:token",
      "config:org",
      "secret:sources.shop.orders_key",
    ]);
  });
  it("counts a given value (under any name dlt would look up) and the environment, not an empty field", () => {
    const inputs = { given: { token: "t", orders_key: "k", org: "" }, env: {}, target: "live" } as const;
    // `dlt.secrets["sources.shop.orders_key"]` is read under that name only: `orders_key` does not fill it (dlt 1.26.0).
    expect(names(missingSecrets(CONFIG, inputs))).toEqual(["config:org", "secret:sources.shop.orders_key"]);
    expect(
      names(missingSecrets(CONFIG, { ...inputs, given: { ...inputs.given, "sources.shop.orders_key": "k" }, env: { ORG: "a" } })),
    ).toEqual([]);
    // As a source's parameter (`def shop(orders_key=dlt.secrets.value)`) it is: dlt injects it from the shorter names too.
    const param = JSON.parse(JSON.stringify(CONFIG).replace('"sources.shop.orders_key"}', '"sources.shop.orders_key","$param":true}'));
    expect(names(missingSecrets(param, { ...inputs, env: { ORG: "acme" } }))).toEqual([]);
  });
  it("needs only what the chosen resources read (and the client's)", () => {
    expect(names(missingSecrets(CONFIG, { given: {}, target: "live" }, ["orders"]))).toEqual([
      "secret:token",
      "secret:sources.shop.orders_key",
    ]);
    expect(names(missingSecrets(CONFIG, { given: { token: "t" }, target: "live" }, ["plain"]))).toEqual([]);
  });
  it("never stops a mock run (demo values, or the resource's own failure)", () => {
    expect(missingSecrets(CONFIG, { given: {}, target: "mock" })).toEqual([]);
  });
});

describe('empty values (checked with dlt 1.26.0: API_KEY= and api_key = "" are the empty text)', () => {
  const files = (value: string) => [
    { kind: "secrets.toml" as const, lookup: (n: string) => (n === "k" ? { value, files: ["s"] } : undefined) },
  ];

  it("takes the environment's and the settings files' empty text, not an empty given value", () => {
    expect(resolveSecret("k", { given: {}, env: { K: "" }, target: "live" })).toMatchObject({ value: "", source: "environment" });
    expect(resolveSecret("k", { given: {}, settings: files(""), target: "live" })).toMatchObject({ value: "", source: "settings_file" });
    expect(resolveSecret("k", { given: { k: "" }, target: "live" })).toMatchObject({ value: null, source: "missing" });
    expect(resolveSecret("k", { given: { k: "" }, target: "live", emptyGiven: true })).toMatchObject({ value: "", source: "given" });
  });

  it("gives validation a user's values that count: a cleared field is none", () => {
    expect(givenValues({ a: "x", b: "" })).toEqual({ a: "x" });
  });
});
