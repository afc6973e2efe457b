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

/** `urllib.parse.quote(text, safe)`: UTF-8 bytes, each outside the safe set as `%XX`. */
export function pyQuote(text: string, safe = "/"): string {
  const table = kept(safe);
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80 && table[c] === 1) out += ch;
    else for (const b of encoder.encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
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
  const keep = escapes === upper.split("%").length - 1 ? `${allowed}%` : allowed;
  let out = "";
  for (const b of utf8SurrogatePass(upper)) {
    const ch = String.fromCharCode(b);
    out += b < 0x80 && (ALWAYS_SAFE.includes(ch) || keep.includes(ch)) ? ch : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** urllib3's `_remove_path_dot_segments` (RFC 3986 5.2.4 on `.` and `..` only: `%2e` is not a dot here, as it is for WHATWG). */
function removeDotSegments(path: string): string {
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

/** urllib3's `URI_RE`: scheme, authority, path, query, fragment of the URL as written. */
const URI_RE = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?(?:\/\/([^\\/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#([\s\S]*))?$/;
/** What Python's `str.lstrip()` strips (requests' `prepare_url` starts with it). */
// eslint-disable-next-line no-control-regex -- Python's whitespace includes \x1c-\x1f
const PY_LEADING_SPACE = /^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * `requests.PreparedRequest.prepare_url` of an absolute URL (WHATWG-parsed `u`, `raw` as written) and
 * its params: scheme, user info and host as WHATWG normalises them; path, query and fragment taken from
 * `raw` as urllib3's `parse_url` takes them (a tab, a trailing space or a `\\` stays in the path, `%2e`
 * is no dot segment, a `%` that is no escape is escaped among the text as written), the params appended
 * to the query (`&`), the whole re-quoted.
 */
export function pyPrepareUrl(raw: string, u: URL, params: readonly (readonly [string, string])[]): string {
  const [, , , rawPath = "", rawQuery, rawFragment] = URI_RE.exec(raw.replace(PY_LEADING_SPACE, "")) ?? [];
  const path = rawPath ? urllib3Encode(removeDotSegments(rawPath), PATH_CHARS) : "";
  const written = rawQuery ? urllib3Encode(rawQuery, QUERY_CHARS) : "";
  const encoded = pyUrlencode(params);
  const query = written && encoded ? `${written}&${encoded}` : written || encoded;
  const user = u.username ? `${u.username}${u.password ? `:${u.password}` : ""}@` : "";
  const hash = rawFragment ? `#${urllib3Encode(rawFragment, QUERY_CHARS)}` : "";
  return pyRequoteUri(`${u.protocol}//${user}${u.host}${path || "/"}${query ? `?${query}` : ""}${hash}`);
}
