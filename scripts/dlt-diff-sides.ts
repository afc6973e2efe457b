/**
 * The two sides of scripts/dlt-diff.ts: real dlt through the oracle (../shared/tools/dlt-oracle) and
 * restplay's engine and preview, and their rows in one comparable form.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { validateText } from "../lib/config";
import { createVirtualClock, extract, fetchTransport, type Json, type NumberText } from "../lib/engine";
import { createDestination, createPreview, type Destination, type PreviewTableData } from "../lib/preview";
import { canon, flatTables } from "../lib/testing/golden-compare";

export const PYTHON = "/opt/dlt-venv/bin/python";
const ORACLE = join(__dirname, "../../shared/tools/dlt-oracle/oracle.py");

export interface DltTable {
  readonly name: string;
  readonly parent: string | null;
  readonly columns: { name: string; data_type: string | null; nullable: boolean }[];
  readonly rows: number | null;
  readonly data?: Record<string, Json>[];
}
export interface DltOut {
  readonly error: string | null;
  readonly resources?: Record<string, { records: number | null; requests?: string[] }>;
  readonly tables: (DltTable & { readonly rows_loaded?: number })[];
}

/**
 * One oracle run (`oracle.py run --full` and `extra`; a `.py` file: ./record-steps.py imports it and runs its `config`);
 * Python's bare NaN and infinities as `"float:…"` strings.
 */
export function runOracle(configPath: string, extra: string[] = []): Promise<string> {
  const args = configPath.endsWith(".py")
    ? [join(__dirname, "record-steps.py"), configPath]
    : [ORACLE, "run", configPath, "--full", ...extra];
  return new Promise<string>((resolve, reject) =>
    execFile(PYTHON, args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      err && !stdout ? reject(new Error(`oracle failed: ${stderr}`)) : resolve(stdout),
    ),
  ).then((out) => out.replace(/(?<=[:[,]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g, '"float:$1"'));
}

/** Loopback requests go to the script's server (`--paging`, `--family`); otherwise every request gets `body`. */
export type FetchLike = (req: Request) => Promise<Response>;

/** A config as JSON, or a whole Python file (`--steps`). */
export type CaseConfig = Record<string, Json> | { readonly python: string };

export async function runOurs(
  config: CaseConfig,
  body: string,
  destination: Destination = createDestination(),
  network?: FetchLike,
): Promise<{ tables: PreviewTableData[]; warnings: string[]; diagnostics: string[] }> {
  const v = "python" in config ? validateText(config.python as string, "python") : validateText(JSON.stringify(config), "json");
  if (!v.source) throw new Error(`restplay rejects the config: ${JSON.stringify(v.diagnostics)}`);
  const fetch = network ?? (async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } }));
  const preview = createPreview({ destination });
  // A run that fails is dlt's extract step failing (the engine is that step).
  const failed: string[] = [];
  for await (const e of extract(
    { source: v.source, secrets: {} },
    { transport: fetchTransport(fetch), ...createVirtualClock(), virtualClock: true },
  )) {
    preview.push(e);
    if (e.type === "error") failed.push(`dlt's extract step fails: ${e.error.message}`);
  }
  const tables = preview.tables();
  return {
    tables: flatTables(tables),
    warnings: [...tables.flatMap((t) => t.warnings), ...preview.resources().flatMap((r) => r.warnings), ...failed],
    diagnostics: v.diagnostics.map((d) => `${d.code}: ${d.message}`),
  };
}

/**
 * A `timestamp` value as the instant it is, in UTC: dlt's load files keep a `datetime` a step returned as Python wrote it
 * (`2024-05-01T12:02:00`, `…+02:00`), which its destinations load as that instant (naive: UTC); an ISO string it parsed is
 * already UTC. Microseconds kept; text that is no such date-time stays as it is.
 */
function instant(v: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)?$/.exec(v.replace(" ", "T"));
  if (!m) return v;
  const at = new Date(`${m[1]}${m[3] ?? "Z"}`);
  if (Number.isNaN(at.getTime())) return v;
  return `${at.toISOString().slice(0, 19)}${(m[2] ?? ".").padEnd(7, "0")}+00:00`;
}

const LINKS = new Set(["_dlt_id", "_dlt_parent_id", "_dlt_root_id"]);

/** A table's rows comparable across the two sides: links as `table#n`, load ids dropped, numbers by exact value. */
export function comparable(
  tables: { name: string; rows: Record<string, unknown>[]; types: Map<string, string | null> }[],
  lexemes: (row: object) => NumberText | undefined,
): Map<string, Record<string, Json>[]> {
  const ids = new Map<string, string>();
  for (const t of tables) t.rows.forEach((row, n) => ids.set(String(row._dlt_id), `${t.name}#${n + 1}`));
  const out = new Map<string, Record<string, Json>[]>();
  for (const t of tables)
    out.set(
      t.name,
      t.rows.map((row) => {
        const c: Record<string, Json> = {};
        const lex = lexemes(row);
        for (const [k, v] of Object.entries(row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
          if (k === "_dlt_load_id" || v === null || v === undefined) continue;
          // A double that is not finite: dlt's JSONL load files hold null (orjson), the preview keeps NaN or
          // ±Infinity and flags that DuckDB's load fails on it (docs/user-guide.md).
          if (typeof v === "number" && !Number.isFinite(v)) continue;
          if (LINKS.has(k)) c[k] = ids.get(String(v)) ?? `?${String(v)}`;
          else if (t.types.get(k) === "timestamp" && typeof v === "string") c[k] = instant(v);
          else {
            const l = lex?.[k];
            c[k] = canon(v as Parameters<typeof canon>[0], t.types.get(k) ?? undefined, typeof l === "string" ? l : undefined) as Json;
          }
        }
        return c;
      }),
    );
  return out;
}
