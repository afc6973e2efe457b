/**
 * Every download binds the references where dlt wants text as text, `str(dlt.secrets["k"])`: dlt 1.26.0 reads an
 * all-digit value (`api_key = "12345"`, quoted, in secrets.toml; `API_KEY=12345`) as an int, and then fails the
 * source in an auth (`TypeError: object of type 'int' has no len()`) and the request in a header. The Python reader
 * reads each download back to the config the download holds, and a second download is the first.
 */
import { describe, expect, it } from "vitest";
import { exportConfig, secretsTomlTemplate, validateText } from "./index";
import { dltForm } from "./export-dict";

const PRELUDE = "import dlt\nfrom dlt.sources.rest_api import rest_api_source\n";
const CONFIG = {
  client: {
    base_url: "https://api.example.com/",
    auth: { type: "http_basic", username: { $secret: "user" }, password: { $secret: "password" } },
    headers: { "X-Tenant": { $config: "tenant" }, Accept: "application/json" },
  },
  resource_defaults: { endpoint: { headers: { "X-Key": { $secret: "key" } } } },
  resources: [
    {
      name: "items",
      endpoint: {
        auth: { type: "api_key", name: "X-Api", api_key: { $secret: "api_key" } },
        params: { page_size: { $config: "page_size" }, org: { $secret: "org" } },
      },
    },
  ],
};
const TEXT = [
  ['["client"]["auth"]["username"]', 'str(dlt.secrets["user"])'],
  ['["client"]["auth"]["password"]', 'str(dlt.secrets["password"])'],
  ['["client"]["headers"]["X-Tenant"]', 'str(dlt.config["tenant"])'],
  ['["resource_defaults"]["endpoint"]["headers"]["X-Key"]', 'str(dlt.secrets["key"])'],
  ['["resources"][0]["endpoint"]["auth"]["api_key"]', 'str(dlt.secrets["api_key"])'],
];

describe("downloads bind credentials and header values as text", () => {
  const r = validateText(JSON.stringify(CONFIG), "json");

  it("JSON and YAML: the loading snippet writes str() there, and the reference elsewhere (a query parameter) as it is", () => {
    const yaml = exportConfig(r, "yaml")!.text.split("\n");
    const toml = secretsTomlTemplate(r.value!).split("\n");
    for (const lines of [yaml, toml]) {
      for (const [at, value] of TEXT) expect(lines).toContain(`#     config${at} = ${value}`);
      expect(lines).toContain('#     config["resources"][0]["endpoint"]["params"]["org"] = dlt.secrets["org"]');
      expect(lines).toContain('#     config["resources"][0]["endpoint"]["params"]["page_size"] = dlt.config["page_size"]');
    }
    expect(exportConfig(r, "json")!.notes).toContain(
      "`client.auth.username`, `client.auth.password`, `client.headers.X-Tenant`, `resource_defaults.endpoint.headers.X-Key`, " +
        "`resources[0].endpoint.auth.api_key`: bound as text, `str(dlt.secrets[…])`: dlt reads a value such as `12345` as a " +
        "number (quoted in secrets.toml too), and its auth and requests' headers take text only.",
    );
  });

  it("Python: str() there; read back, the download is the config it holds, and downloading that again changes nothing", () => {
    const py = exportConfig(r, "python")!.text;
    for (const [, value] of TEXT) expect(py).toContain(value);
    expect(py).toContain('"org": dlt.secrets["org"]');
    const back = validateText(py, "python");
    expect(back.valid).toBe(true);
    expect(back.value).toEqual(dltForm(r.value!).config);
    const auth = (back.value as { client: { auth: unknown } }).client.auth;
    expect(auth).toEqual({
      type: "http_basic",
      username: { $format: [{ $secret: "user" }] },
      password: { $format: [{ $secret: "password" }] },
    });
    // The download downloaded again is itself (nothing left to bind as text).
    const again = exportConfig(back, "python")!;
    expect(again.text).toBe(py);
    expect(again.notes).toEqual([]);
  });

  it("text already made with references (an f-string) is left as it is", () => {
    const text = JSON.stringify({
      client: { base_url: "https://x.test", headers: { Authorization: { $format: ["Bearer ", { $secret: "t" }] } } },
      resources: ["a"],
    });
    const py = exportConfig(validateText(text, "json"), "python")!.text;
    expect(py).toContain(`"Authorization": f"Bearer {dlt.secrets['t']}"`);
    expect(exportConfig(validateText(text, "json"), "json")!.notes?.join("\n")).not.toContain("bound as text");
  });
});

describe("the user's own Python file", () => {
  const own = (lines: string) =>
    `${PRELUDE}\n${lines}\nsource = rest_api_source({\n` +
    `    "client": {"base_url": "https://x.test", "auth": {"type": "bearer", "token": TOKEN}, "headers": HEADERS},\n` +
    `    "resources": [{"name": "a", "endpoint": {"params": {"limit": LIMIT}}}],\n})\n`;

  it("wraps each dlt.secrets[...] dlt wants as text in str(), a name's definition included, and reads back as that", () => {
    const file = own(`TOKEN = dlt.secrets["token"]\nHEADERS = {"X-Key": dlt.secrets['key']}\nLIMIT = dlt.config["limit"]\n`);
    const r = validateText(file, "python");
    const download = exportConfig(r, "python")!;
    const lines = download.text.split("\n");
    expect(lines).toContain('TOKEN = str(dlt.secrets["token"])');
    expect(lines).toContain(`HEADERS = {"X-Key": str(dlt.secrets['key'])}`);
    expect(lines).toContain('LIMIT = dlt.config["limit"]');
    expect(validateText(download.text, "python").value).toEqual(dltForm(r.value!).config);
    expect(download.notes?.some((n) => n.startsWith("`client.auth.token`, `client.headers.X-Key`: bound as text"))).toBe(true);
    expect(exportConfig(validateText(download.text, "python"), "python")!.text).toBe(download.text);
  });

  it("leaves a name alone that the config uses where it wants the value as dlt reads it too", () => {
    const file = own(`TOKEN = dlt.secrets["token"]\nHEADERS = {}\nLIMIT = TOKEN\n`);
    const download = exportConfig(validateText(file, "python"), "python")!;
    expect(download.text.split("\n")).toContain('TOKEN = dlt.secrets["token"]');
    expect(download.notes?.join("\n") ?? "").not.toContain("bound as text");
  });
});
