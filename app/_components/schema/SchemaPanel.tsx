"use client";
/**
 * The Schema view: per table of the destination its columns (dlt type, the DuckDB type dlt's duckdb
 * destination creates, nullability, hints), its table hints and its parent / child links, and the
 * export of dlt's schema as the `rest_api.schema.yaml` that `import_schema_path` reads. Loaded lazily.
 */
import { useState } from "react";
import { DLT_SCHEMA_FILE, dltSchemaYaml, duckType, type Destination, type PreviewTable, type PreviewTableData } from "@/lib/preview";
import { saveBlob } from "../duck/save";
import { columnMarks } from "../tables/grid-model";

interface Entry {
  readonly table: PreviewTableData;
  readonly root: PreviewTable;
}

const flat = (tables: readonly PreviewTable[]): Entry[] =>
  tables.flatMap((root) => [root, ...root.child_tables].map((table) => ({ table, root })));

export default function SchemaPanel({
  tables,
  destination,
  announce,
}: {
  tables: readonly PreviewTable[];
  destination: () => Destination | null;
  announce: (m: string) => void;
}) {
  const entries = flat(tables);
  const [chosen, setChosen] = useState<string | null>(null);
  const active = entries.find((e) => e.table.table_name === chosen) ?? entries[0];
  const exportYaml = () => {
    const d = destination();
    if (!d) return announce("Run the config first: the schema comes from the destination.");
    saveBlob(new Blob([dltSchemaYaml(d.state().schema)], { type: "application/yaml;charset=utf-8" }), DLT_SCHEMA_FILE);
    announce(`Downloaded ${DLT_SCHEMA_FILE}: put it in the folder your pipeline's import_schema_path names.`);
  };
  if (!active) return <p className="p-3 text-sm text-muted">Run the config: the schema of every table dlt would create appears here.</p>;
  const { table, root } = active;
  const children = entries.filter((e) => e.table.parent_table === table.table_name);

  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="schema">
      <div className="flex shrink-0 flex-wrap items-center gap-2 border-b border-line px-2 py-1 text-xs">
        <label className="flex items-center gap-1 text-fg">
          Table
          <select
            value={table.table_name}
            onChange={(e) => setChosen(e.target.value)}
            className="rounded border border-line bg-surface px-1 py-0.5 font-mono text-fg"
            data-testid="schema-table"
          >
            {entries.map((e) => (
              <option key={e.table.table_name} value={e.table.table_name}>
                {e.table.parent_table ? `  ${e.table.table_name}` : e.table.table_name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={exportYaml}
          className="ml-auto rounded border border-line px-1.5 py-0.5 text-fg hover:border-accent"
          data-testid="schema-export"
        >
          Export {DLT_SCHEMA_FILE}
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-auto p-2 text-xs" tabIndex={0} aria-label={`Schema of ${table.table_name} (scrollable)`}>
        <dl className="mb-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-fg" data-testid="schema-hints">
          <dt className="text-muted">table</dt>
          <dd className="font-mono">rest_api_data.{table.table_name}</dd>
          {table.parent_table ? (
            <>
              <dt className="text-muted">parent</dt>
              <dd>
                <button type="button" onClick={() => setChosen(table.parent_table)} className="font-mono text-link underline">
                  {table.parent_table}
                </button>{" "}
                — each row&apos;s <code>_dlt_parent_id</code> is its parent row&apos;s <code>_dlt_id</code>
                {table.columns.some((c) => c.root_key) ? (
                  <>
                    ; <code>_dlt_root_id</code> is the root row&apos;s
                  </>
                ) : null}
              </dd>
            </>
          ) : (
            <>
              <dt className="text-muted">resource</dt>
              <dd className="font-mono">{root.resource}</dd>
              <dt className="text-muted">write_disposition</dt>
              <dd className="font-mono">
                {root.write_disposition}
                {root.merge_strategy !== null ? ` (${root.merge_strategy})` : null}
              </dd>
              <dt className="text-muted">primary_key</dt>
              <dd className="font-mono">{root.primary_key?.join(", ") ?? "—"}</dd>
              {root.schema_contract !== null && (
                <>
                  <dt className="text-muted">schema_contract</dt>
                  <dd className="font-mono">
                    {typeof root.schema_contract === "string"
                      ? root.schema_contract
                      : Object.entries(root.schema_contract)
                          .map(([entity, mode]) => `${entity}: ${mode}`)
                          .join(", ")}
                  </dd>
                </>
              )}
            </>
          )}
          <dt className="text-muted">children</dt>
          <dd>
            {children.length === 0
              ? "—"
              : children.map((c, i) => (
                  <span key={c.table.table_name}>
                    {i > 0 && ", "}
                    <button type="button" onClick={() => setChosen(c.table.table_name)} className="font-mono text-link underline">
                      {c.table.table_name}
                    </button>
                  </span>
                ))}
          </dd>
        </dl>
        <table className="w-full border-collapse text-left" data-testid="schema-columns">
          <caption className="sr-only">Columns of {table.table_name}</caption>
          <thead>
            <tr className="border-b border-line text-muted">
              <th scope="col" className="py-1 pr-3 font-semibold">
                column
              </th>
              <th scope="col" className="py-1 pr-3 font-semibold">
                data_type
              </th>
              <th scope="col" className="py-1 pr-3 font-semibold">
                DuckDB
              </th>
              <th scope="col" className="py-1 font-semibold">
                nullability and hints
              </th>
            </tr>
          </thead>
          <tbody>
            {table.columns.map((c) => (
              <tr key={c.name} className="border-b border-line text-fg">
                <th scope="row" className="py-0.5 pr-3 font-mono font-normal">
                  {c.name}
                </th>
                <td className="py-0.5 pr-3 font-mono">{c.data_type}</td>
                <td className="py-0.5 pr-3 font-mono">
                  {duckType(c)}
                  {c.nullable ? "" : " NOT NULL"}
                </td>
                <td className="py-0.5">{columnMarks(c).join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
