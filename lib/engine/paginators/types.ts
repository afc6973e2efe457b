/**
 * Paginators as explicit state machines (ARCHITECTURE rule 3): a `PaginatorImpl` is built once per
 * resource from its config (paths compiled there) and holds no state; each request sequence keeps
 * its own state value, threaded through the pure `init` / `apply` / `update` functions.
 */
import type { PaginatorType } from "../../config/schema";
import type { ResolvedPaginator } from "../../config/resolved";
import type { Json, ResponseHeaders } from "../types";
import type { Texts } from "../../shared/jsonpath-ng";
import type { RequestSpec } from "../request";

/** What a paginator may look at after a response. */
export interface PageResponse {
  readonly status: number;
  readonly headers: ResponseHeaders;
  /**
   * The URL of the request as written, without its params and before any redirect (dlt's `request.url`,
   * which relative next links are joined to).
   */
  readonly url: string;
  /** The parsed body (parsed once; `undefined` for an empty body). */
  readonly body: Json | undefined;
  /**
   * The run's number spellings (`parseBody`'s sink): a cursor the next request carries is sent as Python
   * holds it; with its key orders (`texts.orders`), the detection walks dicts as dlt's detector walks them.
   */
  readonly texts: Texts & object;
  /** A short, masked rendering of a response value for messages (masked before it is cut). */
  readonly show: (value: Json | undefined) => string;
}

/** Why paging stopped; the runner warns about a full page followed by a stop the data does not explain. */
export type StopKind = "single_page" | "empty_page" | "total" | "maximum" | "has_more" | "no_next";

export type Update<S> =
  | { readonly decision: "next"; readonly state: S; readonly reason: string; /** Repeats mean a paging loop. */ readonly loopKey?: string }
  | { readonly decision: "stop"; readonly state: S; readonly reason: string; readonly stop: StopKind };

export interface PaginatorImpl<S> {
  readonly type: PaginatorType;
  /** Effective settings, e.g. `offset(limit=100, total_path=total)`. */
  readonly describe: string;
  /** Records a full page holds, when the config says (offset `limit`, the dialect's page_number `limit`). */
  readonly pageSize?: number;
  /** The state before the first request of a sequence. */
  init(request: RequestSpec): S;
  /** The request for the page that `state` points at, derived from the sequence's first request. */
  apply(request: RequestSpec, state: S): RequestSpec;
  /** The decision after a response, with its evidence. Throws `paginator_error` with dlt's texts. */
  update(state: S, response: PageResponse, records: readonly Json[]): Update<S>;
  /** The name shown in events for this state (`auto` names what it detected). */
  label(state: S): string;
}

export type PaginatorConfigOf<K extends PaginatorType> = Extract<ResolvedPaginator, { type: K }>;
/** Builds the implementation for one config (lib/config checked dlt's constructor rules already: nothing to refuse here). */
export type PaginatorFactory<K extends PaginatorType = PaginatorType> = (config: PaginatorConfigOf<K>) => PaginatorImpl<unknown>;
/** One factory per schema `type`: a type without an implementation (or an extra one) does not compile. */
export type PaginatorRegistry = { readonly [K in PaginatorType]: PaginatorFactory<K> };
