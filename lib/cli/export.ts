/**
 * `restplay export FILE --to json|yaml|python` or `restplay export FILE --secrets-toml`: the download, on stdout.
 * `--secrets-toml` prints the `.dlt/secrets.toml` template instead of the config: one file per run, so stdout can
 * be redirected into it. Both at once is a usage error that gives the two commands (neither is picked silently).
 */
import { EXPORT_FILENAMES, exportConfig, secretsTomlFile, validateText, type ExportFormat } from "../config";
import { readSource, UsageError, type CliIO } from "./io";
import { printDiagnostics } from "./validate";

export async function exportCommand(file: string, options: { to?: ExportFormat; secretsToml?: boolean }, io: CliIO): Promise<number> {
  if (!options.to && !options.secretsToml) throw new UsageError("say what to export: --to json|yaml|python, or --secrets-toml");
  if (options.to && options.secretsToml)
    throw new UsageError(
      "--to and --secrets-toml print different files, and stdout holds one: run export once for each,\n" +
        `  restplay export ${file} --to ${options.to} > ${EXPORT_FILENAMES[options.to]}\n` +
        `  restplay export ${file} --secrets-toml > .dlt/secrets.toml`,
    );
  const source = await readSource(file, io);
  const result = validateText(source.config, source.format);
  // A Markdown document's download is its block's, as the playground's (the prose blanked to spaces is not part of it).
  const from = result.valid && source.block !== undefined ? validateText(source.block, source.format) : result;
  const download = options.to ? exportConfig(from, options.to) : secretsTomlFile(from);
  if (!download) {
    printDiagnostics(result, source, io, "stderr");
    return 1;
  }
  const text = download.text;
  io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  // What the download changed for dlt, as the playground announces it: on stderr, so stdout stays the file.
  for (const note of download?.notes ?? []) io.stderr.write(`note: ${note}\n`);
  return 0;
}
