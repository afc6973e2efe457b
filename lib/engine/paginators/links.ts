/** json_link (and its alias json_response) and header_link: follow the next page's URL (§7.4). */
import { EngineError, type Json } from "../types";
import { compilePath, firstMatch } from "../jsonpath";
import type { RequestSpec } from "../request";
import type { PaginatorConfigOf, PaginatorImpl, Update } from "./types";
import { pyHasScheme, pyUrljoin } from "../../shared";

export interface LinkState {
  /** Absolute URL of the next page, once a response named one. */
  readonly next: string | null;
}

/**
 * dlt's `BaseNextUrlPaginator.update_request`: a link with a scheme (`urlparse(ref).scheme`) is requested as
 * written; any other is joined to the request's URL by Python's `urljoin` (not WHATWG's: `'` stays `'` in a
 * query, `a//b` is `a/b`, a bare `#frag` drops the params, which dlt keeps apart from `request.url`).
 */
function resolveLink(ref: string, base: string): string {
  try {
    const next = pyHasScheme(ref) ? ref : pyUrljoin(base, ref);
    new URL(next);
    return next;
  } catch {
    throw new EngineError("paginator_error", `The next link \`${ref}\` is not a valid URL (relative to \`${base}\`).`);
  }
}

/**
 * dlt's `BaseNextUrlPaginator`: any reference but `None` is a next page, and an empty one is requested as
 * it is — requests refuses the empty URL, so the run fails there (a json_link `"next": ""`, a Link `<>`).
 */
function nextUrl(ref: string, base: string): string {
  if (ref === "")
    throw new EngineError(
      "paginator_error",
      "The next link is an empty string: dlt counts it as a next page and requests it, which fails " +
        "(`MissingSchema: Invalid URL '': No scheme supplied. Perhaps you meant http://?`).",
    );
  return resolveLink(ref, base);
}

/** The next request is the link as is: the original query params are dropped (the link carries everything). */
const follow = (req: RequestSpec, s: LinkState): RequestSpec => (s.next === null ? req : { ...req, url: s.next, params: [] });

export function jsonLink(c: PaginatorConfigOf<"json_link"> | PaginatorConfigOf<"json_response">): PaginatorImpl<LinkState> {
  const path = c.next_url_path ?? "next";
  const compiled = compilePath(path);
  return {
    type: c.type,
    describe: `${c.type}(next_url_path=${path})`,
    init: () => ({ next: null }),
    apply: follow,
    label: () => c.type,
    update(s, res): Update<LinkState> {
      const ref: Json | undefined = firstMatch(compiled, res.body);
      if (ref === undefined || ref === null) return { decision: "stop", state: s, reason: `stopped: no \`${path}\` link`, stop: "no_next" };
      if (typeof ref !== "string")
        throw new EngineError(
          "paginator_error",
          `The next link at \`${path}\` is not a URL: \`${res.show(ref)}\`. Point \`next_url_path\` at the URL itself.`,
        );
      const next = nextUrl(ref, res.url);
      return {
        decision: "next",
        state: { next },
        reason: `next: \`${path}\` = ${ref}`,
        loopKey: next,
      };
    },
  };
}

const QUOTES = " '\"";
/** Python's `str.strip(chars)`. */
function strip(text: string, chars: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && chars.includes(text[a] as string)) a++;
  while (b > a && chars.includes(text[b - 1] as string)) b--;
  return text.slice(a, b);
}

/**
 * The `Link` header's URLs by `rel`, as requests' `Response.links` reads them (`parse_header_links`): the
 * `rel` text as written (case and spaces kept: `rel="next last"` is not `next`), a later link of the same
 * `rel` replacing an earlier one, a link without `rel` keyed by its URL.
 */
export function headerLinks(header: string | null): Map<string, string> {
  const links = new Map<string, string>();
  const value = header === null ? "" : strip(header, QUOTES);
  if (value === "") return links;
  for (const part of value.split(/, *</)) {
    const semi = part.indexOf(";");
    const link = new Map([["url", strip(semi === -1 ? part : part.slice(0, semi), "<> '\"")]]);
    for (const param of semi === -1 ? [] : part.slice(semi + 1).split(";")) {
      const kv = param.split("=");
      if (kv.length !== 2) break;
      link.set(strip(kv[0] as string, QUOTES), strip(kv[1] as string, QUOTES));
    }
    const url = link.get("url") as string;
    links.set(link.get("rel") || url, url);
  }
  return links;
}

export function headerLink(c: PaginatorConfigOf<"header_link">): PaginatorImpl<LinkState> {
  const key = c.links_next_key ?? "next";
  return {
    type: "header_link",
    describe: `header_link(links_next_key=${key})`,
    init: () => ({ next: null }),
    apply: follow,
    label: () => "header_link",
    update(s, res): Update<LinkState> {
      const ref = headerLinks(res.headers.get("link")).get(key);
      if (ref === undefined)
        return { decision: "stop", state: s, reason: `stopped: no \`${key}\` link in the Link header`, stop: "no_next" };
      const next = nextUrl(ref, res.url);
      return { decision: "next", state: { next }, reason: `next: Link rel="${key}" ${ref}`, loopKey: next };
    },
  };
}
