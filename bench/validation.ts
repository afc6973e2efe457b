/** Figure 2: full validation (parse with ranges + schema + rules) of a 300-resource config, per format, and Ajv on the same JSON. */
import Ajv2020 from "ajv/dist/2020";
import { validateText, getJsonSchema } from "../lib/config";
import { writeJson, writePythonLiteral, writeYaml, type PlainValue } from "../lib/formats";
import { figure, percentile, type Figure } from "./figures";

export function bigConfig(n = 300): PlainValue {
  const resources = Array.from({ length: n }, (_, i) => ({
    name: `resource_${i}`,
    primary_key: i % 4 === 0 ? ["id", "version"] : "id",
    write_disposition: i % 3 === 0 ? { disposition: "merge", strategy: "upsert" } : "append",
    endpoint: {
      path: `/v1/resource_${i}`,
      method: "GET",
      params: { status: "active", per_page: 100, fields: ["id", "name", "updated_at"] },
      headers: { "X-Tenant": `tenant-${i % 7}` },
      data_selector: i % 2 ? "data" : "$.results[*]",
      paginator: i % 2 ? { type: "offset", limit: 100, total_path: "meta.total" } : { type: "json_link", next_url_path: "links.next" },
      ...(i % 5 === 0 ? { incremental: { cursor_path: "updated_at", initial_value: "2024-01-01T00:00:00Z", start_param: "since" } } : {}),
    },
    columns: { updated_at: { data_type: "timestamp", nullable: false } },
  }));
  const config = {
    client: { base_url: "https://api.example.com", auth: { type: "bearer", token: { $secret: "token" } } },
    resource_defaults: { write_disposition: "merge" },
    resources,
  };
  return JSON.parse(JSON.stringify(config)) as PlainValue;
}

function timeIt(f: () => void, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

export function validationFigures(): Figure[] {
  const value = bigConfig();
  const texts = { json: writeJson(value), yaml: writeYaml(value), python: `source = rest_api_source(${writePythonLiteral(value)})\n` };
  const figures: Figure[] = [];
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const validate = ajv.compile(getJsonSchema());
  for (const [format, text] of Object.entries(texts) as [keyof typeof texts, string][]) {
    const r = validateText(text, format);
    if (!r.valid) throw new Error(`the generated ${format} config is invalid: ${r.diagnostics[0]?.message}`);
    for (let i = 0; i < 5; i++) validateText(text, format);
    const times = timeIt(() => validateText(text, format), 40);
    const lines = text.split("\n").length;
    figures.push(figure(`validation.${format}.p50`, percentile(times, 50), "ms", 50, { note: `${lines} lines` }));
    figures.push(figure(`validation.${format}.p95`, percentile(times, 95), "ms", 50, { note: `${lines} lines; budget p95 ≤ 50 ms` }));
  }
  const json = texts.json;
  if (!validate(JSON.parse(json))) throw new Error(`Ajv rejects the generated config: ${ajv.errorsText(validate.errors)}`);
  for (let i = 0; i < 5; i++) validate(JSON.parse(json));
  const ajvTimes = timeIt(() => void validate(JSON.parse(json)), 40);
  const ours = timeIt(() => validateText(json, "json"), 40);
  figures.push(
    figure("validation.ajv.json.p50", percentile(ajvTimes, 50), "ms", 50, { note: "JSON.parse + Ajv (no source ranges, no rules)" }),
  );
  figures.push(
    figure("validation.json.ratio_vs_ajv", percentile(ours, 50) / percentile(ajvTimes, 50), "×", 10, {
      note: "p50 restplay (ranges, union-aware messages, rules) / p50 Ajv",
    }),
  );
  return figures;
}
