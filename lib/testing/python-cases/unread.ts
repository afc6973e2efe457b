/**
 * Python restplay does not evaluate (decision 0022) where a check needs the value: an f-string of a
 * secret, a call, a name bound to one. dlt evaluates it and builds each of these sources (checked with
 * dlt 1.26.0), so restplay says only that it left the value out — no finding its absence made up.
 */
import { BASE, H, row, type PyCase } from "./kit";

/** A whole file whose config reads the deployment's settings through `setting(...)`, which restplay does not run. */
const withSettings = (dict: string, before = "") =>
  `${H}def setting(name, default):\n    return default\n\n\n${before}source = rest_api_source(${dict})\n`;
const posts = (resource: string) => `{"client": {"base_url": "${BASE}"}, "resources": [{"name": "posts", ${resource}}]}`;
const py = (text: string) => ({ $python: text });

export const UNREAD_CASES: PyCase[] = [
  row(
    "an auth type from a setting: which fields it takes is dlt's to say (no auth_field_missing, no unknown_key)",
    withSettings(
      `{"client": {"base_url": "${BASE}", "auth": {"type": setting("auth", "api_key"), "api_key": dlt.secrets["key"]}}, ` +
        `"resources": ["posts"]}`,
    ),
    [["python_not_executed", "/client/auth/type", "setting("]],
    { client: { base_url: BASE, auth: { type: py('setting("auth", "api_key")'), api_key: { $secret: "key" } } }, resources: ["posts"] },
  ),
  // dlt 1.26.0 validates a paginator or auth dict against all its config dicts, each closed, whatever the type:
  // `{"type": <offset, auto or a registered type>, "limt": 10}` fails ("received unexpected fields {'limt'}").
  row(
    "a paginator type from a setting: a key no paginator takes is unknown whatever the type (unknown_key)",
    withSettings(posts(`"endpoint": {"paginator": {"type": setting("paging", "offset"), "limt": 10}}`)),
    [
      ["python_not_executed", "/resources/0/endpoint/paginator/type", "setting("],
      ["unknown_key", "/resources/0/endpoint/paginator/limt", '"limt"'],
    ],
    {
      client: { base_url: BASE },
      resources: [{ name: "posts", endpoint: { paginator: { type: py('setting("paging", "offset")'), limt: 10 } } }],
    },
  ),
  // dlt 1.26.0: `dlt.config["pag_type"]` is read as Python builds the dict (ConfigFieldMissingException without a value).
  row(
    "a paginator type from dlt.config: known when dlt runs (type_at_run_time), a key no paginator takes is unknown",
    withSettings(posts(`"endpoint": {"paginator": {"type": dlt.config["pag_type"], "maximum_page": 2, "limt": 10}}`)),
    [
      ["type_at_run_time", "/resources/0/endpoint/paginator/type", "dlt.config["],
      ["unknown_key", "/resources/0/endpoint/paginator/limt", '"limt"'],
    ],
    {
      client: { base_url: BASE },
      resources: [{ name: "posts", endpoint: { paginator: { type: { $config: "pag_type" }, maximum_page: 2, limt: 10 } } }],
    },
  ),
  // dlt 1.26.0: `dlt.config["page_size"]` is the int 50 with `PAGE_SIZE=50` (auto_cast) and works as `limit`.
  row(
    "a paginator limit from dlt.config: known when dlt runs (value_at_run_time), not a wrong type",
    posts(`"endpoint": {"paginator": {"type": "offset", "limit": dlt.config["page_size"], "total_path": None}}`),
    [["value_at_run_time", "/resources/0/endpoint/paginator/limit", "dlt.config["]],
    {
      client: { base_url: BASE },
      resources: [{ name: "posts", endpoint: { paginator: { type: "offset", limit: { $config: "page_size" }, total_path: null } } }],
    },
  ),
  row(
    "a paginator type from a setting: keys some paginator takes are the type's to judge (no unknown_key)",
    withSettings(posts(`"endpoint": {"paginator": {"type": setting("paging", "offset"), "limit": 10, "page_param": "p"}}`)),
    [["python_not_executed", "/resources/0/endpoint/paginator/type", "setting("]],
    {
      client: { base_url: BASE },
      resources: [{ name: "posts", endpoint: { paginator: { type: py('setting("paging", "offset")'), limit: 10, page_param: "p" } } }],
    },
  ),
  row(
    "an auth type from a setting: a key no auth takes is unknown whatever the type (unknown_key)",
    withSettings(
      `{"client": {"base_url": "${BASE}", "auth": {"type": setting("auth", "bearer"), "tokn": dlt.secrets["t"]}}, "resources": ["posts"]}`,
    ),
    [
      ["python_not_executed", "/client/auth/type", "setting("],
      ["unknown_key", "/client/auth/tokn", '"tokn"'],
    ],
    { client: { base_url: BASE, auth: { type: py('setting("auth", "bearer")'), tokn: { $secret: "t" } } }, resources: ["posts"] },
  ),
  row(
    "a total_path from a setting is set (no default_total_path)",
    withSettings(
      posts(`"endpoint": {"paginator": {"type": "offset", "limit": 10, "total_path": TOTAL_PATH}}`),
      'TOTAL_PATH = setting("total", "meta.total")\n',
    ),
    [["python_not_executed", "/resources/0/endpoint/paginator/total_path", "setting("]],
    {
      client: { base_url: BASE },
      resources: [
        { name: "posts", endpoint: { paginator: { type: "offset", limit: 10, total_path: py('setting("total", "meta.total")') } } },
      ],
    },
  ),
  row(
    "a method from a setting may be POST (no get_with_body)",
    withSettings(posts(`"endpoint": {"method": setting("method", "POST"), "json": {"query": "new"}}`)),
    [["python_not_executed", "/resources/0/endpoint/method", "setting("]],
    {
      client: { base_url: BASE },
      resources: [{ name: "posts", endpoint: { method: py('setting("method", "POST")'), json: { query: "new" } } }],
    },
  ),
  row(
    "a json body from a call may be empty (no json_and_data: dlt fails only on both truthy)",
    withSettings(posts(`"endpoint": {"method": "POST", "json": setting("body", {}), "data": "a=1"}`)),
    [["python_not_executed", "/resources/0/endpoint/json", "setting("]],
    {
      client: { base_url: BASE },
      resources: [{ name: "posts", endpoint: { method: "POST", json: py('setting("body", {})'), data: "a=1" } }],
    },
  ),
  // dlt 1.26.0 tests `json and data` for truth: `"data": [make_x()]` beside a json body fails (whatever make_x()
  // returns, the list is not empty), `"data": []` does not (the request is sent).
  row(
    "a list holding a call is a body whatever the call gives (json_and_data, as dlt fails)",
    withSettings(posts(`"endpoint": {"method": "POST", "json": {"q": 1}, "data": [setting("pair", ("a", "b"))]}`)),
    [
      ["json_and_data", "/resources/0/endpoint/data", '"data"'],
      ["python_not_executed", "/resources/0/endpoint/data/0", "setting("],
    ],
    {
      client: { base_url: BASE },
      resources: [{ name: "posts", endpoint: { method: "POST", json: { q: 1 }, data: [py('setting("pair", ("a", "b"))')] } }],
    },
  ),
  row(
    "an empty data list is no body (no json_and_data: dlt sends the json)",
    withSettings(posts(`"endpoint": {"method": "POST", "json": {"q": setting("q", 1)}, "data": []}`)),
    [["python_not_executed", "/resources/0/endpoint/json/q", "setting("]],
    {
      client: { base_url: BASE },
      resources: [{ name: "posts", endpoint: { method: "POST", json: { q: py('setting("q", 1)') }, data: [] } }],
    },
  ),
  row(
    "a param type from a setting may be resolve (no invalid_param_value, no invalid_placeholder)",
    withSettings(
      `{"client": {"base_url": "${BASE}"}, "resources": ["users", {"name": "posts", "endpoint": {"path": "users/{uid}/posts", ` +
        `"params": {"uid": {"type": setting("kind", "resolve"), "resource": "users", "field": "id"}}}}]}`,
    ),
    [["python_not_executed", "/resources/1/endpoint/params/uid/type", "setting("]],
    {
      client: { base_url: BASE },
      resources: [
        "users",
        {
          name: "posts",
          endpoint: {
            path: "users/{uid}/posts",
            params: { uid: { type: py('setting("kind", "resolve")'), resource: "users", field: "id" } },
          },
        },
      ],
    },
  ),
  row(
    "an incremental param's end_value from a setting may be None (no incremental_param_end)",
    withSettings(
      posts(`"endpoint": {"params": {"since": {"type": "incremental", "cursor_path": "updated_at", "end_value": setting("until", None)}}}`),
    ),
    [["python_not_executed", "/resources/0/endpoint/params/since/end_value", "setting("]],
    {
      client: { base_url: BASE },
      resources: [
        {
          name: "posts",
          endpoint: { params: { since: { type: "incremental", cursor_path: "updated_at", end_value: py('setting("until", None)') } } },
        },
      ],
    },
  ),
  row(
    "an upsert resource's primary_key from a setting is there (no merge_strategy_without_key)",
    withSettings(
      posts(`"primary_key": PRIMARY_KEY, "write_disposition": {"disposition": "merge", "strategy": "upsert"}`),
      'PRIMARY_KEY = setting("key", "id")\n',
    ),
    [["python_not_executed", "/resources/0/primary_key", "setting("]],
    {
      client: { base_url: BASE },
      resources: [
        { name: "posts", primary_key: py('setting("key", "id")'), write_disposition: { disposition: "merge", strategy: "upsert" } },
      ],
    },
  ),
  row(
    "a root write_disposition from a setting may be the nested table's (no nested_disposition_apart)",
    withSettings(posts(`"write_disposition": setting("wd", "replace"), "nested_hints": {"tags": {"write_disposition": "replace"}}`)),
    [["python_not_executed", "/resources/0/write_disposition", "setting("]],
    {
      client: { base_url: BASE },
      resources: [
        { name: "posts", write_disposition: py('setting("wd", "replace")'), nested_hints: { tags: { write_disposition: "replace" } } },
      ],
    },
  ),
  row(
    "a root disposition from a setting in a write_disposition dict may be the nested table's (no nested_disposition_apart)",
    withSettings(
      posts(`"write_disposition": {"disposition": setting("wd", "merge")}, "nested_hints": {"tags": {"write_disposition": "merge"}}`),
    ),
    [["python_not_executed", "/resources/0/write_disposition/disposition", "setting("]],
    {
      client: { base_url: BASE },
      resources: [
        {
          name: "posts",
          write_disposition: { disposition: py('setting("wd", "merge")') },
          nested_hints: { tags: { write_disposition: "merge" } },
        },
      ],
    },
  ),
  row(
    "a table_name built by an f-string of a secret may be the nested hint's parent (no nested_hint_not_previewed)",
    withSettings(posts(`"table_name": f"{dlt.secrets['tenant']}_posts", "nested_hints": {"tags": {"parent_table_name": "acme_posts"}}`)),
    [["python_not_executed", "/resources/0/table_name", 'f"{dlt']],
    {
      client: { base_url: BASE },
      resources: [
        { name: "posts", table_name: py(`f"{dlt.secrets['tenant']}_posts"`), nested_hints: { tags: { parent_table_name: "acme_posts" } } },
      ],
    },
  ),
  row(
    "a nested column named by a call has its name (no nested_hints_columns)",
    withSettings(posts(`"nested_hints": {"tags": {"columns": {"tag": {"name": setting("tag", "tag"), "data_type": "text"}}}}`)),
    [["python_not_executed", "/resources/0/nested_hints/tags/columns/tag/name", "setting("]],
    {
      client: { base_url: BASE },
      resources: [
        { name: "posts", nested_hints: { tags: { columns: { tag: { name: py('setting("tag", "tag")'), data_type: "text" } } } } },
      ],
    },
  ),
];
