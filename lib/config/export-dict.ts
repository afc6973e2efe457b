/**
 * The dict dlt accepts, for the JSON and YAML downloads (decision 0023): the seed dialect converted,
 * credentials written into the config moved to dlt.secrets (unless the user keeps them), and every
 * reference taken out of the dict: dlt has no `{"$secret": …}`. Each one becomes a binding the
 * loading snippet writes back from `dlt.secrets[...]`/`dlt.config[...]` before calling rest_api_source;
 * text made with references (`{"$format": …}`) is written back as the f-string that makes it.
 */
import { joinedParts, joinedWithPlus, pyFormatString, pyRef, type PlainValue } from "../formats";
import { toDltCanonical, type RuntimeRetry } from "./canonical";
import { moveLiteralCredentials } from "./rules/secret-literals";
import { refsAsText } from "./text-refs";
import {
  getOwn,
  isFormat,
  isPython,
  markerOf,
  refOf,
  refsIn,
  refValue,
  setOwn,
  type FormatValue,
  type RefCast,
  type RefGet,
  type RefOf,
  type RefValue,
} from "../shared";

type Path = (string | number)[];
type Obj = { [k: string]: PlainValue };
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export interface Binding {
  readonly path: Path;
  /**
   * `python`: code JSON and YAML cannot hold (`name` is the code); the loading snippet shows it as a
   * commented line. `format`: text made with references (`name` is the f-string, `format` the value).
   */
  readonly kind: "secret" | "config" | "format" | "python";
  readonly name: string;
  readonly format?: FormatValue;
  /** A reference's cast (`int(dlt.config["lim"])`), bound so by the loading snippet. */
  readonly cast?: RefCast;
  /** Read with dlt's `get` (`dlt.config.get("lim", int)`), bound so by the loading snippet. */
  readonly get?: RefGet;
}

/** The references a binding reads: itself, or a `format`'s (each with its cast and `get`, if any). */
export const bindingRefs = (b: Binding): readonly RefOf[] =>
  b.kind === "format"
    ? refsIn(b.format)
    : b.kind === "python"
      ? []
      : [{ kind: b.kind, name: b.name, ...(b.cast ? { cast: b.cast } : {}), ...(b.get !== undefined ? { get: b.get } : {}) }];

/** A binding's reference as the loading snippet reads it: `dlt.secrets["k"]`, `int(dlt.config["lim"])`, `dlt.config.get("x")`. */
const boundRef = (b: Binding): string =>
  b.kind === "secret" || b.kind === "config" ? pyRef(refValue(b.kind, b.name, b.cast, b.get)) : "None";

export interface DltDict {
  readonly dict: PlainValue;
  readonly bindings: readonly Binding[];
  readonly runtime: RuntimeRetry | null;
  /** One line per change made for dlt (dialect rewrites, moved secrets, Python left out). */
  readonly notes: readonly string[];
}

/**
 * The config in dlt's form with literal credentials as references (rules/secret-literals.ts; auth's own fields are
 * canonical's), and the references where dlt wants text bound as text (text-refs.ts).
 */
export function dltForm(
  value: PlainValue,
  keepLiteralSecrets = false,
): { config: PlainValue; runtime: RuntimeRetry | null; notes: string[] } {
  const canonical = toDltCanonical(value, { keepLiteralSecrets });
  const notes = [...canonical.notes];
  if (!keepLiteralSecrets) notes.push(...moveLiteralCredentials(canonical.config));
  const text = refsAsText(canonical.config);
  return { config: rejoined(text.config, joinedAt(value)), runtime: canonical.runtime, notes: [...notes, ...text.notes] };
}

type Joined = { readonly path: Path; readonly format: FormatValue; readonly parts: readonly number[] };

/** Where `value` holds text its Python joins with `+` (`joinedWithPlus`), which the copies above do not keep. */
function joinedAt(value: PlainValue, path: Path = [], out: Joined[] = []): Joined[] {
  const parts = isFormat(value) ? joinedParts(value) : undefined;
  if (parts !== undefined) out.push({ path, format: value as FormatValue, parts });
  else if (Array.isArray(value)) value.forEach((x: PlainValue, i) => joinedAt(x, [...path, i], out));
  else if (isObj(value) && markerOf(value) === null) for (const [k, x] of Object.entries(value)) joinedAt(x, [...path, k], out);
  return out;
}

const at = (v: PlainValue | undefined, k: string | number): PlainValue | undefined =>
  Array.isArray(v) ? (v[k as number] as PlainValue | undefined) : isObj(v) ? getOwn(v, String(k)) : undefined;

/** `config` (a fresh copy) with each such text marked again where it still is, the same text. */
function rejoined(config: PlainValue, joined: readonly Joined[]): PlainValue {
  for (const j of joined) {
    const parent = j.path.slice(0, -1).reduce<PlainValue | undefined>(at, config);
    const key = j.path[j.path.length - 1];
    const now = key === undefined ? undefined : at(parent, key);
    if (key === undefined || !isFormat(now) || JSON.stringify(now) !== JSON.stringify(j.format)) continue;
    if (Array.isArray(parent)) parent[key as number] = joinedWithPlus(now, j.parts);
    else setOwn(parent as Obj, String(key), joinedWithPlus(now, j.parts));
  }
  return config;
}

export function dltDict(value: PlainValue, keepLiteralSecrets = false): DltDict {
  const { config, runtime, notes } = dltForm(value, keepLiteralSecrets);
  const bindings: Binding[] = [];
  const params = new Set<string>();
  const strip = (v: PlainValue, path: Path): PlainValue | undefined => {
    const ref = refOf(v);
    if (ref) {
      const { param, ...read } = ref;
      if (param !== undefined) params.add(ref.name);
      bindings.push({ path, ...read });
      return undefined;
    }
    if (isFormat(v)) {
      const inParams = refsIn(v).filter((p) => p.param !== undefined);
      inParams.forEach((p) => params.add(p.name));
      // A copy only when it has a parameter: the side table of `+`-joined text (`joinedWithPlus`) is keyed by the value.
      const format = inParams.length ? { $format: v.$format.map((p) => (typeof p === "string" ? p : unparam(p))) } : v;
      bindings.push({ path, kind: "format", name: pyFormatString(format), format });
      return undefined;
    }
    if (isPython(v)) {
      bindings.push({ path, kind: "python", name: v.$python });
      notes.push(
        `\`${path.join(".")}\` is Python code (\`${v.$python.slice(0, 60)}\`): JSON and YAML cannot hold it, so it is left ` +
          "out; the loading snippet shows the line that sets it (uncomment it, with what it uses).",
      );
      return undefined;
    }
    if (Array.isArray(v)) return v.map((x: PlainValue, i) => strip(x, [...path, i]) ?? null);
    if (isObj(v)) {
      const out: Obj = {};
      for (const [k, x] of Object.entries(v)) {
        const kept = strip(x, [...path, k]);
        if (kept !== undefined) out[k] = kept;
      }
      return out;
    }
    return v;
  };
  const dict = strip(config, []) ?? null;
  if (params.size > 0)
    notes.push(
      `${[...params].map((n) => `\`${n}\``).join(", ")}: a @dlt.source parameter in your file, which dlt also injects from its ` +
        "module's section and the shorter names; the loading snippet reads it as dlt.secrets[...] of that name, which dlt looks " +
        "up under that name only (secrets.toml: the table and key of that name).",
    );
  return { dict, bindings, runtime, notes };
}

/** A reference as the loading snippet reads it: by its name, no longer a source function's parameter. */
const unparam = (r: RefValue): RefValue => {
  const { kind, name, cast, get } = refOf(r) as RefOf;
  return refValue(kind, name, cast, get);
};

const pyKey = (k: string | number) => (typeof k === "number" ? `[${k}]` : `[${JSON.stringify(k)}]`);

/** Each download's file name (the playground's, and what `restplay export` suggests redirecting stdout to). */
export const EXPORT_FILENAMES = { python: "rest_api_pipeline.py", json: "rest_api_config.json", yaml: "rest_api_config.yaml" } as const;

/** How a JSON/YAML user hands the download to dlt: load the dict, bind the references, call rest_api_source. */
export function loadingSnippet(d: DltDict, format: "json" | "yaml"): string[] {
  const file = EXPORT_FILENAMES[format];
  const refs = d.bindings.filter((b) => b.kind !== "python");
  const code = d.bindings.filter((b) => b.kind === "python");
  return [
    ...(d.runtime ? ["import os"] : []),
    format === "json" ? "import json" : "import yaml  # PyYAML",
    "",
    "import dlt",
    "from dlt.sources.rest_api import rest_api_source",
    "",
    ...(d.runtime
      ? [
          `os.environ.setdefault("RUNTIME__REQUEST_MAX_ATTEMPTS", "${d.runtime.request_max_attempts}")`,
          `os.environ.setdefault("RUNTIME__REQUEST_BACKOFF_FACTOR", "${d.runtime.request_backoff_factor}")`,
          "",
        ]
      : []),
    `with open("${file}", encoding="utf-8") as f:`,
    `    config = ${format === "json" ? "json.load(f)" : "yaml.safe_load(f)"}`,
    ...(refs.length ? ["# The values restplay took out of the file, read from .dlt/secrets.toml (and config.toml):"] : []),
    ...refs.map((b) => `config${b.path.map(pyKey).join("")} = ` + (b.kind === "format" ? b.name : boundRef(b))),
    // Left as comments: the code may use names only the user's file defines; the snippet must run as it is.
    ...(code.length ? ["# Python from your config that the file cannot hold: set it here as written, with what it uses:"] : []),
    ...code.flatMap((b) => {
      const lines = b.name.trim().split("\n");
      const target = `config${b.path.map(pyKey).join("")}`;
      const set = lines.length === 1 ? [`${target} = ${lines[0] ?? ""}`] : [`${target} = (`, ...lines.map((l) => `    ${l}`), ")"];
      return set.map((l) => `# ${l}`);
    }),
    "source = rest_api_source(config)",
  ];
}
