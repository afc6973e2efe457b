/**
 * `restplay import FILE [--from openapi|curl|har|sample] [--to json|yaml|python] [--resource NAME]... [--url URL]`
 *
 * Prints the config (stdout) built from an API description: every GET collection endpoint unless
 * resources are named. Each guess and its evidence, and what was left out, go to stderr. Exit 0 when
 * the config validates (warnings allowed), 1 when it does not, 2 for usage errors.
 */
import type { ExportFormat } from "../config";
import type { ImportSource } from "../importers";
import { readSource, styleFor, UsageError, type CliIO } from "./io";
import { onlyForSample } from "./mock-spec";

export interface ImportOptions {
  readonly from?: ImportSource;
  readonly to?: ExportFormat;
  readonly resource?: readonly string[];
  readonly url?: string;
}

/** Resources named in a usage error, at most. */
const LISTED = 20;

export async function importCommand(file: string, options: ImportOptions, io: CliIO): Promise<number> {
  const { importText, buildConfig, renderConfig } = await import("../importers");
  const source = await readSource(file, io);
  const result = importText(source.text, {
    ...(options.from ? { source: options.from } : {}),
    ...(options.url ? { url: options.url } : {}),
  });
  if (!result.ok) throw new UsageError(`${file}: ${result.message}`);
  const draft = result.draft;
  if (options.url !== undefined) onlyForSample("--url", file, draft.source);
  const asked = options.resource ?? [];
  const unknown = asked.filter((n) => !draft.endpoints.some((e) => e.name.value === n));
  if (unknown.length > 0) {
    // A large spec has thousands: the first ones, and how many more.
    const listed = draft.endpoints.slice(0, LISTED).map((e) => `\`${e.name.value}\` (${e.id})`);
    const more = draft.endpoints.length - listed.length;
    throw new UsageError(
      `unknown resource ${unknown.map((n) => `\`${n}\``).join(", ")}; ` +
        `${file} has ${listed.join(", ")}${more > 0 ? ` and ${more} more (\`restplay import ${file}\` lists them)` : ""}`,
    );
  }
  const selected = asked.length ? draft.endpoints.filter((e) => asked.includes(e.name.value)).map((e) => e.id) : undefined;
  const built = buildConfig(draft, selected ? { selected } : {});
  if (built.resources.length === 0)
    throw new UsageError(
      `${file} has no GET collection endpoint; ` +
        `name the ones to import with --resource (${draft.endpoints.map((e) => e.name.value).join(", ")})`,
    );
  const rendered = renderConfig(built.config, options.to ?? "yaml");

  const style = styleFor(io.stderr, io.env);
  const say = (line: string) => io.stderr.write(`${line}\n`);
  say(style.bold(`restplay import ${file}`) + style.dim(` — ${draft.source}: ${draft.title}`));
  say(`base_url ${built.config.client && (built.config.client as { base_url?: string }).base_url}  ${style.dim(draft.base_url.evidence)}`);
  if (draft.auth) say(`auth ${String(draft.auth.value.type)}  ${style.dim(draft.auth.evidence)}`);
  for (const e of draft.endpoints.filter((x) => built.resources.includes(x.name.value))) {
    say(style.cyan(`${e.name.value}`) + style.dim(`  ${e.id}`));
    for (const [key, g] of [
      ["data_selector", e.data_selector],
      ["paginator", e.paginator],
      ["primary_key", e.primary_key],
      ["parent", e.parent],
      ["incremental", e.incremental],
    ] as const) {
      if (g) say(`  ${key}: ${style.dim(g.evidence)}`);
    }
  }
  for (const n of draft.notes) say(style.yellow(`note: ${n}`));
  for (const d of rendered.diagnostics)
    say(`${d.severity === "error" ? style.red("error") : style.yellow(d.severity)}  ${d.code}  ${d.message.split("\n")[0]}`);
  io.stdout.write(rendered.text.endsWith("\n") ? rendered.text : `${rendered.text}\n`);
  return rendered.valid ? 0 : 1;
}
