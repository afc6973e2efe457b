/**
 * Numbers a request carries go out as dlt sends them (each request below recorded from dlt 1.26.0
 * against a loopback server): a whole float keeps its `.0`, an integer beyond 2^53 its digits, YAML
 * 1.1's `1e3` is text; a JSON body is written as requests' `json.dumps` writes it.
 */
import { describe, expect, it } from "vitest";
import { prepareRun } from "./index";
import { fetchTransport } from "../engine";

async function sent(text: string): Promise<string[]> {
  const seen: string[] = [];
  const fetch = async (r: Request) => {
    const body = await r.text();
    seen.push(`${r.method} ${r.url.replace("http://127.0.0.1:8765", "")}${body ? ` ${body}` : ""}`);
    return new Response('[{"id": 1}]', { status: 200, headers: { "content-type": "application/json" } });
  };
  const prepared = prepareRun({ text, target: "live" }, { liveTransport: fetchTransport(fetch) });
  if (!prepared.ok) throw new Error(`${prepared.code}: ${prepared.message}`);
  for await (const e of prepared.events) if (e.type === "error") throw new Error(e.error.message);
  return seen;
}

const JSON_CONFIG = `{"client": {"base_url": "http://127.0.0.1:8765"},
 "resource_defaults": {"endpoint": {"params": {"d": 2.0}}},
 "resources": [
  {"name": "a", "endpoint": {"path": "/a/{v}", "method": "POST", "paginator": "single_page",
    "params": {"v": 3.0, "x": 1.0, "y": 1.5, "big": 12345678901234567890, "l": [1.0, 2], "e": 1e3, "s": 1e16, "n": 7},
    "json": {"ver": 1.0, "nested": {"k": [2.0, 3]}, "big": 12345678901234567890, "i": 5, "f": 0.5, "t": "caf\u00e9"}}}
 ]}`;

describe("numbers in requests, as dlt sends them", () => {
  it("JSON: query, path and body", async () => {
    expect(await sent(JSON_CONFIG)).toEqual([
      "POST /a/3.0?d=2.0&x=1.0&y=1.5&big=12345678901234567890&l=1.0&l=2&e=1000.0&s=1e%2B16&n=7 " +
        '{"ver": 1.0, "nested": {"k": [2.0, 3]}, "big": 12345678901234567890, "i": 5, "f": 0.5, "t": "caf\\u00e9"}',
    ]);
  });

  it("a Python dict: the same", async () => {
    const py = `import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source(${JSON_CONFIG})\n`;
    expect(await sent(py)).toEqual(await sent(JSON_CONFIG));
  });

  it("YAML read as yaml.safe_load reads it: 1.0 a float, 1e3 text, 1.0e+3 a float", async () => {
    const yaml = [
      "client:",
      "  base_url: http://127.0.0.1:8765",
      "resources:",
      "  - name: a",
      "    endpoint:",
      "      path: /a",
      "      paginator: single_page",
      "      params: {v: 1.0, e: 1e3, f: 1.0e+3, n: 7}",
    ].join("\n");
    expect(await sent(yaml)).toEqual(["GET /a?v=1.0&e=1e3&f=1000.0&n=7"]);
  });
});
