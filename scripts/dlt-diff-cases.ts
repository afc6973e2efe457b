/**
 * The cases of scripts/dlt-diff.ts: records generated from a seed (keys spelled as APIs spell them,
 * value types that drift between records, nesting, `max_table_nesting`, `columns` hints) and the
 * coercion matrix (every candidate value into a column of each data type), with the page body written
 * byte for byte (`Raw` numbers keep their spelling).
 */
import type { Json } from "../lib/engine";

/** A number written with its own spelling (`1.0`, `12345678901234567890`). */
export class Raw {
  constructor(readonly text: string) {}
}
export type Gen = null | boolean | number | string | Raw | Gen[] | { [key: string]: Gen };

export function write(v: Gen): string {
  if (v instanceof Raw) return v.text;
  if (Array.isArray(v)) return `[${v.map(write).join(",")}]`;
  if (v !== null && typeof v === "object")
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/** mulberry32 */
export function rng(seed: number) {
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
export type Rng = ReturnType<typeof rng>;

export const KEYS = [
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
  // Keys dlt treats in its own way: an Object member, blank (a list under one joins its row's table), a bare separator.
  "constructor",
  "",
  " ",
  "__",
] as const;

export const KINDS = [
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
export type Kind = (typeof KINDS)[number];

export function value(r: Rng, kind: Kind, depth: number): Gen {
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

export interface Case {
  readonly config: Record<string, Json>;
  readonly records: Gen[];
}

/** Keys with a usual kind each, drifting to another kind now and then. */
export function makeCase(seed: number, baseUrl: string): Case {
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
  // Drawn last (a seed's records stay what they were): a contract on variants, which applies from the first run.
  if (r.next() < 0.2) resource.schema_contract = { data_type: r.pick(["freeze", "discard_value", "discard_row"]) };
  // …and hints on a nested table of one of the keys (in the form dlt reads from a config: each column with its name).
  if (r.next() < 0.3) {
    const paths = keys.filter((k) => k !== "id" && k.trim() !== "" && k !== "__" && k !== "constructor");
    const column = r.pick(KEYS.filter((k) => k.trim() !== "" && k !== "__"));
    const hint: Record<string, Json> = {
      name: column,
      data_type: r.pick(["text", "bigint", "double", "bool", "timestamp", "decimal", "json"]),
    };
    if (r.next() < 0.3) hint.nullable = false;
    const own: Record<string, Json> = { columns: { [column]: hint } };
    if (r.next() < 0.3) own.schema_contract = { data_type: r.pick(["freeze", "discard_value", "discard_row", "evolve"]) };
    // A key makes the nested table a root table of its own, loaded with its own disposition.
    if (r.next() < 0.5) {
      own[r.next() < 0.7 ? "primary_key" : "merge_key"] = column;
      // Not merge: this mode loads to dlt's filesystem destination, which has no merge (--runs has).
      if (r.next() < 0.5) own.write_disposition = r.pick(["append", "replace"]);
    }
    if (paths.length > 0) resource.nested_hints = { [r.pick(paths)]: own };
  }
  return { config: { client: { base_url: baseUrl }, resources: [resource] }, records };
}

/** Candidate values for the coercion matrix: strings of every shape a date, number or bool parser meets, and numbers. */
export const CANDIDATES: Gen[] = [
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
export const MATRIX: { type: string; first: Gen; hint?: Record<string, Json> }[] = [
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

/**
 * `--selectors`: the plain case with a `data_selector` in jsonpath-ng's ext dialect (sorting, arithmetic,
 * `str()`, `keys`, `path`, `split`, `sub`), so the records each side selects, prints and types are compared.
 */
const SELECTORS = [
  "data[\\id]",
  "data[/id]",
  "$.data[*].`str()`",
  "data[*].id + 1",
  "data[*].id * 2",
  "data[0].`keys`",
  "data[*].`path`",
  "data[*].`str()`.`split(:, 0, -1)`",
  "data[*].`str()`.`sub(/'/, \\\\g<0>!)`",
  "$.data.`sorted`",
  "data[*].`this`.`str()`.`len`",
];

export function withSelector<T extends { config: Record<string, Json> }>(c: T, seed: number): T {
  const selector = SELECTORS[seed % SELECTORS.length] as string;
  const [resource] = (c.config as { resources: { endpoint: Record<string, Json> }[] }).resources;
  if (resource) resource.endpoint.data_selector = selector;
  return c;
}
