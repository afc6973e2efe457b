/**
 * The `restplay` command line: validate, run and export dlt REST API source configs.
 * `main(argv, io)` takes its streams, environment and working directory as arguments and returns
 * the exit code, so tests run it in-process; `bin/restplay.mjs` wires it to the real process.
 * Exit codes: 0 success, 1 invalid config or failed run, 2 usage error, 130 cancelled (143 by SIGTERM, bin/restplay.mjs).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { UsageError, type CliIO } from "./io";
import { failureShape, jsonDocument } from "./failure-json";
import type { OutputFormat } from "./validate";
import type { RunOptions } from "./run-command";
import type { CheckOptions } from "./check-command";
import type { ExportFormat } from "../config";
import type { ImportSource } from "../importers";
import packageJson from "../../package.json";

export type { CliIO, Writer } from "./io";

/** package.json's version (`restplay --version`). */
const VERSION = packageJson.version;

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseSecret(value: string, previous: [string, string][] = []): [string, string][] {
  const at = value.indexOf("=");
  if (at <= 0) throw new InvalidArgumentError("expected NAME=VALUE, e.g. --secret client_id=abc");
  return [...previous, [value.slice(0, at), value.slice(at + 1)]];
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of at least 1");
  return n;
}

/** The config argument of validate, run, export and check: what `readSource` reads. */
const FILE_ARGUMENT =
  "config file: .py, .json, .yaml (another extension: the format is detected), a Markdown document (.md, .txt) " +
  "with a config code block, or - for standard input";

const formatOption = () => new Option("--format <format>", "output format").choices(["text", "json"]).default("text");

const EXPORT_FORMATS: ExportFormat[] = ["json", "yaml", "python"];
const toOption = (more = "") => new Option("--to <format>", `json, yaml or python${more}`).choices(EXPORT_FORMATS);
/** `--format` where a config is written (export, import): what was meant is plain, so it is taken as `--to` (not in the help). */
const formatAsTo = () => new Option("--format <format>").choices(EXPORT_FORMATS).hideHelp();
function targetFormat(o: { to?: ExportFormat; format?: ExportFormat }): ExportFormat | undefined {
  if (o.to && o.format && o.to !== o.format) throw new UsageError(`--to ${o.to} and --format ${o.format} name two formats: give one`);
  return o.to ?? o.format;
}

/** Options whose value is a choice or a number, never a secret: a usage error shows it as typed. */
const SHOWN_VALUES = new Set(["--format", "--to", "--from", "--max-pages"]);

const EXIT_CODES =
  "\nExit codes: 0 success (a valid config; a run that loaded), 1 an invalid config or a run that failed or that dlt\n" +
  "would refuse to load, 2 a usage error (missing file, unknown option or resource), 130 cancelled (Ctrl-C; 143 by SIGTERM).";

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  // A `--secret` argument as given (`--secret TOKEN`, its `name=` forgotten), or the value of any `--option=value`
  // (`--secrets=name=TOKEN`, a typo) but a choice or a number, is never echoed by a usage error. Only where the error
  // quotes it (`argument 'TOKEN'`, `'--secrets=name=TOKEN'`): a short value is in other words too (`--to=py`, "python").
  const secretArgs = argv
    .flatMap((a, i) =>
      a === "--secret"
        ? [argv[i + 1] ?? ""]
        : /^--[^=]+=/.test(a) && !SHOWN_VALUES.has(a.slice(0, a.indexOf("=")))
          ? [a.slice(a.indexOf("=") + 1)]
          : [],
    )
    .filter((v) => v.length > 0);
  const redact = (s: string) => secretArgs.reduce((out, v) => out.split(`'${v}'`).join("'***'").split(`=${v}'`).join("=***'"), s);
  const program = new Command("restplay")
    .description("Validate, run and export dlt REST API source configs (Python dict, JSON or YAML).")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(redact(s)),
    })
    .showHelpAfterError("(run restplay --help for usage)")
    .helpCommand(false)
    .version(VERSION, "-V, --version", "print restplay's version");

  program
    .command("validate")
    .description("check a config; exit 0 when valid (warnings allowed), 1 when invalid")
    .argument("<file>", FILE_ARGUMENT)
    .option(
      "--secret <name=value>",
      'a value for dlt.secrets["name"] or dlt.config["name"] (repeatable; else the env var NAME, .dlt/*.toml): checked as dlt reads it',
      parseSecret,
    )
    .addOption(formatOption())
    .action(async (file: string, options: { format: OutputFormat; secret?: [string, string][] }) => {
      const { validateCommand } = await import("./validate");
      exitCode = await validateCommand(file, options, io);
    });

  program
    .command("run")
    .description("run the config's resources and print the trace and the merged tables")
    .argument("<file>", FILE_ARGUMENT)
    .option("--mock", "run against the built-in mock APIs (their demo credentials come before .dlt/ files' values)")
    .option("--resource <name>", "run only this resource (repeatable)", collect)
    .option(
      "--secret <name=value>",
      'a value for dlt.secrets["name"] or dlt.config["name"] (repeatable); else the env var NAME, else .dlt/secrets.toml, config.toml',
      parseSecret,
    )
    .option("--max-pages <n>", "stop each resource after n pages", parsePositive)
    .option("--state-dir <dir>", "keep the destination (tables after each load) and the incremental state in dir across runs")
    .option("--mock-spec <spec>", "with --mock: also serve the API an OpenAPI document, HAR file or sample response describes")
    .option("--sample-url <url>", "with a sample response as --mock-spec: the address it came from (import's --url)")
    .option("--duckdb <file>", "write the destination after the run to a DuckDB file, laid out as dlt's duckdb destination")
    .addOption(formatOption())
    .action(async (file: string, options: RunOptions) => {
      const { runCommand } = await import("./run-command");
      exitCode = await runCommand(file, options, io);
    });

  program
    .command("export")
    .description("print the config as a download: dlt-canonical Python, JSON or YAML, or a secrets.toml template")
    .argument("<file>", FILE_ARGUMENT)
    .addOption(toOption())
    .addOption(formatAsTo())
    .option("--secrets-toml", "print the .dlt/secrets.toml template instead of the config (names only, never values; not with --to)")
    .action(async (file: string, options: { to?: ExportFormat; format?: ExportFormat; secretsToml?: boolean }) => {
      const { exportCommand } = await import("./export");
      exitCode = await exportCommand(file, { to: targetFormat(options), secretsToml: options.secretsToml }, io);
    });

  // Issue #11: start from the API, and check a config without paging.
  program
    .command("import")
    .description("print a config built from an OpenAPI/Swagger document, curl commands, a HAR file or a sample JSON response")
    .argument("<file>", "the API description")
    .addOption(new Option("--from <kind>", "what the file is (default: detected)").choices(["openapi", "curl", "har", "sample"]))
    .addOption(toOption(" (default: yaml)"))
    .addOption(formatAsTo())
    .option("--resource <name>", "import this resource (repeatable); default: every GET collection endpoint", collect)
    .option("--url <url>", "with a sample response (detected, or --from sample): the address it came from")
    .action(
      async (
        file: string,
        options: { from?: ImportSource; to?: ExportFormat; format?: ExportFormat; resource?: string[]; url?: string },
      ) => {
        const { importCommand } = await import("./import-command");
        const { format: _, ...rest } = options;
        exitCode = await importCommand(file, { ...rest, to: targetFormat(options) ?? "yaml" }, io);
      },
    );

  program
    .command("check")
    .description("run the auth exchange and the first page of every resource; print a pass/fail matrix (no paging, no state)")
    .argument("<file>", FILE_ARGUMENT)
    .option("--mock", "check against the built-in mock APIs")
    .option("--mock-spec <spec>", "with --mock: also serve the API an OpenAPI document, HAR file or sample response describes")
    .option("--sample-url <url>", "with a sample response as --mock-spec: the address it came from (import's --url)")
    .option("--resource <name>", "check only this resource (repeatable)", collect)
    .option(
      "--secret <name=value>",
      'a value for dlt.secrets["name"] or dlt.config["name"] (repeatable); else the env var NAME, else .dlt/secrets.toml, config.toml',
      parseSecret,
    )
    .addOption(formatOption())
    .action(async (file: string, options: CheckOptions) => {
      const { checkCommand } = await import("./check-command");
      exitCode = await checkCommand(file, options, io);
    });

  program
    .command("examples")
    .description("list the playground's examples, or print one (every example runs with --mock)")
    .argument("[id]", "the example to print")
    .action(async (id: string | undefined) => {
      const { examplesCommand } = await import("./examples-command");
      exitCode = examplesCommand(id, io);
    });

  // The exit codes (this file's header), under every command's help as under the program's.
  for (const c of [program, ...program.commands]) c.addHelpText("after", EXIT_CODES);

  // `--format json` asked for: a usage error prints the command's shape too, so stdout is always one JSON document.
  const shape = failureShape(argv);
  const usageJson = (message: string) => {
    if (shape)
      io.stdout.write(
        jsonDocument(
          shape(
            "usage_error",
            redact(message)
              .replace(/^error: /, "")
              .trim(),
          ),
        ),
      );
  };
  try {
    if (argv.length === 0) {
      io.stderr.write(program.helpInformation());
      return 2;
    }
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return 0;
      usageJson(e.message);
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`error: ${e.message}\n`);
      usageJson(e.message);
      return 2;
    }
    io.stderr.write(`restplay: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}
