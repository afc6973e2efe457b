/** Secret masking (ARCHITECTURE rule 6): applied before anything leaves the engine. */
import type { Json } from "./types";

const SENSITIVE_PARAMS = new Set(["api_key", "token", "key", "access_token", "apikey", "api-key", "access-token", "secret", "password", "pwd", "client_secret"]);
const SENSITIVE_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "apikey"]);

/** dlt's masking: `s*****t`; `*****` when shorter than 3 characters. */
export function maskSecret(value: string): string {
  return value.length < 3 ? "*****" : `${value[0]}*****${value[value.length - 1]}`;
}

export class Masker {
  private readonly values: string[];
  constructor(secretValues: Iterable<string>) {
    // Longest first, so a secret containing another is replaced whole.
    this.values = [...new Set([...secretValues].filter((v) => v.length > 0))].sort((a, b) => b.length - a.length);
  }
  text(s: string): string {
    let out = s;
    for (const v of this.values) if (out.includes(v)) out = out.split(v).join(maskSecret(v));
    return out;
  }
  url(raw: string): string {
    try {
      const u = new URL(raw);
      for (const k of [...u.searchParams.keys()]) if (SENSITIVE_PARAMS.has(k.toLowerCase())) u.searchParams.set(k, "***");
      return this.text(u.toString().replace(/=%2A%2A%2A/g, "=***"));
    } catch {
      return this.text(raw);
    }
  }
  headers(h: Headers | Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    const entries = h instanceof Headers ? [...h.entries()] : Object.entries(h);
    for (const [k, v] of entries) {
      if (SENSITIVE_HEADERS.has(k.toLowerCase())) {
        const m = /^(Bearer|Basic|Token)\s+(.+)$/i.exec(v);
        out[k] = m ? `${m[1]} ${maskSecret(m[2] ?? "")}` : maskSecret(v);
      } else out[k] = this.text(v);
    }
    return out;
  }
  json(value: Json): Json {
    if (typeof value === "string") return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.json(v));
    if (value && typeof value === "object") {
      const out: { [k: string]: Json } = {};
      for (const [k, v] of Object.entries(value)) {
        out[k] = typeof v === "string" && SENSITIVE_PARAMS.has(k.toLowerCase()) ? maskSecret(v) : this.json(v);
      }
      return out;
    }
    return value;
  }
}

/** A URL with sensitive query parameters replaced by `***` and known secret values masked. */
export function redactUrl(url: string, secretValues: Iterable<string> = []): string {
  return new Masker(secretValues).url(url);
}
