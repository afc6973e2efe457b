/**
 * The masked `url` and `headers` of `request` and `response` events, built on first read (and kept),
 * like `body_preview` (./body-preview.ts): only the route's stream and the trace read them, so a
 * consumer that never does (the CLI's table output, a benchmark) pays no masking per page. They are
 * enumerable getters: `JSON.stringify`, spreading and `structuredClone` see them as plain fields.
 */
import type { Masker } from "../shared";
import type { MaskedHeaders } from "./types";

type RawHeaders = Iterable<readonly [string, string]> | Readonly<Record<string, string>>;

/** What an event needs to mask its fields on first read, and the fields once masked. */
interface LazyMasked {
  readonly masker: Masker;
  readonly rawUrl: string | undefined;
  readonly rawHeaders: RawHeaders;
  url: string | undefined;
  headers: MaskedHeaders | undefined;
}

/** Where an event keeps its `LazyMasked` (a symbol: never serialised, never spread, as it is not enumerable). */
const LAZY = Symbol("restplay.maskedFields");

function lazyOf(event: object): LazyMasked {
  return (event as { [LAZY]: LazyMasked })[LAZY];
}

function maskedUrl(lazy: LazyMasked): string {
  return (lazy.url ??= lazy.masker.url(lazy.rawUrl ?? ""));
}

/** Shared by every event (per-event closures would give each event a hidden class of its own). */
const URL_ACCESSOR: PropertyDescriptor = {
  get(this: object) {
    return maskedUrl(lazyOf(this));
  },
  enumerable: true,
  configurable: true,
};
const HEADERS_ACCESSOR: PropertyDescriptor = {
  get(this: object) {
    const lazy = lazyOf(this);
    return (lazy.headers ??= lazy.masker.headers(lazy.rawHeaders));
  },
  enumerable: true,
  configurable: true,
};

function attach(event: object, lazy: LazyMasked): void {
  Object.defineProperty(event, LAZY, { value: lazy, enumerable: false });
}

/** `event` (a `request` event up to its `method`) with `url` and `headers`, masked on first read, as its next fields. */
export function withMaskedRequest<T extends object>(
  event: T,
  masker: Masker,
  rawUrl: string,
  rawHeaders: RawHeaders,
): T & { readonly url: string; readonly headers: MaskedHeaders } {
  attach(event, { masker, rawUrl, rawHeaders, url: undefined, headers: undefined });
  Object.defineProperty(event, "url", URL_ACCESSOR);
  return Object.defineProperty(event, "headers", HEADERS_ACCESSOR) as T & { readonly url: string; readonly headers: MaskedHeaders };
}

/** `event` (a `response` event up to its `size`) with `headers`, masked on first read, as its next field. */
export function withMaskedResponse<T extends object>(
  event: T,
  masker: Masker,
  rawHeaders: RawHeaders,
): T & { readonly headers: MaskedHeaders } {
  attach(event, { masker, rawUrl: undefined, rawHeaders, url: undefined, headers: undefined });
  return Object.defineProperty(event, "headers", HEADERS_ACCESSOR) as T & { readonly headers: MaskedHeaders };
}

/** The masked URL of a request event made by `withMaskedRequest` (masked once, shared with the event). */
export function maskedUrlOf(event: object): string {
  return maskedUrl(lazyOf(event));
}
