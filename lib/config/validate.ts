/**
 * The validation pipeline: parse diagnostics -> plain value -> zod -> union-aware issue mapping ->
 * rules -> resolution (dlt's build rules, and the `ResolvedSource` a run gets) -> one sorted list.
 * Never throws: every problem, even a defect of ours, is a diagnostic.
 */
import {
  parseDocument,
  toPlain,
  writeJson,
  writePythonLiteral,
  writeYaml,
  type ConditionTruth,
  type Diagnostic,
  type ParsedDocument,
  type PlainValue,
  type SourceFormat,
} from "../formats";
import { RestApiConfigSchema, type RestApiConfig } from "./schema";
import { mapIssues } from "./mapping";
import { runRules } from "./rules/index";
import { resolveSource } from "./resolve/index";
import type { ResolvedSource } from "./resolved";
import { Locator } from "./located";
import { DiagnosticSink, type DiagnosticOut } from "./sink";
import { MAX_DEPTH, MAX_RESOURCES } from "./limits";
import { withoutNullNames } from "./rules/param-names";
import { excusedByUnreadPython, formatsAsPython, keysNoTypeTakes, withoutUnreadPython } from "./unread-python";
import { noneAsFalse, withoutDefaultNones } from "./none-defaults";
import { maskBoundSecrets, withoutRunTimeRefs } from "./type-refs";
import { withMissingGets } from "./get-refs";
import { checkRefValues } from "./ref-values";
import type { HeldValues } from "../shared";

export interface ValidationResult {
  readonly format: SourceFormat;
  readonly document: ParsedDocument;
  /** The validated config (zod's output); `null` when there is any error. */
  readonly config: RestApiConfig | null;
  /** What the config runs as (lib/config/resolved.ts); `null` when there is any error. Plain data (structured-clone-able). */
  readonly source: ResolvedSource | null;
  /** The document as a plain value (references as `{"$secret": name}`), even when invalid; `null` if unparseable. */
  readonly value: PlainValue | null;
  /** Sorted by position, errors first at the same position. */
  readonly diagnostics: readonly Diagnostic[];
  /** No error diagnostics (warnings and infos allowed). */
  readonly valid: boolean;
}

/** What a run knows that the text does not say. */
export interface ValidateOptions {
  /**
   * Values of the config's references (`dlt.config["pag_type"]`) by name, as text: a paginator's or auth's `type`, or a
   * value where the schema wants a number, a bool or a dict, given as a reference is checked as what dlt reads from that
   * text written literally (type-refs.ts); without it, as a value known at run time only.
   */
  readonly refValues?: Readonly<Record<string, string>>;
  /**
   * What dlt's TOML providers hold for some of `refValues` as other than text (lib/shared `HeldValues`): dlt hands it over
   * as it is, so `dlt.config.get("lim")` of `lim = 10` is the int 10 where it would be the text '10' from the environment.
   */
  readonly held?: HeldValues;
  /** What the run knows of the references a Python file's conditionals test (lib/formats `ConditionTruth`). */
  readonly truth?: ConditionTruth;
}

/** Validates a parsed document. */
export function validateDocument(parsed: ParsedDocument, options: ValidateOptions = {}): ValidationResult {
  const document = formatsAsPython(parsed);
  const out = new DiagnosticSink();
  out.pushAll(document.diagnostics);
  let config: RestApiConfig | null = null;
  let value: PlainValue | null = null;
  let source: ResolvedSource | null = null;
  const removed: (string | number)[][] = [];
  if (document.root) {
    const loc = new Locator(document);
    try {
      value = toPlain(document.root);
      const checked = withoutRunTimeRefs(
        withoutUnreadPython(
          withoutDefaultNones(
            noneAsFalse(
              withoutNullNames(withMissingGets(limitResources(value, loc, out), loc, out, options.refValues), loc, out),
              loc,
              out,
            ),
          ),
          loc,
          out,
          removed,
        ),
        loc,
        out,
        removed,
        options.refValues,
        options.held,
      );
      if (options.refValues) checkRefValues(document.root, loc, out, options.refValues, options.held);
      const parsed = RestApiConfigSchema.safeParse(checked);
      if (parsed.success) config = parsed.data;
      else {
        const before = out.errors;
        mapIssues({ loc, plain: checked, out }, parsed.error.issues, [], RestApiConfigSchema);
        // zod said no: the user must see why, even if our mapping found nothing to say.
        if (out.errors === before && !out.full) {
          const first = parsed.error.issues[0];
          const at = (first?.path ?? []) as (string | number)[];
          out.push({
            severity: "error",
            code: "invalid_value",
            path: loc.pointer(at),
            range: loc.value(at),
            message: `${first?.message ?? "Invalid config"} at ${loc.pointer(at) || "the root"}.`,
          });
        }
      }
      runRules(checked, loc, out);
      source = resolveSource(checked, loc, out, value);
    } catch (e) {
      // A defect of ours must not take the editor down: report it where the user can see it.
      out.push({
        severity: "error",
        code: "internal_error",
        path: "",
        range: { start: 0, end: 0 },
        message: `restplay could not finish checking this config (${e instanceof Error ? e.message : String(e)}). Please report it.`,
      });
      config = null;
      source = null;
    }
  }
  // What Python restplay left out would have filled in: dlt evaluates it, so its absence is no error.
  if (removed.length > 0 && value !== null) {
    out.drop((d) => excusedByUnreadPython(d, removed));
    keysNoTypeTakes(value, new Locator(document), out, removed);
  }
  // A value put in place for this run is not the text's (no fix, no hardcoded_secret); a secret's is no more shown than a run shows it.
  const sorted = onlyFixesThatFit(maskBoundSecrets(out.sorted(), value, options.refValues ?? {}, new Locator(document)));
  const valid = document.root !== null && !sorted.some((d) => d.severity === "error");
  return {
    format: document.format,
    document,
    config: valid ? config : null,
    source: valid ? source : null,
    value,
    diagnostics: sorted,
    valid,
  };
}

/**
 * A plain YAML value read as text where the schema wants another type (`stop_after_empty_page: off`,
 * `limit: 1_000`): of `yaml_1_1_value`'s fixes, quoting it keeps the `invalid_type` error, so only the
 * one that writes what `yaml.safe_load` reads is offered.
 */
function onlyFixesThatFit(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const refused = new Set(diagnostics.filter((d) => d.code === "invalid_type").map((d) => d.path));
  return diagnostics.map((d) =>
    d.code === "yaml_1_1_value" && refused.has(d.path) && d.fixes
      ? { ...d, fixes: d.fixes.filter((f) => !f.edits.every((e) => e.newText.startsWith('"'))) }
      : d,
  );
}

/** The config with at most MAX_RESOURCES resources (`too_many_resources` at the first one past them). */
function limitResources(value: PlainValue, loc: Locator, out: DiagnosticOut): PlainValue {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const resources = (value as { readonly resources?: PlainValue }).resources;
  if (!Array.isArray(resources) || resources.length <= MAX_RESOURCES) return value;
  const at = ["resources", MAX_RESOURCES];
  const n = (x: number) => x.toLocaleString("en-US");
  out.push({
    severity: "error",
    code: "too_many_resources",
    path: loc.pointer(at),
    range: loc.value(at),
    message:
      `This config defines ${n(resources.length)} resources; restplay checks and runs at most ${n(MAX_RESOURCES)}, so this one and ` +
      `the ${n(resources.length - MAX_RESOURCES - 1)} after it are not checked. ` +
      `Split the resources over several sources (configs), ${n(MAX_RESOURCES)} or fewer each.`,
  });
  return { ...value, resources: resources.slice(0, MAX_RESOURCES) };
}

/** Parses and validates text; the format is detected when not given. */
export function validateText(text: string, format?: SourceFormat, options: ValidateOptions = {}): ValidationResult {
  return validateDocument(parseDocument(text, format, options.truth), options);
}

/**
 * Validates a plain value (e.g. from an API request). It is written out in `format` first, so the
 * diagnostics carry ranges into that text (`result.document.text`).
 */
export function validateValue(plain: PlainValue, format: SourceFormat = "json"): ValidationResult {
  const value = tooDeep(plain) ? clip(plain, 1) : plain;
  const text =
    format === "json"
      ? writeJson(value)
      : format === "yaml"
        ? writeYaml(value)
        : `source = rest_api_source(${writePythonLiteral(value)})\n`;
  return validateText(text, format);
}

type Container = readonly PlainValue[] | { readonly [key: string]: PlainValue };
const childrenOf = (v: Container): readonly PlainValue[] => (Array.isArray(v) ? v : Object.values(v));
const isContainer = (v: PlainValue): v is Container => typeof v === "object" && v !== null;

/** Whether lists and dicts nest past MAX_DEPTH (checked without recursion: the value may come from anywhere). */
function tooDeep(plain: PlainValue): boolean {
  const stack: [PlainValue, number][] = [[plain, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, depth] = top;
    if (!isContainer(v)) continue;
    if (depth > MAX_DEPTH) return true;
    for (const child of childrenOf(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * The value with the collections at MAX_DEPTH + 1 emptied (the writers recurse once per level; the
 * parser then reports \`too_deep\` at the first of them). Recursion stops at that level.
 */
function clip(v: PlainValue, depth: number): PlainValue {
  if (!isContainer(v)) return v;
  if (Array.isArray(v)) return depth > MAX_DEPTH ? [] : v.map((x: PlainValue) => clip(x, depth + 1));
  return Object.fromEntries(depth > MAX_DEPTH ? [] : Object.entries(v).map(([k, x]) => [k, clip(x, depth + 1)]));
}
