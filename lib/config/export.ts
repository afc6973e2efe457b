/**
 * Downloads dlt takes as they are (decision 0023). Python: the user's own pipeline file plus the fixes
 * dlt needs (export-python.ts), or, for JSON/YAML and fragments, a complete pipeline script. JSON/YAML:
 * the dict dlt accepts, references taken out and bound by the loading snippet (export-dict.ts). No
 * secret value appears in any of them; a credential written into the config is moved to dlt.secrets
 * unless the user chose to keep it (`keepLiteralSecrets`).
 */
import { callsRestApi, markdownBlock, moduleConfigName, writeJson, writePythonLiteral, writeYaml, type PlainValue } from "../formats";
import { validateText, type ValidationResult } from "./validate";
import { needsCustomSession } from "./canonical";
import { listSecrets } from "./secrets";
import { isPython, secretEnvName, type RefCast, type RefOf } from "../shared";
import { bindingRefs, dltDict, dltForm, EXPORT_FILENAMES, loadingSnippet } from "./export-dict";
import { completed, pipelineMain, runtimeImports, runtimeLines, userPythonFile } from "./export-python";
import { withPythonSpelling } from "./export-numbers";

export type ExportFormat = keyof typeof EXPORT_FILENAMES;
export { EXPORT_FILENAMES };
export interface ExportFile {
  readonly filename: string;
  readonly mime: string;
  readonly text: string;
  /** What the download changed for dlt, one line each (announced with the download). */
  readonly notes?: readonly string[];
}
export interface ExportOptions {
  /** Keep credentials written into the config as they are (the user was asked). Default: moved to dlt.secrets. */
  readonly keepLiteralSecrets?: boolean;
  /**
   * For the secrets.toml template: the names the user's Python file reads with `os.environ[...]` (`ResolvedSource.environRefs`):
   * its Python download reads them from the environment, not from secrets.toml.
   */
  readonly environ?: readonly string[];
}

/** The download for a valid document; `null` while it has errors. */
export function exportConfig(result: ValidationResult, to: ExportFormat, options: ExportOptions = {}): ExportFile | null {
  if (!result.valid || result.value === null) return null;
  // A Markdown document (a seed pasted whole) is checked and run through its config block: so is it downloaded.
  const block = markdownBlock(result.document);
  if (block) return exportConfig(validateText(block.code, block.format), to, options);
  const keep = options.keepLiteralSecrets ?? false;
  // Numbers as the text spells them (`1.0`, `1e16`, a big integer's digits), as dlt reads them from the user's own file.
  const spelled = withPythonSpelling(result.value, result.document);
  if (to === "python") {
    if (result.format === "python" && (callsRestApi(result.document.text) || moduleConfigName(result.document.text) !== null)) {
      const own = userPythonFile(result, keep);
      return { filename: EXPORT_FILENAMES.python, mime: "text/x-python", text: own.text, notes: own.notes };
    }
    return { filename: EXPORT_FILENAMES.python, mime: "text/x-python", text: pythonPipeline(spelled, options) };
  }
  const d = dltDict(spelled, keep);
  const notes = [
    ...d.notes,
    // Python left out has its own note; only `dlt.secrets`/`dlt.config` references are bound.
    ...(d.bindings.some((b) => b.kind !== "python")
      ? ["References are bound by the loading snippet (see secrets.toml and the user guide)."]
      : []),
  ];
  if (to === "json") return { filename: EXPORT_FILENAMES.json, mime: "application/json", text: writeJson(d.dict), notes };
  const header = [
    "# A dlt rest_api config written by restplay (dlt 1.26 takes it as it is). Load it with:",
    "#",
    ...loadingSnippet(d, "yaml").map((l) => (l ? `#     ${l}` : "#")),
    "",
  ];
  return { filename: EXPORT_FILENAMES.yaml, mime: "application/yaml", text: `${header.join("\n")}${writeYaml(d.dict)}`, notes };
}

/** Python code the config refers to (`{"$python": …}`). */
function pythonSnippets(v: PlainValue, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) pythonSnippets(x, out);
  else if (typeof v === "object" && v !== null) {
    if (isPython(v)) out.push(v.$python);
    else for (const x of Object.values(v)) pythonSnippets(x, out);
  }
  return out;
}

/** A complete, runnable dlt pipeline script for the config (dlt's form). */
export function pythonPipeline(value: PlainValue, options: ExportOptions = {}): string {
  const form = dltForm(value, options.keepLiteralSecrets ?? false);
  const secrets = listSecrets(form.config);
  const rt = form.runtime;
  let config = form.config;
  if (needsCustomSession(rt) && typeof config === "object" && config !== null && !Array.isArray(config)) {
    const c = config as { readonly [k: string]: PlainValue };
    const client =
      typeof c.client === "object" && c.client !== null && !Array.isArray(c.client)
        ? (c.client as { readonly [k: string]: PlainValue })
        : {};
    config = { ...c, client: { ...client, session: { $python: "retry_session" } } };
  }
  const code = pythonSnippets(form.config);
  const lines = [
    '"""A dlt pipeline for a REST API, generated by restplay (checked against dlt 1.26\'s rest_api config).',
    "",
    secrets.length ? "Secrets and config values it reads (never stored here):" : "It reads no secrets.",
    ...secrets.map((s) =>
      s.kind === "secret"
        ? `  - dlt.secrets["${s.name}"]: in .dlt/secrets.toml, or the environment variable ${secretEnvName(s.name)}`
        : `  - dlt.config["${s.name}"]: in .dlt/config.toml, or the environment variable ${secretEnvName(s.name)}`,
    ),
    ...(form.notes.length ? ["", "Rewritten into dlt's form:", ...form.notes.map((n) => `  - ${n}`)] : []),
    ...(code.length ? ["", "Python code the config refers to:", ...code.map((c) => `  - ${c.split("\n")[0]}`)] : []),
    '"""',
    "import dlt",
    "from dlt.sources.rest_api import rest_api_source",
    "",
    `source = rest_api_source(${writePythonLiteral(config)})`,
    "",
    "",
    ...pipelineMain("source"),
    "",
  ];
  // Every name the config's code uses is imported (dlt's) or defined (a stub that says what to do).
  return completed(lines.join("\n"), rt ? runtimeLines(rt) : [], runtimeImports(rt)).text;
}

/** The `.dlt/secrets.toml` download for a valid document (`null` while it has errors); `os.environ` names apart. */
export function secretsTomlFile(result: ValidationResult): ExportFile | null {
  if (!result.valid || result.value === null) return null;
  const text = secretsTomlTemplate(result.value, { environ: result.source?.environRefs ?? [] });
  return { filename: "secrets.toml", mime: "application/toml", text };
}

/** A value of each cast's type, as the template's example (TOML's int, float and bool, which dlt hands over as they are). */
const CAST_EXAMPLES: Readonly<Record<RefCast, string>> = { int: "10", float: "0.5", bool: "false" };

/** A TOML key: bare when it can be, quoted otherwise. */
const tomlKey = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));

/**
 * A `.dlt/secrets.toml` template in dlt's section layout: names and placeholders only, never values.
 * `dlt.secrets["client_id"]` reads the top-level key `client_id`; `dlt.secrets["sources.github.token"]`
 * reads `token` in `[sources.github]`. Config values are listed for `.dlt/config.toml`. The header shows
 * the loading snippet a JSON/YAML download needs.
 */
export function secretsTomlTemplate(value: PlainValue, options: ExportOptions = {}): string {
  const d = dltDict(value, options.keepLiteralSecrets ?? false);
  const refs = d.bindings.flatMap(bindingRefs);
  // A name the config casts (`int(dlt.config["lim"])`) gets an example of that type: `"<your lim>"` is no int.
  // So does one read with a type given to dlt's `get` (`dlt.config.get("lim", int)`), which dlt casts the value to.
  const typeOf = (r: RefOf): RefCast | undefined =>
    r.cast ?? (r.get === "int" || r.get === "float" || r.get === "bool" ? r.get : undefined);
  const casts = new Map(refs.flatMap((r) => (typeOf(r) ? [[r.name, typeOf(r)!] as const] : [])));
  // A name every use reads with `get` is optional: dlt's `get` gives None without it.
  const optional = new Set(refs.filter((r) => r.get !== undefined).map((r) => r.name));
  for (const r of refs) if (r.get === undefined) optional.delete(r.name);
  const placeholder = (k: string, name: string) => {
    const cast = casts.get(name);
    const line = cast ? `${k} = ${CAST_EXAMPLES[cast]}  # an example: the config reads ${cast}(…) of it` : `${k} = "<your ${k}>"`;
    return optional.has(name) ? `${line}${cast ? "; " : "  # "}optional: dlt's get gives None without it` : line;
  };
  const unique = (kind: "secret" | "config") => [...new Set(refs.filter((r) => r.kind === kind).map((r) => r.name))];
  const lines = [
    "# .dlt/secrets.toml, written by restplay. Fill in the values; never commit this file.",
    '# dlt.secrets["a.b.key"] reads `key` in the section [a.b] (or the environment variable A__B__KEY).',
  ];
  const environ = new Set(options.environ ?? []);
  const secrets = unique("secret").filter((n) => !environ.has(n));
  const fromEnvironment = unique("secret").filter((n) => environ.has(n));
  if (secrets.length === 0 && fromEnvironment.length === 0) lines.push("# This config reads no secrets.");
  lines.push(...section(secrets, placeholder));
  if (fromEnvironment.length)
    lines.push(
      "",
      "# Read with os.environ[...] by the Python file, so not from here: set these environment variables (the JSON and",
      "# YAML loading snippet's dlt.secrets[...] reads the same names from the environment too):",
      // bool() of text is True unless it is empty: no example says otherwise.
      ...fromEnvironment.map((n) => `#     ${n}=${casts.get(n) && casts.get(n) !== "bool" ? CAST_EXAMPLES[casts.get(n)!] : `<your ${n}>`}`),
    );
  const configs = unique("config");
  if (configs.length)
    lines.push("", "# dlt.config values belong in .dlt/config.toml:", ...section(configs, placeholder).map((l) => (l ? `# ${l}` : l)));
  if (d.bindings.length) {
    lines.push("", "# The JSON and YAML downloads leave these out (dlt has no reference syntax); load them like this:");
    lines.push(...loadingSnippet(d, "json").map((l) => (l ? `#     ${l}` : "#")));
  }
  return `${lines.join("\n")}\n`;
}

/** Names grouped by their sections: top-level keys first, then one `[a.b]` table per section. */
function section(names: readonly string[], line: (key: string, name: string) => string): string[] {
  const tables = new Map<string, string[]>();
  for (const n of names) {
    const parts = n.split(".");
    const key = parts.pop() ?? n;
    const table = parts.map(tomlKey).join(".");
    tables.set(table, [...(tables.get(table) ?? []), line(tomlKey(key), n)]);
  }
  const out = [...(tables.get("") ?? [])];
  for (const [t, keys] of tables) if (t) out.push("", `[${t}]`, ...keys);
  return out;
}
