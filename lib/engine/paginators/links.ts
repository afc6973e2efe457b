/** json_link (and its alias json_response) and header_link: follow the next page's URL (§7.4). */
import { EngineError, type Json } from "../types";
import { compilePath, firstMatch } from "../jsonpath";
import type { RequestSpec } from "../request";
import type { PaginatorConfigOf, PaginatorImpl, Update } from "./types";

export interface LinkState {
  /** Absolute URL of the next page, once a response named one. */
  readonly next: string | null;
}

/** Relative references resolve against the previous request's URL (standard URL rules). */
function resolveLink(ref: string, base: string): string {
  try {
    return new URL(ref, base).toString();
  } catch {
    throw new EngineError("paginator_error", `The next link \`${ref}\` is not a valid URL (relative to \`${base}\`).`);
  }
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
      // dlt quirk kept: an empty string still counts as a next page (it resolves to the current URL; the loop guard stops it).
      const next = resolveLink(ref, res.url);
      return {
        decision: "next",
        state: { next },
        reason: `next: \`${path}\` = ${ref === "" ? '"" (an empty link still counts as a next page in dlt)' : ref}`,
        loopKey: next,
      };
    },
  };
}

/** RFC 8288 `Link` header: the URL whose `rel` (one of a space-separated list) matches. */
export function parseLinkHeader(header: string | null, rel: string): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/s.exec(part);
    if (!m) continue;
    const rels = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2] ?? "");
    const values = (rels?.[1] ?? rels?.[2] ?? "").toLowerCase().split(/\s+/);
    if (values.includes(rel.toLowerCase())) return m[1] ?? null;
  }
  return null;
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
      const ref = parseLinkHeader(res.headers.get("link"), key);
      if (ref === null) return { decision: "stop", state: s, reason: `stopped: no \`${key}\` link in the Link header`, stop: "no_next" };
      const next = resolveLink(ref, res.url);
      return { decision: "next", state: { next }, reason: `next: Link rel="${key}" ${ref}`, loopKey: next };
    },
  };
}
