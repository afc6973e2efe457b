/**
 * `PYTHONPATH=/tmp/pyx node --import tsx scripts/dlt-diff-numbers.ts [--out DIR]`: numbers at their edges
 * (`-0.0`, `1e400`, `1.0` against `1`, `0x10`, `1_000`, `True`, integers past 2^53, YAML 1.1's `1e3` and `.inf`…)
 * written in every place a config holds one (a query or path param, a JSON body, a paginator's integers,
 * `max_table_nesting`, a response action's `status_code`, an incremental's `initial_value`), in each input
 * format as it spells them. restplay's verdict and the requests its run sends (every answer `[]`) against real
 * dlt 1.26.0's (./number-configs.py: the text read as dlt's user reads it, `rest_api_source`, a loopback API).
 * Each case that differs is listed (written to DIR, default /tmp/dlt-diff-numbers); exits 1 when any does. A YAML
 * value restplay reads as YAML 1.2 and warns about (`yaml_1_1_value`: decision 0032) is listed apart, as announced.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { prepareRun } from "../lib/run";
import { validateText } from "../lib/config";
import { fetchTransport } from "../lib/engine";
import type { SourceFormat } from "../lib/formats";
import { PYTHON } from "./dlt-diff-sides";

const V = '"@V@"';
const ep = (endpoint: object, resource: object = {}) =>
  JSON.stringify({
    client: { base_url: "http://127.0.0.1:8765/" },
    resources: [{ name: "a", ...resource, endpoint: { path: "a", paginator: "single_page", ...endpoint } }],
  });
const offset = (extra: object) => ({ paginator: { type: "offset", limit: 10, total_path: null, ...extra } });

/** The places, each a config's JSON with `"@V@"` where the number goes. */
const PLACES: Record<string, string> = {
  params: ep({ params: { v: "@V@" } }),
  path: ep({ path: "a/{v}", params: { v: "@V@" } }),
  json: ep({ method: "POST", json: { v: "@V@" } }),
  limit: ep(offset({ limit: "@V@" })),
  maximum_offset: ep(offset({ maximum_offset: "@V@" })),
  offset: ep(offset({ offset: "@V@" })),
  base_page: ep({ paginator: { type: "page_number", base_page: "@V@", total_path: null } }),
  max_table_nesting: ep({}, { max_table_nesting: "@V@" }),
  status_code: ep({ response_actions: [{ status_code: "@V@", action: "ignore" }] }),
  initial_value: ep({ incremental: { cursor_path: "t", initial_value: "@V@", start_param: "since" } }),
};

const COMMON = ["-0.0", "-0", "0", "1.0", "1", "1e16", "1.5e-7", "12345678901234567890", "-12345678901234567890", "0.1"];
const SPELLINGS: Record<SourceFormat, string[]> = {
  json: [...COMMON, "1E3", "1e400", "-1e400", "NaN", "Infinity", "true", "false", "100000000000000000000.0"],
  yaml: [...COMMON, "1e3", "1.0e+3", "1_000", "0x10", "0o17", "017", "0b11", ".inf", "-.inf", ".nan", "true", "yes", "1:30", "+1"],
  python: [...COMMON, "1e400", "0x10", "1_000", "0o17", "0b11", "True", "False", 'float("inf")', 'float("nan")', "1.", ".5"],
};

/** The config's text in `format` (JSON is flow YAML; the Python is the dict literal, bound to `config`). */
function text(place: string, format: SourceFormat, spelling: string): string {
  const json = PLACES[place] as string;
  if (format !== "python") return json.replace(V, spelling);
  const py = json
    .replace(/\bnull\b/g, "None")
    .replace(/\btrue\b/g, "True")
    .replace(/\bfalse\b/g, "False");
  return `import dlt\n\nconfig = ${py.replace(V, spelling)}\n`;
}

interface Verdict {
  readonly valid: boolean;
  readonly error: string | null;
  readonly requests: string[];
}

async function ours(t: string, format: SourceFormat): Promise<Verdict> {
  const requests: string[] = [];
  const fetch = async (r: Request) => {
    const body = await r.text();
    requests.push(`${r.method} ${r.url.replace("http://127.0.0.1:8765", "")}${body ? ` ${body}` : ""}`);
    return new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
  };
  const prepared = prepareRun({ text: t, format, target: "live" }, { liveTransport: fetchTransport(fetch) });
  if (!prepared.ok) return { valid: false, error: `${prepared.code}: ${prepared.message.split("\n")[0]}`, requests };
  let error: string | null = null;
  for await (const e of prepared.events) if (e.type === "error") error ??= `${e.error.code}: ${e.error.message.split("\n")[0]}`;
  return { valid: true, error, requests };
}

async function main() {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out");
  const dir = outAt >= 0 ? (args[outAt + 1] as string) : "/tmp/dlt-diff-numbers";
  mkdirSync(dir, { recursive: true });
  const cases = Object.keys(PLACES).flatMap((place) =>
    (Object.keys(SPELLINGS) as SourceFormat[]).flatMap((format) =>
      SPELLINGS[format].map((spelling) => ({ place, format, spelling, text: text(place, format, spelling) })),
    ),
  );
  const out = execFileSync(PYTHON, [join(__dirname, "number-configs.py")], {
    input: cases.map((c) => JSON.stringify({ format: c.format, text: c.text })).join("\n") + "\n",
    maxBuffer: 64 << 20,
  }).toString();
  const theirs = out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Verdict);
  const differ: object[] = [];
  let announced = 0;
  for (const [i, c] of cases.entries()) {
    const dlt = theirs[i] as Verdict;
    const mine = await ours(c.text, c.format);
    const same =
      mine.valid === dlt.valid &&
      (!dlt.valid || (JSON.stringify(mine.requests) === JSON.stringify(dlt.requests) && !mine.error === !dlt.error));
    if (same) continue;
    if (validateText(c.text, c.format).diagnostics.some((d) => d.code === "yaml_1_1_value")) {
      announced++;
      continue;
    }
    differ.push({ ...c, restplay: mine, dlt });
    const say = (v: Verdict) =>
      v.valid ? `${v.requests.join(" | ") || "no request"}${v.error ? ` (fails: ${v.error})` : ""}` : `refused: ${v.error}`;
    console.log(`${c.format} ${c.place} = ${c.spelling}\n  restplay: ${say(mine)}\n  dlt:      ${say(dlt)}`);
  }
  writeFileSync(join(dir, "differences.json"), JSON.stringify(differ, null, 2));
  console.log(
    `${cases.length} cases: ${differ.length} differ, ${announced} more announced (yaml_1_1_value) (${join(dir, "differences.json")})`,
  );
  process.exitCode = differ.length > 0 ? 1 : 0;
}

void main();
