/** json_link, header_link, cursor, header_cursor and single_page (dlt-rest-api.md §7.4). */
import type { PaginatorTypedConfig } from "../../config/schema";
import { EngineError, type Json } from "../types";
import { compilePath, firstMatch } from "../jsonpath";
import { setBodyPath, setParam, type RequestSpec } from "../request";
import type { PageInfo, Paginator, Step } from "./types";

type Cfg<T extends string> = Extract<PaginatorTypedConfig, { type: T }>;

/** Link paginators follow the next URL as is: the original query params are dropped. */
function follow(req: RequestSpec, ref: string, base: string): RequestSpec {
  let url: string;
  try {
    url = new URL(ref, base).toString();
  } catch {
    throw new EngineError("paginator_error", `The next link \`${ref}\` is not a valid URL.`);
  }
  return { ...req, url, params: [] };
}

export function singlePage(): Paginator {
  return { name: "single_page", describe: "single_page", init: (r) => r, next: () => ({ stop: true, reason: "stopped: single_page makes one request" }) };
}

export function jsonLink(c: Cfg<"json_link"> | Cfg<"json_response">): Paginator {
  const path = c.next_url_path ?? "next";
  const compiled = compilePath(path);
  return {
    name: "json_link",
    describe: `json_link(next_url_path=${path})`,
    init: (r) => r,
    next(page): Step {
      const ref = firstMatch(compiled, page.body);
      if (ref === undefined || ref === null) return { stop: true, reason: `stopped: no \`${path}\` link in the response` };
      const next = follow(page.request, typeof ref === "string" ? ref : JSON.stringify(ref), page.url);
      return { stop: false, reason: `next: \`${path}\` = ${typeof ref === "string" ? ref : JSON.stringify(ref)}`, request: next, loopKey: next.url };
    },
  };
}

/** RFC 8288 `Link` header: the URL whose rel matches. */
export function parseLinkHeader(header: string | null, rel: string): string | null {
  if (!header) return null;
  for (const part of header.split(/,(?=\s*<)/)) {
    const m = /<([^>]*)>(.*)/.exec(part.trim());
    if (!m) continue;
    const rels = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(m[2] ?? "")?.[1]?.split(/\s+/) ?? [];
    if (rels.includes(rel)) return m[1] ?? null;
  }
  return null;
}

export function headerLink(c: Cfg<"header_link">): Paginator {
  const key = c.links_next_key ?? "next";
  return {
    name: "header_link",
    describe: `header_link(links_next_key=${key})`,
    init: (r) => r,
    next(page): Step {
      const ref = parseLinkHeader(page.headers.get("link"), key);
      if (!ref) return { stop: true, reason: `stopped: no \`Link: <…>; rel="${key}"\` header` };
      const next = follow(page.request, ref, page.url);
      return { stop: false, reason: `next: Link rel="${key}" ${ref}`, request: next, loopKey: next.url };
    },
  };
}

const truthy = (v: Json | undefined) => v !== undefined && v !== null && v !== "" && v !== 0 && v !== false;

export function cursor(c: Cfg<"cursor">): Paginator {
  if (c.cursor_param && c.cursor_body_path) throw new EngineError("paginator_error", "Either 'cursor_param' or 'cursor_body_path' must be provided, not both.");
  const path = c.cursor_path ?? "cursors.next";
  const compiled = compilePath(path);
  const param = c.cursor_body_path ? null : (c.cursor_param ?? "cursor");
  const hasMore = c.has_more_path ? compilePath(c.has_more_path) : null;
  return {
    name: "cursor",
    describe: `cursor(cursor_path=${path}, ${param ? `cursor_param=${param}` : `cursor_body_path=${c.cursor_body_path}`})`,
    init: (r) => r,
    next(page: PageInfo): Step {
      const value = firstMatch(compiled, page.body);
      let more = truthy(value);
      let reason = more ? `next cursor ${JSON.stringify(value)} from \`${path}\`` : `stopped: cursor \`${path}\` is ${value === undefined ? "missing" : JSON.stringify(value)}`;
      if (more && (c.stop_after_empty_page ?? false) && page.records.length === 0) [more, reason] = [false, "stopped: empty page"];
      if (hasMore && c.has_more_path) {
        const v = firstMatch(hasMore, page.body);
        if (v === undefined || v === null) throw new EngineError("paginator_error", `Has more value not found in the response in \`JSONResponseCursorPaginator\`.Expected a response with a \`${c.has_more_path}\` key.`);
        const b = typeof v === "boolean" ? v : ["yes", "true", "t", "y", "1"].includes(String(v).toLowerCase());
        if (b !== more) reason = `${b ? "next" : "stopped"}: \`${c.has_more_path}\` is ${String(v)} (overrides: ${reason})`;
        more = b;
      }
      if (!more) return { stop: true, reason };
      const text = value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
      const request = param ? setParam(page.request, param, text) : setBodyPath(page.request, c.cursor_body_path ?? "cursor", value ?? null);
      return { stop: false, reason, request, loopKey: text };
    },
  };
}

export function headerCursor(c: Cfg<"header_cursor">): Paginator {
  const key = c.cursor_key ?? "next";
  const param = c.cursor_param ?? "cursor";
  return {
    name: "header_cursor",
    describe: `header_cursor(cursor_key=${key}, cursor_param=${param})`,
    init: (r) => r,
    next(page): Step {
      const v = page.headers.get(key);
      if (v === null) return { stop: true, reason: `stopped: no \`${key}\` response header` };
      return { stop: false, reason: `next cursor ${v} from header \`${key}\``, request: setParam(page.request, param, v), loopKey: v };
    },
  };
}
