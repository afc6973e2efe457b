/**
 * dlt's own settings files for `run`, `check` and `validate` (decision 0045): `secrets.toml` and `config.toml` found,
 * read and merged as dlt 1.26.0 does (dlt/common/runtime/run_context.py, configuration/providers/toml.py; checked
 * with dlt): the project's settings dir is `$DLT_PROJECT_DIR` (else the working directory) joined with
 * `$DLT_CONFIG_FOLDER` (else `.dlt`); the global one is dlt's `global_dir()` (`~/.dlt`; `/var/dlt` for root;
 * `$XDG_DATA_HOME/dlt` when set and `~/.dlt` is no dir). Each file is the project's merged over the global one, table by
 * table (`update_dict_nested`). `$DLT_DATA_DIR` is where dlt keeps pipelines, not settings: it plays no part.
 * Which value wins, and under which names, is lib/run's `resolveSecret`; the name rule is lib/shared's `settingsNode`.
 */
import { accessSync, constants, readFileSync, statSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";
import { parse, TomlDate, TomlError } from "smol-toml";
import type { SecretStatus, SettingsFile } from "../run";
import {
  dltConfigValue,
  isSettingsTable,
  pyFloatRepr,
  secretEnvName,
  settingsNode,
  type HeldDate,
  type HeldValue,
  type RefKind,
} from "../shared";
import { MAX_CONFIG_BYTES, styleFor, type CliIO } from "./io";

const KINDS = ["secrets.toml", "config.toml"] as const;

/** A settings file dlt could not load either (`TomlProviderReadException`): where, and what is wrong, never its text. */
export class SettingsFileError extends Error {
  override readonly name = "SettingsFileError";
}

export interface DltSettingsDirs {
  /** The project's settings dir (`./.dlt`). */
  readonly project: string;
  /** dlt's global settings dir (`~/.dlt`); `null`: none is read (tests). */
  readonly global: string | null;
}

/** What dlt's `global_dir()` depends on besides the environment. */
export interface HostFacts {
  readonly root: boolean;
  readonly home: string | null;
  readonly isWritableDir: (path: string) => boolean;
  readonly isDir: (path: string) => boolean;
  readonly tmp: string;
}

const isDir = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** This machine's facts, as dlt reads them (`os.geteuid() == 0`, `expanduser("~")`, `is_folder_writable`). */
function hostFacts(env: CliIO["env"]): HostFacts {
  const writable = (path: string) => {
    try {
      accessSync(path, constants.W_OK);
      return isDir(path);
    } catch {
      return false;
    }
  };
  return { root: process.geteuid?.() === 0, home: env.HOME || homedir() || null, isWritableDir: writable, isDir, tmp: tmpdir() };
}

/** dlt's `global_dir()`: where it keeps the settings every project shares. */
export function dltGlobalDir(env: CliIO["env"], host: HostFacts): string {
  const folder = env.DLT_CONFIG_FOLDER ?? ".dlt";
  if (host.root) return join("/var", "dlt");
  if (host.home === null || !host.isWritableDir(host.home)) return join(host.tmp, "dlt");
  // XDG_DATA_HOME only while ~/.dlt does not exist (dlt warns and keeps ~/.dlt otherwise).
  if (env.XDG_DATA_HOME !== undefined && !host.isDir(join(host.home, folder))) return join(env.XDG_DATA_HOME, "dlt");
  return join(host.home, folder);
}

/** The settings dirs of a command run in `io.cwd` with `io.env`: `io.dltGlobalDir` when given (tests: `null`, none). */
export function dltSettingsDirs(
  io: Pick<CliIO, "env" | "cwd" | "dltGlobalDir">,
  host: () => HostFacts = () => hostFacts(io.env),
): DltSettingsDirs {
  const project = resolve(io.cwd, io.env.DLT_PROJECT_DIR ?? ".", io.env.DLT_CONFIG_FOLDER ?? ".dlt");
  const global = io.dltGlobalDir !== undefined ? io.dltGlobalDir : dltGlobalDir(io.env, host());
  return { project, global: global === null ? null : resolve(io.cwd, global) };
}

/** Python's `str()` of the date, time or datetime tomlkit reads (`2024-01-01 10:00:00+00:00`), as text. */
function pyDateText(d: TomlDate): string {
  const iso = d.toISOString();
  return iso
    .replace("T", " ")
    .replace(/\.(\d+)/, (_, ms: string) => (/^0+$/.test(ms) ? "" : `.${ms.padEnd(6, "0")}`))
    .replace(/Z$/, "+00:00");
}

/** A value inside a list or a table, as JSON text dlt's `auto_cast` reads back as the same value (a float keeps its point). */
function jsonText(v: unknown): string {
  if (typeof v === "bigint") return String(v);
  if (typeof v === "number") return Number.isNaN(v) ? "NaN" : !Number.isFinite(v) ? (v > 0 ? "Infinity" : "-Infinity") : pyFloatRepr(v);
  if (v instanceof TomlDate) return JSON.stringify(pyDateText(v));
  if (Array.isArray(v)) return `[${v.map(jsonText).join(", ")}]`;
  if (typeof v === "object" && v !== null)
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}: ${jsonText((v as Record<string, unknown>)[k])}`)
      .join(", ")}}`;
  return JSON.stringify(v);
}

/**
 * A TOML value as the text a run binds, which dlt's `auto_cast` (lib/shared `dltConfigValue`) reads as the value dlt
 * has: a string as it is (dlt casts it as it casts the environment's: `"12345"` is an int), an integer its digits, a
 * float Python's `repr` (`2.0`), a bool `true`/`false`, a table or a list JSON (a dict, a list). A date or time is
 * Python's `str()` of it: dlt holds a `datetime`, a run its text.
 */
export function tomlValueText(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return pyFloatRepr(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v instanceof TomlDate) return pyDateText(v);
  return jsonText(v);
}

/**
 * What dlt's TOML provider holds for a value that is not text (lib/shared `HeldValue`), `undefined` for text: the value its
 * text (`tomlValueText`) reads back as, and each date or time in it, the value itself or inside a table or a list (dlt
 * unwraps tomlkit's items into Python's own: `{'d': datetime.datetime(…)}`, checked with dlt 1.26.0).
 */
export function tomlHeld(v: unknown): HeldValue | undefined {
  if (typeof v === "string") return undefined;
  const dates: HeldDate[] = [];
  const walk = (x: unknown, at: (string | number)[]): void => {
    if (x instanceof TomlDate) dates.push({ at, ...pyDate(x) });
    else if (Array.isArray(x)) x.forEach((item, i) => walk(item, [...at, i]));
    else if (isSettingsTable(x)) for (const k of Object.keys(x)) walk(x[k], [...at, k]);
  };
  walk(v, []);
  const value = v instanceof TomlDate ? pyDateText(v) : dltConfigValue(tomlValueText(v));
  return dates.length > 0 ? { value, dates } : { value };
}

/** Python's `timedelta` repr of a UTC offset of `minutes` (`datetime.timedelta(days=-1, seconds=66600)` for -05:30). */
function timedeltaRepr(minutes: number): string {
  if (minutes === 0) return "datetime.timedelta(0)";
  const seconds = minutes * 60;
  return seconds > 0 ? `datetime.timedelta(seconds=${seconds})` : `datetime.timedelta(days=-1, seconds=${86400 + seconds})`;
}

/**
 * The Python type and `repr` of a TOML date, time or datetime as dlt holds it (tomlkit's, unwrapped): checked with dlt 1.26.0's
 * tomlkit, `datetime.date(2024, 1, 2)`, `datetime.time(3, 4, 5, 100000)`, `datetime.datetime(2024, 1, 1, 0, 0,
 * tzinfo=datetime.timezone(datetime.timedelta(0), 'UTC'))` for `Z`, the offset as written naming any other zone (`'+01:00'`).
 */
function pyDate(d: TomlDate): Pick<HeldDate, "type" | "repr"> {
  const iso = d.toISOString();
  const m = /^(?:(\d{4})-(\d\d)-(\d\d))?T?(?:(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?)?(Z|[+-]\d\d:\d\d)?$/i.exec(iso.replace(" ", "T"));
  const n = (x: string | undefined): number => Number(x ?? 0);
  const date = m && m[1] !== undefined ? [n(m[1]), n(m[2]), n(m[3])] : [];
  const us = m?.[7] === undefined ? 0 : Number(m[7].padEnd(6, "0").slice(0, 6));
  // Python's repr leaves a zero second out, and a zero microsecond.
  const clock = m && m[4] !== undefined ? [n(m[4]), n(m[5]), ...(us ? [n(m[6]), us] : n(m[6]) ? [n(m[6])] : [])] : [];
  if (d.isDate()) return { type: "datetime.date", repr: `datetime.date(${date.join(", ")})` };
  if (d.isTime()) return { type: "datetime.time", repr: `datetime.time(${clock.join(", ")})` };
  const zone = m?.[8];
  let tz = "";
  if (zone !== undefined) {
    const minutes = zone.toUpperCase() === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (n(zone.slice(1, 3)) * 60 + n(zone.slice(4, 6)));
    tz = `, tzinfo=datetime.timezone(${timedeltaRepr(minutes)}, '${zone.toUpperCase() === "Z" ? "UTC" : zone}')`;
  }
  return { type: "datetime.datetime", repr: `datetime.datetime(${[...date, ...clock].join(", ")}${tz})` };
}

/** dlt's `update_dict_nested(global, project)`: the project's values over the global ones, tables merged key by key. */
function mergeOver(under: unknown, over: unknown): unknown {
  if (!isSettingsTable(under) || !isSettingsTable(over)) return over;
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(under)) out[k] = under[k];
  for (const k of Object.keys(over)) out[k] = Object.hasOwn(out, k) ? mergeOver(out[k], over[k]) : over[k];
  return out;
}

/** How messages name a file: relative to the working directory when inside it (`.dlt/secrets.toml`), else in full. */
function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/** One file read and parsed; `null` when there is no such file (dlt's `os.path.isfile`). */
function readToml(path: string, label: string): unknown {
  let text: string;
  try {
    const st = statSync(path);
    if (!st.isFile()) return null;
    if (st.size > MAX_CONFIG_BYTES) throw new SettingsFileError(`${label} is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB: not read`);
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof SettingsFileError) throw e;
    if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") return null;
    throw new SettingsFileError(`${label} could not be read (${(e as NodeJS.ErrnoException).code ?? "error"}); dlt fails on it too`);
  }
  try {
    return parse(text, { integersAsBigInt: true });
  } catch (e) {
    // The parser's first line only: what follows it quotes the file, and the file holds secrets.
    const what = e instanceof TomlError ? (e.message.split("\n")[0] ?? "").replace(/^Invalid TOML document: /, "") : "unreadable";
    const at = e instanceof TomlError ? `:${e.line}:${e.column}` : "";
    throw new SettingsFileError(
      `${label}${at}: not valid TOML: ${what}. dlt cannot load it either (TomlProviderReadException): fix the file, or move it away`,
    );
  }
}

export interface DltSettings {
  /** secrets.toml, then config.toml: each only when a file of that name was found. */
  readonly files: readonly SettingsFile[];
  /** Set when the project is a dlt workspace (`.dlt/.workspace`), whose profile files restplay does not read. */
  readonly workspace: string | null;
}

/** dlt's settings files for a command run in `io.cwd`; a `SettingsFileError` for one dlt could not load either. */
export function readDltSettings(io: Pick<CliIO, "env" | "cwd" | "dltGlobalDir">): DltSettings {
  const dirs = dltSettingsDirs(io);
  const files: SettingsFile[] = [];
  for (const kind of KINDS) {
    const paths = [...new Set([join(dirs.project, kind), ...(dirs.global !== null ? [join(dirs.global, kind)] : [])])];
    const docs = paths.flatMap((path) => {
      const label = shown(path, io.cwd);
      const doc = readToml(path, label);
      return doc === null ? [] : [{ label, doc }];
    });
    if (docs.length === 0) continue;
    const merged = docs.reduceRight<unknown>((under, d) => mergeOver(under, d.doc), undefined);
    files.push({
      kind,
      lookup: (name) => {
        const node = settingsNode(merged, name);
        if (node === undefined) return undefined;
        // The project's file when it has the name, the global one too where a table of both was merged.
        const holders = isSettingsTable(node)
          ? docs.filter((d) => isSettingsTable(settingsNode(d.doc, name)))
          : docs.filter((d) => settingsNode(d.doc, name) !== undefined).slice(0, 1);
        const held = tomlHeld(node);
        return { value: tomlValueText(node), files: holders.map((d) => d.label), ...(held ? { held } : {}) };
      },
    });
  }
  const marker = join(dirs.project, ".workspace");
  let workspace: string | null = null;
  try {
    if (statSync(marker).isFile()) workspace = shown(marker, io.cwd);
  } catch {
    // not a workspace
  }
  return { files, workspace };
}

/** How a missing reference can be given, for `run`, `check` and `validate` alike. */
export function supplyHint(kind: RefKind, name: string): string {
  const files = kind === "secret" ? ".dlt/secrets.toml" : ".dlt/config.toml or .dlt/secrets.toml";
  return `pass --secret ${name}=VALUE, set the environment variable ${secretEnvName(name)} or add ${name} to ${files}`;
}

/**
 * What the settings files gave, said on stderr with names only, never a value: the names each file supplied, the ones
 * whose file value a `--mock` run replaced with the mock's demo value, a secret only config.toml has (dlt reads no
 * secret there), and a dlt workspace whose profile files are not read.
 */
export function noteSettings(statuses: readonly SecretStatus[], settings: DltSettings, io: CliIO): void {
  const note = styleFor(io.stderr, io.env).dim("note");
  const byFiles = (pick: (s: SecretStatus) => readonly string[] | undefined) => {
    const groups = new Map<string, string[]>();
    for (const s of statuses) {
      const files = pick(s);
      if (!files?.length) continue;
      const key = files.join(" and ");
      const names = groups.get(key) ?? [];
      if (!names.includes(s.name)) names.push(s.name);
      groups.set(key, names);
    }
    return [...groups].map(([files, names]) => `${names.join(", ")} from ${files}`).join("; ");
  };
  const from = byFiles((s) => (s.source === "settings_file" ? s.files : undefined));
  if (from) io.stderr.write(`${note}: values from dlt's settings files: ${from}\n`);
  const shadowed = byFiles((s) => (s.source === "mock_demo" ? s.shadowed : undefined));
  if (shadowed)
    io.stderr.write(
      `${note}: --mock uses the mock API's demo values, not ${shadowed} (the mock accepts only its own credentials; ` +
        "--secret or the environment would override them)\n",
    );
  const unread = byFiles((s) => (s.source === "missing" ? s.inConfigToml : undefined));
  if (unread)
    io.stderr.write(
      `${note}: ${unread} is not read as a secret: dlt never reads dlt.secrets[...] from config.toml ` +
        "(a @dlt.source parameter defaulting to dlt.secrets.value fails there: ValueNotSecretException); move it to secrets.toml\n",
    );
  if (settings.workspace !== null)
    io.stderr.write(
      `${note}: ${settings.workspace} makes this a dlt workspace: restplay reads secrets.toml and config.toml as a plain dlt ` +
        "project does, not the workspace's profile files (<profile>.secrets.toml)\n",
    );
}
