/**
 * Python downloads dlt runs as they are (decision 0023). A pipeline file (Python that calls
 * rest_api_source/rest_api_resources) comes back as the user's own file with only the quick fixes dlt
 * needs applied (seed dialect, `//` comments, JSON words, secrets moved unless kept, `error_handler` as
 * runtime settings) and the imports it lacks added; its functions, names and comments stay.
 */
import { applyEdits } from "./fixes";
import { completeFile, findNode, makesPipeline, moduleConfigName, moduleSourceName, type Diagnostic, type TextEdit } from "../formats";
import { EXPORT_FILENAMES } from "./export-dict";
import { validateText, type ValidationResult } from "./validate";
import { needsCustomSession, toDltCanonical, type RuntimeRetry } from "./canonical";
import { insertEntryEdit } from "./fixes";
import { refsAsText, refsWantingText, textRefsNote } from "./text-refs";

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

/** The pipeline every Python download runs (the complete script's, and the one added to a file that runs none). */
const PIPELINE_CALL = 'dlt.pipeline(pipeline_name="rest_api_pipeline", destination="duckdb", dataset_name="rest_api_data")';

/** The `if __name__ == "__main__":` block that loads `source` (a name bound to a source or its resources). */
export function pipelineMain(source: string): string[] {
  return [
    'if __name__ == "__main__":',
    `    pipeline = ${PIPELINE_CALL}`,
    `    load_info = pipeline.run(${source})`,
    "    print(load_info)",
  ];
}

export function userPythonFile(result: ValidationResult, keepLiteralSecrets = false): PythonDownload {
  const notes: string[] = [];
  // One fix at a time, each on the text the one before left: two fixes may edit one dict (both add
  // `params`), and edits computed on the same text would clash. Each problem is fixed as often as it
  // was there (a fix that leaves its problem is not tried again).
  const key = (d: Diagnostic) => `${d.code} ${d.path} ${d.message}`;
  const left = new Map<string, number>();
  for (const d of result.diagnostics) left.set(key(d), (left.get(key(d)) ?? 0) + 1);
  let current = result;
  for (;;) {
    const d = current.diagnostics.find(
      (x) =>
        x.fixes?.[0] !== undefined &&
        DOWNLOAD_FIXES.has(x.code) &&
        !(keepLiteralSecrets && x.code === "hardcoded_secret") &&
        (left.get(key(x)) ?? 1) > 0,
    );
    if (!d) break;
    left.set(key(d), (left.get(key(d)) ?? 1) - 1);
    const fix = d.fixes![0]!;
    current = validateText(applyEdits(current.document.text, fix.edits), "python");
    notes.push(fix.title);
  }
  current = referencesAsText(current, notes);
  // The runtime settings stand in for the `error_handler`s the user wrote (the fixes removed them).
  const rt = result.value === null ? null : toDltCanonical(result.value, { keepLiteralSecrets }).runtime;
  const extra = rt ? runtimeLines(rt) : [];
  let fixed = current.document.text;
  if (rt && needsCustomSession(rt)) {
    const session = insertEntryEdit(current.document, ["client"], "session", { $python: "retry_session" });
    if (session) fixed = applyEdits(fixed, [session]);
  }
  // A file that only binds its config to a name (dlt's docs' `config: RESTAPIConfig = {...}` below the functions it uses)
  // gets the call that makes the source from it, then the `__main__` block below.
  const configName = moduleConfigName(fixed);
  if (configName !== null) {
    fixed = `${fixed.trimEnd()}\n\nsource = rest_api_source(${configName})\n`;
    notes.push(`Added at the end: \`source = rest_api_source(${configName})\` (the file made no source from its config).`);
  }
  // A file that builds its source at module level and runs no pipeline (a seed's `source = rest_api_source({...})`)
  // gets the complete script's `__main__` block, so that `python rest_api_pipeline.py` loads it; the rest stays as written.
  const source = makesPipeline(fixed) ? null : moduleSourceName(fixed);
  if (source !== null) {
    fixed = `${fixed.trimEnd()}\n\n\n${pipelineMain(source).join("\n")}\n`;
    notes.push(`Added at the end: a \`__main__\` block that runs \`${source}\` in a DuckDB pipeline (the file ran none).`);
  }
  const done = completed(fixed, extra, runtimeImports(rt));
  if (done.added) notes.push(`Added after the imports: ${done.added.trim().split("\n")[0]}…`);
  // A source made elsewhere (in a function) is the user's to run: told, not completed.
  if (source === null && !makesPipeline(done.text))
    notes.push(
      `The file builds the source but runs no pipeline: \`python ${EXPORT_FILENAMES.python}\` loads nothing. To load it, add e.g. ` +
        `\`${PIPELINE_CALL}.run(source)\`.`,
    );
  return { text: done.text, notes };
}

/** `dlt.secrets["k"]` / `dlt.config["k"]` as written (a subscript with a string), nothing else (`dlt.secrets.value`). */
const SUBSCRIPT = /^dlt\s*\.\s*(?:secrets|config)\s*\[\s*(?:"[^"\\\n]*"|'[^'\\\n]*')\s*\]$/;

/**
 * The file with each `dlt.secrets[...]` where dlt wants text (an auth's credential, a header) wrapped in `str(…)`
 * (text-refs.ts). Kept only when the file then reads as exactly that change (a name defined once and used
 * elsewhere too would change more): otherwise the file stays as it was.
 */
function referencesAsText(current: ValidationResult, notes: string[]): ValidationResult {
  const paths = refsWantingText(current.value);
  const text = current.document.text;
  const edits = new Map<number, TextEdit>();
  const wrapped: (typeof paths)[number][] = [];
  for (const path of paths) {
    const node = findNode(current.document.root, path);
    if (node?.kind !== "ref" || !SUBSCRIPT.test(text.slice(node.range.start, node.range.end))) continue;
    const written = text.slice(node.range.start, node.range.end);
    edits.set(node.range.start, { range: node.range, newText: `str(${written})` });
    wrapped.push(path);
  }
  if (edits.size === 0) return current;
  const next = validateText(applyEdits(text, [...edits.values()]), "python");
  // Same keys in the same order: the values compare as their JSON.
  if (JSON.stringify(next.value) !== JSON.stringify(refsAsText(current.value, wrapped).config)) return current;
  notes.push(textRefsNote(wrapped));
  return next;
}
