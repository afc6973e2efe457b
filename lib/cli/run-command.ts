/**
 * `restplay run FILE [--mock [--mock-spec SPEC]] [--resource NAME]... [--secret NAME=VALUE]... [--max-pages N]
 *   [--state-dir DIR] [--duckdb FILE] [--format text|json]`
 *
 * Secrets: `--secret`, else the environment variable dlt reads (`CLIENT_ID` for
 * `dlt.secrets["client_id"]`), else dlt's `.dlt/secrets.toml`, then `.dlt/config.toml` (dlt-settings.ts), with
 * `--mock` the mock API's demo value coming before those files (decision 0045). Live runs use lib/net's
 * transport with real waits, unguarded (the CLI runs on the user's machine and may reach any host)
 * but with the same response limits as the server.
 * In json mode stdout carries only the JSON result (with the destination's tables); the trace goes to stderr.
 * `--state-dir DIR` keeps the destination and the incremental state across invocations (`state-dir.ts`).
 * `--duckdb FILE` writes the destination after the run as the DuckDB file dlt's duckdb destination
 * would leave (lib/duck, decision 0019): dataset `rest_api_data`, `_dlt_loads`, `_dlt_version`.
 */
import { listSecrets, referencesInCode, validateText } from "../config";
import { withTypeValues } from "./type-values";
import type { RunLimits } from "../engine";
import type { RunSummary, SecretSource, SecretStatus } from "../run";
import { readSource, styleFor, UsageError, writableFile, writePieces, type CliIO, type Source } from "./io";
import type { RunState, RunTarget } from "./state-dir";
import { diagnosticJson } from "./diagnostics";
import { jsonDocument, runFailure } from "./failure-json";
import { formatRunSummary, TracePrinter } from "./trace";
import { formatTables, ROWS_SHOWN } from "./tables";
import { invalidMessage, printDiagnostics, type OutputFormat } from "./validate";
import { Masker, moduleOfFile, refSpelling, secretEnvName, secretLookupNames, type HeldValues } from "../shared";
import { noteSettings, readDltSettings, SettingsFileError, supplyHint, type DltSettings } from "./dlt-settings";
import { resolve } from "node:path";

export interface RunOptions {
  readonly mock?: boolean;
  readonly resource?: readonly string[];
  readonly secret?: readonly (readonly [string, string])[];
  readonly maxPages?: number;
  /** Keep the destination and the incremental state in this directory across runs. */
  readonly stateDir?: string;
  /** Write the destination after the run to this DuckDB file. */
  readonly duckdb?: string;
  /** With --mock: an OpenAPI document (HAR file, sample) whose API the mock also serves (issue #11). */
  readonly mockSpec?: string;
  /** With a sample response as `mockSpec`: the address it came from. */
  readonly sampleUrl?: string;
  readonly format: OutputFormat;
  /** Limits beyond `--max-pages` (no flags: the benchmarks run a million records through this path). */
  readonly limits?: Partial<RunLimits>;
}

/** How the trace header names where each secret came from. */
const SOURCE_LABEL: Readonly<Record<SecretSource, (s: SecretStatus) => string>> = {
  given: () => "--secret",
  environment: (s) => `$${s.variable ?? secretEnvName(s.name)}`,
  settings_file: (s) => (s.files ?? []).join(" and "),
  mock_demo: () => "mock demo value",
  missing: (s) => (s.optional ? "not set: dlt's get gives None" : "missing"),
};

/**
 * A `--secret` the config never reads (a misspelt name) is said on stderr: it would silently be ignored. So is one the
 * config reads only inside Python restplay does not evaluate (`inCode`: `int(dlt.config["lim"]) * 2`), which dlt reads.
 */
export function warnUnusedSecrets(
  given: readonly (readonly [string, string])[],
  statuses: readonly SecretStatus[],
  io: CliIO,
  inCode: ReadonlySet<string> = new Set(),
  module?: string,
): void {
  const used = statuses.map((s) => s.name);
  // `github_token` is used by the parameter `sources.github_source.github_token` (dlt's fallback to a shorter name).
  const read = new Set(statuses.flatMap((s) => secretLookupNames(s.name, s.param, module)));
  for (const [name] of given)
    if (!read.has(name)) {
      const reads = used.length ? `it reads ${used.map((n) => `\`${n}\``).join(", ")}` : "it reads no secrets";
      const why = inCode.has(name)
        ? `the config reads ${name} only inside Python restplay does not evaluate (dlt evaluates it when it runs): ` +
          "write the value, or the reference alone, where it is used to run it here"
        : `the config has no dlt.secrets["${name}"] or dlt.config["${name}"] (${reads})`;
      io.stderr.write(`${styleFor(io.stderr, io.env).yellow("warning")}: --secret ${name} is not used: ${why}\n`);
    }
}

/**
 * dlt's settings files for a command (dlt-settings.ts), or `null` after `fail` said which one dlt could not load
 * either (file:line:col, what is wrong; never its text).
 */
export function settingsOrFail(io: CliIO, fail: (code: string, message: string) => void): DltSettings | null {
  try {
    return readDltSettings(io);
  } catch (e) {
    if (!(e instanceof SettingsFileError)) throw e;
    fail("invalid_settings", e.message);
    return null;
  }
}

/**
 * A masker for what the CLI prints around the engine's events: the literal credentials written into the
 * config (`"items?token=…"` as a resource), as written and as dlt normalises them into a table's name.
 */
export function literalMasker(literals: readonly string[], normalize: (name: string) => string): Masker {
  const masker = new Masker();
  for (const literal of literals) for (const s of [literal, normalize(literal)]) masker.add(s);
  return masker;
}

/** The summary with every resource and table name masked (`--format json`): the names are the only text the engine did not mask. */
export function maskSummaryNames(summary: RunSummary, masker: Masker): RunSummary {
  const name = (s: string) => masker.text(s);
  return {
    ...summary,
    resources: summary.resources.map((r) => ({ ...r, name: name(r.name) })),
    limits: summary.limits.map((l) => ({ ...l, resource: name(l.resource) })),
    errors: summary.errors.map((e) => ({ ...e, resource: e.resource === null ? null : name(e.resource) })),
    tables: summary.tables.map((t) => ({ ...t, name: name(t.name), parent: t.parent === null ? null : name(t.parent) })),
  };
}

export async function runCommand(file: string, options: RunOptions, io: CliIO): Promise<number> {
  if (options.mockSpec && !options.mock) throw new UsageError("--mock-spec needs --mock (the spec's mock serves the mock target)");
  const source = await readSource(file, io);
  const json = options.format === "json";
  const fail = (code: string, message: string, exit: number) => {
    if (json) io.stdout.write(jsonDocument(runFailure(code, message)));
    const label = styleFor(io.stderr, io.env).red("error");
    io.stderr.write(
      message
        .split("\n")
        .map((line) => `${label}: ${line}\n`)
        .join(""),
    );
    return exit;
  };

  const settings = settingsOrFail(io, (code, message) => fail(code, message, 1));
  if (settings === null) return 1;
  const given = Object.fromEntries(options.secret ?? []);
  const target = options.mock ? "mock" : "live";
  const inputs = { given, env: io.env, settings: settings.files, target, module: moduleOfFile(source.file) } as const;
  // A paginator's or auth's `type` given as a reference is checked as the value the run has for it.
  const types = await withTypeValues(source, validateText(source.config, source.format), inputs);
  if (types.missing !== null) {
    noteSettings(types.statuses, settings, io);
    return fail("missing_secret", types.missing, 1);
  }
  const { validation } = types;
  if (!validation.valid || validation.config === null) {
    printDiagnostics(validation, source, io, "stderr");
    return fail("invalid_config", invalidMessage(source.file, validation), 1);
  }
  const config = validation.config;
  const { missingSecrets, resolveSecrets } = await import("../run");

  const resolved = resolveSecrets(listSecrets(config), inputs);
  const secrets = { ...types.values, ...resolved.values };
  const held = { ...types.held, ...resolved.held };
  const statuses = [...types.statuses, ...resolved.statuses];
  const origins = new Map<string, string>(statuses.map((s) => [s.name, SOURCE_LABEL[s.source](s)]));
  warnUnusedSecrets(options.secret ?? [], statuses, io, referencesInCode(validation.value), inputs.module);
  noteSettings(statuses, settings, io);
  const missing = missingSecrets(config, inputs, options.resource ?? []);
  if (missing.length > 0) {
    const lines = missing.map(({ name: n, kind }) => `missing ${kind} ${n} (${refSpelling(kind, n)}): ${supplyHint(kind, n)}`);
    return fail("missing_secret", lines.join("\n"), 1);
  }

  // Where the run's results go is checked before it runs: a run of minutes is not lost to a path that cannot be written.
  const duckdbFile = options.duckdb !== undefined ? await writableFile(resolve(io.cwd, options.duckdb), "--duckdb") : null;
  // The run replaces the file: one that is no DuckDB database (the config itself, a typo) is refused, as dlt's duckdb destination would.
  if (duckdbFile !== null && !(await (await import("../duck")).replaceableByDuckDb(duckdbFile)))
    throw new UsageError(
      `--duckdb ${duckdbFile}: it is not a DuckDB database, and the run would replace it; name a new file or a DuckDB database`,
    );
  const stateDir = options.stateDir !== undefined ? resolve(io.cwd, options.stateDir) : null;
  const { loadState, lockStateDir } = await import("./state-dir");
  const release = stateDir !== null ? await lockStateDir(stateDir) : null;
  try {
    const state = stateDir !== null ? await loadState(stateDir) : null;
    if (state !== null && stateDir !== null) await warnTargetChange(state, runTarget(options), stateDir, io);
    return await runLoaded(source, options, io, {
      secrets,
      held,
      conditions: types.conditions,
      origins,
      stateDir,
      state,
      duckdbFile,
      configFromStdin: file === "-",
      fail,
    });
  } finally {
    await release?.();
  }
}

const runTarget = (options: RunOptions): RunTarget => (options.mock ? "mock" : "live");
const TARGET_NAMES: Readonly<Record<RunTarget, string>> = { mock: "against the mock API", live: "live" };

/**
 * A state kept by a run against another target (`--mock`, then live) is carried over as dlt carries its state: the
 * cursors and the tables do not know the base URL. Said on stderr, with the way out.
 */
async function warnTargetChange(state: RunState, target: RunTarget, dir: string, io: CliIO): Promise<void> {
  const { keepsAnything } = await import("./state-dir");
  if (state.target === null || state.target === target || !keepsAnything(state)) return;
  const was = state.target === "mock" ? "the mock API" : "the live API";
  io.stderr.write(
    `${styleFor(io.stderr, io.env).yellow("warning")}: the state in ${dir} comes from a run against ${was}, and this run is ` +
      `${TARGET_NAMES[target]}: its incremental cursors and tables carry over (dlt's state does not know the base URL ` +
      `either); delete ${dir} to start over\n`,
  );
}

interface Loaded {
  readonly secrets: Record<string, string>;
  /** What dlt's TOML providers hold for some of them as other than text (lib/run's `RunRequest.held`). */
  readonly held: HeldValues;
  /** The truth of the references the file's conditionals test (lib/run's `RunRequest.conditions`). */
  readonly conditions: Readonly<Record<string, boolean>>;
  readonly origins: ReadonlyMap<string, string>;
  readonly stateDir: string | null;
  readonly state: RunState | null;
  readonly duckdbFile: string | null;
  /** The config was read from standard input (`-`): `--mock-spec -` cannot read it too. */
  readonly configFromStdin: boolean;
  readonly fail: (code: string, message: string, exit: number) => number;
}

/** The run itself, once its secrets are known and its state dir (if any) is held. */
async function runLoaded(source: Source, options: RunOptions, io: CliIO, loaded: Loaded): Promise<number> {
  const { secrets, held, conditions, origins, stateDir, state, duckdbFile, fail } = loaded;
  const json = options.format === "json";
  const out = json ? io.stderr : io.stdout;
  const style = styleFor(out, io.env);
  // What is printed around the engine's events is masked as they are (a resource named `items?token=…`).
  let masker = new Masker();
  const progress = { write: (s: string) => out.write(masker.text(s)) };
  const say = (line: string) => progress.write(`${line}\n`);
  const { prepareRun, createRunCollector } = await import("../run");
  const limits: Partial<RunLimits> = { ...options.limits, ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}) };
  const mockSpec = await (
    await import("./mock-spec")
  ).readMockSpec(options.mockSpec, io, { sampleUrl: options.sampleUrl, configFromStdin: loaded.configFromStdin });
  const live = !options.mock && !io.transport ? (await import("../net")).createLiveTransport() : null;
  const prepared = prepareRun(
    {
      text: source.config,
      ...(source.format ? { format: source.format } : {}),
      target: options.mock ? "mock" : "live",
      resources: options.resource ?? [],
      secrets,
      held,
      conditions,
      // Resolved from --secret, the environment and dlt's files: an empty one is a value, as dlt takes it.
      secretsResolved: true,
      limits,
      ...(state ? { state: state.incremental } : {}),
      ...(mockSpec ? { mockSpec } : {}),
    },
    { liveTransport: io.transport ?? live ?? undefined, ...(io.signal ? { signal: io.signal } : {}) },
  );
  const { jsonPieces, normalizeIdentifier } = await import("../preview");
  // A literal in a resource's name is in its table's name too, as dlt normalises it (`items_token_tok_in_name`).
  if (prepared.ok) masker = literalMasker(prepared.literalSecrets, normalizeIdentifier);
  if (!prepared.ok) {
    await live?.close();
    if (prepared.code === "unknown_resource") throw new UsageError(prepared.message);
    return fail(prepared.code, prepared.message, 1);
  }

  say(style.bold(`restplay run ${source.file}`) + style.dim(options.mock ? " — mock API (waits are virtual)" : " — live API"));
  const shown = [...origins].map(([n, o]) => `${n} (${o})`);
  if (shown.length) say(style.dim(`secrets: ${shown.join(", ")}`));
  for (const d of prepared.diagnostics) {
    const p = diagnosticJson(d, source.config);
    const label = d.severity === "warning" ? style.yellow(d.severity) : style.cyan(d.severity);
    say(`${style.dim(`${source.file}:${p.line}:${p.column}`)}  ${label}  ${style.dim(d.code)}  ${d.message.split("\n")[0]}`);
  }

  // Text output prints counts and the first rows of each table: the preview keeps those (and exact
  // counts) only. JSON, --state-dir and --duckdb need every row, kept in memory (docs/decisions/0025).
  const window = !json && !state && options.duckdb === undefined ? ROWS_SHOWN : undefined;
  const collector = createRunCollector(
    state ? { destination: state.destination, incrementalBefore: state.incremental } : window !== undefined ? { window } : {},
  );
  const trace = new TracePrinter((s) => progress.write(s), style);
  try {
    for await (const event of prepared.events) {
      collector.push(event);
      trace.event(event);
    }
  } finally {
    await live?.close();
  }
  // Text output prints counts and the first rows (./tables.ts): only JSON needs every row copied out.
  const summary = collector.summary({ rows: json });
  progress.write(formatRunSummary(summary, collector.preview.tables(), style, (name) => masker.text(name)));
  if (!json) progress.write(formatTables(collector.preview.tables(), style));
  // What could not be written is said, and the run's result is still printed.
  const unsaved: string[] = [];
  const saving = async (what: string, write: () => Promise<void>) => {
    try {
      await write();
    } catch (e) {
      const message = `could not write ${what}: ${e instanceof Error ? e.message : String(e)}`;
      unsaved.push(message);
      io.stderr.write(`${styleFor(io.stderr, io.env).red("error")}: ${message}\n`);
    }
  };
  // A run that changed nothing (failed, cancelled) leaves the state dir as it was: no file is written, not even a first one.
  const changed = collector.preview.loaded() || collector.preview.cursorsMoved();
  const ended = io.signal?.aborted ? "was cancelled" : "failed";
  if (state && stateDir !== null && !changed) say(style.dim(`state in ${stateDir} left as it was (the run ${ended}: nothing was loaded)`));
  else if (state && stateDir !== null) {
    const { saveState } = await import("./state-dir");
    // The target is the last run's that changed the state.
    const next = {
      destination: state.destination,
      incremental: collector.preview.incrementalState(state.incremental),
      target: runTarget(options),
    };
    await saving(`the state in ${stateDir}`, async () => {
      await saveState(stateDir, next);
      const how = collector.preview.packageless()
        ? "nothing new to load: dlt makes no load of this run"
        : collector.preview.loaded()
          ? "this run was loaded"
          : "dlt's load failed: the destination is as before, the cursors moved on (dlt keeps them from the extract)";
      say(style.dim(`state kept in ${stateDir} (${how})`));
    });
  }
  // A run dlt does not load leaves the database as it was (its own reason is the summary's last line).
  if (duckdbFile !== null && !collector.preview.loaded()) say(style.dim(`duckdb: ${duckdbFile} left as it was (nothing was loaded)`));
  else if (duckdbFile !== null) {
    const { writeDuckDbFile, DATASET } = await import("../duck");
    await saving(duckdbFile, async () => {
      await writeDuckDbFile(duckdbFile, collector.preview.destination.state());
      const tables = collector.preview.tables().reduce((n, t) => n + 1 + t.child_tables.length, 0);
      say(style.dim(`duckdb: ${duckdbFile} (dataset ${DATASET}: ${tables} table${tables === 1 ? "" : "s"}, _dlt_loads, _dlt_version)`));
    });
  }
  // In pieces: a destination of some hundred thousand rows is more text than one string can hold.
  if (json) {
    // What could not be written fails the document as it fails the exit code (`"ok": false`, a `write_failed` error).
    const masked = maskSummaryNames(summary, masker);
    const failed = unsaved.map((message) => ({ resource: null, code: "write_failed", message }));
    await writePieces(io.stdout, jsonPieces(failed.length ? { ...masked, ok: false, errors: [...masked.errors, ...failed] } : masked, 2));
    io.stdout.write("\n");
  }
  // A Ctrl-C once the run had ended (while its state or its DuckDB file was written) cancelled nothing: the run's own code.
  if (io.signal?.aborted && !summary.ok) {
    io.stderr.write("cancelled\n");
    return 130;
  }
  if (io.signal?.aborted)
    io.stderr.write(`Ctrl-C came after the run had ended: nothing was cancelled${unsaved.length ? "" : ", its results are kept"}\n`);
  return collector.ok() && unsaved.length === 0 ? 0 : 1;
}
