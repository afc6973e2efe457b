/**
 * Secret masking (ARCHITECTURE rule 6): applied before anything leaves the engine.
 * Two mechanisms, as in dlt: sensitive query parameters and auth fields are masked by *name*
 * (`***` in URLs, `s*****t` elsewhere), and every known secret value is masked wherever it appears.
 */
import type { Json, NumberText } from "./json";
import { subOrder, type KeyOrder } from "./key-order";
import { getOwn, setOwn } from "./objects";
import { asciiJson } from "./python";
import { pyQuotePlus, pyRequoteUri } from "./py-url";
import { isCredentialHeader, maskSecret, SENSITIVE_BODY_KEYS, SENSITIVE_KEYS } from "./secrets";
import { trimChars } from "./text";

const SENSITIVE_KEY_IN_TEXT = new RegExp(`"(?:${[...SENSITIVE_BODY_KEYS].join("|")})"`, "i");
const isHttpWhitespace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * A header value without its leading and trailing HTTP whitespace (tab, LF, CR, space), as `Headers` keeps it and a
 * request sends it. In one pass: `/[\t\n\r ]+$/` tried every space of an inner run as the start of the trailing one.
 */
export function stripHttpWhitespace(value: string): string {
  // Its own loop (not `trimWhere`): it runs for every header of every request, where a shared predicate call costs.
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}
/** Shorter values cannot be searched for in free text without masking half of it. */
const MIN_SEARCHABLE = 3;

/** Standard base64 of `bytes`, padded (Python's `base64.b64encode`). */
export function base64Bytes(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 4096) bin += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return btoa(bin);
}

/** UTF-8 bytes of `s` in base64 (`btoa` alone takes only Latin-1). */
export const base64 = (s: string): string => base64Bytes(new TextEncoder().encode(s));

/** Whether the surrogate at `i` is half of a pair. */
function isPaired(v: string, i: number): boolean {
  const c = v.charCodeAt(i);
  if (c <= 0xdbff) return i + 1 < v.length && v.charCodeAt(i + 1) >= 0xdc00 && v.charCodeAt(i + 1) <= 0xdfff;
  return i > 0 && v.charCodeAt(i - 1) >= 0xd800 && v.charCodeAt(i - 1) <= 0xdbff;
}

/** `encodeURIComponent`, which throws on a lone surrogate: such a value is sent (and echoed) with U+FFFD. */
function percentEncode(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, (c, i: number) => (isPaired(v, i) ? c : "\uFFFD")));
  }
}

/** HTML-escaped as an error page echoes it: `&`, `<`, `>`, `"` and `'` as entities (`&#39;` and `&#x27;`). */
const htmlEscaped = (v: string): string[] => {
  const base = v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return [base.replace(/'/g, "&#39;"), base.replace(/'/g, "&#x27;"), base];
};

const hex4 = (c: string, upper: boolean): string => {
  const h = c.charCodeAt(0).toString(16).padStart(4, "0");
  return `\\u${upper ? h.toUpperCase() : h}`;
};
const SHORT_ESCAPES: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

/**
 * The value as other serialisers escape it in JSON: ASCII-only with upper-case hex (Java's, .NET's), `<`, `>`, `&` and
 * U+2028/9 as `\u003c`… (Go's encoding/json), and .NET's default encoder (those and `'`, `"`, `+` and `` ` `` as
 * `\u0027`…, every non-ASCII character, upper-case hex).
 */
function otherJsonEscapes(v: string, jsonEscaped: string): string[] {
  const upper = asciiJson(jsonEscaped).replace(/\\u([0-9a-f]{4})/g, (_, h: string) => `\\u${h.toUpperCase()}`);
  const go = jsonEscaped.replace(/[<>&\u2028\u2029]/g, (c) => hex4(c, false));
  let dotnet = "";
  for (const c of v) {
    if (c === "\\") dotnet += "\\\\";
    else if (SHORT_ESCAPES[c] !== undefined) dotnet += SHORT_ESCAPES[c];
    else if (/[<>&'"+`]/.test(c) || c < " " || c > "~") for (let i = 0; i < c.length; i++) dotnet += hex4(c.charAt(i), true);
    else dotnet += c;
  }
  return [upper, go, dotnet];
}

/**
 * A value in a URL's host (`f"https://{dlt.secrets['subdomain']}.zendesk.com"`) as the URL spells it: lower-cased,
 * IDNA for non-ASCII. Only for a value that is a host's text alone: one with a `/`, `@` or `:` would give a part of it.
 */
function hostSpelling(v: string): string[] {
  if (!/^[^\s/\\?#@:[\]%]+$/.test(v)) return [];
  try {
    const host = new URL(`http://${v}/`).hostname;
    return host !== v ? [host] : [];
  } catch {
    return [];
  }
}

/**
 * The spellings a value takes when an API echoes it: raw, JSON-escaped (with `\/`, with ASCII `\uXXXX` escapes, as
 * Java, .NET and Go escape), percent-encoded (upper- and lower-case hex, `+` for spaces), base64 (standard, URL-safe,
 * unpadded: how `Authorization: Basic` and many tokens carry it), HTML-escaped, and as a URL's host.
 */
function spellings(v: string): string[] {
  const jsonEscaped = JSON.stringify(v).slice(1, -1);
  const percent = percentEncode(v);
  const b64 = base64(v);
  const out = new Set([
    v,
    ...htmlEscaped(v),
    ...htmlEscaped(jsonEscaped),
    jsonEscaped,
    jsonEscaped.replace(/\//g, "\\/"),
    asciiJson(jsonEscaped),
    ...otherJsonEscapes(v, jsonEscaped),
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
    new URLSearchParams([["", v]]).toString().slice(1),
    // As requests writes it in a query or a form (`quote_plus`; `~` kept, `*` escaped), and in a path (`requote_uri`).
    pyQuotePlus(v),
    pyRequoteUri(v),
    b64,
    trimChars(b64, "=", "end"),
    trimChars(b64.replace(/\+/g, "-").replace(/\//g, "_"), "=", "end"),
    ...hostSpelling(v),
  ]);
  return [...out].filter((s) => s.length >= MIN_SEARCHABLE);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, " "));
  } catch {
    return s;
  }
}

/** `k=v&…` with the values of sensitive keys replaced; everything else kept byte for byte. */
function maskPairs(query: string, sensitive: ReadonlySet<string>, replace: (value: string) => string): string {
  return query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      if (eq < 0 || !sensitive.has(decode(pair.slice(0, eq)).toLowerCase())) return pair;
      return `${pair.slice(0, eq)}=${replace(decode(pair.slice(eq + 1)))}`;
    })
    .join("&");
}

export class Masker {
  /** [needle, replacement], longest needle first so a secret containing another is replaced whole. */
  private needles: [string, string][] = [];
  /** The needles that contain no other needle: enough to tell whether a text holds a secret. */
  private probes: string[] = [];
  private readonly known = new Set<string>();

  constructor(secretValues: Iterable<string> = []) {
    for (const v of secretValues) this.add(v);
  }

  /** Adds a value learnt during the run (an issued OAuth token). */
  add(value: string): void {
    if (value.length < MIN_SEARCHABLE || this.known.has(value)) return;
    this.known.add(value);
    // A header goes without its edge whitespace (../engine/request.ts): `" key"` is sent, and traced, as `key`.
    const sent = stripHttpWhitespace(value);
    if (sent !== value) this.add(sent);
    const replacement = maskSecret(value);
    const own = spellings(value);
    for (const n of own) this.needles.push([n, replacement]);
    this.needles.sort((a, b) => b[0].length - a[0].length);
    // Among the value's own spellings only: comparing every needle with every other, on every add, was
    // quadratic in all of them (100 long secrets in a run request held the server ~10 s). A probe
    // that contains another value's needle is redundant, never wrong.
    for (const n of own) if (!own.some((m) => m.length < n.length && n.includes(m))) this.probes.push(n);
  }

  /** Whether a JSON text has a credential-named key (`"access_token"`, …) that `json()` masks. */
  hasCredentialKey(raw: string): boolean {
    return SENSITIVE_KEY_IN_TEXT.test(raw);
  }

  /** Whether `raw` (a response body as received) contains any known secret. */
  containsSecret(raw: string): boolean {
    for (const n of this.probes) if (raw.includes(n)) return true;
    return false;
  }

  /** Whether a value holds a known secret in a string, a key or a number (`undefined`: none). */
  holds(value: Json | undefined): boolean {
    if (this.known.size === 0) return false;
    if (typeof value === "string") return this.containsSecret(value);
    if (typeof value === "number") return this.known.has(String(value));
    if (value === null || typeof value !== "object") return false;
    if (Array.isArray(value)) return value.some((v) => this.holds(v));
    for (const k in value) if (this.containsSecret(k) || this.holds(value[k])) return true;
    return false;
  }

  text(s: string): string {
    let out = s;
    for (const [n, r] of this.needles) if (out.includes(n)) out = out.split(n).join(r);
    return out;
  }

  /**
   * The first `max` characters of `s`, masked *before* it is cut, so a secret straddling the cut
   * never shows its first characters: a window one secret longer than the cut is masked, widened
   * while masking shortened it, then cut.
   */
  excerpt(s: string, max: number): { text: string; truncated: boolean } {
    const margin = this.needles[0]?.[0].length ?? 0;
    let end = max + margin;
    let masked = this.text(s.slice(0, end));
    while (masked.length < max + margin && end < s.length) {
      end += max + margin - masked.length;
      masked = this.text(s.slice(0, end));
    }
    return masked.length > max ? { text: masked.slice(0, max), truncated: true } : { text: masked, truncated: false };
  }

  /**
   * Credential query parameters become `***` (dlt's redaction, by the wider list of names form bodies
   * use: dlt's misses `api_token` & co.); known secret values are masked anywhere.
   */
  url(raw: string): string {
    const q = raw.indexOf("?");
    if (q < 0) return this.text(raw);
    const hash = raw.indexOf("#", q);
    const query = raw.slice(q + 1, hash < 0 ? undefined : hash);
    return this.text(`${raw.slice(0, q)}?${maskPairs(query, SENSITIVE_KEYS, () => "***")}${hash < 0 ? "" : raw.slice(hash)}`);
  }

  /** Headers as pairs (WHATWG `Headers`, a transport's) or as a plain object. */
  headers(h: Iterable<readonly [string, string]> | Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    const entries = Symbol.iterator in h ? h : Object.entries(h);
    for (const [k, v] of entries) {
      if (isCredentialHeader(k)) {
        const m = /^(Bearer|Basic|Token|Digest)\s+(\S.*)$/i.exec(v);
        setOwn(out, k, m ? `${m[1]} ${maskSecret(m[2] ?? "")}` : maskSecret(v));
      } else setOwn(out, k, this.text(v));
    }
    return out;
  }

  /** A form-encoded body with sensitive fields masked by name (token requests), encoding kept. */
  form(body: string): string {
    return this.text(maskPairs(body, SENSITIVE_KEYS, maskSecret));
  }

  /** For previews of API responses: sensitive keys masked by name, secret values anywhere (keys and numbers too). */
  json(value: Json): Json {
    if (typeof value === "string") return this.text(value);
    if (typeof value === "number") return this.number(value, undefined);
    if (Array.isArray(value)) return value.map((v) => this.json(v));
    if (value && typeof value === "object") {
      const out: { [k: string]: Json } = {};
      for (const [k, v] of Object.entries(value))
        setOwn(out, this.text(k), typeof v === "string" && SENSITIVE_BODY_KEYS.has(k.toLowerCase()) ? maskSecret(v) : this.json(v));
      return out;
    }
    return value;
  }

  /**
   * A number as it is shown: its masked text when the API's spelling of it (`spelling`, else JavaScript's) is a
   * secret — an account number or a PIN used as a credential and echoed as a JSON number — else the number. Only
   * the whole number: a short secret (a page size of `100` read from dlt.secrets) would otherwise turn every
   * number holding its digits into text.
   */
  private number(n: number, spelling: string | undefined): Json {
    const s = spelling ?? String(n);
    return this.known.has(s) ? maskSecret(s) : n;
  }

  /**
   * For records: only known secret values are masked (user data keeps its keys and other values), in
   * strings, keys and numbers. The result has the record's number spellings (`NumberText`, how the API
   * wrote numbers JavaScript changes) without those of the numbers it masked (a masked number is text
   * now), and its key orders (`KeyOrder`) with their keys masked as the record's are.
   */
  record(
    value: Json,
    spelling: NumberText | undefined,
    order?: KeyOrder,
  ): { value: Json; spelling: NumberText | undefined; order: KeyOrder | undefined } {
    const [masked, kept, ordered] = this.masked(value, spelling, order);
    return { value: masked, spelling: typeof kept === "object" ? kept : undefined, order: ordered };
  }

  private masked(
    value: Json,
    spelling: string | NumberText | undefined,
    order: KeyOrder | undefined,
  ): [Json, string | NumberText | undefined, KeyOrder | undefined] {
    if (typeof value === "string") return [this.text(value), spelling, order];
    if (typeof value === "number") {
      const shown = this.number(value, typeof spelling === "string" ? spelling : undefined);
      return shown === value ? [value, spelling, order] : [shown, undefined, undefined];
    }
    if (value === null || typeof value !== "object") return [value, spelling, order];
    const below = typeof spelling === "object" ? spelling : undefined;
    let kept: NumberText | undefined;
    let at: { [key: string]: KeyOrder } | undefined;
    const one = (k: string, v: Json, shownKey: string): Json => {
      const [m, s, o] = this.masked(v, below && getOwn(below, k), subOrder(order ?? null, k) ?? undefined);
      if (s !== undefined) setOwn((kept ??= {}), shownKey, s);
      if (o !== undefined) setOwn((at ??= {}), shownKey, o);
      return m;
    };
    const ordered = (): KeyOrder | undefined => {
      const keys = Array.isArray(value) ? undefined : order?.keys?.map((k) => this.text(k));
      return keys === undefined && at === undefined ? undefined : { ...(keys ? { keys } : {}), ...(at ? { at } : {}) };
    };
    if (Array.isArray(value)) {
      const out = value.map((v, i) => one(String(i), v, String(i)));
      return [out, kept, ordered()];
    }
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(value)) {
      const shownKey = this.text(k);
      setOwn(out, shownKey, one(k, v, shownKey));
    }
    return [out, kept, ordered()];
  }
}

/** A URL with sensitive query parameters replaced by `***` and known secret values masked. */
export function redactUrl(url: string, secretValues: Iterable<string> = []): string {
  return new Masker(secretValues).url(url);
}
