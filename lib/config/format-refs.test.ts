/**
 * Text made with references (`{"$format": […]}`, decision 0005 amended): JSON and YAML read it as Python's
 * f-string of dlt.secrets/dlt.config is read; it goes where a reference goes and nowhere else; the
 * Secrets panel asks for its references; every download hands dlt the f-string (or the loading
 * snippet writes it), and secrets.toml lists its secrets.
 */
import { describe, expect, it } from "vitest";
import { convertDocument } from "../formats";
import { convertConfig, exportConfig, listSecrets, secretsTomlTemplate, validateText } from "./index";

const ZENDESK_JSON = `{
  "client": {
    "base_url": {"$format": ["https://", {"$secret": "subdomain"}, ".zendesk.com/api/v2/"]},
    "headers": {"Authorization": {"$format": ["Bearer ", {"$secret": "api_token"}]}}
  },
  "resources": [{"name": "tickets", "endpoint": {"params": {"org": {"$format": [{"$config": "org"}, "-x"]}}}}]
}`;
const PRELUDE = "import dlt\nfrom dlt.sources.rest_api import rest_api_source\n";
const F_BASE = `f"https://{dlt.secrets['subdomain']}.zendesk.com/api/v2/"`;
const F_AUTH = `f"Bearer {dlt.secrets['api_token']}"`;
const F_ORG = `f"{dlt.config['org']}-x"`;

const errors = (text: string, format?: "json" | "yaml" | "python") =>
  validateText(text, format)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => [d.code, d.path, d.message]);

describe("$format in JSON and YAML", () => {
  it("is valid where a reference is, in JSON and in YAML, with the Python file's value", () => {
    const json = validateText(ZENDESK_JSON, "json");
    expect(json.valid).toBe(true);
    const yaml = validateText(
      convertDocument(ZENDESK_JSON, "json", "yaml").ok ? (convertDocument(ZENDESK_JSON, "json", "yaml") as { text: string }).text : "",
      "yaml",
    );
    expect(yaml.valid).toBe(true);
    expect(yaml.value).toEqual(json.value);
    const py = convertDocument(ZENDESK_JSON, "json", "python");
    expect(py.ok && py.text).toContain(`"base_url": ${F_BASE}`);
    expect(validateText((py as { text: string }).text, "python").value).toEqual(json.value);
  });

  it("is the wrong type where dlt's config takes no reference, as a $secret is", () => {
    const resource = `{"name": "a", "table_name": {"$format": ["t_", {"$secret": "s"}]}}`;
    const text = `{"client": {"base_url": "https://x.test"}, "resources": [${resource}]}`;
    expect(errors(text, "json")).toEqual([
      [
        "invalid_type",
        "/resources/0/table_name",
        "`resources[0].table_name` expects a string or (Python) a callable or object; got text made with " +
          "dlt.secrets[...]/dlt.config[...] references.",
      ],
    ]);
  });

  it("with a part that is neither text nor a reference is an error at that part", () => {
    const text = `{"client": {"base_url": {"$format": ["https://", 5, {"$secret": "s"}]}}, "resources": ["a"]}`;
    expect(errors(text, "json").map(([code, path]) => [code, path])).toEqual([["invalid_type", "/client/base_url/$format/1"]]);
  });
});

describe("the Secrets panel's list", () => {
  it("asks for each reference in a $format, at the $format's place, once per place", () => {
    const value = validateText(ZENDESK_JSON, "json").value;
    expect(listSecrets(value)).toEqual([
      { name: "subdomain", kind: "secret", paths: ["/client/base_url"] },
      { name: "api_token", kind: "secret", paths: ["/client/headers/Authorization"] },
      { name: "org", kind: "config", paths: ["/resources/0/endpoint/params/org"] },
    ]);
    expect(listSecrets({ $format: [{ $secret: "a" }, "-", { $secret: "a" }] })).toEqual([{ name: "a", kind: "secret", paths: [""] }]);
  });

  it("says how each place reads a cast reference (decision 0047), as it is or cast", () => {
    const py = `${PRELUDE}source = rest_api_source({"client": {"base_url": "https://x.test"}, "resources": [{"name": "a",
  "endpoint": {"path": "a", "params": {"pin": int(dlt.secrets["pin"]), "p2": dlt.secrets["pin"], "r": float(dlt.config["r"])}}}]})\n`;
    expect(listSecrets(validateText(py, "python").value)).toEqual([
      { name: "pin", kind: "secret", paths: ["/resources/0/endpoint/params/pin", "/resources/0/endpoint/params/p2"], casts: ["int", null] },
      { name: "r", kind: "config", paths: ["/resources/0/endpoint/params/r"], casts: ["float"] },
    ]);
  });

  it("leaves out an f-string restplay does not evaluate (the path): no value is asked for", () => {
    const resource = `{"name": "a", "endpoint": {"path": f"{dlt.secrets['org']}/a"}}`;
    const py = `${PRELUDE}source = rest_api_source({"client": {"base_url": "https://x.test"}, "resources": [${resource}]})\n`;
    expect(listSecrets(validateText(py, "python").value)).toEqual([]);
  });
});

describe("downloads", () => {
  const r = validateText(ZENDESK_JSON, "json");

  it("Python: the f-strings, as dlt evaluates them", () => {
    const py = exportConfig(r, "python")!.text;
    for (const f of [F_BASE, F_AUTH, F_ORG]) expect(py).toContain(f);
    expect(py).toContain('dlt.secrets["subdomain"]: in .dlt/secrets.toml, or the environment variable SUBDOMAIN');
    expect(validateText(py, "python").value).toEqual(r.value);
  });

  it("JSON and YAML: no $format in the file; the loading snippet writes the f-string back", () => {
    const json = exportConfig(r, "json")!.text;
    expect(json).not.toContain("$format");
    expect(JSON.parse(json)).toEqual({ client: { headers: {} }, resources: [{ name: "tickets", endpoint: { params: {} } }] });
    const yaml = exportConfig(r, "yaml")!.text;
    expect(yaml).not.toContain("$format");
    for (const line of [
      `#     config["client"]["base_url"] = ${F_BASE}`,
      `#     config["client"]["headers"]["Authorization"] = ${F_AUTH}`,
      `#     config["resources"][0]["endpoint"]["params"]["org"] = ${F_ORG}`,
    ])
      expect(yaml.split("\n")).toContain(line);
  });

  it("secrets.toml lists the secrets a $format reads, and its config values for config.toml", () => {
    const toml = secretsTomlTemplate(r.value!);
    expect(toml.split("\n")).toEqual(
      expect.arrayContaining(['subdomain = "<your subdomain>"', 'api_token = "<your api_token>"', '# org = "<your org>"']),
    );
    expect(toml).not.toContain("This config reads no secrets");
  });

  it("a name an f-string cannot hold before Python 3.12 is written with str() and +", () => {
    const text = `{"client": {"base_url": {"$format": ["https://", {"$secret": "it's"}, ".x.test/{id}"]}}, "resources": ["a"]}`;
    const py = exportConfig(validateText(text, "json"), "python")!.text;
    expect(py).toContain(`"base_url": "https://" + str(dlt.secrets["it's"]) + ".x.test/{id}"`);
    expect(validateText(py, "python").value).toEqual(validateText(text, "json").value);
  });
});

describe("the Python reader", () => {
  const file = (value: string) => `${PRELUDE}source = rest_api_source({"client": {"base_url": ${value}}, "resources": ["a"]})\n`;
  const baseUrl = (value: string) => (validateText(file(value), "python").value as { client: { base_url: unknown } }).client.base_url;

  it("reads str() of a reference as the f-string's text (a download's spelling), and str of text as the text", () => {
    expect(baseUrl(`str(dlt.secrets["it's"])`)).toEqual({ $format: [{ $secret: "it's" }] });
    expect(baseUrl(`"https://" + str(dlt.config["h"]) + ".test"`)).toEqual({ $format: ["https://", { $config: "h" }, ".test"] });
    expect(baseUrl(`str("https://x.test")`)).toBe("https://x.test");
  });

  it("leaves a str() of the file's own alone", () => {
    const own = `def str(x):\n    return x\n\n\n${file(`str(dlt.secrets["h"])`)}`;
    expect((validateText(own, "python").value as { client: { base_url: unknown } }).client.base_url).toEqual({
      $python: 'str(dlt.secrets["h"])',
    });
  });
});

describe("switching format (convertConfig)", () => {
  it("carries an f-string of references as $format where a reference goes, and as Python where none does", () => {
    const resource = `{"name": "a", "table_name": f"t_{dlt.secrets['tenant']}"}`;
    const py = `${PRELUDE}source = rest_api_source({"client": {"base_url": ${F_BASE}}, "resources": [${resource}]})\n`;
    const json = convertConfig(py, "python", "json");
    expect(json.ok).toBe(true);
    const back = validateText((json as { text: string }).text, "json");
    expect(back.valid).toBe(true);
    expect(back.value).toEqual({
      client: { base_url: { $format: ["https://", { $secret: "subdomain" }, ".zendesk.com/api/v2/"] } },
      resources: [{ name: "a", table_name: { $python: `f"t_{dlt.secrets['tenant']}"` } }],
    });
    expect(back.value).toEqual(validateText(py, "python").value);
  });
});

describe("the Python reader's `+`", () => {
  const file = (value: string) => `${PRELUDE}source = rest_api_source({"client": {"base_url": ${value}}, "resources": ["a"]})\n`;
  const baseUrl = (value: string) => (validateText(file(value), "python").value as { client: { base_url: unknown } }).client.base_url;

  it("is text with a string beside the references, and Python's own `+` with references alone (numbers add)", () => {
    expect(baseUrl(`dlt.secrets["a"] + "/" + dlt.secrets["b"]`)).toEqual({ $format: [{ $secret: "a" }, "/", { $secret: "b" }] });
    expect(baseUrl(`dlt.config["a"] + dlt.config["b"]`)).toEqual({ $python: `dlt.config["a"] + dlt.config["b"]` });
    expect(baseUrl(`"https://x.test/" + dlt.config["n"] + 1`)).toEqual({ $python: `"https://x.test/" + dlt.config["n"] + 1` });
  });
});

describe("a download of text the Python joins with `+`", () => {
  // A dict file (no rest_api_source call): the downloads are written from the config, not the file.
  const dict = `import dlt\n\nconfig = {"client": {"base_url": "https://x.test/", "headers": {"X-A": "a" + dlt.config["p"],
    "X-B": dlt.secrets["tok"] + "-z"}}, "resources": [{"name": "a", "endpoint": {"params": {"c": "x" + str(dlt.config["n"])}}}]}\n`;

  it("joins it so (not as an f-string, which takes any value): dlt's TypeError for a value that is not text stays", () => {
    // Checked with dlt 1.26.0: P=8080 makes `"a" + dlt.config["p"]` fail with TypeError, where f"a{…}" sends a8080.
    const r = validateText(dict, "python");
    const py = exportConfig(r, "python")!.text;
    expect(py).toContain(`"X-A": "a" + dlt.config["p"],`);
    expect(py).toContain(`"X-B": dlt.secrets["tok"] + "-z"`);
    // `str()` is what an f-string makes: written as one.
    expect(py).toContain(`"c": f"x{dlt.config['n']}"`);
    const yaml = exportConfig(r, "yaml")!.text.split("\n");
    expect(yaml).toContain(`#     config["client"]["headers"]["X-A"] = "a" + dlt.config["p"]`);
    expect(yaml).toContain(`#     config["client"]["headers"]["X-B"] = dlt.secrets["tok"] + "-z"`);
    // Read back, the download is the same config, with the same `+`.
    const back = validateText(py, "python");
    expect(back.value).toEqual(r.value);
    expect(exportConfig(back, "python")!.text).toContain(`"X-A": "a" + dlt.config["p"],`);
  });
});
