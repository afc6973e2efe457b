/**
 * `PYTHONPATH=/tmp/pyx node --import tsx scripts/dlt-diff-validate.ts [mutants per config] [seed] [--out DIR]`:
 * restplay's validator against dlt's own (`rest_api_source(config)`, scripts/validate-configs.py, the
 * dlt oracle's venv) on configs mutated from every example and golden case — a key added (unknown, a
 * typo of a sibling, a key valid elsewhere), a value of another type, a key removed, an enum value
 * swapped. Listed: where restplay finds no error and dlt refuses the config (restplay too lenient:
 * a user would download a config dlt does not take), and where restplay errs and dlt builds the
 * source (restplay stricter: right only where dlt fails later, at run time — which the list lets a
 * reader check). Written to DIR (default /tmp/dlt-diff-validate); exits 1 when restplay is too lenient.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportConfig, validateText } from "../lib/config";
import { EXAMPLES } from "../lib/examples";
import { PYTHON } from "./dlt-diff-sides";
import { rng, type Rng } from "./dlt-diff-cases";
import type { Json } from "../lib/engine";
import { isFormat, joinFormat, refOf } from "../lib/shared";

type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every place in `v`: its path (keys and indices). */
function places(v: Json, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => places(x, [...at, i], out));
  else if (isObj(v)) for (const [k, x] of Object.entries(v)) places(x, [...at, k], out);
  return out;
}
const get = (v: Json, path: readonly (string | number)[]): Json | undefined =>
  path.reduce<Json | undefined>(
    (x, k) => (x === undefined || x === null || typeof x !== "object" ? undefined : (x as Obj)[k as string]),
    v,
  );

// The last two: JSONPaths jsonpath-ng cannot read (dlt fails building a paginator or incremental on them).
const OTHER_VALUES: Json[] = [42, -1, 0, 1.5, 10.0, "10", "text", "", true, false, null, [], {}, ["a"], { a: 1 }, "a..[", "$.true_x"];
const KEYS_ELSEWHERE = [
  "paginator",
  "data_selector",
  "limit",
  "path",
  "params",
  "primary_key",
  "incremental",
  "auth",
  "headers",
  "name",
  "type",
  "columns",
  "json",
  "method",
  "response_actions",
  "total_path",
  "cursor_path",
  "maximum_offset",
  "base_page",
  "endpoint",
  "processing_steps",
];
const ENUMS: Record<string, string[]> = {
  type: [
    "bearer",
    "api_key",
    "http_basic",
    "oauth2_client_credentials",
    "offset",
    "page_number",
    "cursor",
    "json_link",
    "header_link",
    "header_cursor",
    "single_page",
    "auto",
    "resolve",
    "incremental",
    "nonsense",
  ],
  write_disposition: ["append", "replace", "merge", "skip", "upsert"],
  location: ["header", "query", "param", "cookie", "body"],
  method: ["GET", "POST", "PUT", "get", "FETCH"],
  action: ["ignore", "retry", "skip"],
};

/** One mutant of `base`, and what was done. */
function mutate(base: Json, r: Rng): { config: Json; what: string } {
  const config = structuredClone(base);
  const all = places(config).filter((p) => p.length > 0);
  for (let tries = 0; tries < 20; tries++) {
    const op = r.int(4);
    const path = r.pick(all);
    const parentPath = path.slice(0, -1);
    const key = path[path.length - 1] as string | number;
    const parent = get(config, parentPath);
    const where = path.join(".");
    if (op === 0) {
      const dict = isObj(get(config, path)) ? (get(config, path) as Obj) : isObj(parent) ? parent : null;
      if (!dict) continue;
      const siblings = Object.keys(dict);
      const typo = siblings.length > 0 ? r.pick(siblings) : "x";
      const k = r.pick(["bogus", typo.length > 3 ? typo.slice(0, -1) : `${typo}s`, r.pick(KEYS_ELSEWHERE)]);
      if (k in dict) continue;
      dict[k] = r.pick(["x", 1, true, { a: 1 }]);
      return { config, what: `add key \`${k}\` beside \`${siblings.join(",")}\` (${dict === parent ? parentPath.join(".") : where})` };
    }
    if (op === 1) {
      const value = r.pick(OTHER_VALUES);
      if (JSON.stringify(get(config, path)) === JSON.stringify(value)) continue;
      (parent as Obj)[key as string] = value;
      return { config, what: `${where} = ${JSON.stringify(value)}` };
    }
    if (op === 2 && isObj(parent)) {
      delete parent[key as string];
      return { config, what: `remove ${where}` };
    }
    if (op === 3 && isObj(parent) && typeof key === "string" && ENUMS[key]) {
      const value = r.pick(ENUMS[key] as string[]);
      if (parent[key] === value) continue;
      parent[key] = value;
      return { config, what: `${where} = "${value}"` };
    }
  }
  return { config, what: "unchanged" };
}

/**
 * `{"$secret": name}` references as plain values (both sides then read the same text; dlt needs the values),
 * and text made with references (`{"$format": …}`) as the text its f-string makes of them.
 */
const withSecrets = (v: Json): Json =>
  Array.isArray(v)
    ? v.map(withSecrets)
    : isFormat(v)
      ? joinFormat(v, (r) => `${refOf(r)?.kind ?? ""}-${refOf(r)?.name ?? ""}`)
      : isObj(v)
        ? Object.keys(v).length === 1 && typeof v.$secret === "string"
          ? `secret-${v.$secret}`
          : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withSecrets(x)]))
        : v;

/** Every example (as restplay reads it, and the download's dlt form when it differs) and every golden case's config. */
function bases(): { name: string; config: Json }[] {
  const out: { name: string; config: Json }[] = [];
  for (const e of EXAMPLES) {
    const read = validateText(e.text, e.format);
    // The download writes the seed dialect in dlt's form, but leaves the secrets out (they go to secrets.toml).
    const text = exportConfig(read, "json")?.text;
    if (read.value !== null) out.push({ name: e.id, config: withSecrets(read.value as Json) });
    if (text !== undefined && text !== JSON.stringify(read.value, null, 2))
      out.push({ name: `${e.id} (download)`, config: JSON.parse(text) as Json });
  }
  const golden = join(__dirname, "../../shared/dlt-golden");
  for (const d of readdirSync(golden, { withFileTypes: true }))
    if (d.isDirectory())
      out.push({
        name: `golden/${d.name}`,
        config: withSecrets(JSON.parse(readFileSync(join(golden, d.name, "config.json"), "utf8")) as Json),
      });
  return out;
}

function dltVerdicts(configs: Json[]): { valid: boolean; error: string | null }[] {
  const out = execFileSync(PYTHON, [join(__dirname, "validate-configs.py")], {
    input: configs.map((c) => JSON.stringify(c)).join("\n") + "\n",
    maxBuffer: 256 << 20,
    env: process.env,
  }).toString();
  return out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { valid: boolean; error: string | null });
}

function main() {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out");
  const outDir = outAt >= 0 ? (args[outAt + 1] as string) : "/tmp/dlt-diff-validate";
  const [perText = "10", seedText = "1"] = args.filter((a, i) => !a.startsWith("--") && (outAt < 0 || i !== outAt + 1));
  mkdirSync(outDir, { recursive: true });
  const all = bases();
  const baseVerdicts = dltVerdicts(all.map((b) => b.config));
  const usable = all.filter(
    (b, i) => baseVerdicts[i]?.valid && !validateText(JSON.stringify(b.config), "json").diagnostics.some((d) => d.severity === "error"),
  );
  const left = all.filter((b) => !usable.includes(b));
  console.log(`${usable.length} of ${all.length} configs valid on both sides; left out:`);
  for (const b of left) console.log(`  ${b.name}: dlt ${baseVerdicts[all.indexOf(b)]?.error ?? "valid (restplay errs)"}`);

  const r = rng(Number(seedText));
  const mutants = usable.flatMap((b) => Array.from({ length: Number(perText) }, () => ({ base: b.name, ...mutate(b.config, r) })));
  const theirs = dltVerdicts(mutants.map((m) => m.config));
  const lenient: object[] = [];
  const strict: object[] = [];
  mutants.forEach((m, i) => {
    const v = validateText(JSON.stringify(m.config), "json");
    const errors = v.diagnostics.filter((d) => d.severity === "error");
    const dlt = theirs[i] as { valid: boolean; error: string | null };
    // A warning that names dlt's failure (its exception's name), or a seed-dialect warning (restplay runs
    // what dlt rejects, and says so: decision 0004), tells the user: not lenient.
    const told =
      dlt.error !== null &&
      v.diagnostics.some((d) => d.code.startsWith("dialect_") || d.message.includes(dlt.error!.split(":")[0] as string));
    if (errors.length === 0 && !dlt.valid && !told)
      lenient.push({ base: m.base, what: m.what, dlt: dlt.error, restplay: v.diagnostics.map((d) => `${d.severity} ${d.code}`) });
    if (errors.length > 0 && dlt.valid)
      strict.push({ base: m.base, what: m.what, restplay: errors.map((d) => `${d.code}: ${d.message.slice(0, 160)}`) });
  });
  writeFileSync(join(outDir, "lenient.json"), JSON.stringify(lenient, null, 2));
  writeFileSync(join(outDir, "strict.json"), JSON.stringify(strict, null, 2));
  console.log(`${mutants.length} mutants: restplay too lenient on ${lenient.length}, stricter on ${strict.length} (${outDir})`);
  for (const l of lenient.slice(0, 40)) console.log("LENIENT", JSON.stringify(l));
  process.exitCode = lenient.length > 0 ? 1 : 0;
}
main();
