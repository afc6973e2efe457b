/**
 * A draft plus the user's choices → a dlt rest_api config (and the spec mock for it), then text in
 * the chosen format through lib/config's own writers. Parents a ticked child needs come along with
 * `selected: false`, before their children.
 */
import { pythonPipeline, validateValue, type ExportFormat, type ValidationResult } from "../config";
import { convertDocument, writeJson, writeYaml, type Diagnostic, type PlainValue } from "../formats";
import type { MockSpec } from "../mocks";
import type { EndpointDraft, ImportDraft, PlainObject } from "./types";

/** What the user changed in the dialog, per endpoint id; absent keys keep the guess. */
export interface EndpointChoice {
  readonly name?: string;
  readonly path?: string;
  readonly data_selector?: string | null;
  readonly paginator?: PlainObject | null;
  readonly primary_key?: string | readonly string[] | null;
  readonly incremental?: boolean;
}

export interface ImportChoices {
  /** Endpoint ids to import; default: the draft's ticked ones. */
  readonly selected?: readonly string[];
  readonly base_url?: string;
  /** `null`: no auth. */
  readonly auth?: PlainObject | null;
  readonly endpoints?: Readonly<Record<string, EndpointChoice>>;
}

export interface BuiltConfig {
  readonly config: PlainObject;
  /** The spec mock with the chosen base URL, or null. */
  readonly mock: MockSpec | null;
  /** The resource names, parents first. */
  readonly resources: readonly string[];
}

const choiceOf = (choices: ImportChoices, e: EndpointDraft): EndpointChoice =>
  choices.endpoints && Object.hasOwn(choices.endpoints, e.id) ? (choices.endpoints[e.id] ?? {}) : {};
const nameOf = (choices: ImportChoices, e: EndpointDraft) => choiceOf(choices, e).name?.trim() || e.name.value;

/** The ticked endpoints and the parents they need, parents first. */
function ordered(draft: ImportDraft, selected: ReadonlySet<string>): { endpoint: EndpointDraft; ticked: boolean }[] {
  const byId = new Map(draft.endpoints.map((e) => [e.id, e]));
  const out: { endpoint: EndpointDraft; ticked: boolean }[] = [];
  const seen = new Set<string>();
  const visit = (e: EndpointDraft, depth: number) => {
    if (seen.has(e.id) || depth > 20) return;
    const parent = e.parent ? byId.get(e.parent.value.endpoint) : undefined;
    if (parent) visit(parent, depth + 1);
    seen.add(e.id);
    out.push({ endpoint: e, ticked: selected.has(e.id) });
  };
  for (const e of draft.endpoints) if (selected.has(e.id)) visit(e, 0);
  return out;
}

function resource(draft: ImportDraft, choices: ImportChoices, e: EndpointDraft, ticked: boolean): PlainObject {
  const c = choiceOf(choices, e);
  const parent = e.parent ? draft.endpoints.find((p) => p.id === e.parent?.value.endpoint) : undefined;
  let path = (c.path ?? e.path).replace(/^\/+/, "");
  for (const b of e.parent?.value.bindings ?? [])
    if (parent) path = path.split(`{${b.param}}`).join(`{resources.${nameOf(choices, parent)}.${b.field}}`);
  const incremental = c.incremental ?? e.incremental !== null;
  const params: Record<string, PlainValue> = { ...(e.params?.value ?? {}) };
  if (!incremental && e.incremental?.value.param) delete params[e.incremental.value.param];
  const selector = c.data_selector !== undefined ? c.data_selector : (e.data_selector?.value ?? null);
  const paginator = c.paginator !== undefined ? c.paginator : (e.paginator?.value ?? null);
  const pk = c.primary_key !== undefined ? c.primary_key : (e.primary_key?.value ?? null);
  const endpoint: Record<string, PlainValue> = { path };
  if (e.method !== "GET") endpoint.method = e.method;
  if (Object.keys(params).length) endpoint.params = params;
  if (e.headers) endpoint.headers = e.headers;
  if (e.json) endpoint.json = e.json;
  if (e.data !== null) endpoint.data = e.data;
  if (selector) endpoint.data_selector = selector;
  if (paginator) endpoint.paginator = paginator;
  if (incremental && e.incremental)
    endpoint.incremental = { cursor_path: e.incremental.value.cursor_path, initial_value: e.incremental.value.initial_value };
  return {
    name: nameOf(choices, e),
    endpoint,
    ...(pk !== null && (typeof pk === "string" ? pk !== "" : pk.length > 0) ? { primary_key: typeof pk === "string" ? pk : [...pk] } : {}),
    ...(ticked ? {} : { selected: false }),
  };
}

export function buildConfig(draft: ImportDraft, choices: ImportChoices = {}): BuiltConfig {
  const selected = new Set(choices.selected ?? draft.endpoints.filter((e) => e.selected).map((e) => e.id));
  const base = choices.base_url?.trim() || draft.base_url.value;
  const auth = choices.auth !== undefined ? choices.auth : (draft.auth?.value ?? null);
  const client: Record<string, PlainValue> = { base_url: base };
  if (auth) client.auth = auth;
  if (draft.headers && Object.keys(draft.headers).length) client.headers = draft.headers;
  const list = ordered(draft, selected);
  const resources = list.map(({ endpoint, ticked }) => resource(draft, choices, endpoint, ticked));
  const mock = draft.mock ? { ...draft.mock, base_url: base } : null;
  return { config: { client, resources }, mock, resources: resources.map((r) => String(r.name)) };
}

export interface RenderedConfig {
  readonly text: string;
  readonly valid: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly validation: ValidationResult;
}

/** The config as editor text in `format`, references kept (Python: a runnable dlt pipeline script), checked by the validator. */
export function renderConfig(config: PlainObject, format: ExportFormat): RenderedConfig {
  const validation = validateValue(config, "json");
  const value = validation.valid ? validation.value : null;
  // Editor text, not a download: JSON/YAML keep `{"$secret": …}` (the downloads take references out, decision 0023).
  // An invalid config is still written in the format asked for (as the editor's format switch writes it), to be fixed there.
  const asked = value === null && format !== "json" ? convertDocument(validation.document.text, "json", format) : null;
  const text =
    value === null
      ? asked?.ok
        ? asked.text
        : validation.document.text
      : format === "json"
        ? writeJson(value)
        : format === "yaml"
          ? writeYaml(value)
          : pythonPipeline(value);
  return { text, valid: validation.valid, diagnostics: validation.diagnostics, validation };
}
