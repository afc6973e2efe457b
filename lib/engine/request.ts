/** The engine's request description: immutable, edited by paginators and auth through copies (§11.1). */
import { EngineError, type Json, type TransportRequest } from "./types";
import { pyStr } from "./interpolate";
import { defect } from "./defect";
import {
  DLT_VERSION,
  getOwn,
  isPyNumber,
  PY_NUMBER,
  redactUrl,
  setOwn,
  pyJsonDumps,
  pyPrepareUrl,
  pyUrlencode,
  splitUserInfo,
  stripHttpWhitespace,
} from "../shared";

export interface RequestSpec {
  readonly method: "GET" | "POST";
  /** URL without the params below (a link paginator's next URL carries its own query). */
  readonly url: string;
  /** Query parameters in order; a list value is already expanded into repeated keys. */
  readonly params: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  readonly json?: Json;
  readonly data?: Json;
  /** `url` is sent as it is, with no params (a redirect's target: requests does not prepare it again). */
  readonly prepared?: true;
}

/** Sets a query parameter like a Python dict assignment: an existing key keeps its place, a new one goes last. */
export function setParam(spec: RequestSpec, key: string, value: string): RequestSpec {
  const at = spec.params.findIndex(([k]) => k === key);
  if (at < 0) return { ...spec, params: [...spec.params, [key, value]] };
  const params = spec.params.filter(([k], i) => k !== key || i === at).map((p, i) => (i === at ? ([key, value] as const) : p));
  return { ...spec, params };
}

/** Writes `value` at a dot path of the JSON body, creating dicts on the way. */
export function setBodyPath(spec: RequestSpec, dotPath: string, value: Json): RequestSpec {
  const body: { [k: string]: Json } =
    spec.json && typeof spec.json === "object" && !Array.isArray(spec.json) ? (structuredClone(spec.json) as { [k: string]: Json }) : {};
  const keys = dotPath.split(".");
  let cur = body;
  for (const k of keys.slice(0, -1)) {
    const next = getOwn(cur, k);
    const obj = next && typeof next === "object" && !Array.isArray(next) ? next : {};
    setOwn(cur, k, obj);
    cur = obj;
  }
  setOwn(cur, keys[keys.length - 1] ?? "", value);
  return { ...spec, json: body };
}

const iterable = (v: Json): v is Json[] | { [k: string]: Json } => v !== null && typeof v === "object" && !isPyNumber(v);
/** A value as Python iterates it: a list's items, a dict's keys; a str or a scalar is one value. */
const items = (v: Json): Json[] => (!iterable(v) ? [v] : Array.isArray(v) ? v : Object.keys(v));

/**
 * Params and form fields as requests encodes them (`_encode_params`, then `urlencode(doseq=True)`): `None`
 * omitted, a list (or a dict: its keys) repeated, and a list or dict inside it repeated again by its items
 * as `str()` writes them (`[[1, None]]` is 1 and None, `[{"a": 1}]` is a).
 */
export function pyParamPairs(pairs: Iterable<readonly [string, Json]>): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, vs] of pairs)
    for (const v of items(vs)) if (v !== null) for (const x of typeof v === "string" ? [v] : items(v)) out.push([k, pyStr(x)]);
  return out;
}

/** Query values as `requests` sends them (`pyParamPairs`). */
export const toQueryParams = (params: Readonly<Record<string, Json>>): [string, string][] => pyParamPairs(Object.entries(params));

/**
 * requests' `_encode_params` encodes each key and `str` value as UTF-8: a lone surrogate (half an emoji, from
 * a config's `"\ud800"` or a response's value carried into a param) fails the request with Python's
 * `UnicodeEncodeError`, as dlt's resource fails; positions count code points, as Python's do.
 */
function checkUtf8(pairs: readonly (readonly [string, string])[], what: string): void {
  for (const pair of pairs)
    for (const text of pair) {
      if (text.isWellFormed()) continue;
      const points = [...text];
      const at = points.findIndex((ch) => !ch.isWellFormed());
      let end = at;
      while (end + 1 < points.length && !(points[end + 1] as string).isWellFormed()) end++;
      const hex = (points[at] as string).charCodeAt(0).toString(16);
      const where = end === at ? `character '\\u${hex}' in position ${at}` : `characters in position ${at}-${end}`;
      const why = `UnicodeEncodeError: 'utf-8' codec can't encode ${where}: surrogates not allowed`;
      throw new EngineError(
        "invalid_request",
        `The request could not be sent: dlt's requests encodes ${what} as UTF-8, and \`${pair[0]}\` holds a lone surrogate (${why}).`,
      );
    }
}

/** The last URL found absolute: a resource's pages share their URL as written (only the params change). */
let lastAbsolute: string | null = null;

export function fullUrl(spec: RequestSpec): string {
  if (spec.url !== lastAbsolute) {
    if (!URL.canParse(spec.url)) {
      const fix = 'set `client.base_url` (e.g. "https://api.example.com") or use a full URL as the endpoint path';
      throw new EngineError("invalid_request", `\`${spec.url}\` is not an absolute URL: ${fix}.`);
    }
    lastAbsolute = spec.url;
  }
  if (spec.params.length === 0) return spec.prepared ? spec.url : pyPrepareUrl(spec.url, spec.params);
  checkUtf8(spec.params, "query parameters");
  return pyPrepareUrl(spec.url, spec.params);
}

/** A form as requests encodes `data=` (`urlencode`: ./py-url.ts in lib/shared): a dict's items or a list's pairs. */
function formBody(data: Json): string | null {
  const pairs: [string, Json][] = [];
  if (Array.isArray(data))
    for (const pair of data) if (Array.isArray(pair) && pair.length === 2) pairs.push([pyStr(pair[0] ?? null), pair[1] ?? null]);
  if (data && typeof data === "object" && !Array.isArray(data)) pairs.push(...Object.entries(data));
  const fields = pyParamPairs(pairs);
  checkUtf8(fields, "form fields");
  const s = pyUrlencode(fields);
  return s.length > 0 || (Array.isArray(data) && data.length > 0) ? s : null;
}

/** `data` as http.client encodes a str body: Latin-1, or `UnicodeEncodeError` (dlt's resource fails). */
function latin1(data: string): string {
  const at = data.search(/[^\0-\xff]/u);
  if (at < 0) return data;
  // The run of characters past U+00FF from the first, as the codec reports it (positions in code points).
  const run = [...(/^[^\0-\xff]+/u.exec(data.slice(at)) as RegExpExecArray)[0]];
  const start = [...data.slice(0, at)].length;
  const cp = run[0]?.codePointAt(0) as number;
  const escape = cp > 0xffff ? `\\U${cp.toString(16).padStart(8, "0")}` : `\\u${cp.toString(16).padStart(4, "0")}`;
  const where =
    run.length === 1 ? `character '${escape}' in position ${start}` : `characters in position ${start}-${start + run.length - 1}`;
  const body = [...`'${run.join("")}'`].slice(0, 20).join("");
  const why =
    `UnicodeEncodeError: 'latin-1' codec can't encode ${where}: Body (${body}) is not valid Latin-1. ` +
    "Use body.encode('utf-8') if you want to send it encoded in UTF-8.";
  throw new EngineError("invalid_request", `The request could not be sent: dlt's requests sends a str \`data\` as Latin-1 (${why})`);
}

const nonEmpty = (v: Json | undefined) =>
  v !== undefined && v !== null && !(typeof v === "object" && Object.keys(v).length === 0) && v !== "";

/** Whether a JSON body holds a float Python's `json.dumps(allow_nan=False)` refuses (1e400 is inf there). */
function outOfRange(v: Json): boolean {
  if (typeof v === "number") return !Number.isFinite(v);
  if (isPyNumber(v)) return /^-?(inf|nan)$/.test(v[PY_NUMBER]);
  if (v === null || typeof v !== "object") return false;
  return (Array.isArray(v) ? v : Object.values(v)).some(outOfRange);
}

/** The body as sent: JSON (`{}` is still sent), a form (dict or list of pairs) or a raw string. */
export function encodeBody(spec: RequestSpec): { body?: string; contentType?: string } {
  if (nonEmpty(spec.json) && nonEmpty(spec.data)) throw defect("a request with both a `json` and a `data` body");
  if (spec.json !== undefined && spec.json !== null && outOfRange(spec.json))
    throw new EngineError(
      "invalid_request",
      "The request could not be sent: its `json` body holds an infinite or NaN float (1e400 is inf in Python), which requests " +
        "refuses as dlt sends it (`InvalidJSONError: Out of range float values are not JSON compliant`).",
    );
  if (spec.json !== undefined && spec.json !== null) return { body: pyJsonDumps(spec.json), contentType: "application/json" };
  if (spec.data === undefined || spec.data === null) return {};
  // A str body goes as http.client sends it: Latin-1, no content type (requests sets none).
  if (typeof spec.data === "string") return { body: latin1(spec.data) };
  if (typeof spec.data !== "object") return { body: pyStr(spec.data) };
  const form = formBody(spec.data);
  return form === null ? {} : { body: form, contentType: "application/x-www-form-urlencoded" };
}

/** A header name WHATWG `Headers` accepts (an HTTP token). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What `Headers` refuses in a value: NUL, CR, LF, or a character that is not a byte. */
const INVALID_VALUE = /[\0\r\n]|[^\0-\xff]/;

/** Leading and trailing HTTP whitespace, which `Headers` strips from values. */
const strip = stripHttpWhitespace;

/**
 * Why a header value is refused, without the value (it may be a credential): a character past U+00FF is
 * named as http.client names it when dlt sends one (its position in code points, as Python counts).
 */
function invalidValue(name: string, value: string): string {
  const wide = /[^\0-\xff]/u.exec(value);
  if (!wide) return `the value of "${name}" is an invalid header value.`;
  const at = [...value.slice(0, wide.index)].length;
  return (
    `the value of "${name}" holds a character past U+00FF (at position ${at}), which a header cannot carry: dlt's requests ` +
    `fails on it too (UnicodeEncodeError: 'latin-1' codec can't encode character … in position ${at}: ordinal not in range(256))`
  );
}

/**
 * What dlt's requests session adds to every request (dlt/sources/helpers/requests/session.py, and
 * requests' own `Accept`): some APIs refuse a request without a User-Agent (GitHub's: 403). A header of
 * the config (any case) replaces them, as requests merges a request's headers over its session's.
 * (`Accept-Encoding` is the live transport's: ../net.)
 */
const SESSION_HEADERS: readonly (readonly [string, string])[] = [
  ["accept", "*/*"],
  ["user-agent", `dlt/${DLT_VERSION}`],
];

/**
 * The headers as the `Request` the engine sent through `fetch` before decision 0024 held them: names
 * lower-cased and sorted; repeated names joined as `Headers` joins them (", ", "; " for `cookie`, the
 * last `set-cookie`) and the result stripped of edge whitespace again, as a `Request` copying a
 * `Headers` does; a name that is not a token, or a value with NUL, CR, LF or a character past U+00FF,
 * refused. A JSON or form body's content type is added unless a header sets one (a str body has none,
 * as in requests), and the session's headers unless the request sets them (`SESSION_HEADERS`).
 * (`request.test.ts` checks all of it against `Request` itself.)
 */
function sentHeaders(headers: Readonly<Record<string, string>>, contentType: string | undefined): Record<string, string> {
  const pairs: [string, string][] = [];
  let repeated = false;
  for (const name of Object.keys(headers)) {
    const value = strip(headers[name] ?? "");
    if (!TOKEN.test(name)) throw new TypeError(`"${name}" is an invalid header name.`);
    if (INVALID_VALUE.test(value)) throw new TypeError(invalidValue(name, value));
    const key = name.toLowerCase();
    for (const [k] of pairs) repeated ||= k === key;
    pairs.push([key, value]);
  }
  if (repeated) {
    const joined = new Map<string, string>();
    for (const [key, value] of pairs) {
      const before = joined.get(key);
      if (before === undefined || key === "set-cookie") joined.set(key, value);
      else joined.set(key, `${before}${key === "cookie" ? "; " : ", "}${value}`);
    }
    pairs.length = 0;
    for (const [key, value] of joined) pairs.push([key, strip(value)]);
  }
  if (contentType !== undefined && !pairs.some(([k]) => k === "content-type")) pairs.push(["content-type", contentType]);
  for (const [k, v] of SESSION_HEADERS) if (!pairs.some(([key]) => key === k)) pairs.push([k, v]);
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Object.fromEntries defines own properties: a header named `__proto__` stays a header.
  return Object.fromEntries(pairs);
}

/** The request as sent, without its signal and budget (./exchange.ts adds them per attempt). */
export type BuiltRequest = Omit<TransportRequest, "signal" | "maxBytes">;

/** `url`: `fullUrl(spec)` when the caller has it already. */
export function buildRequest(spec: RequestSpec, url = fullUrl(spec)): BuiltRequest {
  const { body, contentType } = encodeBody(spec);
  // base_url's and an absolute path's user info became basic auth (prepare.ts); one a next link or redirect brings is not sent.
  const info = splitUserInfo(url);
  if (info) {
    const message =
      `The request could not be built: \`${redactUrl(info.url)}\` came with user info (user:password@), which restplay does ` +
      "not send to a URL the API gave. Put the credentials in an auth block (or in base_url).";
    throw new EngineError("invalid_request", message);
  }
  try {
    const headers = sentHeaders(spec.headers, contentType);
    return { method: spec.method, url, headers, ...(body !== undefined ? { body } : {}) };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new EngineError("invalid_request", `The request could not be built: ${why} (check the header names and values).`);
  }
}
