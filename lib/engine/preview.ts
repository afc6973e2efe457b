/** Response previews for the page inspector: the parsed body capped to ~50 KB, and UTF-8 sizes. */
import type { Json } from "./types";
import type { Masker } from "./mask";
import { setOwn } from "../shared";

export const PREVIEW_BYTES = 50_000;
const STRING_CAP = 2_000;

/** UTF-8 byte length without encoding a copy of the text. */
export function utf8Length(s: string): number {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * A copy of `value` whose JSON is at most about `budget` characters: arrays keep their first items,
 * long strings are cut. Work is proportional to the preview, not to the body.
 */
export function capJson(value: Json, budget = PREVIEW_BYTES): { value: Json; truncated: boolean } {
  let left = budget;
  let truncated = false;
  const cap = (v: Json): Json => {
    if (typeof v === "string") {
      const s = v.length > STRING_CAP ? ((truncated = true), `${v.slice(0, STRING_CAP)}…`) : v;
      left -= s.length + 2;
      return s;
    }
    if (v === null || typeof v !== "object") {
      left -= String(v).length;
      return v;
    }
    left -= 2;
    if (Array.isArray(v)) {
      const out: Json[] = [];
      for (const x of v) {
        if (left <= 0) {
          truncated = true;
          break;
        }
        out.push(cap(x));
      }
      return out;
    }
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) {
      if (left <= 0) {
        truncated = true;
        break;
      }
      left -= k.length + 4;
      setOwn(out, k, cap(x));
    }
    return out;
  };
  const capped = cap(value);
  return { value: capped, truncated };
}

/**
 * The `body_preview` of a response event. The parsed body is shared as is when it is small and
 * nothing in it needs masking (the common case, at no cost); otherwise a capped, masked copy.
 */
export function bodyPreview(masker: Masker, body: Json | undefined, text: string, hasSecret: boolean): { body_preview?: Json; body_truncated?: boolean } {
  if (body === undefined) {
    if (!text) return {};
    return { body_preview: masker.excerpt(text, STRING_CAP), ...(text.length > STRING_CAP ? { body_truncated: true } : {}) };
  }
  const mask = hasSecret || masker.hasCredentialKey(text);
  if (text.length <= PREVIEW_BYTES) return { body_preview: mask ? masker.json(body) : body };
  // Masked before capping: a secret straddling a cut string must not leave its first characters behind.
  const capped = capJson(mask ? masker.json(body) : body);
  return { body_preview: capped.value, ...(capped.truncated ? { body_truncated: true } : {}) };
}
