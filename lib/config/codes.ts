/**
 * Every diagnostic code restplay reports for a config, with its severity and one line of meaning.
 * Codes are stable: the CLI prints them, the UI and docs key on them. A test checks that nothing
 * reports a code missing here.
 */
import type { Severity } from "../formats";

export const DIAGNOSTIC_CODES = {
  // From the parsers (lib/formats).
  syntax_error: ["error", "The text is not valid JSON, YAML or Python."],
  js_comment: ["warning", "A `//` comment inside a Python dict: not Python; restplay reads it as a comment (fix: `#`)."],
  no_config_dict: [
    "error",
    "Python text with no REST API config: no `rest_api_source({...})`, `RESTAPIConfig` dict, config-shaped dict or module-level dict.",
  ],
  invalid_key: ["error", "A dict key that is not a string literal, or longer than 256 characters (the entry is left out)."],
  duplicate_key: ["warning", "The same key twice in one dict; the last one wins."],
  yaml_warning: ["warning", "A warning of the YAML parser."],
  json_literal: ["warning", "`true`/`false`/`null` in a Python dict: read as `True`/`False`/`None` (write those)."],
  python_tuple_key: ["error", 'A tuple key (a `dlt.resource` nested hint path): dlt\'s rest_api_source refuses it (fix: `"a__b"`).'],
  python_tuple_value: [
    "error",
    "A tuple where dlt's config validation wants a list (`primary_key`, `resources`…); fine in params and bodies.",
  ],
  python_named_escape: [
    "error",
    'A `\\N{NAME}` escape in a string (`"\\N{EM DASH}"`): Python reads the named character, restplay cannot (fix: `\\u2014`).',
  ],
  python_unpacking: ["warning", "`**other` in a Python dict: not expanded, so its keys are neither checked nor used."],
  yaml_1_1_value: [
    "warning",
    "A plain YAML value `yaml.safe_load` (YAML 1.1, how dlt gets it) reads otherwise: `yes`, `2024-01-01`, `0777`, `1e3` (fix: quote).",
  ],
  yaml_1_1_key: [
    "error",
    "A plain YAML key `yaml.safe_load` reads as no text (`on:`, `yes:`, `1_000:`, `true:`): dlt refuses it (fix: quote).",
  ],
  yaml_recursive_alias: ["error", "A YAML alias inside the node its anchor names: a config cannot be recursive."],
  // Whole Python pipeline files (decision 0022).
  python_type_error: ["error", "A dlt class (or your own) called with arguments its constructor refuses: Python's TypeError."],
  missing_import: ["warning", "A dlt name (or `os`, `json`) used but not imported: a NameError (fix: add the import)."],
  undefined_name: ["warning", "A name neither defined nor imported in a file that imports others: a NameError."],
  param_not_injected: [
    "warning",
    "A plain function's parameter defaulting to `dlt.secrets.value`: dlt injects only a @dlt.source's, so it gets the placeholder.",
  ],
  python_conditional: ["info", "`a if cond else b`: read as the `if` branch, or as a run's value of the setting it tests decides."],
  python_custom_class: ["info", "Your own paginator/auth class or registered type: checked, run only through a stand-in you pick."],
  auth_not_configspec: [
    "error",
    "An instance of your own auth class without `@configspec`: dlt's rest_api_source refuses it (fix: decorate).",
  ],
  python_stand_in: ["info", "`# restplay: run as <type>`: playground runs use that declarative type in place of your class."],
  multiple_configs: ["info", "A Python file with several configs: which one is checked and run (fix: switch)."],
  markdown_document: ["warning", "A Markdown document with the config in a fenced block: keep only the block (fix)."],
  python_config_changed: ["warning", "The config dict changed after it is written (`config[...] = …`, `.append`): dlt gets it changed."],
  // Input limits (lib/formats/limits.ts, lib/config/limits.ts): refused with a located error, never parsed on.
  too_deep: ["error", "Lists/dicts (or Python prefix operators) nested past the depth limit; the inside is not read."],
  too_many_values: ["error", "A text with more values than the limit: it is not parsed at all."],
  yaml_alias_limit: ["error", "YAML aliases that would expand to more values than the limit (an alias bomb); not expanded."],
  too_many_resources: ["error", "More resources than the limit: the rest are neither checked nor run."],
  too_many_problems: ["info", "More problems than the listing limit: the first ones are listed."],
  // The schema: what dlt's validator rejects.
  unknown_key: ["error", "A key the dict does not have (did-you-mean and rename fix; names the type a key belongs to)."],
  missing_key: ["error", "A required key is missing (incl. `type` of a paginator dict, an incremental's `cursor_path`)."],
  invalid_type: ["error", "A value of the wrong type (e.g. a string where an integer is expected)."],
  invalid_value: ["error", "A value outside the allowed set or range (case-mistake fix)."],
  invalid_paginator_type: ["error", "An unknown paginator type or shorthand (did-you-mean fix)."],
  invalid_auth_type: ["error", "An unknown auth type or shorthand (did-you-mean fix)."],
  // What dlt finds when it builds or runs the source (lib/config/resolve: dlt's build rules).
  offset_without_limit: ["error", 'An offset paginator (or the `"offset"` shorthand) without `limit`.'],
  page_param_and_body_path: ["error", "page_number with both `page_param` and `page_body_path`."],
  param_and_body_path: ["error", "offset/cursor with both a query parameter and a body path for the same value."],
  paginator_never_stops: ["error", "offset/page_number with no total, maximum, has_more or empty-page stop."],
  json_and_data: ["error", "An endpoint with both a `json` and a `data` body."],
  scd2_timestamp: ["error", "An scd2 `active_record_timestamp` or `boundary_timestamp` that is no date, date-time or epoch seconds."],
  scd2_validity_columns: ["error", "scd2 `validity_column_names` that are not exactly two names."],
  merge_strategy_without_key: ["warning", "An `upsert` or `insert-only` resource without `primary_key`: dlt's load step fails."],
  get_with_body: ["warning", "A `json`/`data` body on a GET endpoint: dlt and live runs send it, mock runs cannot; servers may ignore it."],
  invalid_param_value: [
    "error",
    "A dict in `params` that is not a `resolve`/`incremental` typed param, or an incremental one with a range.",
  ],
  duplicate_resource_name: ["error", "Two resources with the same name."],
  missing_resource_name: ["error", "A resource dict without `name`."],
  missing_base_url: ["error", "No `client.base_url` while a resource path is relative."],
  placeholder_unknown_resource: ["error", "A parent reference names a resource that does not exist, or the resource itself."],
  invalid_placeholder: ["error", "A `{…}` placeholder dlt does not accept (unknown context, malformed, unescaped braces)."],
  path_param_missing: ["error", "A `{name}` in the path with no param of that name."],
  resolve_param_not_in_path: ["error", "A `resolve` param that the path does not use."],
  multiple_parents: ["error", "A resource that refers to more than one parent."],
  resource_cycle: ["error", "Resources that depend on each other in a cycle."],
  include_from_parent_without_parent: ["error", "`include_from_parent` on a resource without a parent."],
  unsafe_path_segment: ["error", "`__proto__`, `constructor` or `prototype` as a key in a path, name or placeholder."],
  invalid_jsonpath: ["error", "A JSONPath dlt's parser (jsonpath-ng, `ext`) refuses: where it stops and what it expected there."],
  jsonpath_intersect: ["warning", "A JSONPath with `&`, which jsonpath-ng does not implement: dlt's run fails where it reaches it."],
  multiple_incremental_params: ["error", "More than one `{type: incremental}` param in one endpoint (defaults merged in)."],
  nested_hints_columns: [
    "error",
    "`nested_hints` columns dlt cannot read as written: a list, or a column without its own `name` (its extract step fails).",
  ],
  nested_disposition_load_fails: [
    "error",
    "A nested table that keeps its parent with a `write_disposition` of its own under a `merge` root, or `skip`: dlt's load step fails.",
  ],
  nested_disposition_apart: [
    "warning",
    "A nested table that keeps its parent with a `write_disposition` of its own under an `append` or `replace` root: " +
      "dlt loads it apart and warns of inconsistent tables.",
  ],
  nested_hint_not_previewed: [
    "warning",
    "A nested hint's `parent_table_name` other than its root table: dlt fails unless that table exists; the preview does not apply it.",
  ],
  incremental_param_end: ["error", "`end_value`/`end_param` in an incremental param: dlt allows the start side only there."],
  // Works in restplay, rejected by dlt (the seed dialect).
  dialect_oauth2: ["warning", "Auth type `oauth2` / `token_url`: run as OAuth2 client credentials (fix: dlt's form)."],
  dialect_error_handler: ["warning", "Endpoint `error_handler`: honoured per endpoint; dlt's retries are global."],
  dialect_page_number_limit: ["warning", "page_number `limit`/`limit_param`: sent on every page (fix: endpoint `params`)."],
  // Accepted by dlt, but risky.
  default_total_path: ["info", "offset/page_number read a top-level `total` unless `total_path` is set."],
  paginator_none_is_false: ["info", "`stop_after_empty_page: None` is false to dlt (not its default): paging goes on past an empty page."],
  paginator_param_none: ["info", "A paginator parameter name or body path set to `None`: dlt falls back to its default."],
  paginator_key_ignored: ["warning", "A key of a `type: auto` paginator dict: dlt detects the paginator and ignores it."],
  auth_field_missing: [
    "warning",
    "An auth config without a field its type needs (`token`, `client_secret`, …): dlt looks it up in its secrets, else fails.",
  ],
  auth_cookie_unsupported: ["warning", "api_key with `location: cookie`, which dlt does not implement."],
  hardcoded_secret: ["warning", "A credential written into auth, a header or a param (shown masked; fix: a dlt.secrets reference)."],
  response_action_status_string: ["warning", "A response action's `status_code` given as a string: it never matches (fix: the integer)."],
  unknown_response_action: ["warning", "A response action string other than `ignore`: dlt accepts it and does nothing."],
  session_not_a_session: ["error", "A `Client(...)` as `session`: dlt fails copying it; pass its `.session`."],
  python_class_not_instance: [
    "error",
    "A dlt paginator or auth class given uncalled (`SinglePagePaginator`): dlt needs an instance (fix: `()`).",
  ],
  python_not_executed: ["info", "Python code (a callable or object): validated, not executed in the playground."],
  type_at_run_time: [
    "info",
    "A paginator's or auth's `type` given as a dlt.config/dlt.secrets reference: known when dlt runs (keys checked against every type's).",
  ],
  get_gives_none: [
    "warning",
    'A run has no value for a reference read with dlt\'s `get` (`dlt.config.get("x")`): dlt hands over None, and the config runs so.',
  ],
  value_at_run_time: [
    "info",
    "A number, bool or dict given as a dlt.config/dlt.secrets reference (`limit`, a whole `paginator`): known when dlt runs.",
  ],
  python_computed: [
    "info",
    "An incremental initial_value written as a Python date expression: a playground run computes it as Python does.",
  ],
  python_executed: ["info", "A processing step (filter, map, yield_map) in the Python subset the playground runs: runs as dlt runs it."],
  internal_error: ["error", "restplay could not finish reading or checking the config (a defect: please report it)."],
} as const satisfies Record<string, readonly [Severity, string]>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
