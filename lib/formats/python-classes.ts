/**
 * dlt's classes that a config may hold as values, and the declarative form each one is read as:
 * THE mapping table (decision 0022). A class call binds its arguments the way Python binds them to
 * the class's constructor (dlt 1.26 signatures, positional and keyword), and the bound arguments
 * become the keys of the dict dlt would build the same object from (`paginator_class(**dict)`,
 * `auth_class.from_init_value(dict)`, `Incremental(**dict)`): the same key names, one for one.
 *
 * | class (module)                                             | read as                                      |
 * |------------------------------------------------------------|----------------------------------------------|
 * | SinglePagePaginator()                    (…rest_client.paginators) | `{"type": "single_page"}`              |
 * | HeaderLinkPaginator(links_next_key)                        | `{"type": "header_link", …}`                 |
 * | JSONLinkPaginator(next_url_path)                           | `{"type": "json_link", …}`                   |
 * | JSONResponsePaginator(next_url_path) (deprecated)          | `{"type": "json_response", …}`               |
 * | JSONResponseCursorPaginator(cursor_path, cursor_param, …)  | `{"type": "cursor", …}`                      |
 * | HeaderCursorPaginator(cursor_key, cursor_param)            | `{"type": "header_cursor", …}`               |
 * | OffsetPaginator(limit, offset, …)                          | `{"type": "offset", …}`                      |
 * | PageNumberPaginator(base_page, page, …)                    | `{"type": "page_number", …}`                 |
 * | BearerTokenAuth(token)                   (…rest_client.auth) | `{"type": "bearer", …}`                    |
 * | APIKeyAuth(name, api_key, location)                        | `{"type": "api_key", …}`                     |
 * | HttpBasicAuth(username, password)                          | `{"type": "http_basic", …}`                  |
 * | OAuth2ClientCredentials(access_token, access_token_url, …) | `{"type": "oauth2_client_credentials", …}`   |
 * | dlt.sources.incremental(cursor_path, initial_value, …)     | `{"type": "incremental", …}` in `params` (else the dict) |
 *
 * An argument equal to a default that is `None` is left out (the same as not giving it). Credentials an
 * auth object leaves unset are read by dlt from its config providers (`sources.<source>.credentials.<field>`):
 * they become secret references of that name (`SECRET_FIELDS`).
 */
import type { PlainValue } from "./types";

/** A required parameter (no default). */
export const REQUIRED = Symbol("required");

export interface DltParam {
  readonly name: string;
  readonly default: PlainValue | typeof REQUIRED;
  /** After `*` in the signature: keyword only. */
  readonly keywordOnly?: true;
}

export type DltClassKind = "paginator" | "auth" | "incremental";

export interface DltClass {
  readonly name: string;
  readonly kind: DltClassKind;
  /** The `type` of the declarative form (`null` for incremental, which has none outside `params`). */
  readonly type: string | null;
  /** Where dlt defines it: what an added import names. */
  readonly module: string;
  readonly params: readonly DltParam[];
  /** dlt's deprecation note, when there is one. */
  readonly deprecated?: string;
  readonly doc: string;
}

const P = "dlt.sources.helpers.rest_client.paginators";
const A = "dlt.sources.helpers.rest_client.auth";
const p = (name: string, dflt: PlainValue | typeof REQUIRED = null, keywordOnly = false): DltParam =>
  keywordOnly ? { name, default: dflt, keywordOnly: true } : { name, default: dflt };

const RANGE_TAIL = [p("stop_after_empty_page", true), p("has_more_path", null, true)];

export const DLT_CLASSES: readonly DltClass[] = [
  { name: "SinglePagePaginator", kind: "paginator", type: "single_page", module: P, params: [], doc: "One request, no paging." },
  {
    name: "HeaderLinkPaginator",
    kind: "paginator",
    type: "header_link",
    module: P,
    params: [p("links_next_key", "next")],
    doc: 'Follows the `Link: <url>; rel="next"` response header.',
  },
  {
    name: "JSONLinkPaginator",
    kind: "paginator",
    type: "json_link",
    module: P,
    params: [p("next_url_path", "next")],
    doc: "Follows a next-page URL in the JSON body.",
  },
  {
    name: "JSONResponsePaginator",
    kind: "paginator",
    type: "json_response",
    module: P,
    params: [p("next_url_path", "next")],
    deprecated: "JSONResponsePaginator is deprecated: use JSONLinkPaginator.",
    doc: "Deprecated alias of JSONLinkPaginator.",
  },
  {
    name: "JSONResponseCursorPaginator",
    kind: "paginator",
    type: "cursor",
    module: P,
    params: [
      p("cursor_path", "cursors.next"),
      p("cursor_param"),
      p("cursor_body_path"),
      p("stop_after_empty_page", false, true),
      p("has_more_path", null, true),
    ],
    doc: "Sends the cursor found in each response with the next request.",
  },
  {
    name: "HeaderCursorPaginator",
    kind: "paginator",
    type: "header_cursor",
    module: P,
    params: [p("cursor_key", "next"), p("cursor_param", "cursor")],
    doc: "Cursor paging with the cursor in a response header.",
  },
  {
    name: "OffsetPaginator",
    kind: "paginator",
    type: "offset",
    module: P,
    params: [
      p("limit", REQUIRED),
      p("offset", 0),
      p("offset_param"),
      p("limit_param"),
      p("total_path", "total"),
      p("maximum_offset"),
      ...RANGE_TAIL,
      p("offset_body_path", null, true),
      p("limit_body_path", null, true),
    ],
    doc: "offset=0, limit, 2·limit…; stops on an empty page, at `total` items, or at `maximum_offset`.",
  },
  {
    name: "PageNumberPaginator",
    kind: "paginator",
    type: "page_number",
    module: P,
    params: [
      p("base_page", 0),
      p("page"),
      p("page_param"),
      p("total_path", "total"),
      p("maximum_page"),
      ...RANGE_TAIL,
      p("page_body_path", null, true),
    ],
    doc: "page=base_page, +1…; stops on an empty page, at `total` pages, or at `maximum_page`.",
  },
  { name: "BearerTokenAuth", kind: "auth", type: "bearer", module: A, params: [p("token")], doc: "`Authorization: Bearer <token>`." },
  {
    name: "APIKeyAuth",
    kind: "auth",
    type: "api_key",
    module: A,
    params: [p("name", "Authorization"), p("api_key"), p("location", "header")],
    doc: "An API key in a header (default `Authorization`) or the query string.",
  },
  { name: "HttpBasicAuth", kind: "auth", type: "http_basic", module: A, params: [p("username"), p("password")], doc: "HTTP basic auth." },
  {
    name: "OAuth2ClientCredentials",
    kind: "auth",
    type: "oauth2_client_credentials",
    module: A,
    params: [
      p("access_token"),
      p("access_token_url"),
      p("client_id"),
      p("client_secret"),
      p("access_token_request_data"),
      p("default_token_expiration", 3600),
      p("session"),
    ],
    doc: "OAuth2 client credentials: fetches a token from `access_token_url`.",
  },
  {
    name: "incremental",
    kind: "incremental",
    type: null,
    module: "dlt.sources",
    params: [
      p("cursor_path"),
      p("initial_value"),
      p("last_value_func", "max"),
      p("primary_key"),
      p("end_value"),
      p("row_order"),
      p("allow_external_schedulers", false),
      p("on_cursor_value_missing", "raise"),
      p("lag"),
      p("range_start", "closed"),
      p("range_end", "open"),
    ],
    doc: "Incremental loading on a cursor field.",
  },
];

/** `Incremental` is the same class under its own name (`from dlt.extract import Incremental`). */
const ALIASES: Readonly<Record<string, string>> = { Incremental: "incremental" };

const BY_NAME = new Map(DLT_CLASSES.map((c) => [c.name, c]));

/** The dlt class of a (last-segment) name, or undefined. */
export function dltClass(name: string): DltClass | undefined {
  return BY_NAME.get(Object.hasOwn(ALIASES, name) ? (ALIASES[name] ?? name) : name);
}

/** Credentials an auth object leaves unset, which dlt then reads from its config providers. */
export const SECRET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  bearer: ["token"],
  api_key: ["api_key"],
  http_basic: ["username", "password"],
  oauth2_client_credentials: ["client_id", "client_secret"],
};

/** Fields an unset OAuth2 object reads from config (not secrets). */
export const CONFIG_FIELDS: Readonly<Record<string, readonly string[]>> = { oauth2_client_credentials: ["access_token_url"] };

/** Module of the other dlt names a pipeline file uses (for added imports). */
export const DLT_NAMES: Readonly<Record<string, string>> = {
  rest_api_source: "dlt.sources.rest_api",
  rest_api_resources: "dlt.sources.rest_api",
  RESTAPIConfig: "dlt.sources.rest_api",
  register_paginator: "dlt.sources.rest_api.config_setup",
  register_auth: "dlt.sources.rest_api.config_setup",
  BasePaginator: P,
  AuthConfigBase: A,
};

/** The class a paginator/auth `type` is built with (for completions and exports). */
export function classOfType(kind: "paginator" | "auth", type: string): DltClass | undefined {
  return DLT_CLASSES.find((c) => c.kind === kind && c.type === type && !c.deprecated);
}
