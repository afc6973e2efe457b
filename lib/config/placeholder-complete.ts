/**
 * Completion of `{…}` placeholders inside endpoint strings (path, params, json, data, headers):
 * `resources.<parent>.<field>` from the resources the config defines, and `incremental.*` when the
 * endpoint has an incremental block. Same rules as the build-time checks in rules/placeholders.ts:
 * never the resource itself, and only the one parent a resource already names.
 */
import { formatFields } from "./rules/placeholders";
import { resourceNames } from "./resources";

export interface PlaceholderSuggestion {
  /** The expression without braces, e.g. `resources.posts.id`. */
  readonly label: string;
  readonly detail: string;
  readonly documentation: string;
  /** True for a partial expression (`resources.posts.`): the editor should ask again for the field. */
  readonly partial: boolean;
}

type Path = readonly (string | number)[];
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const PLACEHOLDER_KEYS = new Set(["path", "params", "json", "data", "headers"]);
const INCREMENTAL_VALUES: readonly [string, string][] = [
  ["start_value", "The cursor value this run starts from: the last value stored by the previous run (or `initial_value`), minus `lag`."],
  ["end_value", "`end_value` of the incremental block (renders as `None` when unset)."],
  ["last_value", "The highest (for `max`) cursor value seen so far, updated while the run goes on."],
  ["initial_value", "`initial_value` of the incremental block."],
];
const DOCS = "https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api/basic#define-resource-relationships";

/** Whether `path` points at a string where dlt formats placeholders: inside a resource's endpoint. */
export function acceptsPlaceholders(path: Path): boolean {
  if (path[0] !== "resources" || typeof path[1] !== "number" || path[2] !== "endpoint") return false;
  if (path.length === 3) return true; // `endpoint: "posts/{resources.…}"`, the string shorthand
  return typeof path[3] === "string" && PLACEHOLDER_KEYS.has(path[3]);
}

/** Strings anywhere under `value`, keys included. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (isObj(value))
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  return out;
}

function resourceAt(config: unknown, index: number): Obj | null {
  const list = isObj(config) ? config.resources : null;
  const r = Array.isArray(list) ? list[index] : null;
  return isObj(r) ? r : null;
}

/** Fields a parent is known to have: observed in the last run first, then its key and declared columns. */
function parentFields(config: unknown, parent: string, observed: readonly string[]): string[] {
  const list = isObj(config) && Array.isArray(config.resources) ? config.resources : [];
  const def = list.find((r): r is Obj => isObj(r) && r.name === parent);
  const key = def?.primary_key;
  const keys = typeof key === "string" ? [key] : Array.isArray(key) ? key.filter((k): k is string => typeof k === "string") : [];
  const columns = isObj(def?.columns) ? Object.keys(def.columns) : [];
  return [...new Set([...keys, ...observed, ...columns])];
}

/**
 * Suggestions for the expression typed so far after an open `{` (`typed` is the text between the
 * brace and the cursor), in the string at `path`. `observed(resource)` gives field names seen in the
 * last run's records, if any.
 */
export function placeholderCompletions(
  config: unknown,
  path: Path,
  typed: string,
  observed: (resource: string) => readonly string[] = () => [],
): PlaceholderSuggestion[] {
  if (!acceptsPlaceholders(path) || typeof path[1] !== "number") return [];
  const self = resourceAt(config, path[1]);
  const selfName = typeof self?.name === "string" ? self.name : null;
  const endpoint = self?.endpoint;
  // The parent this resource already names decides: dlt allows one parent per resource.
  const named = new Set<string>();
  for (const s of strings(endpoint)) {
    for (const f of formatFields(s).fields) {
      const parts = f.name.split(".");
      if (parts[0] === "resources" && parts[1] && parts[2] !== undefined) named.add(parts[1]);
    }
  }
  const candidates = resourceNames(config).filter((n) => n !== selfName && (named.size === 0 || named.has(n)));
  const out: PlaceholderSuggestion[] = [];

  const fieldPrefix = /^resources\.([^.]+)\.(\w*)$/.exec(typed);
  if (fieldPrefix && candidates.includes(fieldPrefix[1] ?? "")) {
    const parent = fieldPrefix[1] ?? "";
    const seen = observed(parent);
    for (const field of parentFields(config, parent, seen)) {
      const source = seen.includes(field) ? "seen in the last run's records" : "declared on the resource";
      out.push({
        label: `resources.${parent}.${field}`,
        partial: false,
        detail: `field of ${parent} (${source})`,
        documentation: `The \`${field}\` of each \`${parent}\` record: \`${selfName ?? "this resource"}\` is requested once per ${parent} record, with this value filled in. [dlt docs](${DOCS})`,
      });
    }
    return out;
  }

  for (const parent of candidates) {
    const fields = parentFields(config, parent, observed(parent));
    for (const field of fields) {
      out.push({
        label: `resources.${parent}.${field}`,
        partial: false,
        detail: `field of ${parent}`,
        documentation: `Makes \`${selfName ?? "this resource"}\` a child of \`${parent}\`: one request per ${parent} record, with its \`${field}\` filled in. [dlt docs](${DOCS})`,
      });
    }
    out.push({
      label: `resources.${parent}.`,
      partial: true,
      detail: fields.length > 0 ? `another field of ${parent}` : `a field of ${parent} (run once to see its fields)`,
      documentation: `A field of each \`${parent}\` record; \`${selfName ?? "this resource"}\` becomes its child. [dlt docs](${DOCS})`,
    });
  }
  const defaults = isObj(config) && isObj(config.resource_defaults) ? config.resource_defaults.endpoint : undefined;
  // dlt offers `incremental` to placeholders only for an endpoint's `incremental` key (`_get_available_contexts`),
  // not for a typed `{"type": "incremental"}` param.
  const hasIncremental = (isObj(endpoint) && isObj(endpoint.incremental)) || (isObj(defaults) && isObj(defaults.incremental));
  if (hasIncremental) {
    for (const [name, doc] of INCREMENTAL_VALUES)
      out.push({ label: `incremental.${name}`, partial: false, detail: "incremental cursor value", documentation: doc });
  }
  return out;
}
