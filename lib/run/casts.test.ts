/**
 * A playground run of a config with casts on references (decision 0047), the Secrets panel's values given as text: the
 * values are cast as Python casts what dlt hands over (dlt 1.26.0 against a loopback API: `int(dlt.config["lim"])` with
 * 2.7 paged by 2, `float(…)` of 2 sent as 2.0), and a value the cast refuses stops the run before any request.
 */
import { describe, expect, it } from "vitest";
import { fetchTransport } from "../engine";
import { prepareRun, type RunEnv } from "./index";
import { runToEnd } from "../testing/run";

const text = `import dlt
from dlt.sources.rest_api import rest_api_source

source = rest_api_source({
    "client": {"base_url": "https://api.test/"},
    "resources": [{"name": "items", "endpoint": {
        "path": "items", "method": "POST", "json": {"ratio": float(dlt.config["ratio"]), "on": bool(dlt.secrets["on"])},
        "paginator": {"type": "offset", "limit": int(dlt.config["lim"])},
    }}],
})
`;

function api() {
  const seen: { search: string; body: string }[] = [];
  const env: RunEnv = {
    liveTransport: fetchTransport(async (req: Request) => {
      const url = new URL(req.url);
      seen.push({ search: url.search, body: await req.text() });
      const offset = Number(url.searchParams.get("offset"));
      const items = [0, 1, 2].slice(offset, offset + Number(url.searchParams.get("limit"))).map((id) => ({ id }));
      return Response.json({ items, total: 3 });
    }),
  };
  return { seen, env };
}

describe("a playground run with int(), float() and bool() around references", () => {
  it("casts the values given as text as Python does, in the paginator and in a json body", async () => {
    const { seen, env } = api();
    const { collector } = await runToEnd({ text, target: "live", secrets: { lim: "2.7", ratio: "2", on: "false" } }, env);
    expect(collector.ok()).toBe(true);
    expect(seen.map((s) => s.search)).toEqual(["?offset=0&limit=2", "?offset=2&limit=2"]);
    expect(JSON.parse(seen[0]!.body)).toEqual({ ratio: 2, on: false });
    expect(seen[0]!.body).toContain('"ratio": 2.0');
  });

  it("a value int() refuses is the config's error: no request, the reason in Python's words", () => {
    const prepared = prepareRun({ text, target: "live", secrets: { lim: "abc", ratio: "2", on: "x" } }, api().env);
    expect(prepared).toMatchObject({ ok: false });
    expect(JSON.stringify(prepared)).toContain("ValueError: invalid literal for int() with base 10: 'abc'");
  });
});
