/**
 * The names APIs use for paging, totals, cursors, keys and timestamps: the importers' one vocabulary
 * (OpenAPI parameters and schemas, curl/HAR query strings, sample bodies all match against it).
 * Matching ignores case, `_`, `-` and `$`: `pageSize`, `page_size` and `page-size` are one name.
 */
import { DLT_LIST_KEYS } from "../shared";

const norm = (s: string) => s.toLowerCase().replace(/[_\-$\s]/g, "");
const set = (...names: string[]) => new Set(names.map(norm));

/** dlt's own list keys first, then names other APIs use for their records. */
export const RECORD_LISTS = set(...DLT_LIST_KEYS, "value", "list", "hits", "nodes", "edges", "elements");
export const OFFSET_PARAMS = set("offset", "skip", "start", "startIndex", "from");
export const LIMIT_PARAMS = set("limit", "count", "take", "top", "maxResults", "size", "pageSize", "perPage", "max");
export const PAGE_PARAMS = set("page", "pageNumber", "pageNo", "pageIndex", "p");
export const PAGE_SIZE_PARAMS = set("perPage", "pageSize", "size", "limit", "count", "pageLimit");
export const CURSOR_PARAMS = set(
  "cursor",
  "after",
  "startingAfter",
  "pageToken",
  "nextToken",
  "continuation",
  "continuationToken",
  "marker",
  "pageCursor",
  "nextCursor",
  "startCursor",
);
export const TOTAL_ITEMS = set(
  "total",
  "totalCount",
  "totalResults",
  "totalItems",
  "totalElements",
  "totalEntries",
  "totalRecords",
  "count",
  "total_hits",
);
export const TOTAL_PAGES = set("totalPages", "pages", "pageCount", "lastPage", "numPages");
export const NEXT_URLS = set("next", "nextUrl", "nextPageUrl", "nextLink", "@odata.nextLink", "odata.nextLink", "nextHref", "href");
export const NEXT_CURSORS = set(
  "nextCursor",
  "cursor",
  "nextPageToken",
  "nextToken",
  "after",
  "endCursor",
  "continuation",
  "continuationToken",
  "next",
  "nextPage",
);
export const HAS_MORE = set("hasMore", "hasNextPage", "moreResults", "more");
export const SINCE_PARAMS = set(
  "since",
  "updatedSince",
  "updatedAfter",
  "modifiedSince",
  "modifiedAfter",
  "changedSince",
  "lastModifiedSince",
  "createdAfter",
  "startDate",
  "startTime",
  "fromDate",
  "updatedAtMin",
  "updatedAt[gte]",
  "updatedFrom",
  "minUpdatedAt",
  "after",
);
export const TIMESTAMP_FIELDS = set(
  "updatedAt",
  "modifiedAt",
  "lastModified",
  "lastModifiedAt",
  "updated",
  "modified",
  "changedAt",
  "dateModified",
  "lastUpdated",
  "updateTime",
  "createdAt",
  "created",
  "createTime",
  "timestamp",
);
export const KEY_FIELDS = set("id", "uuid", "key", "guid");

export const named = (names: ReadonlySet<string>, name: string): boolean => names.has(norm(name));

/** Where a set of names sits in a parameter list (first match, in the list's order). */
export function findNamed<T extends { readonly name: string }>(items: readonly T[], names: ReadonlySet<string>): T | undefined {
  return items.find((i) => named(names, i.name));
}
