/**
 * A run's values that make Python or dlt refuse the config before any request (checked with dlt 1.26.0, the values in
 * the environment): a reference `+` joins as it is whose value dlt reads as a number, a bool, a list or a dict
 * (`TypeError: can only concatenate str (not "int") to str`). A client header whose value is not text is the run's
 * error (lib/run/cast-auth.test.ts); `os.environ[...]` stays text.
 */
import { describe, expect, it } from "vitest";
import { parseDocument, type DocNode } from "../formats";
import { validateText } from "./index";
import { prepareRun } from "../run";
import { fetchTransport } from "../engine";

const PRELUDE = "import dlt\nfrom dlt.sources.rest_api import rest_api_source\n";
const py = (client: string, pre = "") => `${PRELUDE}${pre}source = rest_api_source({"client": {${client}}, "resources": ["items"]})\n`;
const errors = (text: string, refValues: Record<string, string> = {}) =>
  validateText(text, "python", { refValues })
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => [d.path, d.message]);

/** The `concatenated` parts of the base_url's node. */
function concatenated(text: string): readonly number[] | undefined {
  const root = parseDocument(text, "python").root;
  const client = root?.kind === "object" ? root.entries.find((e) => e.key === "client")?.value : undefined;
  const base = client?.kind === "object" ? client.entries.find((e) => e.key === "base_url")?.value : undefined;
  return (base as (DocNode & { kind: "format" }) | undefined)?.concatenated;
}

describe("a reference joined with + as it is", () => {
  it("the Python reader marks the references + joins as they are, not str()'s, an f-string's or a name's f-string", () => {
    expect(concatenated(py(`"base_url": "https://h:" + dlt.config["port"] + "/"`))).toEqual([1]);
    expect(concatenated(py(`"base_url": "https://h:" + PORT`, 'PORT = dlt.config["port"]\n'))).toEqual([1]);
    expect(concatenated(py(`"base_url": dlt.config["host"] + ":" + str(dlt.config["port"])`))).toEqual([0]);
    expect(concatenated(py(`"base_url": "https://h:" + str(dlt.config["port"])`))).toBeUndefined();
    expect(concatenated(py(`"base_url": "https://h:" + os.environ["PORT"]`, "import os\n"))).toBeUndefined();
    // A name bound to os.environ is the text Python read as well.
    const named = py(`"base_url": "https://h:" + PORT + "/"`, 'import os\nPORT = os.environ["PORT"]\n');
    expect(concatenated(named)).toBeUndefined();
    expect(errors(named, { PORT: "8080" })).toEqual([]);
    expect(concatenated(py(`"base_url": f"https://h:{dlt.config['port']}"`))).toBeUndefined();
    expect(concatenated(py(`"base_url": "https://h:" + PORT`, "PORT = f\"{dlt.config['port']}\"\n"))).toBeUndefined();
  });

  it("with a value dlt reads as an int, float, bool or list: Python's TypeError, located; text is fine", () => {
    const text = py(`"base_url": "https://h:" + dlt.config["port"] + "/"`);
    expect(errors(text, { port: "8080" })).toEqual([
      [
        "/client/base_url",
        "`client.base_url` joins dlt.config[\"port\"] with `+`, and dlt's config providers read this run's value (8080) as a " +
          'Python int: Python fails building the config, before any request (TypeError: can only concatenate str (not "int") ' +
          'to str). Write `str(dlt.config["port"])` there, or an f-string.',
      ],
    ]);
    expect(errors(text, { port: "true" })[0]![1]).toContain('(TypeError: can only concatenate str (not "bool") to str)');
    expect(errors(text, { port: "8080a" })).toEqual([]);
    expect(errors(text, {})).toEqual([]);
    const first = py(`"base_url": dlt.config["host"] + "/v1"`);
    expect(errors(first, { host: "2.0" })[0]![1]).toContain("(TypeError: unsupported operand type(s) for +: 'float' and 'str')");
    expect(errors(first, { host: "[1]" })[0]![1]).toContain('(TypeError: can only concatenate list (not "str") to list)');
    expect(errors(py(`"base_url": "https://h:" + str(dlt.config["port"])`), { port: "8080" })).toEqual([]);
  });

  it("a run is refused with that error before any request", () => {
    const p = prepareRun({
      text: py(`"base_url": "http://127.0.0.1:" + dlt.config["port"] + "/"`),
      format: "python",
      target: "live",
      secrets: { port: "8080" },
    });
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.code).toBe("invalid_config");
    expect(p.message).toContain('TypeError: can only concatenate str (not "int") to str');
  });
});

describe("os.environ[...] is text whatever it holds (Python reads it, not dlt's providers)", () => {
  const text =
    "import os\n" +
    py(`"base_url": "http://127.0.0.1:8765/", "headers": {"X-C": "c" + os.environ["TOKEN"]}`, "").replace(
      '"resources": ["items"]',
      '"resources": [{"name": "items", "endpoint": {"params": {"v": os.getenv("V")}, ' +
        '"headers": {"X-Token": os.environ["TOKEN"]}, "paginator": "single_page"}}]',
    );

  it("is sent as written where a dlt.secrets value would be cast (dlt 1.26.0 sent ?v=1e2, X-Token 12345, X-C c12345)", async () => {
    const seen: [string, string | null, string | null][] = [];
    const fetch = async (r: Request) => {
      seen.push([r.url, r.headers.get("x-token"), r.headers.get("x-c")]);
      return new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
    };
    const secrets = { TOKEN: "12345", V: "1e2" };
    const prepared = prepareRun({ text, target: "live", secrets }, { liveTransport: fetchTransport(fetch) });
    if (!prepared.ok) throw new Error(prepared.message);
    for await (const e of prepared.events) if (e.type === "error") throw new Error(e.error.message);
    expect(seen).toEqual([["http://127.0.0.1:8765/items?v=1e2", "12345", "c12345"]]);
  });
});

describe("os.environ[...] in a client header or an auth, all digits", () => {
  it("is sent as the text Python read (dlt's providers do not cast it, so dlt's checks of text pass)", async () => {
    const text =
      "import os\n" +
      py(
        `"base_url": "http://127.0.0.1:8765/", "headers": {"X-Tenant": os.environ["TENANT"]}, ` +
          `"auth": {"type": "api_key", "name": "X-Key", "api_key": os.environ["KEY"], "location": "header"}`,
        "",
      ).replace('"resources": ["items"]', '"resources": [{"name": "items", "endpoint": {"paginator": "single_page"}}]');
    const seen: [string | null, string | null][] = [];
    const fetch = async (r: Request) => {
      seen.push([r.headers.get("x-tenant"), r.headers.get("x-key")]);
      return new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
    };
    const prepared = prepareRun(
      { text, target: "live", secrets: { TENANT: "42", KEY: "12345" } },
      { liveTransport: fetchTransport(fetch) },
    );
    if (!prepared.ok) throw new Error(prepared.message);
    for await (const e of prepared.events) if (e.type === "error") throw new Error(e.error.message);
    expect(seen).toEqual([["42", "12345"]]);
  });
});

describe("os.environ[...] where dlt's config wants a number", () => {
  const text =
    "import os\n" +
    py(`"base_url": "https://h/"`, "").replace(
      '"resources": ["items"]',
      '"resources": [{"name": "items", "endpoint": {"paginator": {"type": "offset", "limit": os.environ["LIMIT"], "total_path": None}}}]',
    );
  it("is the text Python read, which dlt's config validation refuses (checked with dlt 1.26.0: limit '10' is a str)", () => {
    expect(errors(text, { LIMIT: "100" })).toEqual([
      ["/resources/0/endpoint/paginator/limit", expect.stringContaining("expects an integer; got the string")],
    ]);
  });
  it("is refused without a value too: whatever the environment holds, dlt gets text where it wants an integer or a bool", () => {
    expect(errors(text)).toEqual([
      ["/resources/0/endpoint/paginator/limit", expect.stringContaining('is os.environ["LIMIT"], which Python reads as text')],
    ]);
    const [message] = errors(text).map(([, m]) => m);
    expect(message).toContain("wants an integer there (`limit='…'` has invalid type `str`)");
    // Its fix reads the same environment variable through dlt, which casts it; the fixed text is valid.
    const error = validateText(text, "python").diagnostics.find((d) => d.severity === "error");
    const fix = error?.fixes?.[0];
    expect(fix?.title).toBe('Read it with dlt.config["LIMIT"] (dlt casts it)');
    const edit = fix!.edits[0]!;
    expect(text.slice(edit.range.start, edit.range.end)).toBe('os.environ["LIMIT"]');
    const fixed = text.slice(0, edit.range.start) + edit.newText + text.slice(edit.range.end);
    expect(errors(fixed, { LIMIT: "100" })).toEqual([]);
    // Or Python's own int() of the text (decision 0047): no fix writes bool(), which is True for any text but "".
    const cast = error?.fixes?.[1];
    expect(cast?.title).toBe('Cast it: int(os.environ["LIMIT"])');
    const castText = text.slice(0, edit.range.start) + cast!.edits[0]!.newText + text.slice(edit.range.end);
    expect(errors(castText, { LIMIT: "100" })).toEqual([]);
    expect(errors(castText)).toEqual([]);
    const bool = text.replace('"total_path": None', '"total_path": None, "stop_after_empty_page": os.environ["STOP"]');
    expect(errors(bool).map(([, m]) => m)).toEqual([expect.stringContaining("wants an integer"), expect.stringContaining("wants a bool")]);
    const stop = validateText(bool, "python").diagnostics.find((d) => d.path.endsWith("/stop_after_empty_page"));
    expect(stop?.fixes?.map((f) => f.title)).toEqual(['Read it with dlt.config["STOP"] (dlt casts it)']);
  });
  it("stays an info where dlt's config takes text as well (a header, a list of key columns): the value decides", () => {
    const header = text
      .replace('"limit": os.environ["LIMIT"], ', '"limit": 10, ')
      .replace('"base_url": "https://h/"', '"base_url": "https://h/", "headers": {"X-Org": os.environ["ORG"]}');
    expect(errors(header)).toEqual([]);
    const pk = text
      .replace('"limit": os.environ["LIMIT"], ', '"limit": 10, ')
      .replace('{"name": "items",', '{"name": "items", "primary_key": [os.environ["PK"]],');
    expect(errors(pk)).toEqual([]);
    expect(validateText(pk, "python").diagnostics.find((d) => d.code === "value_at_run_time")?.message).toContain(
      'is os.environ["PK"]: Python reads it as text',
    );
  });
});
