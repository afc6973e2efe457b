/**
 * Credentials written into the config outside auth's own fields (those are rules/auth.ts's): the one
 * home for what counts as one and how it moves to dlt.secrets. The validator's `hardcoded_secret` and
 * its quick fix come from here; the Python download and the share link apply that fix, the JSON/YAML
 * downloads the same moves to the dict (export-dict.ts). Found:
 * - a header that carries credentials (`Authorization`, `X-API-Key`, `PRIVATE-TOKEN`, …), a credential
 *   field (`api_key`, `api_token`, `password`, `client_id`, …) in `params` or at any depth of a
 *   `json`/`data` body or of OAuth's `access_token_request_data`: moved to dlt.secrets;
 * - user info (`https://user:password@host`) or a credential query parameter in `base_url` or an
 *   endpoint's `path`: taken out of the URL; a path's query parameter moves to the endpoint's `params`,
 *   the password to an `http_basic` auth block, a `base_url` query parameter to an `api_key` auth block
 *   (`location: query`), where the config has no auth yet (with one, dlt's client never sends user info).
 */
import { pythonCodeOnly, type PlainValue, type TextEdit } from "../../formats";
import { valueAt, where, type Path } from "../located";
import {
  braceSpans,
  isCredentialHeader,
  isFormat,
  maskSecret,
  pyUnquote,
  replaceBraces,
  secretEnvName,
  SENSITIVE_KEYS,
  setOwn,
  splitUserInfo,
  trimChars,
} from "../../shared";
import { insertEntryEdit, renderValue } from "../fixes";
import { isObj, type RuleContext } from "./context";
import { endpointsOf } from "./dlt-endpoints";

/** A secret name for a header or parameter: `X-API-Key` -> `x_api_key`. */
export const secretNameFor = (key: string): string => trimChars(key.toLowerCase().replace(/[^a-z0-9_]+/g, "_"), "_") || "secret";

/** Only a plain credential: no `{placeholder}` (those are dlt's templates), not empty. */
const looksSecret = (v: unknown): v is string => typeof v === "string" && v.trim().length > 0 && braceSpans(v).length === 0;

/** The words a credential's text puts before it (`Bearer `, `Token `): no credential themselves. */
const SCHEME_WORDS = /\b(?:bearer|basic|token|bot|digest|jwt|oauth|apikey|api-key|key|sso-key)\b/gi;

/**
 * The credential written literally into text made with references (`f"Bearer sk_live_51H…{dlt.secrets['suffix']}"`,
 * `"abc123" + dlt.secrets["x"]`): its first literal part with a run of six or more letters, digits, `_` or `-` besides a
 * scheme word (`Bearer `) and dlt's `{placeholders}` (a label such as `k:` or `user:` is none); null for anything
 * else. The one rule for a `$format` in auth's fields (rules/auth.ts) and in the places `literalCredentials` looks
 * (a header, a param, a body field).
 */
export function literalInFormat(v: unknown): string | null {
  if (!isFormat(v)) return null;
  for (const p of v.$format)
    if (typeof p === "string" && /[\p{L}\p{N}_-]{6,}/u.test(replaceBraces(p, () => " ").replace(SCHEME_WORDS, " "))) return p.trim();
  return null;
}

/** A change to the config: the value at `at` replaced, or `key: value` added to the dict at `at`. */
export type CredentialOp =
  | { readonly op: "set"; readonly at: Path; readonly value: PlainValue }
  | { readonly op: "add"; readonly at: Path; readonly key: string; readonly value: PlainValue };

export interface LiteralCredential {
  /** The string that holds it. */
  readonly at: Path;
  /** What it is, for messages: `` `X-API-Key` ``, `` the query parameter `token` in `path` ``. */
  readonly what: string;
  /** The credentials, masked. */
  readonly masked: string;
  /** The credentials as written (for finding the Python constants they are made of; never shown). */
  readonly secrets: readonly string[];
  /** The dlt.secrets names it moves to (none: it is only taken out). */
  readonly names: readonly string[];
  /** The fix's title. */
  readonly title: string;
  readonly ops: readonly CredentialOp[];
}

const ref = (name: string): PlainValue => ({ $secret: name });
const capital = (s: string) => `${s[0]?.toUpperCase() ?? ""}${s.slice(1)}`;
type Obj = Record<string, unknown>;

/** Every credential written into `plain` outside auth's own fields, with the moves that take it out. */
export function literalCredentials(plain: unknown): LiteralCredential[] {
  if (!isObj(plain)) return [];
  const out: LiteralCredential[] = [];
  const client = isObj(plain.client) ? plain.client : null;
  const hasAuth = (o: Obj | null) => o !== null && o.auth !== undefined && o.auth !== null;
  if (client) {
    if (isObj(client.headers)) fields(out, client.headers, ["client", "headers"], CREDENTIAL_HEADERS, 0);
    if (isObj(client.auth) && isObj(client.auth.access_token_request_data))
      fields(out, client.auth.access_token_request_data, ["client", "auth", "access_token_request_data"], SENSITIVE_KEYS, 32);
    if (typeof client.base_url === "string")
      inUrl(out, client.base_url, ["client", "base_url"], { auth: hasAuth(client) ? null : ["client"], params: null, base: true });
  }
  // An OAuth token URL's user info or credential query (`https://id:pw@…/token?client_secret=…`).
  const tokenUrl = (auth: unknown, at: Path) => {
    if (isObj(auth) && typeof auth.access_token_url === "string")
      inUrl(out, auth.access_token_url, [...at, "access_token_url"], { auth: null, params: undefined, base: false });
  };
  if (client) tokenUrl(client.auth, ["client", "auth"]);
  // A resource given as a string (`"items?token=…"`: its name and path) or a string endpoint: the credential
  // can only be taken out (there is no dict for params or auth).
  if (Array.isArray(plain.resources))
    plain.resources.forEach((r: unknown, i: number) => {
      if (typeof r === "string") inUrl(out, r, ["resources", i], { auth: null, params: undefined, base: false });
      else if (isObj(r) && typeof r.endpoint === "string")
        inUrl(out, r.endpoint, ["resources", i, "endpoint"], { auth: null, params: undefined, base: false });
    });
  for (const { endpoint, at } of endpointsOf(plain)) {
    tokenUrl(endpoint.auth, [...at, "auth"]);
    if (isObj(endpoint.headers)) fields(out, endpoint.headers, [...at, "headers"], CREDENTIAL_HEADERS, 0);
    if (isObj(endpoint.params)) fields(out, endpoint.params, [...at, "params"], SENSITIVE_KEYS, 0);
    for (const key of ["json", "data"] as const)
      if (typeof endpoint[key] === "object") fields(out, endpoint[key], [...at, key], SENSITIVE_KEYS, 32);
    if (isObj(endpoint.auth) && isObj(endpoint.auth.access_token_request_data))
      fields(out, endpoint.auth.access_token_request_data, [...at, "auth", "access_token_request_data"], SENSITIVE_KEYS, 32);
    if (typeof endpoint.path === "string") {
      const params = endpoint.params === undefined ? null : isObj(endpoint.params) ? endpoint.params : undefined;
      const auth = hasAuth(client) || hasAuth(endpoint) ? null : at;
      inUrl(out, endpoint.path, [...at, "path"], { auth, params: params === undefined ? undefined : { at, dict: params }, base: false });
    }
  }
  return out;
}

/** Header names that carry a credential, as `fields` asks (`names.has(lowercase name)`). */
const CREDENTIAL_HEADERS = { has: isCredentialHeader };

/** Keys of `names` with a literal value in `v` (dicts and lists `depth` levels down too). */
function fields(out: LiteralCredential[], v: unknown, at: Path, names: { has(name: string): boolean }, depth: number): void {
  if (Array.isArray(v)) {
    if (depth > 0) v.forEach((x, i) => fields(out, x, [...at, i], names, depth - 1));
    return;
  }
  if (!isObj(v)) return;
  for (const [key, x] of Object.entries(v)) {
    const literal = names.has(key.toLowerCase()) ? (looksSecret(x) ? x : literalInFormat(x)) : null;
    if (literal !== null) {
      const name = secretNameFor(key);
      const here = [...at, key];
      out.push({
        at: here,
        what: `\`${key}\``,
        masked: maskSecret(literal),
        secrets: [literal],
        names: [name],
        title: `Move to dlt.secrets["${name}"]`,
        ops: [{ op: "set", at: here, value: ref(name) }],
      });
    } else if (depth > 0 && typeof x === "object") fields(out, x, [...at, key], names, depth - 1);
  }
}

interface UrlPlace {
  /** Where an auth block goes (the dict that has none yet); `null`: there is one. */
  readonly auth: Path | null;
  /** A path's endpoint and its `params` dict (`null`: none yet); `undefined`: `params` is not a dict. */
  readonly params: { readonly at: Path; readonly dict: Obj | null } | null | undefined;
  readonly base: boolean;
}

/** Python's `unquote_plus` of a query key, for matching it. */
const queryKey = (k: string) => pyUnquote(k.replace(/\+/g, " ")).toLowerCase();

/** User info and credential query parameters in the URL `value` at `at`. */
function inUrl(out: LiteralCredential[], value: string, at: Path, place: UrlPlace): void {
  const info = splitUserInfo(value);
  const url = info?.url ?? value;
  const q = url.indexOf("?");
  const hash = q < 0 ? -1 : url.indexOf("#", q);
  const pairs = q < 0 ? [] : url.slice(q + 1, hash < 0 ? undefined : hash).split("&");
  const found = pairs.flatMap((p) => {
    const eq = p.indexOf("=");
    const key = eq < 0 ? p : p.slice(0, eq);
    const v = eq < 0 ? "" : p.slice(eq + 1);
    return SENSITIVE_KEYS.has(queryKey(key)) && looksSecret(v) ? [{ pair: p, key: queryKey(key), value: v }] : [];
  });
  if (!info && found.length === 0) return;
  const kept = pairs.filter((p) => !found.some((f) => f.pair === p));
  const rest = q < 0 ? url : `${url.slice(0, q)}${kept.length ? `?${kept.join("&")}` : ""}${hash < 0 ? "" : url.slice(hash)}`;
  const ops: CredentialOp[] = [{ op: "set", at, value: rest }];
  const names: string[] = [];
  const moved: string[] = [];
  let auth = place.auth;
  if (info?.basic && auth) {
    names.push("password");
    moved.push('the password to an http_basic auth block (dlt.secrets["password"])');
    ops.push({ op: "add", at: auth, key: "auth", value: { type: "http_basic", username: info.basic[0], password: ref("password") } });
    auth = null;
  }
  const params = place.params;
  if (params && found.length > 0 && found.every((f) => params.dict === null || !(f.key in params.dict))) {
    for (const f of found) names.push(secretNameFor(f.key));
    moved.push(`${found.map((f) => `\`${f.key}\``).join(", ")} to \`params\` (dlt.secrets)`);
    if (params.dict === null)
      ops.push({
        op: "add",
        at: params.at,
        key: "params",
        value: Object.fromEntries(found.map((f) => [f.key, ref(secretNameFor(f.key))])),
      });
    else for (const f of found) ops.push({ op: "add", at: [...params.at, "params"], key: f.key, value: ref(secretNameFor(f.key)) });
  } else if (place.base && auth && found.length === 1) {
    const f = found[0] as (typeof found)[number];
    names.push(secretNameFor(f.key));
    moved.push(`\`${f.key}\` to an api_key auth block (location: query, dlt.secrets)`);
    ops.push({
      op: "add",
      at: auth,
      key: "auth",
      value: { type: "api_key", name: f.key, api_key: ref(secretNameFor(f.key)), location: "query" },
    });
  }
  const what = `${[
    ...(info ? ["the user info (user:password@)"] : []),
    ...(found.length ? [`the query parameter${found.length > 1 ? "s" : ""} ${found.map((f) => `\`${f.key}\``).join(", ")}`] : []),
  ].join(" and ")} in ${typeof at[at.length - 1] === "number" ? where(at) : `\`${String(at[at.length - 1])}\``}`;
  const masked = [
    ...(info?.basic ? [`${info.basic[0]}:${maskSecret(info.basic[1])}@`] : []),
    ...found.map((f) => `${f.key}=${maskSecret(f.value)}`),
  ].join(", ");
  const title = moved.length ? `Move ${moved.join(" and ")}` : "Take the credentials out of the URL (then give them to an auth block)";
  const secrets = [...(info?.basic ? [info.basic[1]] : []), ...found.map((f) => f.value)].filter((x) => x !== "");
  out.push({ at, what, masked: masked || "user info", secrets, names, title, ops });
}

/** The `hardcoded_secret` warnings and quick fixes of `literalCredentials`. */
export function checkSecretLiterals(ctx: RuleContext, plain: unknown): void {
  for (const c of literalCredentials(plain)) {
    if (ctx.full) return;
    const range = ctx.loc.value(c.at);
    const edits = c.ops.map((o): TextEdit | null =>
      o.op === "set"
        ? { range: ctx.loc.value(o.at), newText: renderValue(o.value, ctx.format, ctx.text, ctx.loc.value(o.at)) }
        : insertEntryEdit(ctx.doc, o.at, o.key, o.value),
    );
    if (ctx.format === "python") edits.push(...constantEdits(ctx.text, range, c.secrets));
    const refs = c.names.map((n) => `dlt.secrets["${n}"]`);
    ctx.add({
      at: c.at,
      severity: "warning",
      code: "hardcoded_secret",
      range,
      message:
        `${capital(c.what)} is written into the config (${c.masked}): anyone with the file has it. ` +
        (refs.length
          ? `Use ${refs.join(", ")} and supply the value at run time (Secrets panel, --secret, .dlt/secrets.toml or the environment ` +
            `variable ${c.names.map(secretEnvName).join(", ")}). `
          : "Take it out of the URL and give it to an auth block that reads dlt.secrets. ") +
        "No download writes the literal unless you choose to keep it.",
      ...(edits.every((e) => e !== null) ? { fixes: [{ title: c.title, edits: edits as TextEdit[] }] } : {}),
    });
  }
}

/** `literalCredentials` moved out of `config` (a mutable copy), as the quick fixes move them; one note per credential. */
export function moveLiteralCredentials(config: PlainValue): string[] {
  const notes: string[] = [];
  for (const c of literalCredentials(config)) {
    for (const o of c.ops) {
      const node = valueAt(config, o.op === "set" ? o.at.slice(0, -1) : o.at);
      const key = String(o.op === "set" ? o.at[o.at.length - 1] : o.key);
      if (Array.isArray(node)) node[Number(key)] = o.value;
      else if (isObj(node)) setOwn(node, key, o.value);
    }
    const to = c.names.length ? `; put ${c.names.map((n) => `\`${n}\``).join(", ")} in .dlt/secrets.toml` : "";
    const done = c.title.replace(/^Move /, "moved ").replace(/^Take /, "took ");
    notes.push(`${capital(c.what)} was written into the config: ${done}${to}.`);
  }
  return notes;
}

/** A module-level `NAME = "literal"` (an annotation and a comment allowed), its line and its literal. */
const constantLine = (name: string) =>
  new RegExp(`^${name}[ \\t]*(?::[^=\\n]*)?=[ \\t]*(?:"([^"\\\\\\n]*)"|'([^'\\\\\\n]*)')[ \\t]*(?:#.*)?$`, "m");

/**
 * Python: the module constants a credential's expression reads (`"Bearer " + TOKEN`, `f"{API_KEY}"`)
 * hold (part of) it too, so the fix takes them out as well: a constant nothing else reads is deleted,
 * one read elsewhere reads dlt.secrets (named after it) instead of its literal.
 */
function constantEdits(text: string, range: { start: number; end: number }, secrets: readonly string[]): TextEdit[] {
  const edits: TextEdit[] = [];
  const code = pythonCodeOnly(text);
  for (const name of new Set(code.slice(range.start, range.end).match(/[A-Za-z_]\w*/g) ?? [])) {
    const m = constantLine(name).exec(text);
    const literal = m?.[1] ?? m?.[2];
    if (!m || literal === undefined || literal.length < 4 || !secrets.some((x) => x.includes(literal) || literal.includes(x))) continue;
    const start = m.index;
    const end = start + m[0].length;
    const reads = [...code.matchAll(new RegExp(`\\b${name}\\b`, "g"))].filter(
      (r) => (r.index < start || r.index >= end) && (r.index < range.start || r.index >= range.end),
    );
    if (reads.length === 0) edits.push({ range: { start, end: text[end] === "\n" ? end + 1 : end }, newText: "" });
    else {
      const at = start + m[0].indexOf(m[0].includes(`"${literal}"`) ? `"${literal}"` : `'${literal}'`);
      edits.push({ range: { start: at, end: at + literal.length + 2 }, newText: `dlt.secrets[${JSON.stringify(secretNameFor(name))}]` });
    }
  }
  return edits;
}
