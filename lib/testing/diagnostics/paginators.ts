// Long because it is a data table: one row per case, read by lib/config/diagnostics.test.ts.
/** Diagnostics table: every paginator type (dlt-rest-api.md §7) and the seed's page_number dialect, valid and invalid. */
import { pres, res, yres, type Case, type ValidCase } from "./kit";

const P = "/resources/0/endpoint/paginator";

export const PAGINATOR_VALID: ValidCase[] = [
  ["single_page shorthand", "json", res(`      "endpoint": {"paginator": "single_page"}`), []],
  [
    "auto with a limit: dlt detects the paginator and ignores the key",
    "json",
    res(`      "endpoint": {"paginator": {"type": "auto", "limit": 10}}`),
    [["paginator_key_ignored", "/resources/0/endpoint/paginator/limit", '"limit"', 6, 50]],
  ],
  [
    "single_page dict",
    "yaml",
    yres(`    endpoint:
      paginator:
        type: single_page`),
    [],
  ],
  [
    "offset with its total_path",
    "python",
    pres(`            "endpoint": {"paginator": {"type": "offset", "limit": 100, "total_path": "meta.total"}},`),
    [],
  ],
  [
    "offset relying on the default total_path",
    "yaml",
    yres(`    endpoint:
      paginator: {type: offset, limit: 50}`),
    [["default_total_path", `${P}/type`, "offset", 6, 25]],
  ],
  [
    "offset stopped by maximum_offset only",
    "python",
    pres(`            "endpoint": {
                "paginator": {"type": "offset", "limit": 10, "total_path": None, "stop_after_empty_page": False, "maximum_offset": 1000},
            },`),
    [],
  ],
  [
    "page_number, 1-based, with total pages",
    "json",
    res(`      "endpoint": {
        "paginator": {"type": "page_number", "base_page": 1, "page_param": "p", "total_path": "total_pages"}
      }`),
    [],
  ],
  [
    "page_number stopped by maximum_page",
    "python",
    pres(`            "endpoint": {"paginator": {"type": "page_number", "total_path": None, "maximum_page": 20}},`),
    [],
  ],
  [
    "page_number stopped by has_more_path",
    "yaml",
    yres(`    endpoint:
      paginator:
        type: page_number
        total_path: null
        stop_after_empty_page: false
        has_more_path: meta.has_more`),
    [],
  ],
  [
    "page_number shorthand (default total_path)",
    "yaml",
    yres(`    endpoint:
      paginator: page_number`),
    [["default_total_path", P, "page_number", 6, 18]],
  ],
  [
    "cursor in the query string",
    "yaml",
    yres(`    endpoint:
      paginator:
        type: cursor
        cursor_path: meta.next_cursor
        cursor_param: after`),
    [],
  ],
  [
    "cursor in a POST body",
    "json",
    res(`      "endpoint": {
        "method": "POST",
        "json": {"query": "posts"},
        "paginator": {"type": "cursor", "cursor_path": "next", "cursor_body_path": "page.cursor"}
      }`),
    [],
  ],
  [
    "header_cursor",
    "python",
    pres(`            "endpoint": {"paginator": {"type": "header_cursor", "cursor_key": "X-Next-Cursor", "cursor_param": "cursor"}},`),
    [],
  ],
  [
    "json_link with a bracket-quoted path",
    "yaml",
    yres(`    endpoint:
      paginator:
        type: json_link
        next_url_path: "['@odata.nextLink']"`),
    [],
  ],
  [
    "header_link shorthand on the client",
    "json",
    `{
  "client": {"base_url": "https://api.example.com", "paginator": "header_link"},
  "resources": ["posts"]
}`,
    [],
  ],
  ["header_link dict", "python", pres(`            "endpoint": {"paginator": {"type": "header_link", "links_next_key": "next"}},`), []],
  ["auto", "json", res(`      "endpoint": {"paginator": {"type": "auto"}}`), []],
  [
    "json_response (dlt's deprecated alias of json_link)",
    "yaml",
    yres(`    endpoint:
      paginator: {type: json_response, next_url_path: links.next}`),
    [],
  ],
  ["endpoint paginator None", "python", pres(`            "endpoint": {"path": "posts", "paginator": None},`), []],
  ["a paginator object", "python", pres(`            "endpoint": {"paginator": PageNumberPaginator(base_page=1, total_path=None)},`), []],
  [
    "seed dialect: page_number limit and limit_param",
    "python",
    pres(`            "endpoint": {
                "paginator": {"type": "page_number", "total_path": None, "limit": 100, "limit_param": "page_size"},
            },`),
    [
      ["dialect_page_number_limit", `${P}/limit`, '"limit"', 7, 74],
      ["dialect_page_number_limit", `${P}/limit_param`, '"limit_param"', 7, 88],
    ],
  ],
  [
    "seed dialect: page_number limit on the client",
    "json",
    `{
  "client": {
    "base_url": "https://api.example.com",
    "paginator": {"type": "page_number", "total_path": null, "limit": 100}
  },
  "resources": ["posts"]
}`,
    [["dialect_page_number_limit", "/client/paginator/limit", '"limit"', 4, 62]],
  ],
];

export const PAGINATOR_CASES: Case[] = [
  // dlt 1.26.0: {"type": "auto", "limt": 10} fails validation ("received unexpected fields {'limt'}"); "limit" builds.
  [
    "auto with a key no paginator takes",
    "json",
    res(`      "endpoint": {"paginator": {"type": "auto", "limt": 10}}`),
    "unknown_key",
    `${P}/limt`,
    '"limt"',
    6,
    50,
  ],
  [
    "single_page with total_path",
    "yaml",
    yres(`    endpoint:
      paginator:
        type: single_page
        total_path: total`),
    "unknown_key",
    `${P}/total_path`,
    "total_path",
    8,
    9,
  ],
  [
    "offset with limit_param and limit_body_path",
    "yaml",
    yres(`    endpoint:
      paginator:
        type: offset
        limit: 10
        total_path: null
        limit_param: size
        limit_body_path: page.size`),
    "param_and_body_path",
    `${P}/limit_body_path`,
    "limit_body_path",
    11,
    9,
  ],
  [
    "offset with offset_param and offset_body_path",
    "python",
    pres(`            "endpoint": {
                "paginator": {"type": "offset", "limit": 10, "offset_param": "o", "offset_body_path": "page.offset"},
            },`),
    "param_and_body_path",
    `${P}/offset_body_path`,
    '"offset_body_path"',
    7,
    83,
  ],
  [
    "offset with no stop condition",
    "python",
    pres(`            "endpoint": {
                "paginator": {"type": "offset", "limit": 10, "total_path": None, "stop_after_empty_page": False},
            },`),
    "paginator_never_stops",
    `${P}/stop_after_empty_page`,
    "False",
    7,
    107,
  ],
  [
    "offset limit a float",
    "yaml",
    yres(`    endpoint:
      paginator:
        type: offset
        limit: 100.5`),
    "invalid_type",
    `${P}/limit`,
    "100.5",
    8,
    16,
  ],
  [
    "offset dict without limit",
    "python",
    pres(`            "endpoint": {"paginator": {"type": "offset", "total_path": None}},`),
    "offset_without_limit",
    `${P}/limit`,
    '"offset"',
    6,
    48,
  ],
  [
    "offset shorthand on the client",
    "yaml",
    `client:
  base_url: https://api.example.com
  paginator: offset
resources: [posts]
`,
    "offset_without_limit",
    "/client/paginator",
    "offset",
    3,
    14,
  ],
  [
    "page_number with page_param and page_body_path",
    "python",
    pres(`            "endpoint": {
                "paginator": {"type": "page_number", "page_param": "page", "page_body_path": "page.number"},
            },`),
    "page_param_and_body_path",
    `${P}/page_body_path`,
    '"page_body_path"',
    7,
    76,
  ],
  [
    "page_number with no stop condition",
    "yaml",
    yres(`    endpoint:
      paginator:
        type: page_number
        total_path: null
        stop_after_empty_page: false`),
    "paginator_never_stops",
    `${P}/stop_after_empty_page`,
    "false",
    9,
    32,
  ],
  [
    "page_number base_page a string",
    "yaml",
    yres(`    endpoint:
      paginator:
        type: page_number
        base_page: "1"`),
    "invalid_type",
    `${P}/base_page`,
    '"1"',
    8,
    20,
  ],
  [
    "page_number with a cursor key",
    "json",
    res(`      "endpoint": {
        "paginator": {"type": "page_number", "total_path": null, "cursor_param": "c"}
      }`),
    "unknown_key",
    `${P}/cursor_param`,
    '"cursor_param"',
    7,
    66,
  ],
  [
    "cursor with an offset key",
    "python",
    pres(`            "endpoint": {"paginator": {"type": "cursor", "cursor_path": "next", "limit": 50}},`),
    "unknown_key",
    `${P}/limit`,
    '"limit"',
    6,
    81,
  ],
  [
    "cursor stop_after_empty_page a string",
    "json",
    res(`      "endpoint": {
        "paginator": {"type": "cursor", "stop_after_empty_page": "yes"}
      }`),
    "invalid_type",
    `${P}/stop_after_empty_page`,
    '"yes"',
    7,
    66,
  ],
  [
    "header_cursor with cursor_path",
    "json",
    res(`      "endpoint": {
        "paginator": {"type": "header_cursor", "cursor_path": "next"}
      }`),
    "unknown_key",
    `${P}/cursor_path`,
    '"cursor_path"',
    7,
    48,
  ],
  [
    "json_link next_url_path a number",
    "python",
    pres(`            "endpoint": {"paginator": {"type": "json_link", "next_url_path": 5}},`),
    "invalid_type",
    `${P}/next_url_path`,
    "5",
    6,
    78,
  ],
  [
    "json_link typo next_url",
    "yaml",
    yres(`    endpoint:
      paginator:
        type: json_link
        next_url: links.next`),
    "unknown_key",
    `${P}/next_url`,
    "next_url",
    8,
    9,
  ],
  [
    "header_link with next_url_path",
    "yaml",
    yres(`    endpoint:
      paginator: {type: header_link, next_url_path: next}`),
    "unknown_key",
    `${P}/next_url_path`,
    "next_url_path",
    6,
    38,
  ],
  ["auto in a list", "json", res(`      "endpoint": {"paginator": ["auto"]}`), "invalid_type", P, '["auto"]', 6, 33],
  [
    "json_response with links_next_key",
    "json",
    res(`      "endpoint": {"paginator": {"type": "json_response", "links_next_key": "next"}}`),
    "unknown_key",
    `${P}/links_next_key`,
    '"links_next_key"',
    6,
    59,
  ],
  [
    "paginator a list",
    "yaml",
    yres(`    endpoint:
      paginator: [offset]`),
    "invalid_type",
    P,
    "[offset]",
    6,
    18,
  ],
  [
    "paginator type typo",
    "python",
    pres(`            "endpoint": {"paginator": {"type": "page_numbr", "total_path": None}},`),
    "invalid_paginator_type",
    `${P}/type`,
    '"page_numbr"',
    6,
    48,
  ],
  [
    "unknown paginator shorthand on the client",
    "yaml",
    `client:
  base_url: https://api.example.com
  paginator: next_link
resources: [posts]
`,
    "invalid_paginator_type",
    "/client/paginator",
    "next_link",
    3,
    14,
  ],
];
