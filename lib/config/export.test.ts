import { describe, expect, it } from "vitest";
import { parseDocument, toPlain, type PlainValue } from "../formats";
import { seedBlocks } from "../testing/seeds";
import { exportConfig, listSecrets, secretsTomlTemplate, toDltCanonical, validateText } from "./index";
import { secretEnvName } from "../shared";
import { fixture } from "../testing/python-cases/kit";

const seeds = seedBlocks();
const seed = (i: number) => validateText(seeds[i]!.code);
/** The config dict of an exported script, read back by our own Python import. */
const configOf = (py: string) => toPlain(parseDocument(py, "python").root!) as { [k: string]: PlainValue };

/** Seed 002's config dict as the seed writes it. */
const configOfSeed2 = () => seeds[2]!.code.slice(seeds[2]!.code.indexOf("rest_api_source(") + 16, seeds[2]!.code.lastIndexOf(")"));

describe("python export: the user's file plus the fixes dlt needs, or a complete pipeline", () => {
  it("the user's own file that builds its source at module level and runs no pipeline gets a __main__ block that loads it", () => {
    const file = exportConfig(seed(2), "python")!;
    // After the file's last line (the call's `})`), nothing else changed there.
    expect(file.text.slice(file.text.indexOf("\n})\n") + 3)).toBe(
      '\n\n\nif __name__ == "__main__":\n' +
        '    pipeline = dlt.pipeline(pipeline_name="rest_api_pipeline", destination="duckdb", dataset_name="rest_api_data")\n' +
        "    load_info = pipeline.run(source)\n    print(load_info)\n",
    );
    expect(file.notes).toContainEqual(expect.stringContaining("a `__main__` block that runs `source`"));
    // Bound to another name, as resources: that name runs.
    const resources = seeds[2]!.code.replace("source = rest_api_source(", "items = rest_api_resources(");
    expect(exportConfig(validateText(resources), "python")!.text).toContain("load_info = pipeline.run(items)");
    // Made in a function (dlt's docs): the user's to run, told in the notes, not completed.
    const inFunction =
      "import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\n" +
      `@dlt.source\ndef api():\n    return rest_api_source(${configOfSeed2()})\n`;
    const told = exportConfig(validateText(inFunction), "python")!;
    expect(told.text).not.toContain("dlt.pipeline(");
    expect(told.notes).toContainEqual(expect.stringContaining("runs no pipeline: `python rest_api_pipeline.py` loads nothing"));
    // A file with its own pipeline (dlt's docs write one in a function) is not told.
    const own = `${seeds[2]!.code}\npipeline = dlt.pipeline(pipeline_name="p", destination="duckdb")\npipeline.run(source)\n`;
    expect(exportConfig(validateText(own), "python")!.notes ?? []).not.toContainEqual(expect.stringContaining("runs no pipeline"));
    const imported = `${seeds[2]!.code}\nfrom dlt import pipeline as make\nmake("p").run(source)\n`;
    expect(exportConfig(validateText(imported), "python")!.notes ?? []).not.toContainEqual(expect.stringContaining("runs no pipeline"));
  });

  it("seed 004: the user's own file, with oauth2, page size and error_handler fixed for dlt", () => {
    const file = exportConfig(seed(4), "python")!;
    expect(file.filename).toBe("rest_api_pipeline.py");
    expect(file.mime).toBe("text/x-python");
    const py = file.text;
    expect(py.startsWith("import dlt\nfrom dlt.sources.rest_api import rest_api_source\n")).toBe(true);
    for (const line of [
      "import os",
      "from dlt.sources.helpers.requests import Client",
      'os.environ.setdefault("RUNTIME__REQUEST_MAX_ATTEMPTS", "4")',
      'os.environ.setdefault("RUNTIME__REQUEST_BACKOFF_FACTOR", "30")',
      "    status_codes=(401, 403, 429),",
      '        "session": retry_session',
      "source = rest_api_source({",
      "        # Additional resources can be added here following the same structure",
    ]) {
      expect(py.split("\n")).toContain(line);
    }
    expect(py).toContain('str(dlt.secrets["client_id"])');
    // The retrying session is defined once: no stub for a name the added lines define shadows it (real dlt
    // refused the file: `session` got a function; scripts/dlt-diff-python.ts).
    expect(py.match(/^(?:def )?retry_session\b/gm)).toEqual(["retry_session"]);
    const code = py.slice(py.indexOf("source = rest_api_source("));
    expect(code).not.toMatch(/"oauth2"|"token_url"|error_handler|limit_param|"limit"|\/\/ Additional/);
    const config = configOf(py) as { client: { auth: object }; resources: { endpoint: { params: object } }[] };
    expect(config.client.auth).toEqual({
      type: "oauth2_client_credentials",
      access_token_url: "https://identity.example.com/connect/token",
      // Bound as text (text-refs.ts): `str(dlt.secrets["client_id"])`.
      client_id: { $format: [{ $secret: "client_id" }] },
      client_secret: { $format: [{ $secret: "client_secret" }] },
    });
    expect(config.resources.map((r) => r.endpoint.params)).toEqual([{ page_size: 100 }, { page_size: 100 }]);
    expect(file.notes?.length).toBeGreaterThan(3);
    // The file is a config restplay accepts with no warnings.
    expect(validateText(py).diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("dlt's GitHub docs example: the user's file verbatim plus the `import dlt` the snippet leaves out", () => {
    const docs = fixture("github_docs_quick_example.py");
    const file = exportConfig(validateText(docs), "python")!;
    expect(file.text).toBe(docs.replace("rest_api_resources\n", "rest_api_resources\nimport dlt\n"));
    expect(exportConfig(validateText(file.text), "python")!.text).toBe(file.text);
  });

  // dlt 1.26.0's docs/website/docs/dlt-ecosystem/verified-sources/rest_api/basic.md, "Using `yield_map`" and "Define a resource
  // which is not a REST endpoint", verbatim: functions, then `config: RESTAPIConfig = {...}`, no rest_api_source call. The
  // download was a script from the dict alone whose stubs replaced `flatten_reactions` and `repositories` (NotImplementedError in
  // dlt's run), and defined `copy` and `Generator` as stub functions (`copy.deepcopy`, `Generator[...]` then failed). Recorded
  // with dlt 1.26.0: each download below imports and builds its source (`scripts/import-python-files.py --fake-secrets`).
  it.each([
    ["docs_basic_yield_map.py", "flatten_reactions", ["import copy"]],
    ["docs_basic_resource_not_rest.py", "repositories", ["from typing import Generator, List, Dict, Any"]],
  ])("dlt's docs snippet %s downloads as the user's file: its `%s` kept, the imports it lacks added", (name, fn, imports) => {
    const docs = fixture(name);
    const file = exportConfig(validateText(docs), "python")!;
    expect(file.text).not.toContain("NotImplementedError");
    expect(file.text).toContain(docs.slice(docs.indexOf(`def ${fn}(`)).trimEnd());
    for (const line of [...imports, "import dlt"]) expect(file.text.split("\n")).toContain(line);
    expect(file.text).toContain("\n\nsource = rest_api_source(config)\n");
    expect(file.text).toContain("    load_info = pipeline.run(source)\n");
    expect(file.notes).toContainEqual(expect.stringContaining("`source = rest_api_source(config)`"));
    // The download reads back as the same config, and is downloaded as itself.
    const back = validateText(file.text);
    expect(back.value).toEqual(validateText(docs).value);
    expect(back.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    expect(exportConfig(back, "python")!.text).toBe(file.text);
  });

  it("a dict assigned to a name with no functions of the file's own still downloads as the complete script", () => {
    const text = 'config = {"client": {"base_url": "https://x"}, "resources": ["a"]}\n';
    expect(exportConfig(validateText(text), "python")!.text).toContain("generated by restplay");
  });

  it("two fixes that add `params` to one endpoint both land: the page size and the secret moved, neither lost", () => {
    const text =
      "import dlt\nfrom dlt.sources.rest_api import rest_api_source\nsource = rest_api_source({\n" +
      '    "client": {"base_url": "https://x"},\n' +
      '    "resources": [{"name": "a", "endpoint": {"path": "items?api_key=abcdef123456", ' +
      '"paginator": {"type": "page_number", "limit": 50, "total_path": None}}}],\n})\n';
    const file = exportConfig(validateText(text), "python")!;
    expect(file.notes).toEqual(expect.arrayContaining([expect.stringMatching(/page size/), expect.stringMatching(/api_key/)]));
    const back = validateText(file.text);
    expect(back.diagnostics.filter((d) => d.severity !== "info")).toEqual([]);
    const value = back.value as unknown as { resources: { endpoint: { params: unknown; paginator: unknown } }[] };
    const endpoint = value.resources[0]!.endpoint;
    expect(endpoint.params).toEqual({ limit: 50, api_key: { $secret: "api_key" } });
    expect(endpoint.paginator).toEqual({ type: "page_number", total_path: null });
  });

  it("seed 000: no retries section, no os import, no custom session", () => {
    const py = exportConfig(seed(0), "python")!.text;
    expect(py).not.toContain("import os");
    expect(py).not.toContain("retry_session");
    expect(py).toContain('"access_token_url": "https://login.example.com/oauth2/v2.0/token"');
    expect(validateText(py).valid).toBe(true);
  });

  it("error_handler retrying only 429/5xx needs no custom session", () => {
    const r = validateText(
      JSON.stringify({
        client: { base_url: "https://x" },
        resources: [{ name: "a", endpoint: { error_handler: { retry_on_status_codes: [429, 503], max_retries: 2, backoff_factor: 5 } } }],
      }),
    );
    const py = exportConfig(r, "python")!.text;
    expect(py).toContain('os.environ.setdefault("RUNTIME__REQUEST_MAX_ATTEMPTS", "3")');
    expect(py).not.toContain("Client(");
  });

  it("a secret written into auth becomes a reference; its value never reaches the file", () => {
    const r = validateText(
      JSON.stringify({
        client: { base_url: "https://x", auth: { type: "bearer", token: "sensitive-secret" } },
        resources: [{ name: "a", endpoint: { auth: { type: "bearer", token: "other-secret" } } }],
      }),
    );
    expect(r.valid).toBe(true);
    const py = exportConfig(r, "python")!.text;
    expect(py).toMatch(/^"""A dlt pipeline for a REST API, generated by restplay/);
    expect(py).not.toMatch(/sensitive-secret|other-secret/);
    // As text: dlt reads an all-digit token as a number (text-refs.ts).
    expect(py).toContain('"token": str(dlt.secrets["token"])');
    expect(py).toContain('"token": str(dlt.secrets["token_2"])');
    expect(py).toContain('replaced by dlt.secrets["token"]');
    expect(py).toContain('if __name__ == "__main__":');
    expect(secretsTomlTemplate(r.value!)).toContain('\ntoken = "<your token>"\ntoken_2 = "<your token_2>"\n');
    for (const to of ["json", "yaml"] as const) expect(exportConfig(r, to)!.text).not.toMatch(/sensitive-secret|other-secret/);
    // Kept only when the user chose so.
    expect(exportConfig(r, "json", { keepLiteralSecrets: true })!.text).toContain("sensitive-secret");
  });

  it("a name restplay cannot import is defined by a stub that says what to do", () => {
    const r = validateText(
      `rest_api_source({"client": {"base_url": "https://x", "paginator": MyPaginator(size=5)}, "resources": [{"name": "a", "processing_steps": [{"map": lambda r: r}]}]})`,
    );
    expect(r.valid).toBe(true);
    const py = exportConfig(r, "python")!.text;
    expect(py).toContain("def MyPaginator(*args, **kwargs):");
    expect(py).toContain("from dlt.sources.rest_api import rest_api_source");
    expect(py).toContain('"paginator": MyPaginator(size=5)');
  });
});

describe("JSON and YAML downloads are the dict dlt accepts", () => {
  it("JSON: dlt's form, references taken out and bound by the loading snippet", () => {
    const r = seed(0);
    const file = exportConfig(r, "json")!;
    expect(file).toMatchObject({ filename: "rest_api_config.json", mime: "application/json" });
    const v = JSON.parse(file.text);
    expect(v.client.auth).toEqual({ type: "oauth2_client_credentials", access_token_url: "https://login.example.com/oauth2/v2.0/token" });
    expect(file.text).not.toMatch(/\$secret|\$config|"oauth2"|"token_url"/);
    const back = validateText(file.text);
    expect(back.valid).toBe(true);
    // The file leaves the credentials to the loading snippet (dlt.secrets): checked alone, it lacks them.
    expect(back.diagnostics.map((d) => d.code)).toEqual(["auth_field_missing", "default_total_path"]);
    const toml = secretsTomlTemplate(r.value!);
    expect(toml).toContain('#     config["client"]["auth"]["client_id"] = str(dlt.secrets["client_id"])');
  });

  it("secrets.toml: a name the Python file reads with os.environ (directly or through a name) is an environment variable", () => {
    const text =
      'import os\nimport dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nPORT = os.environ["PORT"]\n\n' +
      'source = rest_api_source({"client": {"base_url": "https://h:" + PORT + "/", "headers": {"X-Org": os.environ["ORG"]},\n' +
      '    "auth": {"type": "bearer", "token": dlt.secrets["token"]}}, "resources": ["items"]})\n';
    const r = validateText(text, "python");
    expect(r.source?.environRefs).toEqual(["ORG", "PORT"]);
    const toml = secretsTomlTemplate(r.value!, { environ: r.source!.environRefs });
    expect(toml).toContain('\ntoken = "<your token>"\n');
    expect(toml).not.toMatch(/^(PORT|ORG) = /m);
    expect(toml).toContain("Read with os.environ[...] by the Python file, so not from here: set these environment variables");
    expect(toml).toContain("#     PORT=<your PORT>\n#     ORG=<your ORG>\n");
  });

  it("YAML: dlt's form with the loading snippet in its header; still read as YAML", () => {
    const r = seed(4);
    const file = exportConfig(r, "yaml")!;
    expect(file).toMatchObject({ filename: "rest_api_config.yaml", mime: "application/yaml" });
    expect(file.text).toContain('#     config["client"]["auth"]["client_id"] = str(dlt.secrets["client_id"])');
    expect(file.text).toContain("type: oauth2_client_credentials");
    expect(file.text).not.toMatch(/\$secret|error_handler|limit_param/);
    const back = validateText(file.text);
    expect(back.format).toBe("yaml");
    expect(back.valid).toBe(true);
  });

  it("JSON/YAML: Python values the file cannot hold are shown in the loading snippet as the lines that set them", () => {
    const py = [
      "import dlt, pendulum",
      "from dlt.sources.rest_api import rest_api_source",
      "",
      "source = rest_api_source({",
      '    "client": {"base_url": "https://api.example.com"},',
      '    "resources": [{"name": "issues", "endpoint": {"path": "issues", "incremental": {',
      '        "cursor_path": "updated_at", "initial_value": pendulum.today().subtract(days=30).to_iso8601_string()}},',
      '        "processing_steps": [{"map": lambda r: {**r, "seen": True}}]}],',
      "})",
      "",
    ].join("\n");
    const file = exportConfig(validateText(py), "yaml")!;
    expect(file.text).toContain(
      '#     # config["resources"][0]["endpoint"]["incremental"]["initial_value"] = pendulum.today().subtract(days=30).to_iso8601_string()',
    );
    expect(file.text).toContain('#     # config["resources"][0]["processing_steps"][0]["map"] = lambda r: {**r, "seen": True}');
    expect(file.notes?.join(" ")).toMatch(/initial_value.*the loading snippet shows the line that sets it/);
    // Nothing here is a dlt.secrets/dlt.config reference: no note says references are bound.
    expect(file.notes?.join(" ")).not.toMatch(/References are bound/);
    expect(validateText(file.text).valid).toBe(true);
  });

  it("nothing to export while the config has errors", () => {
    const r = validateText(`{"client": 1, "resources": []}`);
    for (const to of ["json", "yaml", "python"] as const) expect(exportConfig(r, to)).toBeNull();
  });
});

describe("secrets", () => {
  it("lists every distinct reference once, in document order, with every place it is used", () => {
    const value = {
      client: { base_url: { $config: "base" }, auth: { type: "bearer", token: { $secret: "token" } } },
      resources: [{ name: "a", endpoint: { headers: { "X-Key": { $secret: "api_key" } }, auth: { token: { $secret: "token" } } } }],
    };
    expect(listSecrets(value)).toEqual([
      { name: "base", kind: "config", paths: ["/client/base_url"] },
      { name: "token", kind: "secret", paths: ["/client/auth/token", "/resources/0/endpoint/auth/token"] },
      { name: "api_key", kind: "secret", paths: ["/resources/0/endpoint/headers/X-Key"] },
    ]);
    const toml = secretsTomlTemplate(value);
    expect(toml).toContain('token = "<your token>"\napi_key = "<your api_key>"\n');
    expect(toml).toContain('# base = "<your base>"');
  });
  it("env names follow dlt: sections joined by __", () => {
    expect(secretEnvName("client_id")).toBe("CLIENT_ID");
    expect(secretEnvName("sources.rest_api.token")).toBe("SOURCES__REST_API__TOKEN");
    expect(secretsTomlTemplate({ client: { auth: { token: { $secret: "sources.rest_api.token" } } } })).toContain(
      '\n[sources.rest_api]\ntoken = "<your token>"\n',
    );
  });
  it("a dict with a marker key and more is data: no value is asked for, and the export says it reads none", () => {
    const r = validateText(
      JSON.stringify({
        client: { base_url: "https://api.example.com/" },
        resources: [{ name: "posts", endpoint: { path: "posts", method: "POST", json: { filter: { $secret: "tok", note: 1 } } } }],
      }),
    );
    expect(r.valid).toBe(true);
    expect(listSecrets(r.value)).toEqual([]);
    const py = exportConfig(r, "python")!.text;
    expect(py).not.toContain('dlt.secrets["tok"]');
    expect(configOf(py).resources).toEqual([
      { name: "posts", endpoint: { path: "posts", method: "POST", json: { filter: { $secret: "tok", note: 1 } } } },
    ]);
  });
  it("seed 002 reads one secret", () => {
    const r = seed(2);
    expect(listSecrets(r.value)).toEqual([{ name: "api_key", kind: "secret", paths: ["/client/auth/api_key"] }]);
    expect(secretsTomlTemplate(r.value!)).toContain('\napi_key = "<your api_key>"\n');
  });
});

describe("toDltCanonical", () => {
  it("is pure and notes every rewrite", () => {
    const r = seed(4);
    const before = JSON.stringify(r.value);
    const c = toDltCanonical(r.value!);
    expect(JSON.stringify(r.value)).toBe(before);
    expect(c.runtime).toEqual({ request_max_attempts: 4, request_backoff_factor: 30, retry_status_codes: [401, 403, 429] });
    expect(c.notes).toHaveLength(5);
    expect(c.notes[0]).toMatch(/oauth2_client_credentials/);
  });
  it("takes the zod output too, and moves an oauth2 scope into the token request data", () => {
    const r = validateText(
      JSON.stringify({
        client: {
          base_url: "https://x",
          auth: { type: "oauth2", token_url: "https://t", client_id: { $secret: "i" }, client_secret: { $secret: "s" }, scope: "read" },
        },
        resources: ["a"],
      }),
    );
    const c = toDltCanonical(r.config!);
    expect((c.config as { client: { auth: object } }).client.auth).toEqual({
      type: "oauth2_client_credentials",
      access_token_url: "https://t",
      client_id: { $secret: "i" },
      client_secret: { $secret: "s" },
      access_token_request_data: { scope: "read" },
    });
    expect(c.runtime).toBeNull();
  });
  it("different error_handlers become one global setting, and it says so", () => {
    const c = toDltCanonical({
      client: { base_url: "https://x" },
      resources: [
        { name: "a", endpoint: { error_handler: { max_retries: 1 } } },
        { name: "b", endpoint: { error_handler: { max_retries: 5, backoff_factor: 2 } } },
      ],
    });
    expect(c.runtime).toEqual({ request_max_attempts: 6, request_backoff_factor: 2, retry_status_codes: [] });
    expect(c.notes.at(-1)).toMatch(/differ/);
  });
});
