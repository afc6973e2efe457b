/**
 * What a validated config runs as: the `ResolvedSource` that `lib/config/resolve` builds, the only
 * thing the engine is given (decision 0021). Everything dlt decides when it builds a source is decided
 * here: shorthands expanded, `resource_defaults` merged as dlt merges them, the paginator and auth by
 * precedence, typed params bound, parents and their order, incremental, table hints, Python left out.
 *
 * Types only (the engine may import them; rule 7), and plain data: the route resolves in a worker
 * thread and gets the source back by structured clone, so no classes, functions or Maps. Sub-configs
 * are the schema's own types (rule 1): a paginator is a `PaginatorTypedConfig`, an auth an
 * `AuthTypedConfig`, as zod accepted them.
 */
import type { CompiledExpression, Func, Global } from "../shared/pystep";
import type {
  AuthTypedConfig,
  ColumnConfig,
  ErrorHandlerConfig,
  IncrementalConfig,
  PaginatorTypedConfig,
  ResponseActionConfig,
  SchemaContractMode,
  StrOrRef,
} from "./schema";
import type { z } from "zod";
import type { PyNumber } from "../shared";

/**
 * A config value as it runs: JSON whose `{"$secret": name}` / `{"$config": name}` references the
 * engine binds to their values at run time (secret values never enter the source). Python values are
 * left out (their config paths are in `ResolvedResource.python`).
 */
export type ConfigValue = string | number | boolean | null | ConfigValue[] | { [key: string]: ConfigValue };

/**
 * A paginator config whose integers are Python's: one beyond 2^53 is `{"$number": digits}` (resolve/numbers.ts; JavaScript
 * rounds it), as dlt pages with it (`limit`, `offset`, `maximum_offset`, `base_page`…).
 */
export type ResolvedPaginator = PyInts<PaginatorTypedConfig>;
type PyInts<T> = T extends unknown ? { [K in keyof T]: number extends NonNullable<T[K]> ? T[K] | PyNumber : T[K] } : never;

export type ConfigDict = Readonly<Record<string, ConfigValue>>;

/**
 * `params` or `json` merged as dlt merges them: `{**defaults, **own}`, one level deep, the resource's
 * values replacing the defaults' in place and its new keys after them. Kept as its two layers, so the
 * defaults' layer is one object shared by every resource instead of a copy per resource (a config may
 * hold thousands of default params and a thousand resources: issue #13's defaults × resources).
 * `mergeLayers` (lib/shared) gives the merged dict.
 */
export interface LayeredDict {
  /** The defaults' entries (one object for all resources); `null` when there are none or the resource's `null` removed them. */
  readonly defaults: ConfigDict | null;
  readonly own: ConfigDict | null;
  /** Keys of `defaults` this resource does not send: bound into its path, or replaced by a typed param of its own. */
  readonly omit: readonly string[];
}

/** A column hint as dlt's resource hints hold it, with its name as configured. */
export type ColumnHint = { readonly [K in keyof ColumnConfig]?: Exclude<ColumnConfig[K], null> } & { readonly name: string };

/** An `scd2` write disposition's settings as configured (`TScd2StrategyDict`); `null` where not given. */
export interface Scd2Hints {
  /** `[valid from, valid to]`; dlt's default `["_dlt_valid_from", "_dlt_valid_to"]`. */
  readonly validity_column_names: [string, string] | null;
  /** The "valid to" of active records (text or epoch seconds); `null`: NULL. */
  readonly active_record_timestamp: string | number | null;
  /** The boundary loads retire and insert at; `null`: the load's time. */
  readonly boundary_timestamp: string | number | null;
  /** The column holding the row version; `null`: `_dlt_id` holds a hash of the record. */
  readonly row_version_column_name: string | null;
}

/** A schema contract's mode for one entity (`TSchemaEvolutionMode`). */
export type ContractMode = z.infer<typeof SchemaContractMode>;

/**
 * A resource's `schema_contract` expanded as dlt expands it (`expand_schema_contract_settings`): a
 * mode for new tables, new columns and new variant columns; an entity not given evolves.
 */
export interface SchemaContract {
  readonly tables: ContractMode;
  readonly columns: ContractMode;
  readonly data_type: ContractMode;
}

/** `schema_contract` as written (and as dlt's schema stores it): one mode for all, or some entities. */
export type ContractSetting = ContractMode | Partial<SchemaContract>;

/** The hints of one nested table (`nested_hints`): its path (one list field) and its columns. */
export interface NestedHint {
  readonly path: string;
  readonly columns: ColumnHint[];
  /** The nested table's own `schema_contract` as written (absent: its root's). */
  readonly schema_contract?: ContractSetting;
  /** Its keys: either makes it a root table of its own (dlt's `may_be_nested`). */
  readonly primary_key?: string[];
  readonly merge_key?: string[];
  /** Its own `write_disposition` (a dict's `disposition`) and merge strategy, as written. */
  readonly write_disposition?: string;
  readonly merge_strategy?: string;
  /** The scd2 settings of a dict `write_disposition` whose strategy is `scd2`. */
  readonly scd2?: Scd2Hints;
}

/** The resource hints that shape its tables (the engine copies them into `resource_start`). */
export interface TableHints {
  /** `table_name`, or the resource name (a Python callable table name is not evaluated). Not normalised. */
  readonly table_name: string;
  readonly max_table_nesting: number | null;
  readonly merge_key: string[] | null;
  /** The `strategy` of a dict `write_disposition` (dlt's `x-merge-strategy`), `null` when not given. */
  readonly merge_strategy: string | null;
  /** The scd2 settings of a dict `write_disposition` whose strategy is `scd2` (absent otherwise). */
  readonly scd2?: Scd2Hints;
  /** The `columns` hints in hint order (a list or a dict in the config); Python values are left out. */
  readonly columns: ColumnHint[];
  /** `nested_hints` that dlt can use (absent: none). */
  readonly nested_hints?: NestedHint[];
  /** The `schema_contract` as written (absent: none, or Python). */
  readonly schema_contract?: ContractSetting;
}

/**
 * `columns` as the two lists dlt merges: the defaults' (one list shared by every resource) and the
 * resource's own. `mergeByName` (lib/shared) gives the merged hints (`merge_columns`); kept apart for
 * the same reason as `LayeredDict`.
 */
export interface ColumnLayers {
  readonly defaults: readonly ColumnHint[] | null;
  readonly own: readonly ColumnHint[] | null;
}

/** `TableHints` with its `columns` as layers. */
export type ResolvedTableHints = Omit<TableHints, "columns"> & { readonly columns: ColumnLayers };

/** Where a resource's auth was written: it names the config in messages. */
export type AuthWhere = "client.auth" | "endpoint.auth";

/** The auth a resource runs with: endpoint (an explicit `null` disables it) over client. */
export type ResolvedAuth =
  | {
      readonly kind: "config";
      readonly where: AuthWhere;
      readonly config: AuthTypedConfig;
      /** One Python auth object (its call's offset in the text): the resources that hold the same one share it, token and all. */
      readonly instance?: number;
    }
  /** A custom auth object: validated, not executed (the resource cannot run in the playground). */
  | { readonly kind: "python"; readonly where: AuthWhere };

/**
 * `endpoint.incremental`, or the typed param `{"type": "incremental", …}` (its key becomes
 * `start_param`). Python values (`convert`, a callable `last_value_func`) are left out.
 */
export type ResolvedIncremental = Omit<IncrementalConfig, "cursor_path" | "initial_value" | "end_value" | "last_value_func" | "convert"> & {
  readonly cursor_path: string;
  readonly initial_value?: ConfigValue;
  readonly end_value?: ConfigValue;
  readonly last_value_func?: "max" | "min";
  /** An `initial_value` written as Python (left out above): its code, as notes show it. */
  readonly initial_value_python?: string;
  /** That code compiled with what it reads of the file, when lib/shared/pystep can run it (`evaluateInitialValue` at the run's time). */
  readonly initial_value_compiled?: CompiledExpression;
};

/** A dict response action (Python callables, and Python values in `action`, are left out). */
export type ResolvedResponseAction = Exclude<ResponseActionConfig, { $python: string }>;

/** The request side of a resource, after `resource_defaults` are merged. */
export interface ResolvedEndpoint {
  readonly method: "GET" | "POST";
  /**
   * The path template: `{resources.<parent>.<field>}` (resolve params are rewritten to these),
   * `{incremental.<attr>}`, `{<name>}` of a static path param (`path_params`), `{{`/`}}` escapes.
   * A full URL (http/https) ignores `base_url`.
   */
  readonly path: string;
  /** Static path params: non-dict `params` the path names (dlt binds them with Python `str()`); not sent as query params. */
  readonly path_params: ConfigDict;
  /** Query params without the typed and the bound ones. */
  readonly params: LayeredDict;
  /** The JSON body; `null`: none (`{}` is a body and is sent). */
  readonly json: LayeredDict | null;
  /** The form or raw body; `null`: none. */
  readonly data: ConfigValue;
  /** Endpoint headers (interpolated per request sequence; client headers are in `ResolvedSource.client`). */
  readonly headers: ConfigDict;
  /** The paginator by precedence (endpoint > resource_defaults > client; single-entity paths: `single_page`); `auto` detects. */
  readonly paginator: ResolvedPaginator;
  /** `null`: detected on the first response of each request sequence. */
  readonly data_selector: { readonly path: string; readonly source: "configured" | "single_entity" } | null;
  /** `null`: no auth. */
  readonly auth: ResolvedAuth | null;
  /** The seed's per-endpoint retries (dialect); `null`: dlt's defaults. */
  readonly error_handler: ErrorHandlerConfig | null;
  readonly response_actions: readonly ResolvedResponseAction[];
  readonly incremental: ResolvedIncremental | null;
}

export interface ResolvedParent {
  readonly name: string;
  /** The parent is not a resource of this text but a Python dlt resource object: validated, not run. */
  readonly external: boolean;
  /** The fields its templates read from each parent record (`{resources.<parent>.<field>}`), as written. */
  readonly fields: readonly string[];
}

export interface ResolvedResource {
  readonly name: string;
  /** Position in the config's `resources` (runs plan what they are asked for in config order). */
  readonly index: number;
  readonly endpoint: ResolvedEndpoint;
  /** Set when a placeholder or a resolve param names a parent: one per resource. */
  readonly parent: ResolvedParent | null;
  /** Parent fields copied into each record as `_<parent>_<field>`. */
  readonly include_from_parent: string[];
  readonly primary_key: string[] | null;
  /** `append`, `replace`, `merge` or `skip` (a Python callable counts as dlt's default, `append`). */
  readonly write_disposition: string;
  readonly table: ResolvedTableHints;
  /** `selected: false`: not run unless a child needs its records. */
  readonly selected: boolean;
  readonly parallelized: boolean;
  /** Config paths of Python values left out of this resource, e.g. `processing_steps[0].filter`, `endpoint.paginator`. */
  readonly python: readonly string[];
  /** Its `processing_steps` the playground runs as dlt does (lib/config/resolve/steps.ts), in dlt's order. */
  readonly steps: readonly ResolvedStep[];
}

/** One processing step compiled into the Python subset a run evaluates (lib/shared/pystep). */
export interface ResolvedStep {
  readonly kind: "filter" | "map" | "yield_map";
  /** As messages name it: `processing_steps[0].filter` (the resource's own list, or resource_defaults'). */
  readonly at: string;
  readonly fn: Func;
  /** The module-level constants and functions the resource's steps read (one module for all of them), in file order. */
  readonly globals: readonly Global[];
}

/**
 * An auth dict dlt looks at while it builds the source (`_validate_config`, dlt/sources/rest_api/__init__.py), in
 * its order: the client's, each resource's own, then resource_defaults'. `check` is how (checked with dlt 1.26.0):
 * `masked` (the client's and each resource's own, a dict or an auth object: dlt masks its secrets with `len()`),
 * `validated` (a resource_defaults dict: only dlt's config validation sees it, which wants text), `none` (a
 * resource_defaults auth object: taken as it is).
 */
export interface BuiltAuth {
  /** Where it is written, as messages say it: `client.auth`, `resources[0].endpoint.auth`. */
  readonly at: string;
  readonly config: AuthTypedConfig;
  readonly check: "masked" | "validated" | "none";
}

/** A validated config, resolved: what the engine runs. */
export interface ResolvedSource {
  readonly client: {
    /** `null` only when every path is a full URL. */
    readonly base_url: StrOrRef | null;
    /** Sent verbatim with every request (never interpolated); endpoint headers override them. */
    readonly headers: Readonly<Record<string, StrOrRef>>;
  };
  /** In dependency order: every parent before its children, otherwise as in the config. */
  readonly resources: readonly ResolvedResource[];
  /** Python entries of `resources` (dlt resource objects), as `resources[<i>]`: validated, not run. */
  readonly skipped: readonly string[];
  /**
   * The credentials written literally into the config outside auth's own fields (a header, a param, a
   * body field, a URL's user info or query: what `hardcoded_secret` flags): a run masks them in
   * everything it reports, as it masks the secrets it is given.
   */
  readonly literalSecrets?: readonly string[];
  /** The auth dicts dlt looks at while it builds the source, in its order (absent: none). */
  readonly builtAuths?: readonly BuiltAuth[];
  /**
   * References read from the environment by Python itself (`os.environ["X"]`): a run binds their values as text,
   * where a `dlt.secrets`/`dlt.config` value is what dlt's providers make of it (lib/engine/refs.ts).
   */
  readonly environRefs?: readonly string[];
}
