/**
 * What `--format json` prints when a command could not do its work — an invalid config, a missing
 * secret, or a usage error (exit 2: a missing file, an unknown option or resource, a state dir in use):
 * each command's own shape, empty, with the reason, so stdout is one JSON document whatever happened.
 */
import type { SourceFormat } from "../formats";

export interface FailureError {
  readonly code: string;
  readonly message: string;
}

/** `run`'s summary shape (lib/run's `RunSummary`) with nothing run. */
export const runFailure = (code: string, message: string) => ({
  ok: false,
  resources: [],
  limits: [],
  errors: [{ resource: null, code, message }],
  refusal: null,
  tables: [],
});

/** `check`'s report shape with no rows. */
export const checkFailure = (code: string, message: string) => ({ ok: false, rows: [], error: { code, message } });

/** `validate`'s shape when nothing was validated (`format` unknown). */
export const validateFailure = (code: string, message: string) => ({
  valid: false,
  format: null as SourceFormat | null,
  diagnostics: [],
  error: { code, message } satisfies FailureError,
});

const SHAPES = new Map<string, (code: string, message: string) => unknown>([
  ["run", runFailure],
  ["check", checkFailure],
  ["validate", validateFailure],
]);

/** The failure shape for a command line that asks for JSON (`run … --format json`), else `null`. */
export function failureShape(argv: readonly string[]): ((code: string, message: string) => unknown) | null {
  // The last `--format` counts, as for the command itself (`--format json --format text` prints text).
  const formats = argv.flatMap((a, i) =>
    a.startsWith("--format=") ? [a.slice("--format=".length)] : a === "--format" ? [argv[i + 1]] : [],
  );
  return formats[formats.length - 1] === "json" ? (SHAPES.get(argv[0] ?? "") ?? null) : null;
}

/** The document as the commands print it: indented, one line break after. */
export const jsonDocument = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
