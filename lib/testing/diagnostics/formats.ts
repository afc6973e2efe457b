// Long because it is a data table: one row per case, read by lib/config/diagnostics.test.ts.
/**
 * Diagnostics table: what is particular to each format — Python (imports, comments, dlt.secrets and
 * dlt.config, None/True/False, callables and objects, JSON words, `**` unpacking), YAML (anchors,
 * comments, nulls, indentation) and JSON (strictness) — and the five seed documents.
 */
import { BASE, C, pres, type Case, type Note, type ValidCase } from "./kit";

/** A seed document (lib/testing/seeds.ts, by its file's 3-digit prefix) and its warnings, in order. */
export type SeedCase = [string, Note[]];

export const FORMAT_VALID: ValidCase[] = [
  [
    "a whole script: imports, comments, dlt.secrets",
    "python",
    `import dlt
from dlt.sources.rest_api import rest_api_source

# Posts, newest first.
source = rest_api_source({
    "client": {
        "base_url": "${BASE}",  # the API root
        "auth": {"type": "bearer", "token": dlt.secrets["access_token"]},
    },
    "resources": ["posts"],
})
`,
    [],
  ],
  [
    "None, True and False",
    "python",
    pres(`            "selected": False,
            "parallelized": True,
            "endpoint": {"paginator": {"type": "offset", "limit": 10, "total_path": None}, "data_selector": None},`),
    [],
  ],
  [
    "JSON words in a Python dict",
    "python",
    pres(`            "selected": true,
            "endpoint": {"paginator": null},`),
    [
      ["json_literal", "/resources/0/selected", "true", 6, 25],
      ["json_literal", "/resources/0/endpoint/paginator", "null", 7, 39],
    ],
  ],
  [
    "** unpacking",
    "python",
    `defaults = {"primary_key": "id"}
source = rest_api_source({
    ${C},
    "resources": [{"name": "posts", **defaults}],
})
`,
    [["python_unpacking", "/resources/0", "**defaults", 4, 37]],
  ],
  [
    "single quotes, trailing commas, implicit concatenation",
    "python",
    `rest_api_source({
    'client': {'base_url': '${BASE}',},
    'resources': [{'name': 'posts', 'endpoint': {'path': 'posts/' 'recent',},},],
})
`,
    [],
  ],
  [
    "an annotated dict",
    "python",
    `config: RESTAPIConfig = {
    ${C},
    "resources": ["posts"],
}
`,
    [],
  ],
  [
    "keyword arguments",
    "python",
    `source = rest_api_source(config={${C}, "resources": ["posts"]}, name="blog")
`,
    [],
  ],
  [
    "a custom paginator class on the client",
    "python",
    `source = rest_api_source({
    "client": {"base_url": "${BASE}", "paginator": PostsPaginator(page_size=50)},
    "resources": ["posts"],
})
`,
    [["python_custom_class", "/client/paginator", "PostsPaginator(", 2, 68]],
  ],
  [
    "a dlt resource as the parent",
    "python",
    `source = rest_api_source({
    ${C},
    "resources": [
        users,
        {"name": "posts", "endpoint": "users/{resources.users.id}/posts"},
    ],
})
`,
    [["python_not_executed", "/resources/0", "users", 4, 9]],
  ],
  [
    "the config changed after it is written",
    "python",
    `config: RESTAPIConfig = {
    ${C},
    "resources": ["users"],
}
config["client"]["base_url"] = "https://other.example.com"
config["resources"].append("posts")
other = {}
other["a"] = 1
source = rest_api_source(config)
`,
    [
      ["python_config_changed", "", 'config["client"]["base_url"] = "https://other.example.com"', 5, 1],
      ["python_config_changed", "", 'config["resources"].append("posts")', 6, 1],
    ],
  ],
  [
    "an incremental object in params",
    "python",
    pres(`            "endpoint": {"params": {"since": dlt.sources.incremental("updated_at")}},`),
    [],
  ],
  [
    "a key twice (Python)",
    "python",
    pres(`            "primary_key": "id",
            "primary_key": "uuid",`),
    [["duplicate_key", "/resources/0/primary_key", '"primary_key"', 7, 13]],
  ],
  [
    "anchors, aliases and merge keys",
    "yaml",
    `client:
  base_url: ${BASE}
  headers: &json
    Accept: application/json
resource_defaults: &merge
  primary_key: id
resources:
  - name: posts
    endpoint:
      headers: *json
  - <<: *merge
    name: users
`,
    [],
  ],
  [
    "comments",
    "yaml",
    `# blog API
client:
  base_url: ${BASE} # root
resources: [posts] # one for now
`,
    [],
  ],
  [
    "folded path, ~ and true",
    "yaml",
    `client:
  base_url: ${BASE}
resources:
  - name: posts
    endpoint:
      path: >-
        posts/recent
      data_selector: ~
    selected: true
`,
    [],
  ],
  [
    "a key twice (YAML)",
    "yaml",
    `client:
  base_url: ${BASE}
resources:
  - name: posts
    name: articles
`,
    [["duplicate_key", "/resources/0/name", "name", 5, 5]],
  ],
  [
    "a key twice (JSON)",
    "json",
    `{
  ${C},
  "resources": ["posts"],
  "resources": ["users"]
}`,
    [["duplicate_key", "/resources", '"resources"', 4, 3]],
  ],
  [
    "$secret and $config references",
    "json",
    `{
  "client": {"base_url": {"$config": "base_url"}, "auth": {"type": "api_key", "api_key": {"$secret": "api_key"}}},
  "resources": ["posts"]
}`,
    [],
  ],
];

export const FORMAT_CASES: Case[] = [
  [
    "a whole seed document pasted (Markdown around the config's block)",
    "python",
    "# A seed\n\nThe config, as written:\n```python\nsource = rest_api_source({" + C + ', "resources": ["posts"]})\n```\n\nThat is all.\n',
    "markdown_document",
    "",
    "```python",
    4,
    1,
  ],
  ["no config in the Python text", "python", `import dlt\n\nsource = dlt.source(name="blog")\n`, "no_config_dict", "", "import", 1, 1],
  [
    "a dict key that is not a string",
    "python",
    `rest_api_source({
    ${C},
    1: "posts",
    "resources": [],
})
`,
    "invalid_key",
    "",
    "1",
    3,
    5,
  ],
  [
    "an unclosed list",
    "python",
    `rest_api_source({
    ${C},
    "resources": ["posts",
`,
    "syntax_error",
    "",
    ",",
    3,
    26,
  ],
  [
    "a callable where a JSONPath belongs",
    "python",
    pres(`            "endpoint": {"data_selector": lambda r: r["data"]},`),
    "invalid_type",
    "/resources/0/endpoint/data_selector",
    "lambda",
    6,
    43,
  ],
  [
    "selected as the string False",
    "python",
    pres(`            "selected": "False",`),
    "invalid_type",
    "/resources/0/selected",
    '"False"',
    6,
    25,
  ],
  [
    "params outside endpoint (Python)",
    "python",
    pres(`            "params": {"per_page": 50},`),
    "unknown_key",
    "/resources/0/params",
    '"params"',
    6,
    13,
  ],
  [
    "a misindented key",
    "yaml",
    `client:
  base_url: ${BASE}
 resources:
  - posts
`,
    "syntax_error",
    "",
    "resources",
    3,
    2,
  ],
  [
    "two YAML documents",
    "yaml",
    `client: {base_url: "${BASE}"}
resources: [posts]
---
client: {}
`,
    "syntax_error",
    "",
    "---",
    3,
    1,
  ],
  [
    "an unclosed flow map",
    "yaml",
    `client: {base_url: ${BASE}
resources: [posts]
`,
    "syntax_error",
    "",
    "r",
    2,
    1,
  ],
  [
    "resources: with no value",
    "yaml",
    `client:
  base_url: ${BASE}
resources:
`,
    "invalid_type",
    "/resources",
    "resources",
    3,
    1,
  ],
  [
    "a trailing comma in JSON",
    "json",
    `{
  ${C},
  "resources": ["posts",]
}`,
    "syntax_error",
    "",
    ",",
    3,
    24,
  ],
  [
    "a comment in JSON",
    "json",
    `{
  // the API
  ${C},
  "resources": ["posts"]
}`,
    "syntax_error",
    "",
    "// the API",
    2,
    3,
  ],
  [
    "single quotes in JSON",
    "json",
    `{
  ${C},
  "resources": ['posts']
}`,
    "syntax_error",
    "",
    "'posts'",
    3,
    17,
  ],
  [
    "a $secret with another key",
    "json",
    `{
  "client": {"base_url": "${BASE}", "auth": {"type": "bearer", "token": {"$secret": "token", "value": "x"}}},
  "resources": ["posts"]
}`,
    "unknown_key",
    "/client/auth/token/value",
    '"value"',
    2,
    110,
  ],
];

export const SEED_CASES: SeedCase[] = [
  [
    "000",
    [
      ["dialect_oauth2", "/client/auth/type", '"oauth2"', 8, 21],
      ["default_total_path", "/resources/0/endpoint/paginator/type", '"offset"', 25, 29],
    ],
  ],
  [
    "001",
    [
      ["dialect_oauth2", "/client/auth/type", '"oauth2"', 8, 21],
      ["default_total_path", "/resources/0/endpoint/paginator/type", '"offset"', 25, 29],
    ],
  ],
  ["002", [["default_total_path", "/resources/0/endpoint/paginator/type", '"offset"', 25, 29]]],
  ["003", [["default_total_path", "/resources/0/endpoint/paginator/type", '"offset"', 25, 29]]],
  [
    "004",
    [
      ["dialect_oauth2", "/client/auth/type", '"oauth2"', 8, 21],
      ["default_total_path", "/resources/0/endpoint/paginator/type", '"page_number"', 25, 29],
      ["dialect_page_number_limit", "/resources/0/endpoint/paginator/limit", '"limit"', 26, 21],
      ["dialect_page_number_limit", "/resources/0/endpoint/paginator/limit_param", '"limit_param"', 28, 21],
      ["dialect_error_handler", "/resources/0/endpoint/error_handler", '"error_handler"', 30, 17],
      ["default_total_path", "/resources/1/endpoint/paginator/type", '"page_number"', 43, 29],
      ["dialect_page_number_limit", "/resources/1/endpoint/paginator/limit", '"limit"', 44, 21],
      ["dialect_page_number_limit", "/resources/1/endpoint/paginator/limit_param", '"limit_param"', 46, 21],
      ["dialect_error_handler", "/resources/1/endpoint/error_handler", '"error_handler"', 48, 17],
      ["js_comment", "", "// Additional resources", 55, 9],
    ],
  ],
];
