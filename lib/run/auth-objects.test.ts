/**
 * An auth given as a Python object is one object wherever the config holds it; a dict is a new one per
 * resource (dlt's `create_auth`). Recorded from dlt 1.26.0 against a loopback token endpoint and API, two
 * resources `a` and `b`, counting `POST /token`:
 *   client auth as a dict                                   2 token requests (a: tok1, b: tok2)
 *   client auth `OAuth2ClientCredentials(...)`              1 (a and b: tok1)
 *   `OAuth2ClientCredentials(...)` in `a`'s endpoint only   1 (b sends no Authorization)
 *   one variable `AUTH = OAuth2ClientCredentials(...)` as both endpoints' auth   1
 *   `resource_defaults.endpoint.auth` as a class call      1
 *   two class calls, one per endpoint                       2
 */
import { describe, expect, it } from "vitest";
import { prepareRun } from "./index";
import { convertDocument } from "../formats";
import { fetchTransport } from "../engine";

const BASE = "http://127.0.0.1:8765";

/** The requests a live run of `text` sends, each with the Authorization it carried; tokens are numbered as issued. */
async function sent(text: string): Promise<string[]> {
  const seen: string[] = [];
  let issued = 0;
  const fetch = async (r: Request) => {
    const path = new URL(r.url).pathname;
    if (path === "/token") {
      seen.push("POST /token");
      return Response.json({ access_token: `tok${++issued}`, expires_in: 3600 });
    }
    seen.push(`GET ${path} ${r.headers.get("authorization") ?? "-"}`);
    return Response.json([{ id: 1 }]);
  };
  const prepared = prepareRun({ text, target: "live" }, { liveTransport: fetchTransport(fetch) });
  if (!prepared.ok) throw new Error(`${prepared.code}: ${prepared.message}`);
  for await (const e of prepared.events) if (e.type === "error") throw new Error(e.error.message);
  return seen;
}

const ARGS = `access_token_url="${BASE}/token", client_id="id", client_secret="sec"`;
const CALL = `OAuth2ClientCredentials(${ARGS})`;
const DICT = `{"type": "oauth2_client_credentials", "access_token_url": "${BASE}/token", "client_id": "id", "client_secret": "sec"}`;
const file = (config: string, before = "") => `import dlt
from dlt.sources.rest_api import rest_api_source
from dlt.sources.helpers.rest_client.auth import OAuth2ClientCredentials
${before}
source = rest_api_source(${config})
`;
const client = (auth: string) =>
  file(`{"client": {"base_url": "${BASE}", "auth": ${auth}, "paginator": "single_page"}, "resources": ["a", "b"]}`);
const endpoints = (a: string, b: string | null, before = "") =>
  file(
    `{"client": {"base_url": "${BASE}", "paginator": "single_page"}, "resources": [
      {"name": "a", "endpoint": {"auth": ${a}}}, {"name": "b"${b === null ? "" : `, "endpoint": {"auth": ${b}}`}}]}`,
    before,
  );

const ONE_TOKEN = ["POST /token", "GET /a Bearer tok1", "GET /b Bearer tok1"];
const TWO_TOKENS = ["POST /token", "GET /a Bearer tok1", "POST /token", "GET /b Bearer tok2"];

describe("auth objects and auth dicts, as dlt instantiates them", () => {
  it("a dict makes one auth per resource: a token each", async () => {
    expect(await sent(client(DICT))).toEqual(TWO_TOKENS);
  });

  it("a class call is one object: the client's serves every resource with one token", async () => {
    expect(await sent(client(CALL))).toEqual(ONE_TOKEN);
  });

  it("an object in one endpoint is that resource's alone", async () => {
    expect(await sent(endpoints(CALL, null))).toEqual(["POST /token", "GET /a Bearer tok1", "GET /b -"]);
  });

  it("one variable given to two endpoints is one object; two calls are two", async () => {
    expect(await sent(endpoints("AUTH", "AUTH", `AUTH = ${CALL}\n`))).toEqual(ONE_TOKEN);
    expect(await sent(endpoints(CALL, CALL))).toEqual(TWO_TOKENS);
  });

  it("an object in resource_defaults is shared by the resources that inherit it", async () => {
    const text = file(`{"client": {"base_url": "${BASE}", "paginator": "single_page"},
      "resource_defaults": {"endpoint": {"auth": ${CALL}}}, "resources": ["a", "b"]}`);
    expect(await sent(text)).toEqual(ONE_TOKEN);
  });

  it("written as JSON the object becomes a dict, which JSON can only hold: a token per resource", async () => {
    const json = convertDocument(client(CALL), "python", "json");
    if (!json.ok) throw new Error(json.reason);
    expect(json.text).not.toMatch(/instance/);
    expect(await sent(json.text)).toEqual(TWO_TOKENS);
  });
});
