/**
 * `node --import tsx scripts/dlt-diff.ts [cases] [seed] [--out DIR]`: the preview against real dlt
 * 1.26.0 on generated records — a differential test for the session that has the dlt oracle
 * (../shared/tools/dlt-oracle, installed in /opt/dlt-venv; CI cannot run it, so findings become
 * golden-style unit tests).
 *
 * Each case is one resource whose single page holds 3–10 generated records: keys spelled as APIs spell
 * them (camelCase, spaces, dots, non-ASCII, leading digits), values whose types drift between
 * records (integers spelled `1.0`, big integers, ISO date-times and dates, numeric strings, booleans,
 * nulls, nested dicts, lists of scalars, dicts and lists), and now and then `max_table_nesting` and
 * `columns` hints (type, `nullable: false`, precision). dlt fetches the page from a loopback server
 * (`oracle.py run --full`, the filesystem destination: rows as dlt writes them to its load files);
 * restplay's engine and preview read the same bytes. Compared: which tables hold rows and their
 * parents, each table's columns in order (name, data type, nullability), row counts, and every row's
 * values (the `_dlt_*` ids by which row they point at). A case that differs is written to DIR
 * (default /tmp/dlt-diff) with both sides, and the script exits 1.
 */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { validateText } from "../lib/config";
import { createVirtualClock, extract, fetchTransport, type Json, type NumberText } from "../lib/engine";
import { parseJson } from "../lib/engine/number-text";
import { createPreview, materialize, type PreviewTableData } from "../lib/preview";
import { canon, flatTables } from "../lib/testing/golden-compare";

const PYTHON = "/opt/dlt-venv/bin/python";
const ORACLE = join(__dirname, "../../shared/tools/dlt-oracle/oracle.py");

/** A number written with its own spelling (`1.0`, `12345678901234567890`). */
class Raw {
  constructor(readonly text: string) {}
}
type Gen = null | boolean | number | string | Raw | Gen[] | { [key: string]: Gen };

function write(v: Gen): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(write).join(",")}]`;
  if (v !== null && typeof v === "object")
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/** mulberry32 */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  return { next, int, pick };
}
type Rng = ReturnType<typeof rng>;

const KEYS = [
  "id",
  "name",
  "createdAt",
  "updated_at",
  "Amount",
  "is active",
  "price.net",
  "ünïcode",
  "URLPath",
  "2fa",
  "a__b",
  "_private",
  "trailing_",
  "HTTPStatusCode",
  "value",
  "list",
  "tags",
  "meta",
  "user-id",
  "x",
] as const;

const KINDS = [
  "int",
  "bigint",
  "float",
  "float_int",
  "exp",
  "text",
  "numeric_text",
  "timestamp",
  "timestamp_offset",
  "date",
  "bad_date",
  "bool",
  "null",
  "dict",
  "scalars",
  "dicts",
  "lists",
  "empty_list",
  "empty_dict",
] as const;
type Kind = (typeof KINDS)[number];

function value(r: Rng, kind: Kind, depth: number): Gen {
  switch (kind) {
    case "int":
      return r.int(2000) - 1000;
    case "bigint":
      return new Raw(r.pick(["12345678901234567890", "-9223372036854775809", "9007199254740993"]));
    case "float":
      return Math.round(r.next() * 100000) / 100;
    case "float_int":
      return new Raw(`${r.int(100)}.0`);
    case "exp":
      return new Raw(r.pick(["1e3", "2.5E-3", "1e20"]));
    case "text":
      return r.pick(["alpha", "Beta gamma", "", "ünï", "2024", "true", "null"]);
    case "numeric_text":
      return r.pick(["42", "3.14", "-7", "0x1f", "1_000"]);
    case "timestamp":
      return r.pick(["2024-01-02T03:04:05Z", "2024-01-02T03:04:05.123456Z", "2023-12-31T23:59:59.5Z", "2024-02-29T12:00:00"]);
    case "timestamp_offset":
      return r.pick(["2024-01-02T03:04:05+02:00", "2024-06-01 10:00:00-05:30", "2024-01-02T03:04:05.1+00:00"]);
    case "date":
      return r.pick(["2024-01-02", "1999-12-31", "2024-02-29"]);
    case "bad_date":
      return r.pick(["2024-13-01", "2024-02-30T00:00:00Z", "24-01-01", "2024-01-01T25:00:00Z"]);
    case "bool":
      return r.next() < 0.5;
    case "null":
      return null;
    case "dict": {
      if (depth > 2) return r.int(10);
      const out: Record<string, Gen> = {};
      for (let i = 0, n = 1 + r.int(3); i < n; i++) out[r.pick(KEYS)] = value(r, r.pick(KINDS), depth + 1);
      return out;
    }
    case "scalars":
      return Array.from({ length: 1 + r.int(3) }, () => value(r, r.pick(["int", "text", "float", "bool", "null"] as const), depth + 1));
    case "dicts":
      return depth > 2 ? [] : Array.from({ length: 1 + r.int(2) }, () => value(r, "dict", depth + 1));
    case "lists":
      return depth > 2 ? [] : Array.from({ length: 1 + r.int(2) }, () => value(r, "scalars", depth + 1));
    case "empty_list":
      return [];
    case "empty_dict":
      return {};
  }
}

interface Case {
  readonly config: Record<string, Json>;
  readonly records: Gen[];
}

/** Keys with a usual kind each, drifting to another kind now and then. */
function makeCase(seed: number, baseUrl: string): Case {
  const r = rng(seed);
  const keys = [...new Set(Array.from({ length: 2 + r.int(5) }, () => r.pick(KEYS)))];
  const usual = new Map(keys.map((k) => [k, r.pick(KINDS)]));
  const drift = r.next() * 0.5;
  const records = Array.from({ length: 3 + r.int(8) }, (_, i) => {
    const rec: Record<string, Gen> = { id: i + 1 };
    for (const k of keys) {
      if (k === "id") continue;
      if (r.next() < 0.1) continue;
      rec[k] = value(r, r.next() < drift ? r.pick(KINDS) : (usual.get(k) as Kind), 0);
    }
    return rec;
  });
  const resource: Record<string, Json> = {
    name: "items",
    endpoint: { path: "items", data_selector: "data", paginator: { type: "single_page" } },
  };
  if (r.next() < 0.3) resource.max_table_nesting = r.int(3);
  // Column hints on some keys (as dlt names them): a data type, sometimes not nullable, a precision.
  if (r.next() < 0.4) {
    const columns: Record<string, Json> = {};
    for (const k of keys)
      if (r.next() < 0.5) {
        const hint: Record<string, Json> = {
          data_type: r.pick(["text", "bigint", "double", "bool", "timestamp", "date", "time", "decimal", "json"]),
        };
        if (r.next() < 0.3) hint.nullable = false;
        if (hint.data_type === "decimal" && r.next() < 0.5) [hint.precision, hint.scale] = [10, 2];
        if (hint.data_type === "timestamp" && r.next() < 0.3) hint.timezone = false;
        columns[k] = hint;
      }
    resource.columns = columns;
  }
  return { config: { client: { base_url: baseUrl }, resources: [resource] }, records };
}

interface DltTable {
  readonly name: string;
  readonly parent: string | null;
  readonly columns: { name: string; data_type: string | null; nullable: boolean }[];
  readonly rows: number | null;
  readonly data?: Record<string, Json>[];
}
interface DltOut {
  readonly error: string | null;
  readonly tables: DltTable[];
}

async function runOurs(config: Record<string, Json>, body: string): Promise<{ tables: PreviewTableData[]; warnings: string[] }> {
  const v = validateText(JSON.stringify(config), "json");
  if (!v.source) throw new Error(`restplay rejects the config: ${JSON.stringify(v.diagnostics)}`);
  const fetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  const preview = createPreview();
  for await (const e of extract(
    { source: v.source, secrets: {} },
    { transport: fetchTransport(fetch), ...createVirtualClock(), virtualClock: true },
  ))
    preview.push(e);
  const tables = preview.tables();
  return { tables: flatTables(tables), warnings: tables.flatMap((t) => t.warnings) };
}

const LINKS = new Set(["_dlt_id", "_dlt_parent_id", "_dlt_root_id"]);

/** A table's rows comparable across the two sides: links as `table#n`, load ids dropped, numbers by exact value. */
function comparable(
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
          if (LINKS.has(k)) c[k] = ids.get(String(v)) ?? `?${String(v)}`;
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

/** Both sides on one config and page body: what differs (empty: the same), and dlt's error if it failed. */
async function compare(
  config: Record<string, Json>,
  body: string,
  configPath: string,
): Promise<{ problems: string[]; dltRaw: string; error: string | null }> {
  writeFileSync(configPath, JSON.stringify(config));
  const sink = new WeakMap<object, NumberText>();
  // Python's json writes NaN and infinities bare; the preview's doubles read `float:NaN` in `canon`.
  const dltRaw = (
    await new Promise<string>((resolve, reject) =>
      execFile(PYTHON, [ORACLE, "run", configPath, "--full"], { maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
        err && !stdout ? reject(new Error(`oracle failed: ${stderr}`)) : resolve(stdout),
      ),
    )
  ).replace(/(?<=[:[,]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g, '"float:$1"');
  const dlt = parseJson(dltRaw, sink) as unknown as DltOut;
  const ours = await runOurs(config, body);
  const problems: string[] = [];
  if (dlt.error !== null) {
    // restplay must say which step of dlt's fails (`step=extract`, `step=normalize` in dlt's message).
    const step = /step=(\w+)/.exec(dlt.error)?.[1] ?? "";
    if (!ours.warnings.some((w) => w.includes(`dlt's ${step} step fails`)))
      problems.push(`dlt fails (${dlt.error}); restplay warns ${JSON.stringify(ours.warnings)}`);
    return { problems, dltRaw, error: dlt.error };
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
  for (const [name, rows] of dltRows) {
    const mine = ourRows.get(name) ?? [];
    rows.forEach((row, n) => {
      const a = JSON.stringify(row);
      const b = JSON.stringify(mine[n] ?? null);
      if (a !== b) problems.push(`${name} row ${n + 1}:\n    dlt      ${a}\n    restplay ${b}`);
    });
  }
  return { problems, dltRaw, error: null };
}

/** Candidate values for the coercion matrix: strings of every shape a date, number or bool parser meets, and numbers. */
const CANDIDATES: Gen[] = [
  ...[
    "3.14",
    "42",
    "-7",
    "1_000",
    "0x1f",
    "0X1F",
    "1e3",
    "2024",
    "12",
    "123456",
    "1.5e3",
    " 42",
    "42 ",
    "+5",
    ".5",
    "5.",
    "nan",
    "NaN",
    "inf",
    "-inf",
    "Infinity",
    "-0",
    "0",
    "07",
    "100",
    "1000",
    "2359",
    "235959",
    "31",
    "99",
  ],
  ...[
    "2024/01/15",
    "20240115",
    "2024-01",
    "10:30",
    "T10",
    "12.5",
    "1234.5",
    "2024-01-02 03:04",
    "2024-01-02T03:04",
    "20240102T030405",
    "20240102T030405Z",
    "2024-W01-1",
    "2024-W01-1T10:00:00",
    "2024-032",
    "2024-032T10:00:00Z",
  ],
  ...[
    "2024-01-02T03:04:05Z",
    "2024-01-02T03:04:05.123456789Z",
    "2024-01-02T03:04:05,5Z",
    "2024-01-02T03:04:05+0530",
    "2024-01-02T03:04:05+05",
    "2024-01-02T24:00:00Z",
    "2024-01-02T23:59:60Z",
    "2024-01-02t03:04:05z",
    "2024-01-02 03:04:05 +02:00",
    "2024-01-02T03:04:05 Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
  ],
  ...[
    "2024-13-01",
    "2024-02-30",
    "2024-02-29",
    "2023-02-29",
    "24-01-01",
    "Jan 2 2024",
    "2 Jan 2024",
    "2024.01.02",
    "01/02/2024",
    "yesterday",
    "now",
    "",
  ],
  ...[
    "true",
    "false",
    "True",
    "FALSE",
    "yes",
    "no",
    "y",
    "n",
    "t",
    "f",
    "1",
    "on",
    "off",
    "2024-01-02T03:04:05",
    "12:30:45",
    "12:30:45.123",
    "12:30:45Z",
    "12:30:45+02:00",
    "25:00:00",
    "123",
    "-123.456",
    "1.0",
    "0.1",
    "1e-7",
    "123456789012345678901234567890",
    "0b101",
    "0o17",
    "１２",
  ],
  0,
  1,
  -1,
  1.5,
  new Raw("1.0"),
  new Raw("1e20"),
  new Raw("12345678901234567890"),
  1700000000,
  1700000000.5,
  -62135596800,
  253402300800,
  true,
  false,
  { a: 1 },
  [1, 2],
];

/** Per target type, a first value that makes the column (or a column hint) and then every candidate in it. */
const MATRIX: { type: string; first: Gen; hint?: Record<string, Json> }[] = [
  { type: "timestamp", first: "2024-01-02T03:04:05Z" },
  { type: "text", first: "plain" },
  { type: "bigint", first: 5 },
  { type: "double", first: 2.5 },
  { type: "bool", first: true },
  { type: "date", first: "2024-01-02", hint: { data_type: "date" } },
  { type: "time", first: "10:00:00", hint: { data_type: "time" } },
  { type: "decimal", first: "1.5", hint: { data_type: "decimal" } },
  { type: "timestamp_naive", first: "2024-01-02T03:04:05", hint: { data_type: "timestamp", timezone: false } },
  { type: "json", first: { a: 1 }, hint: { data_type: "json" } },
];

async function main() {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out");
  const outDir = outAt >= 0 ? (args[outAt + 1] as string) : "/tmp/dlt-diff";
  const matrix = args.includes("--matrix");
  const [casesText = "20", seedText = "1"] = args.filter((a, i) => !a.startsWith("--") && (outAt < 0 || i !== outAt + 1));
  let body = "";
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  mkdirSync(outDir, { recursive: true });
  const cases: { name: string; config: Record<string, Json>; records: Gen[] }[] = matrix
    ? MATRIX.map((m) => ({
        name: `matrix-${m.type}`,
        config: {
          client: { base_url: baseUrl },
          resources: [
            {
              name: "items",
              endpoint: { path: "items", data_selector: "data", paginator: { type: "single_page" } },
              ...(m.hint ? { columns: { c: m.hint } } : {}),
            },
          ],
        },
        records: [{ id: 0, c: m.first }, ...CANDIDATES.map((c, i) => ({ id: i + 1, c }))],
      }))
    : Array.from({ length: Number(casesText) }, (_, i) => {
        const seed = Number(seedText) + i;
        return { name: String(seed), ...makeCase(seed, baseUrl) };
      });
  let differ = 0;
  for (const c of cases) {
    body = write({ data: c.records });
    const { problems, dltRaw, error } = await compare(c.config, body, join(outDir, `config-${c.name}.json`));
    if (problems.length > 0) {
      differ++;
      writeFileSync(
        join(outDir, `case-${c.name}.json`),
        JSON.stringify({ config: c.config, body, dlt: JSON.parse(dltRaw) as Json, problems }, null, 2),
      );
      console.log(
        `case ${c.name}: DIFFERS\n  ${problems.slice(0, 12).join("\n  ")}${problems.length > 12 ? `\n  … ${problems.length - 12} more` : ""}`,
      );
    } else console.log(`case ${c.name}: same${error ? ` (dlt fails: ${error.slice(0, 80)}; restplay warns)` : ""}`);
  }
  server.close();
  console.log(`${differ} of ${cases.length} cases differ`);
  process.exitCode = differ > 0 ? 1 : 0;
}

void main();
