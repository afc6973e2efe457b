/**
 * The paging cases of scripts/dlt-diff.ts (`--paging`): a generated API (offset, page number, JSON and
 * header links, cursors, a single page; totals missing, right or wrong; last pages full, short or
 * empty) and the paginator config that reads it.
 */
import type { Json } from "../lib/engine";
import { rng } from "./dlt-diff-cases";

/** How a generated paged API answers (`servePage`), and the paginator config that reads it. */
export interface PagingCase {
  readonly config: Record<string, Json>;
  readonly api: {
    readonly kind: "offset" | "page_number" | "json_link" | "header_link" | "cursor" | "single_page";
    readonly items: number;
    /** Items per page the API serves (`offset` takes the request's `limit`). */
    readonly size: number;
    /** The `total` the body carries (items for `offset`, pages for `page_number`); absent: none. */
    readonly total?: number;
    readonly base: number;
    /** `has_more` in the body (offset). */
    readonly hasMore: boolean;
  };
}

/** Paginators against APIs whose totals are missing, right or wrong, ending on full, short or empty pages. */
export function makePagingCase(seed: number, baseUrl: string): PagingCase {
  const r = rng(seed);
  const kind = r.pick(["offset", "offset", "page_number", "page_number", "json_link", "header_link", "cursor", "single_page"] as const);
  const size = 1 + r.int(5);
  const items = r.pick([0, size, size * 2, size * 3, 1 + r.int(14)]);
  const pages = Math.ceil(items / size);
  const withTotal = r.next() < 0.7;
  const base = kind === "page_number" ? r.int(2) : 0;
  const total = !withTotal
    ? undefined
    : kind === "offset"
      ? items + r.pick([0, 0, 0, size, -1])
      : kind === "page_number"
        ? pages + r.pick([0, 0, 1, -1])
        : undefined;
  const hasMore = kind === "offset" && !withTotal && r.next() < 0.5;
  let paginator: Record<string, Json>;
  switch (kind) {
    case "offset":
      paginator = { type: "offset", limit: size, total_path: withTotal ? "total" : null };
      if (hasMore) paginator.has_more_path = "has_more";
      if (r.next() < 0.2) paginator.maximum_offset = size * (1 + r.int(3));
      if (!withTotal && !hasMore && r.next() < 0.3) paginator.stop_after_empty_page = true;
      break;
    case "page_number":
      paginator = { type: "page_number", base_page: base, total_path: withTotal ? "total" : null };
      if (r.next() < 0.2) paginator.maximum_page = base + 1 + r.int(3);
      break;
    case "json_link":
      paginator = { type: "json_link", next_url_path: "next" };
      break;
    case "header_link":
      paginator = { type: "header_link" };
      break;
    case "cursor":
      paginator = { type: "cursor", cursor_path: "next_cursor", cursor_param: "cursor" };
      break;
    default:
      paginator = { type: "single_page" };
  }
  return {
    config: {
      client: { base_url: baseUrl },
      resources: [{ name: "items", endpoint: { path: "items", data_selector: "data", paginator } }],
    },
    api: { kind, items, size, base, hasMore, ...(total !== undefined ? { total } : {}) },
  };
}

/** The page a generated API serves for `url` (query read as the API reads it). */
export function servePage(api: PagingCase["api"], url: URL, baseUrl: string): { body: string; headers: Record<string, string> } {
  const q = url.searchParams;
  const slice = (from: number, n: number) =>
    Array.from({ length: Math.max(0, Math.min(api.items, from + n) - from) }, (_, i) => ({ id: from + i + 1 }));
  const body: Record<string, Json> = {};
  const headers: Record<string, string> = {};
  let from = 0;
  let n = api.size;
  if (api.kind === "offset") {
    from = Number(q.get("offset") ?? 0);
    n = Number(q.get("limit") ?? api.size);
  } else if (api.kind === "page_number") from = (Number(q.get("page") ?? api.base) - api.base) * api.size;
  else if (api.kind === "cursor") from = Number(q.get("cursor") ?? 0);
  else if (api.kind === "json_link" || api.kind === "header_link") from = Number(q.get("from") ?? 0);
  else n = api.items;
  body.data = slice(from, n);
  if (api.total !== undefined) body.total = api.total;
  if (api.hasMore) body.has_more = from + n < api.items;
  const next = from + n < api.items ? from + n : null;
  if (api.kind === "json_link") body.next = next === null ? null : `${baseUrl}items?from=${next}`;
  if (api.kind === "header_link" && next !== null) headers.link = `<${baseUrl}items?from=${next}>; rel="next"`;
  if (api.kind === "cursor") body.next_cursor = next === null ? null : String(next);
  return { body: JSON.stringify(body), headers };
}
