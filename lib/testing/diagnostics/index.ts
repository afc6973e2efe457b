// Long because it is a data table: one row per case, read by lib/config/diagnostics.test.ts.
/** Table of located diagnostics for diagnostics.test.ts: one small document per case, in all three formats. */
import { C, res, type Case } from "./kit";

export const CASES: Case[] = [
  [
    "unknown client key",
    "json",
    `{
  "client": {
    "base_url": "https://x",
    "invalid_key": 1
  },
  "resources": []
}`,
    "unknown_key",
    "/client/invalid_key",
    '"invalid_key"',
    4,
    5,
  ],
  ["missing resources", "json", `{\n  "client": {"base_url": "https://x"}\n}`, "missing_key", "/resources", "{", 1, 1],
  ["missing client", "json", `{"resources": []}`, "missing_key", "/client", "{", 1, 1],
  ["params outside endpoint", "json", res(`      "params": {"a": 1}`), "unknown_key", "/resources/0/params", '"params"', 6, 7],
  ["typo in endpoint key", "json", res(`      "endpoint": {"pth": "/posts"}`), "unknown_key", "/resources/0/endpoint/pth", '"pth"', 6, 20],
  [
    "offset paginator typo",
    "json",
    res(`      "endpoint": {
        "paginator": {"type": "offset", "limt": 10}
      }`),
    "unknown_key",
    "/resources/0/endpoint/paginator/limt",
    '"limt"',
    7,
    41,
  ],
  [
    "offset without limit (same input)",
    "json",
    res(`      "endpoint": {
        "paginator": {"type": "offset", "limt": 10}
      }`),
    "offset_without_limit",
    "/resources/0/endpoint/paginator/limit",
    '"offset"',
    7,
    31,
  ],
  [
    "key of another paginator type",
    "json",
    res(`      "endpoint": {
        "paginator": {"type": "json_link", "limit": 10}
      }`),
    "unknown_key",
    "/resources/0/endpoint/paginator/limit",
    '"limit"',
    7,
    44,
  ],
  [
    "bearer with location",
    "json",
    `{
  "client": {
    "base_url": "https://x",
    "auth": {"type": "bearer", "location": "header"}
  },
  "resources": []
}`,
    "unknown_key",
    "/client/auth/location",
    '"location"',
    4,
    32,
  ],
  [
    "typeless auth with client_id",
    "json",
    `{
  "client": {
    "base_url": "https://x",
    "auth": {"client_id": {"$secret": "client_id"}}
  },
  "resources": []
}`,
    "unknown_key",
    "/client/auth/client_id",
    '"client_id"',
    4,
    14,
  ],
  [
    "name in resource_defaults",
    "json",
    `{
  ${C},
  "resource_defaults": {"name": "x"},
  "resources": []
}`,
    "unknown_key",
    "/resource_defaults/name",
    '"name"',
    3,
    25,
  ],
  [
    "yaml unknown key",
    "yaml",
    `client:
  base_url: https://x
  paginatr: single_page
resources: []
`,
    "unknown_key",
    "/client/paginatr",
    "paginatr",
    3,
    3,
  ],
  [
    "python unknown key",
    "python",
    `source = rest_api_source({
    "client": {"base_url": "https://x"},
    "resources": [
        {"name": "a", "endpoint": {"data_selectr": "data"}},
    ],
})
`,
    "unknown_key",
    "/resources/0/endpoint/data_selectr",
    '"data_selectr"',
    4,
    36,
  ],
  [
    "http_basic without password",
    "json",
    `{
  "client": {
    "base_url": "https://x",
    "auth": {"type": "http_basic", "username": {"$secret": "user"}}
  },
  "resources": []
}`,
    "missing_key",
    "/client/auth/password",
    '"auth"',
    4,
    5,
  ],
  [
    "paginator dict without type",
    "json",
    res(`      "endpoint": {
        "paginator": {"limit": 10}
      }`),
    "missing_key",
    "/resources/0/endpoint/paginator/type",
    '"paginator"',
    7,
    9,
  ],
  [
    "limit as a string",
    "json",
    res(`      "endpoint": {
        "paginator": {"type": "offset", "limit": "100"}
      }`),
    "invalid_type",
    "/resources/0/endpoint/paginator/limit",
    '"100"',
    7,
    50,
  ],
  [
    "header value not a string",
    "json",
    `{
  "client": {
    "base_url": "https://x",
    "headers": {"X-Page": 1}
  },
  "resources": []
}`,
    "invalid_type",
    "/client/headers/X-Page",
    "1",
    4,
    27,
  ],
  [
    "base_url a number (str or ref)",
    "json",
    `{
  "client": {"base_url": 5},
  "resources": []
}`,
    "invalid_type",
    "/client/base_url",
    "5",
    2,
    26,
  ],
  ["json body a list", "json", res(`      "endpoint": {"json": [1, 2]}`), "invalid_type", "/resources/0/endpoint/json", "[1, 2]", 6, 28],
  ["endpoint a number", "json", res(`      "endpoint": 5`), "invalid_type", "/resources/0/endpoint", "5", 6, 19],
  [
    "resource a number",
    "json",
    `{
  ${C},
  "resources": [5]
}`,
    "invalid_type",
    "/resources/0",
    "5",
    3,
    17,
  ],
  [
    "resources not a list",
    "yaml",
    `client:
  base_url: https://x
resources: posts
`,
    "invalid_type",
    "/resources",
    "posts",
    3,
    12,
  ],
  [
    "method lower case",
    "json",
    res(`      "endpoint": {"method": "get"}`),
    "invalid_value",
    "/resources/0/endpoint/method",
    '"get"',
    6,
    30,
  ],
  [
    "method PUT",
    "python",
    `source = rest_api_source({
    "client": {"base_url": "https://x"},
    "resources": [{"name": "a", "endpoint": {"method": 'PUT'}}],
})
`,
    "invalid_value",
    "/resources/0/endpoint/method",
    "'PUT'",
    3,
    56,
  ],
  [
    "write_disposition upsert",
    "json",
    res(`      "write_disposition": "upsert"`),
    "invalid_value",
    "/resources/0/write_disposition",
    '"upsert"',
    6,
    28,
  ],
  [
    "replace strategy",
    "json",
    res(`      "write_disposition": {"disposition": "replace", "strategy": "truncate-and-insert"}`),
    "invalid_value",
    "/resources/0/write_disposition/strategy",
    '"truncate-and-insert"',
    6,
    67,
  ],
  [
    "column data_type",
    "yaml",
    `client:
  base_url: https://x
resources:
  - name: posts
    columns:
      id:
        data_type: string
`,
    "invalid_value",
    "/resources/0/columns/id/data_type",
    "string",
    7,
    20,
  ],
  [
    "empty resource name",
    "json",
    `{
  ${C},
  "resources": [""]
}`,
    "invalid_value",
    "/resources/0",
    '""',
    3,
    17,
  ],
  [
    "paginator unknown string",
    "json",
    res(`      "endpoint": {"paginator": "invalid_paginator"}`),
    "invalid_paginator_type",
    "/resources/0/endpoint/paginator",
    '"invalid_paginator"',
    6,
    33,
  ],
  [
    "paginator type case",
    "yaml",
    `client:
  base_url: https://x
  paginator:
    type: Offset
    limit: 10
resources: [posts]
`,
    "invalid_paginator_type",
    "/client/paginator/type",
    "Offset",
    4,
    11,
  ],
  [
    "auth unknown type",
    "json",
    `{
  "client": {
    "base_url": "https://x",
    "auth": {"type": "bearr", "token": {"$secret": "token"}}
  },
  "resources": []
}`,
    "invalid_auth_type",
    "/client/auth/type",
    '"bearr"',
    4,
    22,
  ],
  [
    "auth unknown shorthand",
    "python",
    `source = rest_api_source({
    "client": {"base_url": "https://x", "auth": "oauth"},
    "resources": [],
})
`,
    "invalid_auth_type",
    "/client/auth",
    '"oauth"',
    2,
    49,
  ],
  ["json syntax error", "json", `{"client": {"base_url": "x"} "resources": []}`, "syntax_error", "", '"resources"', 1, 30],
  [
    "python syntax error",
    "python",
    `rest_api_source({"client": {"base_url": "x"}\n "resources": []})`,
    "syntax_error",
    "",
    '"resources"',
    2,
    2,
  ],
  [
    "js comment in python",
    "python",
    `rest_api_source({
    "client": {"base_url": "https://x"},
    // more resources here
    "resources": [],
})
`,
    "js_comment",
    "",
    "// more",
    3,
    5,
  ],
  [
    "offset shorthand",
    "json",
    `{
  "client": {"base_url": "https://x", "paginator": "offset"},
  "resources": []
}`,
    "offset_without_limit",
    "/client/paginator",
    '"offset"',
    2,
    52,
  ],
  [
    "page_param and page_body_path",
    "json",
    res(`      "endpoint": {
        "paginator": {"type": "page_number", "total_path": null, "page_param": "p", "page_body_path": "page"}
      }`),
    "page_param_and_body_path",
    "/resources/0/endpoint/paginator/page_body_path",
    '"page_body_path"',
    7,
    85,
  ],
  [
    "cursor param and body path",
    "yaml",
    `client:
  base_url: https://x
  paginator:
    type: cursor
    cursor_param: c
    cursor_body_path: next.cursor
resources: [posts]
`,
    "param_and_body_path",
    "/client/paginator/cursor_body_path",
    "cursor_body_path",
    6,
    5,
  ],
  [
    "paginator that never stops",
    "json",
    res(`      "endpoint": {
        "paginator": {"type": "offset", "limit": 10, "total_path": null, "stop_after_empty_page": false}
      }`),
    "paginator_never_stops",
    "/resources/0/endpoint/paginator/stop_after_empty_page",
    "false",
    7,
    99,
  ],
  [
    "a json body on a GET endpoint",
    "json",
    res(`      "endpoint": {"path": "search", "json": {"query": "x"}}`),
    "get_with_body",
    "/resources/0/endpoint/json",
    '"json"',
    6,
    38,
  ],
  [
    "json and data",
    "json",
    res(`      "endpoint": {"method": "POST", "json": {"a": 1}, "data": {"b": 2}}`),
    "json_and_data",
    "/resources/0/endpoint/data",
    '"data"',
    6,
    56,
  ],
  [
    "duplicate resource names",
    "json",
    `{
  ${C},
  "resources": ["posts", {"name": "posts"}]
}`,
    "duplicate_resource_name",
    "/resources/1",
    '"posts"}',
    3,
    35,
  ],
  [
    "missing base_url",
    "python",
    `source = rest_api_source({
    "client": {},
    "resources": ["posts"],
})
`,
    "missing_base_url",
    "/resources/0",
    '"posts"',
    3,
    19,
  ],
  [
    "resource without name",
    "json",
    `{
  ${C},
  "resources": [{"endpoint": {"path": "/x"}}]
}`,
    "missing_resource_name",
    "/resources/0",
    '{"endpoint"',
    3,
    17,
  ],
  [
    "cookie api key",
    "json",
    `{
  "client": {
    "base_url": "https://x",
    "auth": {"type": "api_key", "location": "cookie", "api_key": {"$secret": "api_key"}}
  },
  "resources": []
}`,
    "auth_cookie_unsupported",
    "/client/auth/location",
    '"cookie"',
    4,
    45,
  ],
  [
    "hard-coded token",
    "python",
    `source = rest_api_source({
    "client": {
        "base_url": "https://x",
        "auth": {"type": "bearer", "token": "sensitive-secret"},
    },
    "resources": [],
})
`,
    "hardcoded_secret",
    "/client/auth/token",
    '"sensitive-secret"',
    4,
    45,
  ],
  [
    "unknown parent",
    "json",
    `{
  ${C},
  "resources": [
    "posts",
    {"name": "comments", "endpoint": {"path": "posts/{resources.postz.id}/comments"}}
  ]
}`,
    "placeholder_unknown_resource",
    "/resources/1/endpoint/path",
    "{resources.postz.id}",
    5,
    54,
  ],
  [
    "resource is its own parent",
    "yaml",
    `client:
  base_url: https://x
resources:
  - name: posts
    endpoint:
      path: posts/{resources.posts.id}
`,
    "placeholder_unknown_resource",
    "/resources/0/endpoint/path",
    "{resources.posts.id}",
    6,
    19,
  ],
  [
    "include_from_parent without parent",
    "json",
    res(`      "include_from_parent": ["id"]`),
    "include_from_parent_without_parent",
    "/resources/0/include_from_parent",
    '"include_from_parent"',
    6,
    7,
  ],
  [
    "invalid placeholder in params",
    "json",
    res(`      "endpoint": {"params": {"since": "{last_run}"}}`),
    "invalid_placeholder",
    "/resources/0/endpoint/params/since",
    "{last_run}",
    6,
    41,
  ],
  [
    "incremental placeholder without incremental",
    "json",
    res(`      "endpoint": {"path": "posts/{incremental.start_value}"}`),
    "invalid_placeholder",
    "/resources/0/endpoint/path",
    "{incremental.start_value}",
    6,
    35,
  ],
  [
    "path param missing",
    "json",
    res(`      "endpoint": {"path": "{org}/issues"}`),
    "path_param_missing",
    "/resources/0/endpoint/path",
    "{org}",
    6,
    29,
  ],
  [
    "resolve param not in path",
    "json",
    `{
  ${C},
  "resources": [
    "posts",
    {"name": "comments", "endpoint": {"path": "comments", "params": {"post_id": {"type": "resolve", "resource": "posts", "field": "id"}}}}
  ]
}`,
    "resolve_param_not_in_path",
    "/resources/1/endpoint/params/post_id",
    '"post_id"',
    5,
    70,
  ],
  [
    "two parents",
    "json",
    `{
  ${C},
  "resources": [
    "posts",
    "users",
    {"name": "c", "endpoint": {"path": "p/{resources.posts.id}/u/{resources.users.id}"}}
  ]
}`,
    "multiple_parents",
    "/resources/2/endpoint",
    '"endpoint"',
    6,
    19,
  ],
  [
    "parent cycle",
    "json",
    `{
  ${C},
  "resources": [
    {"name": "a", "endpoint": "a/{resources.b.id}"},
    {"name": "b", "endpoint": "b/{resources.a.id}"}
  ]
}`,
    "resource_cycle",
    "/resources/0/endpoint",
    '"endpoint"',
    4,
    19,
  ],
  [
    "plain dict as a query param",
    "json",
    res(`      "endpoint": {"params": {"filter": {"status": "open"}}}`),
    "invalid_param_value",
    "/resources/0/endpoint/params/filter",
    '{"status"',
    6,
    41,
  ],
  [
    "seed oauth2 in yaml",
    "yaml",
    `client:
  base_url: https://x
  auth:
    type: oauth2
    token_url: https://login.example.com/token
    client_id: {$secret: client_id}
    client_secret: {$secret: client_secret}
resources: [posts]
`,
    "dialect_oauth2",
    "/client/auth/type",
    "oauth2",
    4,
    11,
  ],
  [
    "seed error_handler",
    "json",
    res(`      "endpoint": {
        "error_handler": {"retry_on_status_codes": [429], "max_retries": 2}
      }`),
    "dialect_error_handler",
    "/resources/0/endpoint/error_handler",
    '"error_handler"',
    7,
    9,
  ],
  [
    "seed page_number limit",
    "yaml",
    `client:
  base_url: https://x
resources:
  - name: posts
    endpoint:
      paginator:
        type: page_number
        total_path: null
        limit: 50
`,
    "dialect_page_number_limit",
    "/resources/0/endpoint/paginator/limit",
    "limit",
    9,
    9,
  ],
  [
    "default total_path",
    "json",
    res(`      "endpoint": {"paginator": {"type": "page_number"}}`),
    "default_total_path",
    "/resources/0/endpoint/paginator/type",
    '"page_number"',
    6,
    42,
  ],
];
