/**
 * How scripts/dlt-diff.ts compares tables: one config on one page body (the plain, `--matrix`, `--family` and
 * `--defaults` modes), and two runs into one destination (`--runs`).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Json, NumberText } from "../lib/engine";
import { parseJson } from "../lib/shared";
import { createDestination, materialize } from "../lib/preview";
import { comparable, runOracle, runOurs, type CaseConfig, type DltOut, type FetchLike } from "./dlt-diff-sides";

/** Both sides on one config and page body: what differs (empty: the same), and dlt's error if it failed. */
export async function compare(
  config: CaseConfig,
  body: string,
  configPath: string,
  network?: FetchLike,
): Promise<{ problems: string[]; dltRaw: string; error: string | null; warnings: string[]; diagnostics: string[] }> {
  writeFileSync(configPath, "python" in config ? (config.python as string) : JSON.stringify(config));
  const sink = new WeakMap<object, NumberText>();
  const dltRaw = await runOracle(configPath);
  const dlt = parseJson(dltRaw, sink) as unknown as DltOut;
  const ours = await runOurs(config, body, createDestination(), network);
  const problems: string[] = [];
  if (dlt.error !== null) {
    // restplay must say which step of dlt's fails (`step=extract`, `step=normalize` in dlt's message).
    const step = /step=(\w+)/.exec(dlt.error)?.[1] ?? "";
    if (!ours.warnings.some((w) => w.includes(`dlt's ${step} step fails`)))
      problems.push(`dlt fails (${dlt.error}); restplay warns ${JSON.stringify(ours.warnings)}`);
    return { problems, dltRaw, error: dlt.error, warnings: ours.warnings, diagnostics: ours.diagnostics };
  }
  const dltTables = dlt.tables.filter((t) => (t.data?.length ?? 0) > 0);
  const names = (ts: { name: string; parent: string | null }[]) => ts.map((t) => `${t.name} <- ${t.parent}`).sort();
  const want = names(dltTables);
  const got = names(ours.tables.map((t) => ({ name: t.table_name, parent: t.parent_table })));
  if (JSON.stringify(want) !== JSON.stringify(got)) problems.push(`tables: dlt ${JSON.stringify(want)}, restplay ${JSON.stringify(got)}`);
  for (const t of dltTables) {
    const mine = ours.tables.find((x) => x.table_name === t.name);
    if (!mine) continue;
    const dc = t.columns.filter((col) => col.data_type !== null).map((col) => `${col.name}:${col.data_type}${col.nullable ? "?" : ""}`);
    const oc = mine.columns.map((col) => `${col.name}:${col.data_type}${col.nullable ? "?" : ""}`);
    if (JSON.stringify(dc) !== JSON.stringify(oc))
      problems.push(`${t.name} columns:\n    dlt      ${dc.join(", ")}\n    restplay ${oc.join(", ")}`);
    if ((t.data?.length ?? 0) !== mine.rows.length) problems.push(`${t.name}: dlt ${t.data?.length} rows, restplay ${mine.rows.length}`);
  }
  const dltRows = comparable(
    dltTables.map((t) => ({ name: t.name, rows: t.data ?? [], types: new Map(t.columns.map((col) => [col.name, col.data_type])) })),
    (row) => sink.get(row),
  );
  const ourRows = comparable(
    ours.tables.map((t) => ({
      name: t.table_name,
      rows: materialize(t),
      types: new Map(t.columns.map((col) => [col.name, col.data_type])),
    })),
    () => undefined,
  );
  for (const [name, extracted] of dltRows) {
    // Rows in dlt's order: restplay extracts in dlt's round robin (lib/engine/round-robin.ts).
    const rows = extracted;
    const mine = ourRows.get(name) ?? [];
    rows.forEach((row, n) => {
      const a = JSON.stringify(row);
      const b = JSON.stringify(mine[n] ?? null);
      if (a !== b) problems.push(`${name} row ${n + 1}:\n    dlt      ${a}\n    restplay ${b}`);
    });
  }
  return { problems, dltRaw, error: null, warnings: ours.warnings, diagnostics: ours.diagnostics };
}

/**
 * Two runs into one destination (dlt: the sqlite destination, one pipeline directory; restplay: one
 * `Destination`): after each run, every table's row count, its rows' integer, text and boolean values
 * (sqlite gives booleans as 0/1), and nested rows by their root's `id`.
 */
export async function compareRuns(
  configs: Record<string, Json>[],
  bodies: string[],
  setBody: (b: string) => void,
  dir: string,
): Promise<{ problems: string[]; dltRaw: string; error: string | null }> {
  const configPath = join(dir, "config.json");
  const destination = createDestination();
  const problems: string[] = [];
  let dltRaw = "";
  for (const [n, body] of bodies.entries()) {
    setBody(body);
    const config = configs[Math.min(n, configs.length - 1)] as Record<string, Json>;
    writeFileSync(configPath, JSON.stringify(config));
    dltRaw = await runOracle(configPath, ["--destination", "sqlite", "--pipeline-dir", join(dir, "pipeline")]);
    const dlt = parseJson(dltRaw, new WeakMap()) as unknown as DltOut;
    const ours = await runOurs(config, body, destination);
    // A load step that fails is the recording destination's own (sqlalchemy's merge job cannot merge
    // nested tables without a key when there is a `hard_delete` column); the preview models none.
    // A step of dlt's that fails before the load (a schema contract's `freeze`) is one the preview must announce.
    if (dlt.error !== null) {
      const step = /step=(\w+)/.exec(dlt.error)?.[1] ?? "";
      const told = step === "load" || ours.warnings.some((w) => w.includes(`dlt's ${step} step fails`));
      return { problems: told ? problems : [...problems, `run ${n + 1}: dlt fails (${dlt.error})`], dltRaw, error: dlt.error };
    }
    // A column whose type a hint changed: the destination casts its values to the type it has (the preview says so).
    const cast = new Set(ours.warnings.flatMap((w) => /the destination's `([^`]+)` column stays/.exec(w)?.[1] ?? []));
    const summary = (tables: { name: string; rows: Record<string, unknown>[]; types: Map<string, string | null> }[]) => {
      const byId = new Map<string, Record<string, unknown>>();
      for (const t of tables) for (const row of t.rows) byId.set(String(row._dlt_id), row);
      const rootOf = (row: Record<string, unknown>): unknown => {
        let at: Record<string, unknown> | undefined = row;
        for (let i = 0; at && at._dlt_parent_id !== undefined && at._dlt_parent_id !== null && i < 10; i++)
          at = byId.get(String(at._dlt_parent_id));
        return at?.id;
      };
      const out: Record<string, string[]> = {};
      for (const t of tables) {
        if (t.rows.length === 0) continue;
        out[t.name] = t.rows
          .map((row) => {
            const c: Record<string, Json> = { "@root": (rootOf(row) ?? null) as Json };
            for (const [k, v] of Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
              const type = t.types.get(k);
              if (k.startsWith("_dlt_") || v === null || v === undefined || cast.has(k)) continue;
              if (type === "bool") c[k] = v === true || v === 1;
              else if (type === "bigint" || type === "text") c[k] = typeof v === "number" || typeof v === "string" ? v : String(v);
            }
            return JSON.stringify(c);
          })
          .sort();
      }
      return out;
    };
    const theirs = summary(
      dlt.tables.map((t) => ({ name: t.name, rows: t.data ?? [], types: new Map(t.columns.map((c) => [c.name, c.data_type])) })),
    );
    const mine = summary(
      ours.tables.map((t) => ({ name: t.table_name, rows: materialize(t), types: new Map(t.columns.map((c) => [c.name, c.data_type])) })),
    );
    // Each table's complete data columns (a hinted column without values shows here only).
    const columnsOf = (tables: { name: string; columns: readonly { name: string; data_type: string | null }[] }[]) =>
      new Map(
        tables.map((t) => [
          t.name,
          t.columns
            .filter((c) => c.data_type !== null && !c.name.startsWith("_dlt"))
            .map((c) => `${c.name}:${c.data_type}`)
            .sort()
            .join(" "),
        ]),
      );
    const [theirColumns, myColumns] = [
      columnsOf(dlt.tables),
      columnsOf(ours.tables.map((t) => ({ name: t.table_name, columns: t.columns }))),
    ];
    for (const [name, cols] of theirColumns)
      if ((dlt.tables.find((t) => t.name === name)?.data?.length ?? 0) > 0 && myColumns.has(name) && myColumns.get(name) !== cols)
        problems.push(`run ${n + 1}, ${name} columns:\n    dlt      ${cols}\n    restplay ${myColumns.get(name)}`);
    for (const name of new Set([...Object.keys(theirs), ...Object.keys(mine)])) {
      const [a, b] = [theirs[name] ?? [], mine[name] ?? []];
      if (JSON.stringify(a) !== JSON.stringify(b))
        problems.push(`run ${n + 1}, ${name}:\n    dlt      ${a.length} rows ${a.join(" ")}\n    restplay ${b.length} rows ${b.join(" ")}`);
    }
  }
  return { problems, dltRaw, error: null };
}
