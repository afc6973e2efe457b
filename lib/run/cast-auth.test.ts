/**
 * A secret dlt's config providers cast to a number or a bool (`12345` from the environment, or quoted in secrets.toml)
 * in an auth's credential: dlt 1.26.0 fails the whole source before any request where it masks the auth (the client's,
 * a resource's own), fails it in its config validation for a resource_defaults dict, and takes a resource_defaults
 * auth object as it is (recorded with dlt 1.26.0 against a loopback server; each run below matches it).
 */
import { describe, expect, it } from "vitest";
import type { RunRequest } from "./index";
import type { EngineEvent } from "../engine";
import { runToEnd } from "../testing/run";

const run = async (request: RunRequest) => (await runToEnd(request)).events;
const requests = (events: EngineEvent[]) => events.filter((e) => e.type === "request");
const errors = (events: EngineEvent[]) => events.flatMap((e) => (e.type === "error" ? [e.error] : []));

/** seed 002's API (api.example.com/v1/resource), its key given in the query. */
const KEY = { type: "api_key", name: "api_key", api_key: { $secret: "api_key" }, location: "query" };
const BASE = "https://api.example.com";
const items = (name: string, endpoint: object = {}) => ({ name, endpoint: { path: "/v1/resource", data_selector: "data", ...endpoint } });
const json = (config: object): RunRequest => ({ text: JSON.stringify(config), target: "mock", secrets: { api_key: "12345" } });

describe("an all-digit secret in an auth's credential", () => {
  it("client auth: every resource fails before any request with dlt's TypeError, the value masked", async () => {
    const events = await run(json({ client: { base_url: BASE, auth: KEY }, resources: [items("a"), items("b")] }));
    expect(requests(events)).toEqual([]);
    // Recorded from dlt 1.26.0 (api_key = "12345" in secrets.toml): TypeError object of type 'int' has no len()
    expect(errors(events).map((e) => [e.code, e.resource])).toEqual([
      ["invalid_request", "a"],
      ["invalid_request", "b"],
    ]);
    expect(errors(events)[0]?.message).toContain("fails on it before any request: TypeError: object of type 'int' has no len()");
    expect(JSON.stringify(events)).not.toContain("12345");
    const other = await run({ ...json({ client: { base_url: BASE, auth: KEY }, resources: [items("a")] }), secrets: { api_key: "true" } });
    expect(errors(other)[0]?.message).toContain("TypeError: object of type 'bool' has no len()");
  });

  it("one resource's own auth fails the whole source: the resource without auth makes no request either", async () => {
    const events = await run(json({ client: { base_url: BASE }, resources: [items("plain"), items("keyed", { auth: KEY })] }));
    expect(requests(events)).toEqual([]);
    expect(errors(events).map((e) => e.resource)).toEqual(["plain", "keyed"]);
    expect(errors(events)[0]?.message).toContain("`resources[1].endpoint.auth`'s `api_key` is a reference whose value (1*****5)");
  });

  it("resource_defaults dict: dlt's config validation refuses it (DictValidationException), before any request", async () => {
    const events = await run(json({ client: { base_url: BASE }, resource_defaults: { endpoint: { auth: KEY } }, resources: [items("a")] }));
    expect(requests(events)).toEqual([]);
    // Recorded from dlt 1.26.0: "For `ApiKeyAuthConfig`: Path `./resource_defaults/endpoint/auth`: field `api_key=12345`
    // has invalid type `int` while `str` is expected" (dlt shows the value; restplay masks it).
    expect(errors(events)[0]?.message).toContain(
      "DictValidationException: … For `ApiKeyAuthConfig`: Path `./resource_defaults/endpoint/auth`: field `api_key=1*****5` " +
        "has invalid type `int` while `str` is expected",
    );
    expect(JSON.stringify(events)).not.toContain("12345");
  });

  it("resource_defaults auth object: dlt takes it as it is, and the requests are made", async () => {
    const text =
      "import dlt\nfrom dlt.sources.rest_api import rest_api_source\n" +
      "from dlt.sources.helpers.rest_client.auth import APIKeyAuth\n\n" +
      `source = rest_api_source({"client": {"base_url": "${BASE}"}, "resource_defaults": {"endpoint": {"auth": ` +
      `APIKeyAuth(name="api_key", api_key=dlt.secrets["api_key"], location="query")}}, ` +
      `"resources": [{"name": "a", "endpoint": {"path": "/v1/resource", "data_selector": "data"}}]})\n`;
    const events = await run({ text, format: "python", target: "mock", secrets: { api_key: "12345" } });
    expect(requests(events).length).toBeGreaterThan(0);
    expect(errors(events).map((e) => e.code)).not.toContain("invalid_request");
  });

  it("bound as text (`str(dlt.secrets[...])`, a one-part $format, as the downloads write it): dlt gets text and runs", async () => {
    const auth = { ...KEY, api_key: { $format: [{ $secret: "api_key" }] } };
    const events = await run(json({ client: { base_url: BASE, auth }, resources: [items("a")] }));
    expect(requests(events).length).toBeGreaterThan(0);
    expect(errors(events).map((e) => e.code)).not.toContain("invalid_request");
  });
});

describe("an all-digit secret in a client header", () => {
  it("client header: dlt's config validation refuses it before any request, every resource", async () => {
    const client = { base_url: BASE, auth: KEY, headers: { "X-Tenant": { $secret: "tenant" } } };
    const events = await run({ ...json({ client, resources: [items("a"), items("b")] }), secrets: { tenant: "42" } });
    expect(requests(events)).toEqual([]);
    expect(errors(events).map((e) => e.resource)).toEqual(["a", "b"]);
    // Recorded from dlt 1.26.0: "Path `./client`: field `headers[X-Key]=12345` has invalid type `int` while `str` is expected"
    expect(errors(events)[0]?.message).toContain(
      "DictValidationException: Path `./client`: field `headers[X-Tenant]=*****` has invalid type `int` while `str` is expected",
    );
  });
});
