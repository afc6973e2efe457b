/**
 * Python downloads dlt runs as they are (decision 0023). A pipeline file (Python that calls
 * rest_api_source/rest_api_resources) comes back as the user's own file with only the quick fixes dlt
 * needs applied (seed dialect, `//` comments, JSON words, secrets moved unless kept, `error_handler` as
 * runtime settings) and the imports it lacks added; its functions, names and comments stay.
 */
import { applyEdits } from "./fixes";
import { completeFile, type TextEdit } from "../formats";
import type { ValidationResult } from "./validate";
import { needsCustomSession, toDltCanonical, type RuntimeRetry } from "./canonical";
import { insertEntryEdit } from "./fixes";

/** Codes whose first fix the download applies: without it dlt refuses the file or the config. */
const DOWNLOAD_FIXES = new Set([
  "js_comment",
  "json_literal",
  "dialect_oauth2",
  "dialect_page_number_limit",
  "dialect_error_handler",
  "hardcoded_secret",
]);

export interface PythonDownload {
  readonly text: string;
  /** The fixes applied and the lines added, one line each. */
  readonly notes: readonly string[];
}

/** dlt's global retry settings standing in for `error_handler`s (and a retrying session for other statuses). */
export function runtimeLines(rt: RuntimeRetry): string[] {
  const lines = [
    "# dlt has no per-endpoint error_handler: its retries are global runtime settings.",
    `os.environ.setdefault("RUNTIME__REQUEST_MAX_ATTEMPTS", "${rt.request_max_attempts}")`,
    `os.environ.setdefault("RUNTIME__REQUEST_BACKOFF_FACTOR", "${rt.request_backoff_factor}")`,
  ];
  if (!needsCustomSession(rt)) return lines;
  const codes = rt.retry_status_codes.join(", ") + (rt.retry_status_codes.length === 1 ? "," : "");
  return [
    ...lines,
    `# dlt's default session retries 429 and 5xx only; these statuses need dlt's retrying Client (client-wide).`,
    "retry_session = Client(",
    `    status_codes=(${codes}),`,
    `    request_max_attempts=${rt.request_max_attempts},`,
    `    request_backoff_factor=${rt.request_backoff_factor},`,
    "    raise_for_status=False,",
    ").session",
  ];
}

/** The names the runtime lines use. */
export const runtimeImports = (rt: RuntimeRetry | null): string[] => (rt ? ["os", ...(needsCustomSession(rt) ? ["Client"] : [])] : []);

/** A definition for a name the config uses but restplay cannot import: the script runs, and says what to do. */
export const stubLines = (name: string) => [
  "",
  `def ${name}(*args, **kwargs):`,
  `    """The config refers to \`${name}\`: define it here (restplay only had its name)."""`,
  `    raise NotImplementedError("define ${name}: the config refers to it")`,
];

/**
 * Adds what `text` lacks after its imports: dlt's imports for the names it uses, `extra` lines, and a
 * stub for every name restplay cannot import. Null edit: nothing to add.
 */
export function completed(text: string, extra: readonly string[], alsoImport: readonly string[]): { text: string; added: string | null } {
  // Names the added lines define (`retry_session = Client(...).session`) are no longer unknown: no stub shadows them.
  const defined = new Set(extra.flatMap((l) => /^(?:def\s+)?([A-Za-z_]\w*)\s*[=(]/.exec(l)?.[1] ?? []));
  const unknown = completeFile(text, [], alsoImport).unknown.filter((name) => !defined.has(name));
  const { edit } = completeFile(text, [...extra, ...unknown.flatMap(stubLines)], alsoImport);
  return edit ? { text: applyEdits(text, [edit]), added: edit.newText } : { text, added: null };
}

/** Non-overlapping edits, first come first kept (two fixes may touch one place). */
function compatible(edits: readonly TextEdit[]): TextEdit[] {
  const kept: TextEdit[] = [];
  for (const e of edits) {
    const clash =
      kept.some((k) => e.range.start < k.range.end && k.range.start < e.range.end) ||
      kept.some((k) => k.range.start === k.range.end && e.range.start === e.range.end && k.range.start === e.range.start);
    if (!clash) kept.push(e);
  }
  return kept;
}

export function userPythonFile(result: ValidationResult, keepLiteralSecrets = false): PythonDownload {
  const doc = result.document;
  const notes: string[] = [];
  const edits: TextEdit[] = [];
  for (const d of result.diagnostics) {
    const fix = d.fixes?.[0];
    if (!fix || !DOWNLOAD_FIXES.has(d.code) || (keepLiteralSecrets && d.code === "hardcoded_secret")) continue;
    edits.push(...fix.edits);
    notes.push(fix.title);
  }
  const rt = result.value === null ? null : toDltCanonical(result.value, { keepLiteralSecrets }).runtime;
  const extra = rt ? runtimeLines(rt) : [];
  if (rt && needsCustomSession(rt)) {
    const session = insertEntryEdit(doc, ["client"], "session", { $python: "retry_session" });
    if (session) edits.push(session);
  }
  const fixed = applyEdits(doc.text, compatible(edits));
  const done = completed(fixed, extra, runtimeImports(rt));
  if (done.added) notes.push(`Added after the imports: ${done.added.trim().split("\n")[0]}…`);
  return { text: done.text, notes };
}
