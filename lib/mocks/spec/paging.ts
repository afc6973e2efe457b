/**
 * Server-side paging for the spec mock, one implementation per way an API pages (offset/limit,
 * page numbers, opaque cursors, next URLs in the body, RFC 8288 Link headers). Written on their own,
 * as a real API would page; the engine's paginators are never used here (ARCHITECTURE rule 4).
 */
import type { JsonValue, Rec } from "../data";
import { intParam, json } from "../respond";
import type { MockPaging } from "./plan";

export interface Page {
  readonly records: readonly Rec[];
  /** Body fields besides the records: totals, next cursors, next URLs. */
  readonly fields: readonly (readonly [readonly string[], JsonValue])[];
  readonly headers: Readonly<Record<string, string>>;
}

const MAX_POSITION = 1_000_000;

/** An opaque cursor: base64 of the next offset (what many APIs do); anything else is a 400. */
const encodeCursor = (offset: number) => btoa(`o:${offset}`);
function decodeCursor(cursor: string): number | null {
  try {
    const m = /^o:(\d+)$/.exec(atob(cursor));
    return m?.[1] ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

function withParam(url: URL, name: string, value: number): string {
  const next = new URL(url);
  next.searchParams.set(name, String(value));
  return next.href;
}

/** One page of `all` as the request asks for it, or a 400 naming the bad parameter. */
export function pageOf(paging: MockPaging, url: URL, all: readonly Rec[]): Page | Response {
  const n = all.length;
  const size = (param: string | undefined, fallback: number) => (param === undefined ? fallback : intParam(url, param, fallback, 1, 1000));
  switch (paging.kind) {
    case "none":
      return { records: all, fields: [], headers: {} };
    case "offset": {
      const offset = intParam(url, paging.offset_param, 0, 0, MAX_POSITION);
      if (offset instanceof Response) return offset;
      const limit = size(paging.limit_param, paging.default_limit);
      if (limit instanceof Response) return limit;
      return { records: all.slice(offset, offset + limit), fields: paging.total_path ? [[paging.total_path, n]] : [], headers: {} };
    }
    case "page": {
      const per = size(paging.size_param, paging.default_size);
      if (per instanceof Response) return per;
      const page = intParam(url, paging.page_param, paging.base_page, paging.base_page, MAX_POSITION);
      if (page instanceof Response) return page;
      const from = (page - paging.base_page) * per;
      const fields: [string[], JsonValue][] = [];
      if (paging.total_pages_path) fields.push([paging.total_pages_path, Math.ceil(n / per)]);
      if (paging.total_items_path) fields.push([paging.total_items_path, n]);
      return { records: all.slice(from, from + per), fields, headers: {} };
    }
    case "cursor": {
      const per = size(paging.size_param, paging.default_size);
      if (per instanceof Response) return per;
      const raw = url.searchParams.get(paging.cursor_param);
      const from = raw === null || raw === "" ? 0 : decodeCursor(raw);
      if (from === null)
        return json(
          { error: "bad_request", message: `query parameter \`${paging.cursor_param}\` is not a cursor this API issued, got "${raw}"` },
          400,
        );
      const next = from + per < n ? encodeCursor(from + per) : null;
      return { records: all.slice(from, from + per), fields: [[paging.next_cursor_path, next]], headers: {} };
    }
    case "after_key": {
      const per = size(paging.size_param, paging.default_size);
      if (per instanceof Response) return per;
      const raw = url.searchParams.get(paging.cursor_param);
      const at = raw === null || raw === "" ? -1 : all.findIndex((r) => String(r[paging.key]) === raw);
      if (raw !== null && raw !== "" && at < 0)
        return json({ error: "bad_request", message: `query parameter \`${paging.cursor_param}\` names no record, got "${raw}"` }, 400);
      const more = at + 1 + per < n;
      return { records: all.slice(at + 1, at + 1 + per), fields: paging.has_more_path ? [[paging.has_more_path, more]] : [], headers: {} };
    }
    case "next_url":
    case "link_header": {
      const per = paging.kind === "link_header" ? size(paging.size_param, paging.default_size) : paging.default_size;
      if (per instanceof Response) return per;
      const page = intParam(url, paging.page_param, 1, 1, MAX_POSITION);
      if (page instanceof Response) return page;
      const next = page * per < n ? withParam(url, paging.page_param, page + 1) : null;
      const records = all.slice((page - 1) * per, page * per);
      if (paging.kind === "next_url") return { records, fields: [[paging.next_url_path, next]], headers: {} };
      const links = [`<${withParam(url, paging.page_param, 1)}>; rel="first"`, ...(next ? [`<${next}>; rel="next"`] : [])];
      return { records, fields: [], headers: { Link: links.join(", ") } };
    }
  }
}
