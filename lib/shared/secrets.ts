/**
 * The secrets vocabulary (ARCHITECTURE rule 10): which names carry credentials, how dlt masks a value,
 * and which environment variable dlt reads for a secret. One home for config messages, the engine's
 * masking, lib/run, the CLI and the UI.
 */
import type { RefParam } from "./markers";

/** dlt's redaction list for query parameters (dlt-rest-api.md §11.3): `***` in URLs. */
export const SENSITIVE_PARAMS: ReadonlySet<string> = new Set([
  "api_key",
  "token",
  "key",
  "access_token",
  "apikey",
  "api-key",
  "access-token",
  "secret",
  "password",
  "pwd",
  "client_secret",
]);

/**
 * The auth keys dlt's `rest_api_source` masks while it validates a config (`SENSITIVE_KEYS` in
 * dlt/sources/rest_api/__init__.py: the list above, `username` and `client_id`), with `len()`: a value
 * there that is not text (a secret auto-cast to an int) fails the source with `TypeError`.
 */
export const DLT_MASKED_AUTH_KEYS: readonly string[] = [...SENSITIVE_PARAMS, "username", "client_id"];

/**
 * Keys whose values dlt masks by name in auth configs and token requests (§1.2): the list above plus
 * ids and user names, and the names APIs give their keys in query strings and bodies that dlt's list
 * lacks (Pipedrive's `api_token`, …). Masked in config messages, form bodies and traces; a literal one
 * in `params`, a body or a URL is a `hardcoded_secret`.
 */
export const SENSITIVE_KEYS: ReadonlySet<string> = new Set([
  ...SENSITIVE_PARAMS,
  "client_id",
  "username",
  "refresh_token",
  "assertion",
  "api_token",
  "apitoken",
  "auth_token",
  "private_token",
  "session_token",
  "access_key",
  "secret_key",
  "private_key",
  "app_key",
  "app_secret",
  "consumer_key",
  "consumer_secret",
  "hapikey",
  "signature",
  "sig",
]);

/** Keys whose string values are credentials in a response body (token responses): masked in previews. */
export const SENSITIVE_BODY_KEYS: ReadonlySet<string> = new Set([
  "access_token",
  "refresh_token",
  "id_token",
  "token",
  "client_secret",
  "password",
  "api_key",
  "apikey",
  "secret",
]);

/** Headers that carry credentials whatever their value: masked in traces, withheld from other origins. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "apikey",
  "x-auth-token",
  "x-access-token",
  "x-api-token",
  "api-token",
  "private-token",
]);

/**
 * A word that makes a header name a credential's: vendors name their key headers so (`X-Shopify-Access-Token`,
 * `Circle-Token`, `X-Auth-Key`, `X-Goog-Api-Key`, `Ocp-Apim-Subscription-Key`, `X-Signature`).
 */
const CREDENTIAL_WORD =
  /(?:^|[-_])(?:token|secret|password|passwd|api-?key|apikey|auth-?key|access-?key|subscription-?key|signature)(?:[-_]|$)/;

/**
 * Whether a header carries a credential: `SENSITIVE_HEADERS`, or a name made of a credential word. Masked
 * in traces, withheld from other origins, and a literal one is a `hardcoded_secret`.
 */
export const isCredentialHeader = (name: string): boolean => {
  const lower = name.toLowerCase();
  return SENSITIVE_HEADERS.has(lower) || CREDENTIAL_WORD.test(lower);
};

/** Whether a key names a credential: a sensitive key (any case) or a credential header's name. */
export const isCredentialName = (name: string): boolean => SENSITIVE_KEYS.has(name.toLowerCase()) || isCredentialHeader(name);

/** Auth config fields whose value is a credential: they belong in dlt.secrets, and are masked when written literally. */
export const CREDENTIAL_FIELDS = ["token", "api_key", "password", "client_id", "client_secret", "access_token"] as const;

/**
 * Fields each auth type needs before any request: dlt resolves a missing one from its secrets
 * (`.dlt/secrets.toml`, the environment) and fails without it (`ConfigFieldMissingException`). By type,
 * the seed dialect's `oauth2` included.
 */
export const REQUIRED_AUTH_FIELDS: Readonly<Record<string, readonly string[]>> = {
  bearer: ["token"],
  api_key: ["api_key"],
  http_basic: ["username", "password"],
  oauth2_client_credentials: ["access_token_url", "client_id", "client_secret"],
  oauth2: ["token_url", "client_id", "client_secret"],
};

/**
 * What is missing from the auth config at `where` (as messages show a path: in backticks) of type
 * `type`: the editor's warning, the run's error.
 */
export function missingAuthFieldsMessage(
  where: string,
  type: string,
  missing: readonly string[],
  ref: (name: string) => string = (name) => `dlt.secrets["${name}"]`,
): string {
  const fields = missing.map((f) => `\`${f}\``).join(", ");
  const them = missing.length > 1 ? "them" : "it";
  return (
    `${where} (type \`${type}\`) has no ${fields}: dlt looks ${them} up in its secrets (.dlt/secrets.toml, the environment) ` +
    `and fails without ${them} (ConfigFieldMissingException), as a restplay run does. ` +
    `Add ${missing.map((f) => `"${f}": ${ref(f)}`).join(", ")} to the auth config and supply the value${missing.length > 1 ? "s" : ""}.`
  );
}

/** dlt's masking: `s*****t`; `*****` when shorter than 3 characters. */
export function maskSecret(value: string): string {
  return value.length < 3 ? "*****" : `${value[0]}*****${value[value.length - 1]}`;
}

/**
 * The names dlt tries for a reference, most specific first (checked with dlt 1.26.0). `dlt.secrets["sources.shop.api_key"]`
 * (and `dlt.config[...]`, `get`) is looked up under that name only: dlt's accessor splits it into sections and a key and
 * asks each provider once. A `@dlt.source` (or `@dlt.resource`) parameter defaulting to `dlt.secrets.value` — the reference
 * `sources.<source>.<key>` with `param` (lib/shared/markers.ts) — is injected from `sources.<module>.<source>.<key>`,
 * `sources.<module>.<key>`, `sources.<source>.<key>`, `sources.<key>`, `<key>`: the module's section is the decorator's
 * `section=` (`param` as text), else the module's name, the file's name without `.py` whether it is run as a script or
 * imported (`module`, which the CLI knows; without it those two names are not tried).
 *
 * dlt asks its providers in turn, each under every name before the next (checked with dlt 1.26.0: `TOKEN` in the
 * environment wins over `[sources.github] token` in secrets.toml): the environment (`secretEnvName`), then
 * `secrets.toml`, then `config.toml`, which holds settings only (`dlt.secrets[...]` never reads it). Each TOML
 * file is its project's `.dlt/` one merged over the global `~/.dlt/` one (`settingsNode` reads a name in it).
 */
export function secretLookupNames(name: string, param?: RefParam, module?: string): string[] {
  if (param === undefined) return [name];
  const parts = name.split(".");
  const section = param === true ? module : param;
  const inModule =
    parts.length === 3 && parts[0] === "sources" && section
      ? [`sources.${section}.${parts[1]}.${parts[2]}`, `sources.${section}.${parts[2]}`]
      : [];
  return [...new Set([...inModule, ...sectionFallbacks(name)])];
}

/**
 * A sectioned name and the shorter names dropping one section at a time (`sources.github.token`, `sources.token`, `token`):
 * the tail of a source parameter's names (`secretLookupNames`), and where the mocks' demo values are looked up (restplay's
 * own, keyed by the bare name: `github_token` stands for any reference to it).
 */
export function sectionFallbacks(name: string): string[] {
  const parts = name.split(".").filter(Boolean);
  const key = parts.pop();
  if (key === undefined) return [name];
  const out: string[] = [];
  for (let n = parts.length; n >= 0; n--) out.push([...parts.slice(0, n), key].join("."));
  return out;
}

/** The module's name dlt gives a source in a Python file (`get_module_name`): the file's name without its directory and `.py`. */
export const moduleOfFile = (path: string): string | undefined => {
  const base = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
  return base.length > 3 && base.toLowerCase().endsWith(".py") ? base.slice(0, -3) : undefined;
};

/** A TOML table as a parser gives it (a plain or null-prototype object): a date or any other object is a value. */
export const isSettingsTable = (v: unknown): v is { readonly [key: string]: unknown } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && [null, Object.prototype].includes(Object.getPrototypeOf(v));

/**
 * What a dlt settings document (a parsed `secrets.toml` or `config.toml`) holds at a reference's name, as dlt's TOML
 * providers read it (`BaseDocProvider.get_value`): the name split at its dots, each part a table's key, so
 * `sources.github.token` is `[sources.github]` `token = …` as well as a dotted `sources.github.token = …` (a quoted
 * `"a.b" = …` is no `a.b`), and the node there whatever it is: a table is a dict, `dlt.secrets["sources.github"]`
 * the whole table. `undefined` when a part is missing or not a table.
 */
export function settingsNode(doc: unknown, name: string): unknown {
  let node = doc;
  for (const key of name.split(".")) {
    if (!isSettingsTable(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/**
 * The environment variable dlt reads for `dlt.secrets["name"]`: sections and key joined by `__`, upper
 * case (`client_id` → `CLIENT_ID`, `sources.rest_api.token` → `SOURCES__REST_API__TOKEN`).
 */
export function secretEnvName(name: string): string {
  const sections = name.split(".");
  const key = sections.pop() ?? "";
  return [...sections.filter(Boolean), key].join("__").toUpperCase();
}

/** `scheme://` and the user info before the netloc's last `@` (`urlsplit`'s `rpartition("@")`). */
const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i;

/** Python's `urllib.parse.unquote`: `%XX` runs decoded as UTF-8, invalid bytes replaced, a stray `%` kept. */
export const pyUnquote = (s: string): string =>
  s.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => new TextDecoder().decode(Uint8Array.from(run.slice(1).split("%"), (h) => parseInt(h, 16))));

/**
 * A URL's user info (`https://user:password@host`), as python-requests reads it when no auth object is
 * set (`get_auth_from_url`, dlt's client without `auth`): the URL without it, and the pair it sends as
 * HTTP basic auth (`null`: no `:` in the user info, or both parts empty, which requests sends nothing
 * for). `null`: the URL has no user info.
 */
export function splitUserInfo(url: string): { readonly url: string; readonly basic: readonly [string, string] | null } | null {
  const m = USER_INFO.exec(url);
  if (!m) return null;
  const info = m[2] as string;
  const colon = info.indexOf(":");
  const basic = colon < 0 ? null : ([pyUnquote(info.slice(0, colon)), pyUnquote(info.slice(colon + 1))] as const);
  return { url: `${m[1]}${url.slice(m[0].length)}`, basic: basic && (basic[0] !== "" || basic[1] !== "") ? basic : null };
}
