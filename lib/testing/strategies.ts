/**
 * Test helper: merge-strategy cases recorded from real dlt 1.26.0 on DuckDB
 * (scripts/record-merge-strategies.py) run through the real engine and the preview into one
 * destination, compared after every run — tables, columns with their hints, every row with dlt's own
 * `_dlt_id`s (load ids by run, a validity column's load boundary as `@boundary:<run>`) — and dlt's
 * stored schema after the last. Used by lib/preview/strategies.test.ts (the recorded fixture) and by
 * scripts/dlt-diff.ts `--strategies` (generated cases).
 */
import { validateText } from "../config";
import { createVirtualClock, extract, fetchTransport, type DataRecord, type Json, type NumberText } from "../engine";
import { parseJson } from "../shared";
import { createDestination, createPreview, dltStoredSchema, materialize, type Destination, type Preview } from "../preview";
import { formatTimestamp, fromTimestamp } from "../preview/datetime";
import { canon, canonicalExpected, flatTables } from "./golden-compare";

interface RecordedColumn {
  readonly name: string;
  readonly data_type: string;
  readonly nullable: boolean;
}
interface RecordedTable {
  readonly name: string;
  readonly parent: string | null;
  readonly columns: readonly RecordedColumn[];
  readonly rows: readonly DataRecord[];
}
export interface RecordedRun {
  readonly body: string;
  readonly load_id?: string | null;
  readonly tables?: readonly RecordedTable[];
  readonly error?: { readonly step: string; readonly message: string };
}
export interface StrategyCase {
  readonly id: string;
  readonly summary: string;
  readonly config: Json;
  readonly runs: readonly RecordedRun[];
  readonly schema_tables?: Record<string, Json> | null;
}

/** A recording as the recorder writes it, numbers read with their spelling (`numberText`). */
export function readStrategyCases(text: string): { cases: StrategyCase[]; numberText: WeakMap<object, NumberText> } {
  const numberText = new WeakMap<object, NumberText>();
  const { cases } = parseJson(text, numberText) as unknown as { cases: StrategyCase[] };
  return { cases, numberText };
}

async function runOnce(config: Json, body: string, destination: Destination): Promise<Preview> {
  const validation = validateText(JSON.stringify(config), "json");
  if (!validation.source) throw new Error(`restplay rejects the config: ${JSON.stringify(validation.diagnostics)}`);
  const fetch = async (): Promise<Response> => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  const preview = createPreview({ destination });
  for await (const e of extract(
    { source: validation.source, secrets: {} },
    { transport: fetchTransport(fetch), ...createVirtualClock(), virtualClock: true },
  ))
    preview.push(e);
  return preview;
}

/** A date-time cell as the recording spells it (`…Z`). */
const utc = (v: unknown): unknown => (typeof v === "string" ? v.replace(/\+00:00$/, "Z") : v);

/** Whether dlt gives the root rows random ids: scd2 comparing a row version column of the data's own. */
function randomRootIds(config: Json): boolean {
  const resources = (config as { resources?: { write_disposition?: unknown }[] }).resources ?? [];
  return resources.some(
    (r) => typeof r.write_disposition === "object" && r.write_disposition !== null && "row_version_column_name" in r.write_disposition,
  );
}

const sorted = (o: Record<string, Json>): string => JSON.stringify(o, Object.keys(o).sort());

/** What differs between dlt's recording of a case and the preview's runs of it (empty: nothing). */
export async function strategyProblems(c: StrategyCase, numberText: WeakMap<object, NumberText>): Promise<string[]> {
  const problems: string[] = [];
  const destination = createDestination();
  const random = randomRootIds(c.config);
  for (const [i, run] of c.runs.entries()) {
    const where = `run ${i + 1}`;
    const preview = await runOnce(c.config, run.body, destination);
    const tables = flatTables(preview.tables());
    if (run.error) {
      const warnings = [...preview.tables(), ...preview.resources()].flatMap((t) => t.warnings).join("\n");
      if (!warnings.includes(`dlt's ${run.error.step} step fails`))
        problems.push(`${where}: dlt's ${run.error.step} step fails (${run.error.message}); restplay warns ${JSON.stringify(warnings)}`);
      return problems;
    }
    // Run n's load id, and the boundary it loads at, as the recording names them.
    const loadRuns = new Map<string, string>();
    const boundaries = new Map<string, string>();
    destination.state().loads.forEach((id, n) => {
      loadRuns.set(id, `@load:${n + 1}`);
      const at = fromTimestamp(Number(id));
      if (at) boundaries.set(utc(formatTimestamp(at, true)) as string, `@boundary:${n + 1}`);
    });
    const dltLoads = new Map(c.runs.slice(0, i + 1).map((r, n) => [String(r.load_id), `@load:${n + 1}`]));
    const expected = run.tables ?? [];
    const names = (ts: { name: string; parent: string | null }[]) => JSON.stringify(ts.map((t) => `${t.name} <- ${t.parent}`).sort());
    const got = names(tables.map((t) => ({ name: t.table_name, parent: t.parent_table })));
    if (got !== names([...expected])) problems.push(`${where}: tables: dlt ${names([...expected])}, restplay ${got}`);
    for (const exp of expected) {
      const actual = tables.find((t) => t.table_name === exp.name);
      if (!actual) continue;
      if (JSON.stringify(sortedDeep(actual.columns as unknown as Json)) !== JSON.stringify(sortedDeep(exp.columns as unknown as Json)))
        problems.push(
          `${where}: columns of ${exp.name}:\n    dlt      ${JSON.stringify(exp.columns)}\n    restplay ${JSON.stringify(actual.columns)}`,
        );
      const types = new Map(exp.columns.map((col) => [col.name, col.data_type]));
      const validity = new Set(exp.columns.filter((col) => "x-valid-from" in col || "x-valid-to" in col).map((col) => col.name));
      // Ids below a random root are random too (their digests start from it).
      const randomIds = random;
      const ours = materialize(actual)
        .map((row) => {
          const out: Record<string, Json> = {};
          for (const [k, v] of Object.entries(row)) {
            if (k === "_dlt_load_id") out[k] = loadRuns.get(String(v)) ?? `?${String(v)}`;
            else if ((k === "_dlt_id" || k === "_dlt_parent_id" || k === "_dlt_root_id") && randomIds) out[k] = "@random";
            else if (validity.has(k)) out[k] = (boundaries.get(utc(v) as string) ?? utc(v)) as Json;
            else out[k] = (types.get(k) === "timestamp" ? utc(v) : canon(v, types.get(k))) as Json;
          }
          return sorted(out);
        })
        .sort();
      const theirs = exp.rows
        .map((row) => {
          const out = canonicalExpected(row, exp.columns as never, numberText) as Record<string, Json>;
          if (row._dlt_load_id !== undefined) out._dlt_load_id = dltLoads.get(String(row._dlt_load_id)) ?? `?${String(row._dlt_load_id)}`;
          if (randomIds) for (const k of ["_dlt_id", "_dlt_parent_id", "_dlt_root_id"]) if (k in out) out[k] = "@random";
          for (const k of validity) out[k] = utc(row[k]) as Json;
          return sorted(out);
        })
        .sort();
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        problems.push(
          `${where}: rows of ${exp.name}:\n    dlt      ${theirs.join("\n             ")}\n    restplay ${ours.join("\n             ")}`,
        );
    }
  }
  if (c.schema_tables) {
    // The schema dlt stores (and the one restplay exports) after the last run.
    const { _dlt_version, _dlt_loads, ...data } = dltStoredSchema(destination.state().schema, { processingHints: true }).tables as Record<
      string,
      Json
    >;
    void _dlt_version;
    void _dlt_loads;
    if (JSON.stringify(sortedDeep(data)) !== JSON.stringify(sortedDeep(c.schema_tables)))
      problems.push(`stored schema:\n    dlt      ${JSON.stringify(c.schema_tables)}\n    restplay ${JSON.stringify(data)}`);
  }
  return problems;
}

/** A JSON value with every dict's keys in order (dlt's and restplay's schema dicts list hints in different orders). */
function sortedDeep(v: Json): Json {
  if (Array.isArray(v)) return v.map(sortedDeep);
  if (typeof v !== "object" || v === null) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortedDeep(v[k] as Json)]),
  );
}
