/**
 * `restplay check FILE [--mock [--mock-spec SPEC]] [--resource NAME]... [--secret NAME=VALUE]... [--format text|json]`
 *
 * The auth exchange and the first page of every resource, then a pass/fail matrix with the reason per
 * resource (lib/run's check fold). No paging, no state, nothing loaded. Exit 0 when every resource
 * passes, 1 otherwise. Secrets come as `run` takes them (`--secret`, the environment, dlt's settings files).
 */
import { listSecrets, referencesInCode, validateText } from "../config";
import { withTypeValues } from "./type-values";
import { cells, pad, readSource, styleFor, UsageError, type CliIO } from "./io";
import { readMockSpec } from "./mock-spec";
import { checkFailure, jsonDocument } from "./failure-json";
import { literalMasker, settingsOrFail, warnUnusedSecrets } from "./run-command";
import { noteSettings } from "./dlt-settings";
import { invalidMessage, printDiagnostics, type OutputFormat } from "./validate";
import { moduleOfFile } from "../shared";

/** The verdict column: as wide as its longest word, `– untested`. */
const MARK_WIDTH = 10;

export interface CheckOptions {
  readonly mock?: boolean;
  readonly mockSpec?: string;
  /** With a sample response as `mockSpec`: the address it came from. */
  readonly sampleUrl?: string;
  readonly resource?: readonly string[];
  readonly secret?: readonly (readonly [string, string])[];
  readonly format: OutputFormat;
}

export async function checkCommand(file: string, options: CheckOptions, io: CliIO): Promise<number> {
  const source = await readSource(file, io);
  const target = options.mock ? "mock" : "live";
  const fail = (code: string, message: string) => {
    io.stderr.write(`error: ${message.split("\n").join("\nerror: ")}\n`);
    if (options.format === "json") io.stdout.write(jsonDocument(checkFailure(code, message)));
  };
  const settings = settingsOrFail(io, fail);
  if (settings === null) return 1;
  const given = Object.fromEntries(options.secret ?? []);
  const inputs = { given, env: io.env, settings: settings.files, target, module: moduleOfFile(source.file) } as const;
  // A paginator's or auth's `type` given as a reference is checked as the value the check has for it.
  const types = await withTypeValues(source, validateText(source.config, source.format), inputs);
  if (types.missing !== null) {
    noteSettings(types.statuses, settings, io);
    fail("missing_secret", types.missing);
    return 1;
  }
  const { validation } = types;
  if (!validation.valid || validation.config === null) {
    printDiagnostics(validation, source, io, "stderr");
    if (options.format === "json") io.stdout.write(jsonDocument(checkFailure("invalid_config", invalidMessage(source.file, validation))));
    return 1;
  }
  if (options.mockSpec && !options.mock) throw new UsageError("--mock-spec needs --mock (the spec's mock serves the mock target)");
  const { prepareRun, resolveSecrets, collectCheck, CHECK_LIMITS, CheckFold } = await import("../run");
  const mockSpec = await readMockSpec(options.mockSpec, io, { sampleUrl: options.sampleUrl, configFromStdin: file === "-" });
  const resolved = resolveSecrets(listSecrets(validation.config), inputs);
  const values = { ...types.values, ...resolved.values };
  const held = { ...types.held, ...resolved.held };
  const statuses = [...types.statuses, ...resolved.statuses];
  warnUnusedSecrets(options.secret ?? [], statuses, io, referencesInCode(validation.value), inputs.module);
  noteSettings([...types.statuses, ...resolved.statuses], settings, io);
  const stop = new AbortController();
  // A Ctrl-C while the modules loaded counts too (a listener added to an aborted signal never fires).
  if (io.signal?.aborted) stop.abort();
  else io.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  const live = !options.mock && !io.transport ? (await import("../net")).createLiveTransport() : null;
  const prepared = prepareRun(
    {
      text: source.config,
      ...(source.format ? { format: source.format } : {}),
      target,
      resources: options.resource ?? [],
      secrets: values,
      held,
      conditions: types.conditions,
      // Resolved from --secret, the environment and dlt's files: an empty one is a value, as dlt takes it.
      secretsResolved: true,
      limits: CHECK_LIMITS,
      ...(mockSpec ? { mockSpec } : {}),
    },
    { liveTransport: io.transport ?? live ?? undefined, signal: stop.signal },
  );
  if (!prepared.ok) {
    await live?.close();
    if (prepared.code === "unknown_resource") throw new UsageError(prepared.message);
    io.stderr.write(`error: ${prepared.message}\n`);
    if (options.format === "json") io.stdout.write(jsonDocument(checkFailure(prepared.code, prepared.message)));
    return 1;
  }
  const checked = await collectCheck(prepared.events, () => stop.abort()).finally(() => live?.close());
  // A credential written into a resource's name (`"items?token=…"`) is masked, as `run` masks it.
  const { normalizeIdentifier } = await import("../preview");
  const masker = literalMasker(prepared.literalSecrets, normalizeIdentifier);
  const report = { ...checked, rows: checked.rows.map((r) => ({ ...r, resource: masker.text(r.resource) })) };
  const exit = io.signal?.aborted ? 130 : report.ok ? 0 : 1;
  if (options.format === "json") {
    // `error` says why no row was checked (failure-json.ts): null when they were, so every document has the same keys.
    io.stdout.write(jsonDocument({ ...report, error: null }));
    return exit;
  }
  const style = styleFor(io.stdout, io.env);
  const width = Math.max(8, ...report.rows.map((r) => cells(r.resource)));
  io.stdout.write(`${style.bold(`restplay check ${source.file}`)}${style.dim(options.mock ? " — mock API" : " — live API")}\n`);
  for (const r of report.rows) {
    // Marks padded alike, so the names and the reasons line up whatever the verdict.
    const [word, paint] =
      r.status === "pass" ? ["✓ pass", style.green] : r.status === "untested" ? ["– untested", style.yellow] : ["✗ fail", style.red];
    io.stdout.write(`${paint(pad(word, MARK_WIDTH))}  ${pad(r.resource, width)}  ${r.reason.split("\n")[0]}\n`);
    const detail = [r.auth ? `auth: ${r.auth}` : null, r.request].filter(Boolean).join(" · ");
    if (detail) io.stdout.write(`${" ".repeat(MARK_WIDTH + 2 + width + 2)}${style.dim(detail)}\n`);
  }
  io.stdout.write(`${CheckFold.summary(report)}\n`);
  if (exit === 130) io.stderr.write("cancelled\n");
  return exit;
}
