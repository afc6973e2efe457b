// Long because it is a data table: one row per case, read by lib/config/diagnostics.test.ts.
/** Diagnostics table: resource keys (dlt-rest-api.md §4.4): dispositions, keys, columns and the other dlt hints, valid and invalid. */
import { BASE, C, pres, res, yres, type Case, type ValidCase } from "./kit";

const R = "/resources/0";

export const RESOURCE_VALID: ValidCase[] = [
  [
    "a nested table's own write_disposition equal to its root's: loaded as without one, nothing to tell",
    "json",
    res(`      "write_disposition": {"disposition": "merge"}, "primary_key": "id",
      "nested_hints": {"purchases": {"write_disposition": "merge"}}`),
    [],
  ],
  [
    "merge with a primary_key string",
    "yaml",
    yres(`    write_disposition: merge
    primary_key: id`),
    [],
  ],
  [
    "merge scd2 with validity columns",
    "python",
    pres(
      `            "write_disposition": {"disposition": "merge", "strategy": "scd2", "validity_column_names": ["valid_from", "valid_to"]},`,
    ),
    [],
  ],
  [
    "merge delete-insert, deduplicated, merge_key list",
    "json",
    res(`      "write_disposition": {"disposition": "merge", "strategy": "delete-insert", "deduplicated": true},
      "primary_key": "id",
      "merge_key": ["org_id", "day"]`),
    [],
  ],
  ["replace as a dict", "yaml", yres(`    write_disposition: {disposition: replace}`), []],
  [
    "a plain YAML value yaml.safe_load reads as a boolean",
    "yaml",
    yres(`    endpoint:
      path: posts
      params:
        archived: no`),
    [["yaml_1_1_value", `${R}/endpoint/params/archived`, "no", 8, 19]],
  ],
  [
    "scd2 with a date, epoch seconds and a date-time",
    "json",
    res(`      "write_disposition": {"disposition": "merge", "strategy": "scd2",
        "active_record_timestamp": "9999-12-31", "boundary_timestamp": 1717236000},
      "columns": {"updated": {"data_type": "timestamp"}}`),
    [],
  ],
  [
    "insert-only with a primary key",
    "yaml",
    yres(`    write_disposition: {disposition: merge, strategy: insert-only}
    primary_key: [org, id]`),
    [],
  ],
  [
    "skip, with a compound primary_key",
    "python",
    pres(`            "write_disposition": "skip",
            "primary_key": ["org_id", "id"],`),
    [],
  ],
  [
    "columns with dlt data types",
    "yaml",
    yres(`    columns:
      id: {data_type: bigint, nullable: false, primary_key: true}
      created_at: {data_type: timestamp}
      amount: {data_type: decimal, precision: 18, scale: 2}`),
    [],
  ],
  [
    "nested_hints columns by name, each with its name",
    "json",
    res(`      "nested_hints": {"purchases": {"columns": {"price": {"name": "price", "data_type": "decimal"}}}}`),
    [],
  ],
  ["columns as a list", "json", res(`      "columns": [{"name": "id", "data_type": "bigint"}, {"name": "tags", "data_type": "json"}]`), []],
  [
    "table_name a callable",
    "python",
    pres(`            "table_name": lambda item: item["kind"],`),
    [["python_not_executed", `${R}/table_name`, "lambda item", 6, 27]],
  ],
  [
    "table_name, max_table_nesting, selected, parallelized",
    "yaml",
    yres(`    table_name: blog_posts
    max_table_nesting: 0
    selected: false
    parallelized: true`),
    [],
  ],
  [
    "schema_contract, table_format and file_format",
    "json",
    res(`      "schema_contract": {"tables": "evolve", "columns": "freeze", "data_type": "discard_row"},
      "table_format": "delta",
      "file_format": "parquet"`),
    [],
  ],
  [
    "processing_steps with callables",
    "python",
    pres(`            "processing_steps": [
                {"filter": lambda r: r["id"] != 3},
                {"map": lower_title},
            ],`),
    [
      ["python_not_executed", `${R}/processing_steps/0/filter`, "lambda r", 7, 28],
      ["python_not_executed", `${R}/processing_steps/1/map`, "lower_title", 8, 25],
    ],
  ],
  [
    "processing_steps a playground run runs",
    "python",
    pres(`            "processing_steps": [
                {"filter": lambda r: r["id"] != 3},
                {"map": lambda r: {**r, "title": r["title"].lower()}},
            ],`),
    [
      ["python_executed", `${R}/processing_steps/0/filter`, "lambda r", 7, 28],
      ["python_executed", `${R}/processing_steps/1/map`, "lambda r", 8, 25],
    ],
  ],
  [
    "include_from_parent on a child",
    "yaml",
    `client:
  base_url: ${BASE}
resources:
  - posts
  - name: comments
    endpoint: posts/{resources.posts.id}/comments
    include_from_parent: [id, title]
`,
    [],
  ],
  [
    "resource_defaults null",
    "json",
    `{
  "client": {"base_url": "${BASE}"},
  "resource_defaults": null,
  "resources": ["posts"]
}`,
    [],
  ],
  [
    "resource_defaults merged into string resources",
    "python",
    `source = rest_api_source({
    "client": {"base_url": "${BASE}"},
    "resource_defaults": {"primary_key": "id", "write_disposition": "merge", "endpoint": {"params": {"per_page": 50}}},
    "resources": ["posts", "users"],
})
`,
    [],
  ],
];

export const RESOURCE_CASES: Case[] = [
  [
    "a plain YAML key yaml.safe_load reads as a boolean (dlt refuses a key that is not text)",
    "yaml",
    yres(`    endpoint:
      path: posts
      params:
        on: x`),
    "yaml_1_1_key",
    `${R}/endpoint/params/on`,
    "on",
    8,
    9,
  ],
  [
    "primary_key as a Python tuple: dlt's rest_api_source wants a list there",
    "python",
    pres(`            "primary_key": ("id", "slug"),`),
    "python_tuple_value",
    `${R}/primary_key`,
    '("id"',
    6,
    28,
  ],
  [
    "nested_hints with a tuple key (as dlt.resource takes one): dlt's rest_api_source refuses it",
    "python",
    pres(`            "nested_hints": {"purchases": {}, ("purchases", "coupons"): {}},`),
    "python_tuple_key",
    `${R}/nested_hints`,
    '("purchases"',
    6,
    47,
  ],
  [
    "a \\N{NAME} escape in a string: Python reads the named character, restplay has no Unicode name table",
    "python",
    pres(`            "table_name": "posts\\N{EM DASH}x",`),
    "python_named_escape",
    `${R}/table_name`,
    '"posts',
    6,
    27,
  ],
  [
    "disposition dict without disposition",
    "yaml",
    yres(`    write_disposition:
      strategy: scd2`),
    "missing_key",
    `${R}/write_disposition/disposition`,
    "write_disposition",
    5,
    5,
  ],
  [
    "disposition capitalised",
    "python",
    pres(`            "write_disposition": "Merge",`),
    "invalid_value",
    `${R}/write_disposition`,
    '"Merge"',
    6,
    34,
  ],
  [
    "disposition upsert in the dict form",
    "json",
    res(`      "write_disposition": {"disposition": "upsert"}`),
    "invalid_value",
    `${R}/write_disposition/disposition`,
    '"upsert"',
    6,
    44,
  ],
  [
    "merge strategy scd3",
    "yaml",
    yres(`    write_disposition: {disposition: merge, strategy: scd3}`),
    "invalid_value",
    `${R}/write_disposition/strategy`,
    "scd3",
    5,
    55,
  ],
  [
    "scd2 active_record_timestamp that is no date",
    "json",
    res(`      "write_disposition": {"disposition": "merge", "strategy": "scd2", "active_record_timestamp": "forever"}`),
    "scd2_timestamp",
    `${R}/write_disposition/active_record_timestamp`,
    '"forever"',
    6,
    100,
  ],
  [
    "scd2 one validity column",
    "yaml",
    yres(`    write_disposition: {disposition: merge, strategy: scd2, validity_column_names: [valid_from]}`),
    "scd2_validity_columns",
    `${R}/write_disposition/validity_column_names`,
    "[valid_from]",
    5,
    84,
  ],
  [
    "upsert without a primary key",
    "python",
    pres(`            "write_disposition": {"disposition": "merge", "strategy": "upsert"},`),
    "merge_strategy_without_key",
    `${R}/write_disposition/strategy`,
    '"upsert"',
    6,
    71,
  ],
  [
    "validity_column_names a string",
    "json",
    res(`      "write_disposition": {"disposition": "merge", "strategy": "scd2", "validity_column_names": "valid_from"}`),
    "invalid_type",
    `${R}/write_disposition/validity_column_names`,
    '"valid_from"',
    6,
    98,
  ],
  [
    "disposition dict key typo",
    "python",
    pres(`            "write_disposition": {"disposition": "merge", "strategie": "upsert"},`),
    "unknown_key",
    `${R}/write_disposition/strategie`,
    '"strategie"',
    6,
    59,
  ],
  ["primary_key a number", "json", res(`      "primary_key": 5`), "invalid_type", `${R}/primary_key`, "5", 6, 22],
  ["primary_key list with a number", "yaml", yres(`    primary_key: [id, 5]`), "invalid_type", `${R}/primary_key/1`, "5", 5, 23],
  ["merge_key a dict", "python", pres(`            "merge_key": {"name": "id"},`), "invalid_type", `${R}/merge_key`, '{"name"', 6, 26],
  [
    "column data_type integer",
    "python",
    pres(`            "columns": {"id": {"data_type": "integer"}},`),
    "invalid_value",
    `${R}/columns/id/data_type`,
    '"integer"',
    6,
    45,
  ],
  [
    "column nullable a string",
    "json",
    res(`      "columns": {"id": {"data_type": "bigint", "nullable": "yes"}}`),
    "invalid_type",
    `${R}/columns/id/nullable`,
    '"yes"',
    6,
    61,
  ],
  [
    "column key type instead of data_type",
    "yaml",
    yres(`    columns:
      id:
        type: bigint`),
    "unknown_key",
    `${R}/columns/id/type`,
    "type",
    7,
    9,
  ],
  ["columns a string", "json", res(`      "columns": "id, name"`), "invalid_type", `${R}/columns`, '"id, name"', 6, 18],
  ["table_name a number", "python", pres(`            "table_name": 5,`), "invalid_type", `${R}/table_name`, "5", 6, 27],
  // A negative one is valid: dlt 1.26.0 builds the source and loads it as 0.
  ["max_table_nesting fraction", "yaml", yres(`    max_table_nesting: 1.5`), "invalid_type", `${R}/max_table_nesting`, "1.5", 5, 24],
  ["max_table_nesting a string", "json", res(`      "max_table_nesting": "2"`), "invalid_type", `${R}/max_table_nesting`, '"2"', 6, 28],
  ["selected: no (a string in YAML 1.2)", "yaml", yres(`    selected: no`), "invalid_type", `${R}/selected`, "no", 5, 15],
  ["parallelized a string", "json", res(`      "parallelized": "true"`), "invalid_type", `${R}/parallelized`, '"true"', 6, 23],
  [
    "nested_hints columns without their names",
    "json",
    res(`      "nested_hints": {"purchases": {"columns": {"price": {"data_type": "decimal"}}}}`),
    "nested_hints_columns",
    `${R}/nested_hints/purchases/columns/price`,
    '"price"',
    6,
    50,
  ],
  [
    "a nested hint's own write_disposition on a table that stays nested under an append root (dlt loads it apart)",
    "json",
    res(`      "nested_hints": {"purchases": {"write_disposition": "replace"}}`),
    "nested_disposition_apart",
    `${R}/nested_hints/purchases/write_disposition`,
    '"write_disposition"',
    6,
    38,
  ],
  [
    "skip on a nested table that keeps its parent (dlt's load step fails)",
    "json",
    res(`      "nested_hints": {"purchases": {"write_disposition": "skip"}}`),
    "nested_disposition_load_fails",
    `${R}/nested_hints/purchases/write_disposition`,
    '"write_disposition"',
    6,
    38,
  ],
  [
    "a nested hint's parent_table_name other than its root (dlt fails unless that table exists; not previewed)",
    "json",
    res(`      "nested_hints": {"purchases": {"parent_table_name": "other"}}`),
    "nested_hint_not_previewed",
    `${R}/nested_hints/purchases/parent_table_name`,
    '"parent_table_name"',
    6,
    38,
  ],
  [
    "a nested table's own write_disposition under a merge root (dlt's load step fails)",
    "json",
    res(`      "write_disposition": "merge", "primary_key": "id", "nested_hints": {"purchases": {"write_disposition": "append"}}`),
    "nested_disposition_load_fails",
    `${R}/nested_hints/purchases/write_disposition`,
    '"write_disposition"',
    6,
    89,
  ],
  [
    "a key dlt's config validation refuses in a nested hint",
    "json",
    res(`      "nested_hints": {"purchases": {"table_name": "x"}}`),
    "unknown_key",
    `${R}/nested_hints/purchases/table_name`,
    '"table_name"',
    6,
    38,
  ],
  [
    "nested_hints columns as a list",
    "json",
    res(`      "nested_hints": {"purchases": {"columns": [{"name": "price", "data_type": "decimal"}]}}`),
    "nested_hints_columns",
    `${R}/nested_hints/purchases/columns`,
    "[",
    6,
    49,
  ],
  [
    "schema_contract strict",
    "python",
    pres(`            "schema_contract": "strict",`),
    "invalid_value",
    `${R}/schema_contract`,
    '"strict"',
    6,
    32,
  ],
  [
    "schema_contract dict with a bad mode",
    "yaml",
    yres(`    schema_contract: {tables: evolve, columns: strict}`),
    "invalid_value",
    `${R}/schema_contract/columns`,
    "strict",
    5,
    48,
  ],
  ["table_format parquet", "json", res(`      "table_format": "parquet"`), "invalid_value", `${R}/table_format`, '"parquet"', 6, 23],
  ["file_format json", "yaml", yres(`    file_format: json`), "invalid_value", `${R}/file_format`, "json", 5, 18],
  [
    "processing step reduce",
    "python",
    pres(`            "processing_steps": [{"reduce": merge_pages}],`),
    "unknown_key",
    `${R}/processing_steps/0/reduce`,
    '"reduce"',
    6,
    35,
  ],
  [
    "processing step filter a string",
    "json",
    res(`      "processing_steps": [{"filter": "id > 3"}]`),
    "invalid_type",
    `${R}/processing_steps/0/filter`,
    '"id > 3"',
    6,
    39,
  ],
  [
    "include_from_parent a string",
    "yaml",
    `client:
  base_url: ${BASE}
resources:
  - posts
  - name: comments
    endpoint: posts/{resources.posts.id}/comments
    include_from_parent: id
`,
    "invalid_type",
    "/resources/1/include_from_parent",
    "id",
    7,
    26,
  ],
  [
    "resource name a number",
    "python",
    `source = rest_api_source({
    ${C},
    "resources": [{"name": 5, "endpoint": "posts"}],
})
`,
    "invalid_type",
    `${R}/name`,
    "5",
    3,
    28,
  ],
  [
    "data_selector a number",
    "yaml",
    yres(`    endpoint:
      data_selector: 0`),
    "invalid_type",
    `${R}/endpoint/data_selector`,
    "0",
    6,
    22,
  ],
  [
    "incremental with the removed key param",
    "python",
    pres(`            "endpoint": {"incremental": {"cursor_path": "updated_at", "param": "since"}},`),
    "unknown_key",
    `${R}/endpoint/incremental/param`,
    '"param"',
    6,
    71,
  ],
  [
    "incremental last_value_func maximum",
    "yaml",
    yres(`    endpoint:
      incremental:
        cursor_path: updated_at
        last_value_func: maximum`),
    "invalid_value",
    `${R}/endpoint/incremental/last_value_func`,
    "maximum",
    8,
    26,
  ],
  [
    "response_actions a dict",
    "json",
    res(`      "endpoint": {"response_actions": {"status_code": 404, "action": "ignore"}}`),
    "invalid_type",
    `${R}/endpoint/response_actions`,
    '{"status_code"',
    6,
    40,
  ],
];
