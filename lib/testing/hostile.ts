/**
 * Hostile config texts (issue #13): small inputs that used to block or crash the validator. Shared by
 * the table tests (lib/config/hostile.test.ts) and the benchmark (bench/hostile.ts), so both measure
 * the same thing. Pure string builders: no node:* imports.
 */
import type { SourceFormat } from "../formats";
import { MAX_VALUES } from "../formats/limits";

export interface HostileInput {
  readonly name: string;
  readonly format: SourceFormat;
  readonly text: string;
}

/** The largest body the server accepts (the route's limit). */
export const MAX_BODY_BYTES = 1_000_000;

const head = (json: string) => `source = rest_api_source({"client": {"base_url": "https://a.example/"}, "resources": [${json}]})\n`;

/** `[[[…]]]` `depth` deep. */
export const nestedList = (depth: number): string => "[".repeat(depth) + "]".repeat(depth);

/** A resource whose endpoint `json` body holds `inner` (JSON and Python spell it the same). */
const deepResource = (inner: string) => `{"name": "r", "endpoint": {"path": "x", "json": {"a": ${inner}}}}`;

/** The Python config: an endpoint `json` body nested `depth` lists deep. */
export const deepPython = (depth: number): string => head(deepResource(nestedList(depth)));

export const deepJson = (depth: number): string =>
  `{"client": {"base_url": "https://a.example/"}, "resources": [${deepResource(nestedList(depth))}]}`;

/** YAML flow collections nested `depth` deep, inside a block document. */
export const deepYamlFlow = (depth: number): string =>
  `client:\n  base_url: https://a.example/\nresources:\n  - name: r\n    endpoint:\n      path: x\n      json:\n` +
  `        a: ${nestedList(depth)}\n`;

/** YAML block sequences nested `depth` deep (`- - - …` on one line each). */
export function deepYamlBlock(depth: number): string {
  let out = "client:\n  base_url: https://a.example/\nresources:\n  - name: r\n    endpoint:\n      path: x\n      json:\n        a:\n";
  for (let i = 0; i < depth; i++) out += `${" ".repeat(8 + i * 2)}-\n`;
  return out;
}

/** The chained-anchor "billion laughs": `x{i}: &a{i} [*a{i-1}, *a{i-1}]` doubles each line. */
export function yamlAliasBomb(anchors: number): string {
  let out = "x0: &a0 [1, 2]\n";
  for (let i = 1; i < anchors; i++) out += `x${i}: &a${i} [*a${i - 1}, *a${i - 1}]\n`;
  return out + "client:\n  base_url: https://a.example/\nresources: [r]\n";
}

/** `count` resources (dicts, or name shorthands: the 20,000 in 169 KB), as JSON, YAML or Python. */
export function manyResources(count: number, format: SourceFormat, shorthand = false): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    if (shorthand) items.push(format === "yaml" ? `  - r${i}\n` : `"r${i}"`);
    else items.push(format === "yaml" ? `  - name: r${i}\n    endpoint: p${i}\n` : `{"name": "r${i}", "endpoint": "p${i}"}`);
  }
  if (format === "yaml") return `client:\n  base_url: https://a.example/\nresources:\n${items.join("")}`;
  const body = items.join(",\n");
  return format === "json" ? `{"client": {"base_url": "https://a.example/"}, "resources": [\n${body}\n]}` : head(body);
}

/** As many resource dicts as fit in `bytes` (about 40 bytes each). */
export const resourcesToFill = (bytes: number, format: SourceFormat): string =>
  manyResources(Math.floor(bytes / (format === "yaml" ? 38 : 43)), format);

/** One string value of `length` characters (the data selector), `unit` repeated. */
export function hugeString(length: number, format: SourceFormat, unit = "a"): string {
  const s = unit.repeat(Math.floor(length / unit.length));
  if (format === "yaml")
    return `client:\n  base_url: https://a.example/\nresources:\n  - name: r\n    endpoint:\n      data_selector: ${s}\n`;
  const res = `{"name": "r", "endpoint": {"path": "x", "data_selector": "${s}"}}`;
  return format === "json" ? `{"client": {"base_url": "https://a.example/"}, "resources": [${res}]}` : head(res);
}

/** One `params` dict with `count` keys, each a placeholder `{resources.p.f<i>}` (many keys, many placeholders). */
export function manyPlaceholders(count: number, format: SourceFormat): string {
  const keys: string[] = [];
  for (let i = 0; i < count; i++)
    keys.push(format === "yaml" ? `        k${i}: "{resources.p.f${i}}"\n` : `"k${i}": "{resources.p.f${i}}"`);
  if (format === "yaml")
    return (
      `client:\n  base_url: https://a.example/\nresources:\n  - p\n  - name: c\n    endpoint:\n      path: x\n` +
      `      params:\n${keys.join("")}`
    );
  const res = `"p", {"name": "c", "endpoint": {"path": "x", "params": {${keys.join(", ")}}}}`;
  return format === "json" ? `{"client": {"base_url": "https://a.example/"}, "resources": [${res}]}` : head(res);
}

/** `resource_defaults` params with `keys` placeholders, shared by `resources` resources (defaults × resources). */
export function defaultsForMany(keys: number, resources: number, format: SourceFormat): string {
  const params: Record<string, string> = {};
  for (let i = 0; i < keys; i++) params[`k${i}`] = `{resources.p.f${i}}`;
  const names = Array.from({ length: resources }, (_, i) => `r${i}`);
  const config = { client: { base_url: "https://a.example/" }, resource_defaults: { endpoint: { params } }, resources: ["p", ...names] };
  // JSON without true/false/null is a Python dict literal too.
  if (format !== "yaml") return format === "json" ? JSON.stringify(config) : `source = rest_api_source(${JSON.stringify(config)})\n`;
  const defaults = `resource_defaults: {endpoint: {params: ${JSON.stringify(params)}}}`;
  return `client: {base_url: "https://a.example/"}\n${defaults}\nresources: ${JSON.stringify(["p", ...names])}\n`;
}

/** `count` unknown keys in `client`: one diagnostic each, with a did-you-mean and the allowed keys. */
export function manyUnknownKeys(count: number, format: SourceFormat): string {
  const client: Record<string, number> = { base_url: 0 };
  for (let i = 0; i < count; i++) client[`base_ur${i}`] = i;
  const config = { client, resources: ["r"] };
  if (format === "yaml") return `client: ${JSON.stringify(client)}\nresources: [r]\n`;
  return format === "json" ? JSON.stringify(config) : `source = rest_api_source(${JSON.stringify(config)})\n`;
}

/** One endpoint path made of `count` placeholders with no param: one diagnostic per field. */
export function manyPathFields(count: number, format: SourceFormat): string {
  const path = "{a}".repeat(count);
  if (format === "yaml") return `client: {base_url: "https://a.example/"}\nresources: [{name: r, endpoint: {path: "${path}"}}]\n`;
  const config = { client: { base_url: "https://a.example/" }, resources: [{ name: "r", endpoint: { path } }] };
  return format === "json" ? JSON.stringify(config) : `source = rest_api_source(${JSON.stringify(config)})\n`;
}

/** `length` characters of syntax soup (brackets, quotes, colons, dashes, words, line breaks), the same every time. */
export function garbage(length: number): string {
  const parts = ["}", "]", "{", "[", ",", ":", '"', "'", " - ", "\n", "#", "a", "0", "  ", "True", "*a", "&a ", "|", "\\"];
  let seed = 42;
  let out = "";
  while (out.length < length) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    out += parts[seed % parts.length];
  }
  return out.slice(0, length);
}

/** A `json` body with `count` keys on one line (a long line, many keys). */
export function manyKeys(count: number, format: SourceFormat): string {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) keys.push(`"k${i}": ${i}`);
  const body = `{${keys.join(", ")}}`;
  if (format === "yaml") return `client: {base_url: "https://a.example/"}\nresources: [{name: r, endpoint: {path: x, json: ${body}}}]\n`;
  const res = `{"name": "r", "endpoint": {"path": "x", "json": ${body}}}`;
  return format === "json" ? `{"client": {"base_url": "https://a.example/"}, "resources": [${res}]}` : head(res);
}

/** A `json` body holding one list of `count` zeros (the most tokens per byte). */
export function manyItems(count: number, format: SourceFormat): string {
  const list = `[${"0,".repeat(count - 1)}0]`;
  if (format === "yaml")
    return `client: {base_url: "https://a.example/"}\nresources: [{name: r, endpoint: {path: x, json: {a: ${list}}}}]\n`;
  const res = `{"name": "r", "endpoint": {"path": "x", "json": {"a": ${list}}}}`;
  return format === "json" ? `{"client": {"base_url": "https://a.example/"}, "resources": [${res}]}` : head(res);
}

/** `links` YAML mappings, each merging the one before (`<<: *a{i-1}`). */
export function yamlMergeChain(links: number): string {
  let out = "a0: &a0 {k: 1}\n";
  for (let i = 1; i < links; i++) out += `a${i}: &a${i} {<<: *a${i - 1}, k${i}: ${i}}\n`;
  return out + 'client: {base_url: "https://a.example/"}\nresources: [r]\n';
}

/** A `json` body whose one key is `length` characters, with a few problems under it. */
export function longKey(length: number, format: SourceFormat): string {
  const key = "k".repeat(length);
  const body = `{"${key}": {"a": 1, "a": 2, "b": {"$secret": 1}}}`;
  if (format === "yaml") return `client: {base_url: "https://a.example/"}\nresources: [{name: r, endpoint: {path: x, json: ${body}}}]\n`;
  const res = `{"name": "r", "endpoint": {"path": "x", "json": ${body}}}`;
  return format === "json" ? `{"client": {"base_url": "https://a.example/"}, "resources": [${res}]}` : head(res);
}

/** A `json` body of `key: number` lines just under MAX_VALUES values: the most a text may hold, block style. */
export function justUnderLimit(format: SourceFormat): string {
  const n = Math.floor(MAX_VALUES / 2) - 30;
  const lines = Array.from({ length: n }, (_, i) => (format === "yaml" ? `        k${i}: ${i}` : `  "k${i}": ${i}`));
  if (format === "yaml")
    return `client:\n  base_url: https://a.example/\nresources:\n  - name: r\n    endpoint:\n      json:\n${lines.join("\n")}\n`;
  const res = `{"name": "r", "endpoint": {"path": "x", "json": {\n${lines.join(",\n")}\n}}}`;
  return format === "json" ? `{"client": {"base_url": "https://a.example/"}, "resources": [${res}]}` : head(res);
}

/** Deep nesting that fills the whole body: the worst shape at the size limit. */
export const deepToFill = (format: SourceFormat): string =>
  format === "json"
    ? deepJson(MAX_BODY_BYTES / 2 - 100)
    : format === "python"
      ? deepPython(MAX_BODY_BYTES / 2 - 100)
      : deepYamlFlow(MAX_BODY_BYTES / 2 - 100);

/** Every hostile input, each at (or near) the size the issue reports or the body limit. */
export function hostileInputs(): HostileInput[] {
  const all: HostileInput[] = [
    { name: "python.deep_2000", format: "python", text: deepPython(2_000) },
    { name: "python.deep_8000", format: "python", text: deepPython(8_000) },
    { name: "json.deep_8000", format: "json", text: deepJson(8_000) },
    { name: "yaml.deep_flow_8000", format: "yaml", text: deepYamlFlow(8_000) },
    { name: "yaml.deep_block_990", format: "yaml", text: deepYamlBlock(990) },
    { name: "yaml.alias_bomb_2000", format: "yaml", text: yamlAliasBomb(2_000) },
    { name: "yaml.merge_chain_6000", format: "yaml", text: yamlMergeChain(6_000) },
  ];
  for (const format of ["json", "yaml", "python"] as const) {
    all.push({ name: `${format}.values_just_under_limit`, format, text: justUnderLimit(format) });
    all.push({ name: `${format}.resources_20000`, format, text: manyResources(20_000, format, true) });
    all.push({ name: `${format}.resources_1mb`, format, text: resourcesToFill(MAX_BODY_BYTES, format) });
    all.push({ name: `${format}.deep_1mb`, format, text: deepToFill(format) });
    all.push({ name: `${format}.string_1mb`, format, text: hugeString(MAX_BODY_BYTES - 200, format) });
    all.push({ name: `${format}.jsonpath_deep_1mb`, format, text: hugeString(MAX_BODY_BYTES - 200, format, "a.") });
    all.push({ name: `${format}.items_490000`, format, text: manyItems(490_000, format) });
    all.push({ name: `${format}.keys_60000`, format, text: manyKeys(60_000, format) });
    all.push({ name: `${format}.long_key_1mb`, format, text: longKey(MAX_BODY_BYTES - 300, format) });
    all.push({ name: `${format}.garbage_1mb`, format, text: garbage(MAX_BODY_BYTES) });
    all.push({ name: `${format}.unknown_keys_45000`, format, text: manyUnknownKeys(45_000, format) });
    all.push({ name: `${format}.path_fields_300000`, format, text: manyPathFields(300_000, format) });
    all.push({ name: `${format}.defaults_30000x1000`, format, text: defaultsForMany(30_000, 1_000, format) });
    all.push({ name: `${format}.placeholders_19000`, format, text: manyPlaceholders(19_000, format) });
  }
  return all;
}
