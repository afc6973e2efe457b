/** `restplay validate FILE [--format text|json]`: exit 0 valid (warnings allowed), 1 invalid. */
import { listSecrets, notRunnableReason, referencesInCode, validateText, type ValidationResult } from "../config";
import { diagnosticJson, formatReport, type ValidateJson } from "./diagnostics";
import { readSource, styleFor, type CliIO, type Source } from "./io";
import { jsonDocument, validateFailure } from "./failure-json";
import { moduleOfFile } from "../shared";

export type OutputFormat = "text" | "json";

export function validationJson(result: ValidationResult, text: string): ValidateJson {
  // `error` is for a run that could not start (failure-json.ts): null here, so every document has the same keys.
  return { valid: result.valid, format: result.format, diagnostics: result.diagnostics.map((d) => diagnosticJson(d, text)), error: null };
}

/** Diagnostics as `validate` prints them, to the given stream (run/export print them to stderr). */
export function printDiagnostics(result: ValidationResult, source: Source, io: CliIO, to: "stdout" | "stderr"): void {
  const stream = io[to];
  stream.write(formatReport(result.diagnostics, source.text, source.file, styleFor(stream, io.env)));
}

/** What `run` and `check` say when the config does not validate (nothing is run). */
export function invalidMessage(file: string, result: ValidationResult): string {
  const errors = result.diagnostics.filter((d) => d.severity === "error").length;
  const reason = errors === 0 ? notRunnableReason(result.diagnostics) : null;
  return reason !== null ? `${file}: nothing was run: ${reason}` : `${file} has ${errors} error${errors === 1 ? "" : "s"}; nothing was run`;
}

/**
 * `--secret` values, the environment's and dlt's settings files', as `run` takes them (no mock demo values), are checked
 * where the config uses them: dlt's providers cast `8080` to an int, which `"https://h:" + dlt.config["port"]` or an
 * auth refuses. A settings file dlt cannot load fails the command, as it fails `run`.
 */
export async function validateCommand(
  file: string,
  options: { format: OutputFormat; secret?: [string, string][] },
  io: CliIO,
): Promise<number> {
  const source = await readSource(file, io);
  const { settingsOrFail } = await import("./run-command");
  const settings = settingsOrFail(io, (code, message) => {
    io.stderr.write(`error: ${message}\n`);
    if (options.format === "json") io.stdout.write(jsonDocument(validateFailure(code, message)));
  });
  if (settings === null) return 1;
  const given = Object.fromEntries(options.secret ?? []);
  const inputs = { given, env: io.env, settings: settings.files, target: "live", module: moduleOfFile(source.file) } as const;
  const { withTypeValues } = await import("./type-values");
  const result = (await withTypeValues(source, validateText(source.config, source.format), inputs)).validation;
  // A misspelt --secret checked nothing, and what the settings files gave: said (on stderr), as run and check say it.
  if ((options.secret?.length || settings.files.length) && result.value !== null) {
    const [{ resolveSecrets }, { warnUnusedSecrets }, { noteSettings }] = await Promise.all([
      import("../run"),
      import("./run-command"),
      import("./dlt-settings"),
    ]);
    const { statuses } = resolveSecrets(listSecrets(result.value), inputs);
    warnUnusedSecrets(options.secret ?? [], statuses, io, referencesInCode(result.value), inputs.module);
    noteSettings(statuses, settings, io);
  }
  if (options.format === "json") io.stdout.write(`${JSON.stringify(validationJson(result, source.config), null, 2)}\n`);
  else printDiagnostics(result, source, io, "stdout");
  return result.valid ? 0 : 1;
}
