/**
 * From the resolved source (lib/config decided everything dlt decides when it builds a source) to
 * what runs: secret values bound into the references, the paginator built from its typed config, the
 * merged params and bodies laid out once, the retry policy and response actions (the parent fields
 * the templates read come resolved from lib/config). Nothing here re-checks the config: a resource whose run cannot start carries
 * a `problem` of a run-time kind (a missing secret value, a custom auth object, a Python parent),
 * reported before any of its requests.
 */
import type { BuiltAuth, ConfigValue, ResolvedResource, ResolvedSource, ResolvedStep } from "../config/resolved";
import { EngineError, type Json, type TableHints } from "./types";
import { isObj, RefResolver, type Obj } from "./refs";
import { createPaginator, type PaginatorImpl } from "./paginators";
import type { BoundAuth } from "./auth";
import { policyFrom, type RetryPolicy } from "./retry";
import { toActions, type ResponseAction } from "./actions";
import type { BoundDate, BoundIncremental } from "./incremental";
import {
  CREDENTIAL_FIELDS,
  DLT_MASKED_AUTH_KEYS,
  dltAutoCastType,
  getOwn,
  isRef,
  maskSecret,
  mergeByName,
  mergeLayers,
  missingAuthFieldsMessage,
  pyNumbersAsText,
  pyRepr,
  pyTypeOf,
  type PyValue,
  refOf,
  refSpelling,
  REQUIRED_AUTH_FIELDS,
  secretEnvName,
  splitUserInfo,
  type HeldDate,
  type HeldValues,
  type RefKind,
} from "../shared";

export interface PreparedResource {
  readonly name: string;
  readonly method: "GET" | "POST";
  readonly baseUrl: string;
  /** Path template (placeholders still in it). */
  readonly path: string;
  /** Static path params (`{org}` in the path), filled in when the path is formatted. */
  readonly pathParams: Obj;
  readonly params: Obj;
  readonly json?: Json;
  readonly data?: Json;
  /** Endpoint headers (interpolated per request sequence). */
  readonly headers: Obj;
  /** Client headers: sent verbatim, never interpolated. */
  readonly clientHeaders: Readonly<Record<string, string>>;
  /** `null` only together with a `problem`. */
  readonly paginator: PaginatorImpl<unknown> | null;
  readonly data_selector: string | null;
  readonly selector_source: "configured" | "single_entity" | "detected";
  readonly auth: BoundAuth | null;
  /** The Python auth object `auth` is (ResolvedAuth's `instance`): resources with the same one share its runtime. */
  readonly authInstance: number | null;
  readonly retry: RetryPolicy;
  readonly actions: readonly ResponseAction[];
  readonly incremental: BoundIncremental | null;
  readonly primary_key: string[] | null;
  readonly write_disposition: string;
  readonly selected: boolean;
  readonly parallelized: boolean;
  /** The parent and the fields (JSONPaths) its templates read from each parent record. */
  readonly parent: { readonly name: string; readonly fields: string[] } | null;
  readonly include_from_parent: string[];
  /** Config paths of Python values that are skipped. */
  readonly python_keys: readonly string[];
  /** Its processing steps the run applies (lib/engine/steps.ts). */
  readonly steps: readonly ResolvedStep[];
  /** Why this resource cannot run (a missing secret, a custom auth object, a Python parent). */
  readonly problem: EngineError | null;
  /** Credential values written literally in the auth config (masked like secrets). */
  readonly credentials: string[];
  /** The hints that shape its tables (`resource_start`). */
  readonly table: TableHints;
}

export function joinUrl(base: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  if (!base) return path;
  if (!path) return base;
  let end = base.length;
  // Not `/\/+$/`: it tries every slash as the start of the trailing run (quadratic on a base of many slashes).
  while (end > 0 && base.charCodeAt(end - 1) === 0x2f) end--;
  return `${base.slice(0, end)}/${path.replace(/^\/+/, "")}`;
}

/** The settings files dlt reads references of these kinds from. */
const files = (kinds: ReadonlySet<RefKind>) =>
  kinds.size > 1 ? ".dlt/secrets.toml, .dlt/config.toml" : kinds.has("config") ? ".dlt/config.toml" : ".dlt/secrets.toml";

function missingSecretError(resource: string, missing: ReadonlyMap<string, RefKind>): EngineError {
  const names = [...missing.keys()];
  const list = [...missing].map(([n, kind]) => refSpelling(kind, n)).join(", ");
  const env = names.map(secretEnvName).join(", ");
  // What dlt reads: each surface says how to give the run a value (the trace's advice, the CLI's hint).
  return new EngineError(
    "missing_secret",
    `Missing ${list}: this run has no value for ${names.length > 1 ? "them" : "it"} (dlt reads ${names.length > 1 ? "them" : "it"} ` +
      `from ${files(new Set(missing.values()))} or the environment: ${env}).`,
    { resource },
  );
}

/** The TypedDict dlt's config validation matches an auth type's dict against (its message names it). */
const DLT_AUTH_CONFIG: Readonly<Record<string, string>> = {
  bearer: "BearerTokenAuthConfig",
  api_key: "ApiKeyAuthConfig",
  http_basic: "HttpBasicAuthConfig",
  oauth2_client_credentials: "OAuth2ClientCredentialsConfig",
};

/**
 * What dlt hands over where it wants text, when it is not text: `type` Python's type name (`int`, `datetime`), `qualified`
 * as `len()` names it (`datetime.datetime`), `masked` the value's text masked, `date` for a TOML date.
 */
interface NotText {
  readonly type: string;
  readonly qualified: string;
  readonly masked: string;
  readonly date: boolean;
}

/**
 * A reference's value that dlt's config providers cast to a number or a bool (`12345`, `true`: `auto_cast`), or a TOML date
 * (a Python `datetime`, `date` or `time`), that a reference at `key` of `dict` gives, masked.
 */
function castValue(dict: unknown, key: string, refs: RefResolver): NotText | null {
  const written = isObj(dict) ? dict[key] : undefined;
  const date = refs.dates(dict as ConfigValue).find((d) => d.at.length === 1 && d.at[0] === key)?.date;
  if (date) {
    const bound = refs.bind(dict as ConfigValue, true);
    const text = isObj(bound) && typeof bound[key] === "string" ? bound[key] : "";
    return { type: date.type.slice("datetime.".length), qualified: date.type, masked: maskSecret(text), date: true };
  }
  const value = isRef(written) ? refs.bind(written) : undefined;
  // `os.environ[...]` stays text (Python reads it, not dlt's providers): its cast is itself.
  if (typeof value !== "string" || value === "" || typeof refs.bind(written as ConfigValue, true) === "string") return null;
  const type = dltAutoCastType(value);
  return type === "int" || type === "float" || type === "bool" ? { type, qualified: type, masked: maskSecret(value), date: false } : null;
}

const BIND_AS_TEXT =
  'Bind it as text: `str(dlt.secrets["…"])` in Python, `{"$format": [{"$secret": "…"}]}` in JSON or YAML (restplay\'s downloads do).';

const castError = (what: string, cast: NotText, when: string, failure: string) =>
  new EngineError(
    "invalid_request",
    cast.date
      ? `${what} is a date from dlt's settings files (${cast.masked}), which dlt hands over as a Python ${cast.type} (a TOML ` +
          `date), and ${when}: ${failure}. Quote the date in the .toml file to give it as text.`
      : `${what} is a reference whose value (${cast.masked}) dlt reads as a Python ${cast.type} (its config providers cast ` +
          `text that looks like one, quoted in secrets.toml too), and ${when}: ${failure}. ${BIND_AS_TEXT}`,
  );

/**
 * A reference dlt's config providers cast to a number or a bool (from the environment and secrets.toml alike) where
 * dlt wants text fails dlt's `rest_api_source` before any request, the whole source (checked with dlt 1.26.0), in
 * dlt's order: an auth key dlt masks with `len()` in the client's or a resource's own auth (`TypeError: object of
 * type 'int' has no len()`), then its config validation's `str` (`DictValidationException`) for a client header and
 * a resource_defaults auth dict; a resource_defaults auth object is taken as it is, and runs (`BuiltAuth`).
 */
function castNotText(source: ResolvedSource, refs: RefResolver): EngineError | null {
  const builtAuths = source.builtAuths ?? [];
  const inAuth = (built: BuiltAuth): EngineError | null => {
    const written = built.config as Readonly<Record<string, unknown>>;
    for (const key of DLT_MASKED_AUTH_KEYS) {
      const cast = castValue(written, key, refs);
      if (!cast) continue;
      const path = built.at.replace(/\[(\d+)\]/g, "/$1").replace(/\./g, "/");
      const typed = getOwn(DLT_AUTH_CONFIG, String(written.type ?? "bearer")) ?? "AuthConfig";
      const failure =
        built.check === "masked"
          ? `TypeError: object of type '${cast.qualified}' has no len()`
          : `DictValidationException: … For \`${typed}\`: Path \`./${path}\`: field \`${key}=${cast.masked}\` has invalid type ` +
            `\`${cast.type}\` while \`str\` is expected`;
      return castError(`\`${built.at}\`'s \`${key}\``, cast, "dlt's rest_api_source fails on it before any request", failure);
    }
    return null;
  };
  const masked = builtAuths.filter((b) => b.check === "masked");
  const validated = builtAuths.filter((b) => b.check === "validated");
  for (const built of masked) {
    const e = inAuth(built);
    if (e) return e;
  }
  for (const name of Object.keys(source.client.headers)) {
    const cast = castValue(source.client.headers, name, refs);
    if (!cast) continue;
    const failure =
      `DictValidationException: Path \`./client\`: field \`headers[${name}]=${cast.masked}\` has invalid type \`${cast.type}\` ` +
      "while `str` is expected";
    return castError(`\`client.headers.${name}\``, cast, "dlt's rest_api_source fails on it before any request", failure);
  }
  for (const built of validated) {
    const e = inAuth(built);
    if (e) return e;
  }
  return null;
}

/**
 * An endpoint header whose value is not text (`"X-Token": dlt.secrets["token"]` with `TOKEN=12345`, which dlt's config
 * providers read as an int; a literal number): requests refuses it before the request is sent, and dlt fails the resource
 * (checked with dlt 1.26.0: `InvalidHeader: Header part (12345) from {'X-Token': 12345} must be of type str or bytes, not
 * <class 'int'>`). `None` is left out by requests, as here.
 */
function headerNotText(headers: Obj, dates: ReadonlyMap<string, HeldDate>): EngineError | null {
  for (const [name, value] of Object.entries(headers)) {
    const date = dates.get(name);
    if (value === null || (typeof value === "string" && !date)) continue;
    const type = date ? date.type : pyTypeOf(value);
    const part = date ? date.repr : pyRepr(value as PyValue);
    return new EngineError(
      "invalid_request",
      `The header \`${name}\` is not text, and requests refuses it before sending the request (InvalidHeader: Header part ` +
        `(${part}) from {${pyRepr(name)}: ${part}} must be of type str or bytes, not <class '${type}'>), as dlt's run fails. ` +
        "A reference's value that looks like a number, a bool or JSON is read as one by dlt's config providers: in Python write " +
        '`str(dlt.secrets["…"])` there.',
    );
  }
  return null;
}

/** An incremental's `initial_value` and `end_value` that are TOML dates (`BoundIncremental.dates`), each with how it is read. */
function incrementalDates(written: ConfigValue, refs: RefResolver): Pick<BoundIncremental, "dates"> {
  const dates: Partial<Record<"initial_value" | "end_value", BoundDate>> = {};
  for (const { at, date } of refs.dates(written)) {
    const key = at.length === 1 ? at[0] : undefined;
    if (key !== "initial_value" && key !== "end_value") continue;
    const ref = refOf(isObj(written) ? written[key] : undefined);
    const whole = refOf(written);
    dates[key] = { date, read: ref ? refSpelling(ref.kind, ref.name) : whole ? `in ${refSpelling(whole.kind, whole.name)}` : key };
  }
  return Object.keys(dates).length > 0 ? { dates } : {};
}

/** The auth with its secret values bound, or why it cannot run. */
function bindAuth(r: ResolvedResource, refs: RefResolver): { auth: BoundAuth | null; problem: EngineError | null } {
  const a = r.endpoint.auth;
  if (a === null) return { auth: null, problem: null };
  if (a.kind === "python") {
    const message =
      `\`${a.where}\` is Python code (a custom auth object): validated, not executed in the playground. ` +
      "Use one of bearer, api_key, http_basic, oauth2_client_credentials.";
    return { auth: null, problem: new EngineError("unsupported", message) };
  }
  const auth = { ...refs.dict(a.config as Readonly<Record<string, Json>>), type: a.config.type } as BoundAuth;
  const missing = (getOwn(REQUIRED_AUTH_FIELDS, auth.type) ?? []).filter((f) => auth[f] === undefined || auth[f] === null);
  if (missing.length === 0) return { auth, problem: null };
  const message = missingAuthFieldsMessage(`\`${a.where}\``, auth.type, missing);
  return { auth, problem: new EngineError("missing_secret", message) };
}

function prepareOne(source: ResolvedSource, r: ResolvedResource, refs: RefResolver, notText: EngineError | null): PreparedResource {
  const ep = r.endpoint;
  const { auth: configured, problem: authProblem } = bindAuth(r, refs);
  let problem = authProblem;
  const bound = source.client.base_url === null ? "" : refs.bind(source.client.base_url);
  const baseUrl = typeof bound === "string" ? bound : "";
  // User info in the URL requested (an absolute path's, else base_url's) is sent as requests sends it:
  // basic auth when the config has no auth, nothing when it has one; the URL goes without it either way.
  const pathInfo = splitUserInfo(ep.path);
  const baseInfo = splitUserInfo(baseUrl);
  const basic = (pathInfo ?? baseInfo)?.basic ?? null;
  const auth: BoundAuth | null = configured ?? (basic ? { type: "http_basic", username: basic[0], password: basic[1] } : null);
  let paginator: PaginatorImpl<unknown> | null = null;
  try {
    paginator = createPaginator(ep.paginator);
  } catch (e) {
    problem ??= e instanceof EngineError ? e : new EngineError("internal_error", String(e));
  }
  const clientHeaders = Object.fromEntries(
    Object.entries(refs.dict(source.client.headers)).map(([k, v]) => [k, typeof v === "string" ? v : String(v)]),
  );
  // A number spelled as Python holds it (`1.0`): text in a query, a path or a form; in `json` as written (request.ts).
  // A reference there is the value dlt's config providers make of its text (`8080` an int, sent as `8080`; `1e2` `100.0`).
  const pathParams = pyNumbersAsText(refs.dict(ep.path_params, true)) as Obj;
  const params = pyNumbersAsText(refs.dict(mergeLayers(ep.params), true)) as Obj;
  const json = ep.json === null ? undefined : refs.bind(mergeLayers(ep.json), true);
  const data = ep.data === null ? undefined : pyNumbersAsText(refs.bind(ep.data, true));
  const headers = refs.dict(ep.headers, true);
  problem ??= headerNotText(headers, refs.dateKeys(ep.headers as ConfigValue | null));
  // requests writes the body after the headers: a date there, inside a table or a list too, fails Python's json (checked with
  // dlt 1.26.0: `TypeError: Object of type datetime is not JSON serializable`).
  const bodyDate = ep.json === null ? undefined : refs.dates(mergeLayers(ep.json))[0]?.date;
  if (bodyDate)
    problem ??= new EngineError(
      "invalid_request",
      "The `json` body holds a date from dlt's settings files (a TOML date is a Python datetime), and Python's json refuses " +
        `it before the request is sent (TypeError: Object of type ${bodyDate.type.slice("datetime.".length)} is not JSON ` +
        "serializable), as dlt's run fails. Quote the date in the .toml file to send it as text.",
    );
  const actions = toActions(refs.bind(ep.response_actions as Json[]) as Json[]);
  // The compiled `initial_value` is code, not a value: references are bound around it.
  const { initial_value_compiled: compiled, ...written } = ep.incremental ?? {};
  const incremental =
    ep.incremental === null
      ? null
      : ({
          ...(refs.bind(written as Json) as object),
          ...(compiled ? { initial_value_compiled: compiled } : {}),
          ...incrementalDates(written as ConfigValue, refs),
        } as BoundIncremental);
  if (r.parent?.external) {
    const message =
      `Resource \`${r.name}\` depends on \`${r.parent.name}\`, which is not a resource of this config (a Python dlt resource?): ` +
      "validated, not executed in the playground, so it has no records to run for.";
    problem ??= new EngineError("unsupported", message);
  }
  if (refs.missing.size > 0) problem ??= missingSecretError(r.name, refs.missing);
  // dlt fails the whole source on it, before any request (a missing value fails the user's dict first).
  else if (notText) problem = notText;
  if (problem && problem.details.resource === undefined)
    problem = new EngineError(problem.code, problem.message, { ...problem.details, resource: r.name });
  return {
    name: r.name,
    method: ep.method,
    baseUrl: baseInfo?.url ?? baseUrl,
    path: pathInfo?.url ?? ep.path,
    pathParams,
    params,
    ...(json !== undefined ? { json } : {}),
    ...(data !== undefined ? { data } : {}),
    headers,
    clientHeaders,
    paginator,
    data_selector: ep.data_selector?.path ?? null,
    selector_source: ep.data_selector?.source ?? "detected",
    auth,
    authInstance: configured && ep.auth?.kind === "config" ? (ep.auth.instance ?? null) : null,
    retry: policyFrom(ep.error_handler ?? undefined),
    actions,
    incremental,
    primary_key: r.primary_key,
    write_disposition: r.write_disposition,
    selected: r.selected,
    parallelized: r.parallelized,
    parent: r.parent ? { name: r.parent.name, fields: [...r.parent.fields] } : null,
    include_from_parent: r.include_from_parent,
    python_keys: r.python,
    steps: r.steps,
    problem,
    table: { ...r.table, columns: mergeByName(r.table.columns) },
    credentials: [
      ...(auth ? CREDENTIAL_FIELDS.flatMap((f) => (typeof auth[f] === "string" ? [auth[f] as string] : [])) : []),
      ...refs.spellings,
    ],
  };
}

/** Every resource of the source, in its (dependency) order, ready to run. */
export function prepareSource(
  source: ResolvedSource,
  secrets: Readonly<Record<string, string>>,
  held: HeldValues = {},
): PreparedResource[] {
  const notText = castNotText(source, new RefResolver(secrets, source.environRefs, held));
  return source.resources.map((r) => prepareOne(source, r, new RefResolver(secrets, source.environRefs, held), notText));
}
