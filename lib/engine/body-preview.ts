/** Response previews for the page inspector: the parsed body capped to ~50 KB, and UTF-8 sizes. */
import type { Json } from "./types";
import type { Masker } from "../shared";

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
export function capJson(
  value: Json,
  budget = PREVIEW_BYTES,
  /** How long strings are cut (the masker's `excerpt` when secrets are in play). */
  cut: (s: string, max: number) => string = (s, max) => s.slice(0, max),
): { value: Json; truncated: boolean } {
  let left = budget;
  let truncated = false;
  const cap = (v: Json): Json => {
    if (typeof v === "string") {
      const s = v.length > STRING_CAP ? ((truncated = true), `${cut(v, STRING_CAP)}…`) : v;
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
      out[k] = cap(x);
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
export function bodyPreview(
  masker: Masker,
  body: Json | undefined,
  text: string,
  hasSecret: boolean,
): { body_preview?: Json; body_truncated?: boolean } {
  if (body === undefined) {
    if (!text) return {};
    const excerpt = masker.excerpt(text, STRING_CAP);
    return { body_preview: excerpt.text, ...(excerpt.truncated ? { body_truncated: true } : {}) };
  }
  const mask = hasSecret || masker.hasCredentialKey(text);
  if (text.length <= PREVIEW_BYTES) return { body_preview: mask ? masker.json(body) : body };
  // Long strings are masked before they are cut, so a secret across the cut is never half shown.
  const capped = capJson(body, PREVIEW_BYTES, mask ? (s, max) => masker.excerpt(s, max).text : undefined);
  return { body_preview: mask ? masker.json(capped.value) : capped.value, ...(capped.truncated ? { body_truncated: true } : {}) };
}

/** What a response event needs to build its preview on first read, and the preview once built. */
interface LazyPreview {
  readonly masker: Masker;
  readonly body: Json | undefined;
  readonly text: string;
  readonly hasSecret: boolean;
  built: { body_preview?: Json; body_truncated?: boolean } | null;
}

/** Where an event keeps its `LazyPreview` (a symbol: never serialised, never spread, as it is not enumerable). */
const LAZY = Symbol("restplay.bodyPreview");

function lazyOf(event: object): { body_preview?: Json; body_truncated?: boolean } {
  const lazy = (event as { [LAZY]?: LazyPreview })[LAZY];
  if (!lazy) return {};
  return (lazy.built ??= bodyPreview(lazy.masker, lazy.body, lazy.text, lazy.hasSecret));
}

/**
 * One pair of getters for every event. Getters made per event (closures) gave every event a hidden
 * class of its own, allocated in V8's old space and pointing at the page's body: each page's body
 * and records then survived the young-generation collections until a full one — a third of the
 * engine's CPU per page went to that garbage collection (docs/performance.md).
 */
const ACCESSORS: PropertyDescriptorMap = {
  body_preview: {
    get(this: object) {
      return lazyOf(this).body_preview;
    },
    enumerable: true,
    configurable: true,
  },
  body_truncated: {
    get(this: object) {
      return lazyOf(this).body_truncated;
    },
    enumerable: true,
    configurable: true,
  },
};

/**
 * `event` with its `body_preview` and `body_truncated` built on first read (and kept): only the page
 * inspector reads them, so a consumer that never does (the CLI, a benchmark) pays no masking or
 * capping per page. Encoding the event (`JSON.stringify`) reads them as it would plain fields.
 */
export function withBodyPreview<T extends object>(
  event: T,
  masker: Masker,
  body: Json | undefined,
  text: string,
  hasSecret: boolean,
): T & { readonly body_preview?: Json; readonly body_truncated?: boolean } {
  const lazy: LazyPreview = { masker, body, text, hasSecret, built: null };
  Object.defineProperty(event, LAZY, { value: lazy, enumerable: false });
  return Object.defineProperties(event, ACCESSORS);
}
