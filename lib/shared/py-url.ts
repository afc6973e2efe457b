/**
 * URLs and forms as python-requests writes them (dlt's client is a `requests.Session`): query values and
 * form fields by `urllib.parse.urlencode` (`quote_plus`: only letters, digits and `_.-~` stay, a space
 * is `+`), the whole URL then re-quoted by `requests.utils.requote_uri` (escapes of unreserved characters
 * decoded, anything outside `!#$%&'()*+,/:;=?@[]~` escaped). WHATWG's `URLSearchParams` escapes `~` and
 * keeps `*`, and re-serialises the query a path already holds (`$top` as `%24top`, a space as `+`):
 * the bytes an API (or a signature over them) sees would differ.
 */

const ALWAYS_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~";
const UNRESERVED = new Set(ALWAYS_SAFE);
const encoder = new TextEncoder();

/** The ASCII characters `quote` keeps for a `safe` argument (1: kept), made once per `safe`. */
const keptBySafe = new Map<string, Uint8Array>();
function kept(safe: string): Uint8Array {
  let table = keptBySafe.get(safe);
  if (!table) {
    table = new Uint8Array(128);
    for (const ch of ALWAYS_SAFE + safe) if (ch.charCodeAt(0) < 128) table[ch.charCodeAt(0)] = 1;
    keptBySafe.set(safe, table);
  }
  return table;
}

/** Whether every character of `text` is ASCII and kept by `table` (`kept`): nothing to escape. */
function allKept(text: string, table: Uint8Array): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || table[c] !== 1) return false;
  }
  return true;
}

/** A byte as `quote` escapes it: `%XX`, upper case. */
const escaped = (b: number): string => `%${b.toString(16).toUpperCase().padStart(2, "0")}`;

/** `urllib.parse.quote(text, safe)`: UTF-8 bytes, each outside the safe set as `%XX`. */
export function pyQuote(text: string, safe = "/"): string {
  // The usual text (a page's URL) has nothing to escape: kept as it is without a walk.
  const table = kept(safe);
  if (allKept(text, table)) return text;
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80 && table[c] === 1) out += ch;
    else for (const b of encoder.encode(ch)) out += escaped(b);
  }
  return out;
}

/** `urllib.parse.quote_plus(text)`: `quote` with a space as `+`. */
export const pyQuotePlus = (text: string): string => pyQuote(text, " ").replace(/ /g, "+");

/** `urllib.parse.urlencode(pairs)`: `key=value` pairs by `quote_plus`, joined by `&`. */
export const pyUrlencode = (pairs: readonly (readonly [string, string])[]): string =>
  pairs.map(([k, v]) => `${pyQuotePlus(k)}=${pyQuotePlus(v)}`).join("&");

/** `requests.utils.unquote_unreserved`; `null` where requests raises `InvalidURL` (an escape that is not hex). */
function unquoteUnreserved(uri: string): string | null {
  if (!uri.includes("%")) return uri;
  const parts = uri.split("%");
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] as string;
    const h = part.slice(0, 2);
    if (h.length === 2 && /^[\p{L}\p{N}]{2}$/u.test(h)) {
      if (!/^[0-9A-Fa-f]{2}$/.test(h)) return null;
      const c = String.fromCharCode(parseInt(h, 16));
      parts[i] = UNRESERVED.has(c) ? c + part.slice(2) : `%${part}`;
    } else parts[i] = `%${part}`;
  }
  return parts.join("");
}

/** `requests.utils.requote_uri`. */
export function pyRequoteUri(uri: string): string {
  const unquoted = unquoteUnreserved(uri);
  return unquoted === null ? pyQuote(uri, "!#$&'()*+,/:;=?@[]~") : pyQuote(unquoted, "!#$%&'()*+,/:;=?@[]~");
}

const SUB_DELIMS = "!$&'()*+,;=";
const PATH_CHARS = `${SUB_DELIMS}:@/`;
const QUERY_CHARS = `${PATH_CHARS}?`;

/** UTF-8 bytes as Python's `encode("utf-8", "surrogatepass")` writes them: a lone surrogate as its 3 bytes (not U+FFFD). */
function utf8SurrogatePass(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/**
 * urllib3's `_encode_invalid_chars` (its `parse_url`, before requests appends the params): escapes in
 * upper case, every byte outside `allowed` escaped, and every `%` too unless each is an escape.
 */
function urllib3Encode(component: string, allowed: string): string {
  let escapes = 0;
  const upper = component.replace(/%[0-9a-fA-F]{2}/g, (h) => {
    escapes++;
    return h.toUpperCase();
  });
  const safe = escapes === upper.split("%").length - 1 ? `${allowed}%` : allowed;
  const table = kept(safe);
  if (allKept(upper, table)) return upper;
  let out = "";
  for (const b of utf8SurrogatePass(upper)) out += b < 0x80 && table[b] === 1 ? String.fromCharCode(b) : escaped(b);
  return out;
}

/** urllib3's `_remove_path_dot_segments` (RFC 3986 5.2.4 on `.` and `..` only: `%2e` is not a dot here, as it is for WHATWG). */
function removeDotSegments(path: string): string {
  // Without a `.` or `..` segment the path is its own result.
  if (!/(?:^|\/)\.\.?(?:\/|$)/.test(path)) return path;
  const output: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === ".") continue;
    if (segment !== "..") output.push(segment);
    else if (output.length > 0) output.pop();
  }
  if (path.startsWith("/") && (output.length === 0 || output[0])) output.unshift("");
  if (path.endsWith("/.") || path.endsWith("/..")) output.push("");
  return output.join("/");
}

/**
 * urllib3's `URI_RE`: scheme, authority, path, query, fragment of the URL as written. Linear: anchored, and once the
 * path stops (at `?`, `#` or the end) the rest always matches, so the authority and the path are never re-split.
 */
// eslint-disable-next-line regexp/no-super-linear-backtracking
const URI_RE = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^\\/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/;
/** What Python's `str.lstrip()` strips (requests' `prepare_url` starts with it). */
// eslint-disable-next-line no-control-regex -- Python's whitespace includes \x1c-\x1f
const PY_LEADING_SPACE = /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * `requests.PreparedRequest.prepare_url` of an absolute URL (`raw` as written; throws where WHATWG cannot
 * parse it) and its params: scheme, user info and host as WHATWG normalises them; path, query and fragment taken from
 * `raw` as urllib3's `parse_url` takes them (a tab, a trailing space or a `\\` stays in the path, `%2e`
 * is no dot segment, a `%` that is no escape is escaped among the text as written), the params appended
 * to the query (`&`), the whole re-quoted.
 */
export function pyPrepareUrl(raw: string, params: readonly (readonly [string, string])[]): string {
  const { origin, path, written, hash } = lastParts?.raw === raw ? lastParts : (lastParts = partsOf(raw));
  const encoded = pyUrlencode(params);
  const query = written && encoded ? `${written}&${encoded}` : written || encoded;
  return pyRequoteUri(`${origin}${path || "/"}${query ? `?${query}` : ""}${hash}`);
}

/** The parts of a URL as written that `pyPrepareUrl` keeps whatever the params. */
interface UrlParts {
  readonly raw: string;
  readonly origin: string;
  readonly path: string;
  readonly written: string;
  readonly hash: string;
}

/** The last URL's parts: a resource's pages share their URL as written (only the params change). */
let lastParts: UrlParts | null = null;

function partsOf(raw: string): UrlParts {
  const u = new URL(raw);
  const [, , , rawPath = "", rawQuery, rawFragment] = URI_RE.exec(raw.replace(PY_LEADING_SPACE, "")) ?? [];
  const user = u.username ? `${u.username}${u.password ? `:${u.password}` : ""}@` : "";
  return {
    raw,
    origin: `${u.protocol}//${user}${u.host}`,
    path: rawPath ? urllib3Encode(removeDotSegments(rawPath), PATH_CHARS) : "",
    written: rawQuery ? urllib3Encode(rawQuery, QUERY_CHARS) : "",
    hash: rawFragment ? `#${urllib3Encode(rawFragment, QUERY_CHARS)}` : "",
  };
}

/** Python's `urllib.parse` scheme lists (3.11). */
const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+.-]*$/;
const USES_RELATIVE = new Set([
  "",
  "ftp",
  "http",
  "gopher",
  "nntp",
  "imap",
  "wais",
  "file",
  "https",
  "shttp",
  "mms",
  "prospero",
  "rtsp",
  "rtspu",
  "sftp",
  "svn",
  "svn+ssh",
  "ws",
  "wss",
]);
const USES_NETLOC = new Set([
  "",
  "ftp",
  "http",
  "gopher",
  "nntp",
  "telnet",
  "imap",
  "wais",
  "file",
  "mms",
  "https",
  "shttp",
  "snews",
  "prospero",
  "rtsp",
  "rtspu",
  "rsync",
  "svn",
  "svn+ssh",
  "sftp",
  "nfs",
  "git",
  "git+ssh",
  "ws",
  "wss",
]);
const USES_PARAMS = new Set([
  "",
  "ftp",
  "hdl",
  "prospero",
  "http",
  "imap",
  "https",
  "shttp",
  "rtsp",
  "rtspu",
  "sip",
  "sips",
  "mms",
  "sftp",
  "tel",
]);

interface PyParsed {
  scheme: string;
  netloc: string;
  path: string;
  params: string;
  query: string;
  fragment: string;
}

/** Python 3.11's `urllib.parse.urlparse(url, scheme)`: C0 and space stripped in front, tab, CR and LF removed. */
function pyUrlparse(text: string, defaultScheme = ""): PyParsed {
  // eslint-disable-next-line no-control-regex -- Python's _WHATWG_C0_CONTROL_OR_SPACE
  let url = text.replace(/^[\x00-\x20]+/, "").replace(/[\t\r\n]/g, "");
  let scheme = defaultScheme;
  let netloc = "";
  let query = "";
  let fragment = "";
  const colon = url.indexOf(":");
  if (colon > 0 && SCHEME_CHARS.test(url.slice(0, colon))) [scheme, url] = [url.slice(0, colon).toLowerCase(), url.slice(colon + 1)];
  if (url.startsWith("//")) {
    const ends = ["/", "?", "#"].map((c) => url.indexOf(c, 2)).filter((i) => i >= 0);
    const end = ends.length > 0 ? Math.min(...ends) : url.length;
    [netloc, url] = [url.slice(2, end), url.slice(end)];
    if (netloc.includes("[") !== netloc.includes("]")) throw new Error("Invalid IPv6 URL");
  }
  const hash = url.indexOf("#");
  if (hash >= 0) [url, fragment] = [url.slice(0, hash), url.slice(hash + 1)];
  const mark = url.indexOf("?");
  if (mark >= 0) [url, query] = [url.slice(0, mark), url.slice(mark + 1)];
  let params = "";
  if (USES_PARAMS.has(scheme) && url.includes(";")) {
    const semi = url.includes("/") ? url.indexOf(";", url.lastIndexOf("/")) : url.indexOf(";");
    if (semi >= 0) [url, params] = [url.slice(0, semi), url.slice(semi + 1)];
  }
  return { scheme, netloc, path: url, params, query, fragment };
}

/** Python's `urlunparse`. */
function pyUrlunparse({ scheme, netloc, path, params, query, fragment }: PyParsed): string {
  let url = params ? `${path};${params}` : path;
  if (netloc || (scheme && USES_NETLOC.has(scheme) && !url.startsWith("//")))
    url = `//${netloc}${url && !url.startsWith("/") ? "/" : ""}${url}`;
  if (scheme) url = `${scheme}:${url}`;
  if (query) url = `${url}?${query}`;
  if (fragment) url = `${url}#${fragment}`;
  return url;
}

/** Whether `urlparse(ref).scheme` is set: dlt follows such a next link as written, and joins any other to the request's URL. */
export const pyHasScheme = (ref: string): boolean => pyUrlparse(ref).scheme !== "";

/** Python 3.11's `urllib.parse.urljoin(base, url)` (dlt's `BaseNextUrlPaginator` joins a relative next link so). */
export function pyUrljoin(base: string, ref: string): string {
  if (!base) return ref;
  if (!ref) return base;
  const b = pyUrlparse(base);
  const r = pyUrlparse(ref, b.scheme);
  if (r.scheme !== b.scheme || !USES_RELATIVE.has(r.scheme)) return ref;
  if (USES_NETLOC.has(r.scheme)) {
    if (r.netloc) return pyUrlunparse(r);
    r.netloc = b.netloc;
  }
  if (!r.path && !r.params) return pyUrlunparse({ ...r, path: b.path, params: b.params, query: r.query || b.query });
  const baseParts = b.path.split("/");
  if (baseParts[baseParts.length - 1] !== "") baseParts.pop();
  let segments: string[];
  if (r.path.startsWith("/")) segments = r.path.split("/");
  else {
    const all = [...baseParts, ...r.path.split("/")];
    segments = all.length > 2 ? [all[0] as string, ...all.slice(1, -1).filter(Boolean), all[all.length - 1] as string] : all;
  }
  const resolved: string[] = [];
  for (const seg of segments) {
    if (seg === "..") resolved.pop();
    else if (seg !== ".") resolved.push(seg);
  }
  const last = segments[segments.length - 1];
  if (last === "." || last === "..") resolved.push("");
  return pyUrlunparse({ ...r, path: resolved.join("/") || "/" });
}

/**
 * Where requests' `resolve_redirects` sends the next hop (it does not prepare that URL again): the
 * `Location` header's Latin-1 text read as UTF-8, a scheme-relative one given the scheme of `previous`
 * (the URL that answered), the fragment carried over when the new one has none, `requote_uri`'d and,
 * without a host, joined to `previous` by `urljoin`; its path and query then as urllib3's `urlopen`
 * encodes a request target (`_encode_target`: a `%` that is no escape is escaped, with every other `%`
 * of that part). `null` where requests fails (not UTF-8).
 */
export function pyRedirectTarget(location: string, previous: string): string | null {
  let url: string;
  try {
    url = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from({ length: location.length }, (_, i) => location.charCodeAt(i)));
  } catch {
    return null;
  }
  const before = pyUrlparse(previous);
  if (url.startsWith("//")) url = `${before.scheme}:${url}`;
  const parsed = pyUrlparse(url);
  if (parsed.fragment === "" && before.fragment) parsed.fragment = before.fragment;
  url = pyUrlunparse(parsed);
  const target = parsed.netloc ? pyRequoteUri(url) : pyUrljoin(previous, pyRequoteUri(url));
  // Linear as URI_RE is: after the origin the rest always matches.
  // eslint-disable-next-line regexp/no-super-linear-backtracking
  const m = /^([^:/?#]+:\/\/[^/?#]*)([^?#]*)(?:\?([^#]*))?(#[\s\S]*)?$/.exec(target);
  if (!m) return target;
  const [, origin, path = "", query, hash = ""] = m;
  return `${origin}${urllib3Encode(path, PATH_CHARS)}${query === undefined ? "" : `?${urllib3Encode(query, QUERY_CHARS)}`}${hash}`;
}
