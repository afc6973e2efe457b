/** The paginator registry, keyed by the schema's paginator `type`s (ARCHITECTURE rule 2). */
import type { ResolvedPaginator } from "../../config/resolved";
import { offsetPaginator, pageNumberPaginator } from "./range";
import { headerLink, jsonLink } from "./links";
import { cursorPaginator, headerCursorPaginator } from "./cursor";
import { singlePage } from "./single";
import { autoPaginator } from "./auto";
import type { PaginatorFactory, PaginatorImpl, PaginatorRegistry } from "./types";
import { getOwn } from "../../shared";
import { defect } from "../defect";

export type { PageResponse, PaginatorFactory, PaginatorImpl, PaginatorRegistry, StopKind, Update } from "./types";

export const PAGINATORS = {
  single_page: () => singlePage(),
  auto: () => autoPaginator(),
  page_number: pageNumberPaginator,
  offset: offsetPaginator,
  json_link: jsonLink,
  json_response: jsonLink,
  header_link: headerLink,
  cursor: cursorPaginator,
  header_cursor: headerCursorPaginator,
} satisfies PaginatorRegistry;

/** The implementation for a config (built once per resource; state is per request sequence). */
export function createPaginator(config: ResolvedPaginator): PaginatorImpl<unknown> {
  const factory = getOwn(PAGINATORS, config.type) as PaginatorFactory | undefined;
  if (!factory) throw defect(`paginator type \`${String(config.type)}\` has no implementation`);
  return factory(config);
}
