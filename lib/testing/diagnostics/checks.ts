// Long because it is a data table: one row per case, read by lib/config/diagnostics.test.ts.
/**
 * Diagnostics table: the checks dlt makes only when it builds or runs the source (placeholders,
 * parents, params, bodies, names, base_url) and the warnings for what dlt accepts but will not work
 * (response actions), in YAML and Python beside the JSON cases of index.ts.
 */
import { BASE, C, pres, res, yres, type Case, type ValidCase } from "./kit";

/** A Python config with the given resources (one per line, indented 8 spaces). */
const pyResources = (lines: string) => `source = rest_api_source({
    ${C},
    "resources": [
${lines}
    ],
})
`;

/** A YAML config with the given resources (list items indented 2 spaces). */
const yamlResources = (lines: string) => `client:
  base_url: ${BASE}
resources:
${lines}
`;

export const CHECK_VALID: ValidCase[] = [
  [
    "parent and child by placeholder, with include_from_parent",
    "yaml",
    yamlResources(`  - posts
  - name: comments
    endpoint:
      path: posts/{resources.posts.id}/comments
      params:
        sort: "{resources.posts.sort_key}"
    include_from_parent: [title]`),
    [],
  ],
  [
    "legacy resolve param bound in the path",
    "python",
    pyResources(`        "posts",
        {"name": "comments", "endpoint": {"path": "posts/{post_id}/comments", "params": {"post_id": {"type": "resolve", "resource": "posts", "field": "id"}}}},`),
    [],
  ],
  [
    "{incremental.start_value} with an incremental block",
    "python",
    pres(`            "endpoint": {
                "params": {"since": "{incremental.start_value}"},
                "incremental": {"cursor_path": "updated_at", "initial_value": "2024-01-01T00:00:00Z"},
            },`),
    [],
  ],
  ["static path params", "json", res(`      "endpoint": {"path": "{org}/{repo}/issues", "params": {"org": "dlt-hub", "repo": "dlt"}}`), []],
  [
    "one typed incremental param",
    "yaml",
    yres(`    endpoint:
      params:
        since: {type: incremental, cursor_path: updated_at, initial_value: "2024-01-01"}`),
    [],
  ],
  [
    "a full URL needs no base_url",
    "json",
    `{
  "client": {},
  "resources": [{"name": "posts", "endpoint": "https://api.example.com/posts"}]
}`,
    [],
  ],
  [
    "client headers are never interpolated",
    "json",
    `{
  "client": {"base_url": "${BASE}", "headers": {"X-Note": "{resources.posts.id}"}},
  "resources": ["posts"]
}`,
    [],
  ],
  [
    "escaped braces in a JSON body",
    "yaml",
    yres(`    endpoint:
      method: POST
      json:
        query: "{{ viewer {{ login }} }}"`),
    [],
  ],
  [
    "response action ignoring 404",
    "json",
    res(`      "endpoint": {"response_actions": [{"status_code": 404, "action": "ignore"}, {"content": "not found", "action": "ignore"}]}`),
    [],
  ],
  [
    "response action status_code as a string",
    "yaml",
    yres(`    endpoint:
      response_actions:
        - status_code: "404"
          action: ignore`),
    [["response_action_status_string", "/resources/0/endpoint/response_actions/0/status_code", '"404"', 7, 24]],
  ],
  [
    "unknown response action string",
    "python",
    pres(`            "endpoint": {"response_actions": [{"status_code": 404, "action": "skip"}]},`),
    [["unknown_response_action", "/resources/0/endpoint/response_actions/0/action", '"skip"', 6, 78]],
  ],
  [
    "status range and a misspelt ignore",
    "json",
    res(`      "endpoint": {"response_actions": [{"status_code": "4xx", "action": "Ignore"}]}`),
    [
      ["response_action_status_string", "/resources/0/endpoint/response_actions/0/status_code", '"4xx"', 6, 57],
      ["unknown_response_action", "/resources/0/endpoint/response_actions/0/action", '"Ignore"', 6, 74],
    ],
  ],
  [
    "response action callable",
    "python",
    pres(`            "endpoint": {"response_actions": [{"status_code": 200, "action": set_encoding}, log_response]},`),
    [
      ["python_not_executed", "/resources/0/endpoint/response_actions/0/action", "set_encoding", 6, 78],
      ["python_not_executed", "/resources/0/endpoint/response_actions/1", "log_response", 6, 93],
    ],
  ],
  [
    "response actions in resource_defaults",
    "yaml",
    `client:
  base_url: ${BASE}
resource_defaults:
  endpoint:
    response_actions:
      - {status_code: 404, action: skip}
resources: [posts, users]
`,
    [["unknown_response_action", "/resource_defaults/endpoint/response_actions/0/action", "skip", 6, 36]],
  ],
];

export const CHECK_CASES: Case[] = [
  [
    "a response action without an action (dlt fails at the first response)",
    "json",
    res(`      "endpoint": {"response_actions": [{"status_code": 404}]}`),
    "missing_key",
    "/resources/0/endpoint/response_actions/0",
    "{",
    6,
    41,
  ],
  [
    "a response action matching content, without an action",
    "yaml",
    yamlResources(`  - name: posts
    endpoint:
      response_actions:
        - content: not found`),
    "missing_key",
    "/resources/0/endpoint/response_actions/0",
    "content",
    7,
    11,
  ],
  [
    "an empty response action dict",
    "python",
    pyResources(`        {"name": "posts", "endpoint": {"path": "posts", "response_actions": [{}]}},`),
    "missing_key",
    "/resources/0/endpoint/response_actions/0",
    "{}",
    4,
    78,
  ],
  [
    "a dlt paginator class given uncalled (the class, not a paginator)",
    "python",
    pyResources(`        {"name": "posts", "endpoint": {"path": "posts", "paginator": SinglePagePaginator}},`),
    "python_class_not_instance",
    "/resources/0/endpoint/paginator",
    "SinglePagePaginator",
    4,
    70,
  ],
  [
    "unknown parent in params",
    "python",
    pyResources(`        "users",
        {"name": "posts", "endpoint": {"path": "posts", "params": {"author": "{resources.user.id}"}}},`),
    "placeholder_unknown_resource",
    "/resources/1/endpoint/params/author",
    "{resources.user.id}",
    5,
    79,
  ],
  [
    "resolve param naming a missing resource",
    "yaml",
    yamlResources(`  - name: comments
    endpoint:
      path: posts/{post_id}/comments
      params:
        post_id: {type: resolve, resource: postz, field: id}`),
    "placeholder_unknown_resource",
    "/resources/0/endpoint/params/post_id/resource",
    "postz",
    8,
    44,
  ],
  [
    "two parents (YAML)",
    "yaml",
    yamlResources(`  - posts
  - users
  - name: c
    endpoint:
      path: posts/{resources.posts.id}
      headers:
        X-User: "{resources.users.id}"`),
    "multiple_parents",
    "/resources/2/endpoint",
    "endpoint",
    7,
    5,
  ],
  [
    "a three-resource cycle",
    "python",
    pyResources(`        {"name": "a", "endpoint": "a/{resources.c.id}"},
        {"name": "b", "endpoint": "b/{resources.a.id}"},
        {"name": "c", "endpoint": "c/{resources.b.id}"},`),
    "resource_cycle",
    "/resources/0/endpoint",
    '"endpoint"',
    4,
    23,
  ],
  [
    "{incremental.*} in params without incremental",
    "yaml",
    yres(`    endpoint:
      params:
        since: "{incremental.start_value}"`),
    "invalid_placeholder",
    "/resources/0/endpoint/params/since",
    "{incremental.start_value}",
    7,
    17,
  ],
  [
    "{resources.posts} without a field",
    "python",
    pyResources(`        "posts",
        {"name": "comments", "endpoint": "posts/{resources.posts}/comments"},`),
    "invalid_placeholder",
    "/resources/1/endpoint",
    "{resources.posts}",
    5,
    49,
  ],
  [
    "GraphQL braces not escaped in a JSON body",
    "json",
    res(`      "endpoint": {"method": "POST", "json": {"query": "{ viewer { login } }"}}`),
    "invalid_placeholder",
    "/resources/0/endpoint/json/query",
    '"{ viewer',
    6,
    56,
  ],
  [
    "unknown context in the path",
    "yaml",
    yres(`    endpoint:
      path: "{foo.bar}/issues"`),
    "invalid_placeholder",
    "/resources/0/endpoint/path",
    "{foo.bar}",
    6,
    14,
  ],
  [
    "path param missing (YAML)",
    "yaml",
    yres(`    endpoint:
      path: orgs/{org}/repos`),
    "path_param_missing",
    "/resources/0/endpoint/path",
    "{org}",
    6,
    18,
  ],
  [
    "path binding an incremental param",
    "python",
    pres(`            "endpoint": {
                "path": "posts/{since}",
                "params": {"since": {"type": "incremental", "cursor_path": "updated_at"}},
            },`),
    "invalid_placeholder",
    "/resources/0/endpoint/path",
    "{since}",
    7,
    32,
  ],
  [
    "resolve param not in the path",
    "yaml",
    yamlResources(`  - posts
  - name: comments
    endpoint:
      path: comments
      params:
        post_id: {type: resolve, resource: posts, field: id}`),
    "resolve_param_not_in_path",
    "/resources/1/endpoint/params/post_id",
    "post_id",
    9,
    9,
  ],
  [
    "include_from_parent without a parent",
    "python",
    pres(`            "include_from_parent": ["id"],`),
    "include_from_parent_without_parent",
    "/resources/0/include_from_parent",
    '"include_from_parent"',
    6,
    13,
  ],
  [
    "typed param of an unknown type",
    "yaml",
    yres(`    endpoint:
      params:
        since: {type: no_incremental, cursor_path: updated_at}`),
    "invalid_param_value",
    "/resources/0/endpoint/params/since/type",
    "no_incremental",
    7,
    23,
  ],
  [
    "plain dict as a query param (Python)",
    "python",
    pres(`            "endpoint": {"params": {"filter": {"status": "open"}}},`),
    "invalid_param_value",
    "/resources/0/endpoint/params/filter",
    '{"status"',
    6,
    47,
  ],
  [
    "two incremental params",
    "json",
    res(`      "endpoint": {
        "params": {
          "since": {"type": "incremental", "cursor_path": "updated_at"},
          "after": {"type": "incremental", "cursor_path": "id"}
        }
      }`),
    "multiple_incremental_params",
    "/resources/0/endpoint/params/after",
    '"after"',
    9,
    11,
  ],
  [
    "incremental params from the defaults and the resource",
    "yaml",
    `client:
  base_url: ${BASE}
resource_defaults:
  endpoint:
    params:
      since: {type: incremental, cursor_path: updated_at}
resources:
  - name: posts
    endpoint:
      params:
        after: {type: incremental, cursor_path: id}
`,
    "multiple_incremental_params",
    "/resources/0/endpoint/params/after",
    "after",
    11,
    9,
  ],
  [
    "duplicate resource names (YAML)",
    "yaml",
    yamlResources(`  - posts
  - name: posts
    endpoint: posts/archived`),
    "duplicate_resource_name",
    "/resources/1",
    "posts",
    5,
    11,
  ],
  [
    "json and data (Python)",
    "python",
    pres(`            "endpoint": {"method": "POST", "json": {"q": "x"}, "data": "q=x"},`),
    "json_and_data",
    "/resources/0/endpoint/data",
    '"data"',
    6,
    64,
  ],
  [
    "missing base_url (YAML)",
    "yaml",
    `client:
  headers: {Accept: application/json}
resources:
  - name: posts
    endpoint: /v1/posts
`,
    "missing_base_url",
    "/resources/0/endpoint",
    "/v1/posts",
    5,
    15,
  ],
  [
    "resource without a name",
    "yaml",
    yamlResources(`  - endpoint: {path: posts}
    primary_key: id`),
    "missing_resource_name",
    "/resources/0",
    "endpoint",
    4,
    5,
  ],
  [
    "resource without a name (Python)",
    "python",
    pyResources(`        {"endpoint": "posts", "primary_key": "id"},`),
    "missing_resource_name",
    "/resources/0",
    '{"endpoint"',
    4,
    9,
  ],
];
