/**
 * The destination's schema as dlt stores it (`Schema.to_dict()`, dlt 1.26.0): the document
 * `_dlt_version.schema` holds, and — without the processing hints (`x-normalizer`), as dlt's own
 * `_export_schema(remove_processing_hints=True)` writes it — the `<name>.schema.yaml` that a
 * pipeline's `import_schema_path` reads. No `version_hash`: dlt sets it on import without bumping
 * the version (`bump_version_if_modified`).
 */
import { stringify } from "yaml";
import type { Json } from "../engine/types";
import { COLUMN_HINTS, type ColumnSchema, type TableSchemaJson } from "./schema";

/** dlt's schema name of `rest_api_source` and its engine version. */
export const DLT_SCHEMA_NAME = "rest_api";
export const DLT_ENGINE_VERSION = 11;

type Dict = { [key: string]: Json };

/** The hints dlt writes into a column of its schema YAML, in its order. */
const SCHEMA_HINTS = ["nullable", ...COLUMN_HINTS] as const;

function columnDict(c: ColumnSchema): Dict {
  const out: Dict = {};
  if (c.data_type !== undefined) out.data_type = c.data_type;
  for (const h of SCHEMA_HINTS) {
    const v = c[h];
    if (v !== undefined) out[h] = v;
  }
  return out;
}

const DLT_TABLES: Dict = {
  _dlt_version: {
    columns: {
      version: { data_type: "bigint", nullable: false },
      engine_version: { data_type: "bigint", nullable: false },
      inserted_at: { data_type: "timestamp", nullable: false },
      schema_name: { data_type: "text", nullable: false },
      version_hash: { data_type: "text", nullable: false },
      schema: { data_type: "text", nullable: false },
    },
    write_disposition: "skip",
    resource: "_dlt_version",
    description: "Created by DLT. Tracks schema updates",
  },
  _dlt_loads: {
    columns: {
      load_id: { data_type: "text", nullable: false, precision: 64 },
      schema_name: { data_type: "text", nullable: true },
      status: { data_type: "bigint", nullable: false },
      inserted_at: { data_type: "timestamp", nullable: false },
      schema_version_hash: { data_type: "text", nullable: true },
    },
    write_disposition: "skip",
    resource: "_dlt_loads",
    description: "Created by DLT. Tracks completed loads",
  },
};

/** One table as dlt's schema holds it. */
export function dltTable(t: TableSchemaJson, processingHints: boolean): Dict {
  const out: Dict = { columns: Object.fromEntries(t.columns.map((c) => [c.name, columnDict(c)])) };
  if (t.parent !== null) out.parent = t.parent;
  if (t.schema_contract !== undefined) out.schema_contract = t.schema_contract;
  if (t.write_disposition !== null) out.write_disposition = t.write_disposition;
  if (t.merge_strategy !== null) out["x-merge-strategy"] = t.merge_strategy;
  if (t.boundary_timestamp !== undefined) out["x-boundary-timestamp"] = t.boundary_timestamp;
  if (t.resource !== null) out.resource = t.resource;
  if (processingHints && (t.seen_data || t.max_nesting !== null)) {
    const normalizer: Dict = {};
    if (t.max_nesting !== null) normalizer.max_nesting = t.max_nesting;
    if (t.seen_data) normalizer["seen-data"] = true;
    out["x-normalizer"] = normalizer;
  }
  return out;
}

/** `normalizers.json.config.propagation`: merge roots hand their `_dlt_id` down as `_dlt_root_id`. */
function propagation(tables: readonly TableSchemaJson[]): Dict | null {
  const roots = tables.filter((t) => t.parent === null && t.write_disposition === "merge" && t.merge_strategy !== "scd2");
  if (roots.length === 0) return null;
  return { propagation: { tables: Object.fromEntries(roots.map((t) => [t.name, { _dlt_id: "_dlt_root_id" }])) } };
}

export interface DltSchemaOptions {
  /** Keep `x-normalizer` (as `_dlt_version` stores the schema); the import export drops them. */
  readonly processingHints?: boolean;
  readonly version?: number;
}

/** dlt's stored schema of the destination's tables (dlt's own tables first). */
export function dltStoredSchema(tables: readonly TableSchemaJson[], options: DltSchemaOptions = {}): Dict {
  const json: Dict = { module: "dlt.common.normalizers.json.relational" };
  const config = propagation(tables);
  if (config) json.config = config;
  return {
    version: options.version ?? 1,
    engine_version: DLT_ENGINE_VERSION,
    name: DLT_SCHEMA_NAME,
    tables: { ...DLT_TABLES, ...Object.fromEntries(tables.map((t) => [t.name, dltTable(t, options.processingHints ?? false)])) },
    settings: {
      detections: ["iso_timestamp"],
      default_hints: {
        not_null: ["_dlt_id", "_dlt_root_id", "_dlt_parent_id", "_dlt_list_idx", "_dlt_load_id"],
        parent_key: ["_dlt_parent_id"],
        root_key: ["_dlt_root_id"],
        unique: ["_dlt_id"],
        row_key: ["_dlt_id"],
      },
    },
    normalizers: { names: "snake_case", json },
  };
}

/** The file name dlt's `import_schema_path` looks for. */
export const DLT_SCHEMA_FILE = `${DLT_SCHEMA_NAME}.schema.yaml`;

/** `rest_api.schema.yaml` for dlt's `import_schema_path` (no processing hints, no version hash). */
export function dltSchemaYaml(tables: readonly TableSchemaJson[]): string {
  return stringify(dltStoredSchema(tables), { lineWidth: 0 });
}
