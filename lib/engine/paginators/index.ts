/** The paginator registry, keyed by the schema's paginator `type`s: a missing implementation does not compile (rule 2). */
import type { PaginatorType, PaginatorTypedConfig } from "../../config/schema";
import { offsetPaginator, pageNumberPaginator } from "./range";
import { cursor, headerCursor, headerLink, jsonLink, singlePage } from "./links";
import { autoPaginator } from "./auto";
import type { Paginator } from "./types";

export type { Paginator, PageInfo, Step } from "./types";

type Factories = { [K in PaginatorType]: (config: Extract<PaginatorTypedConfig, { type: K }>) => Paginator };

export const PAGINATORS = {
  single_page: () => singlePage(),
  auto: () => autoPaginator(),
  page_number: pageNumberPaginator,
  offset: offsetPaginator,
  json_link: jsonLink,
  json_response: jsonLink,
  header_link: headerLink,
  cursor,
  header_cursor: headerCursor,
} satisfies Factories;

/** A fresh paginator for one request sequence. */
export function createPaginator(config: PaginatorTypedConfig): Paginator {
  const factory = PAGINATORS[config.type] as (c: PaginatorTypedConfig) => Paginator;
  return factory(config);
}
