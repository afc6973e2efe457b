/**
 * Test helper: the golden outputs recorded from real dlt 1.26.0 (../shared/dlt-golden, see its
 * README): per case the config, the exact HTTP exchanges per run and the tables dlt loaded.
 * `expected.json` is read with the engine's lossless parser, so `3.0` and 12345678901234567 keep
 * their spelling (`numberText`).
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { DataRecord, Json, NumberText } from "../engine";
import { parseJson } from "../shared";

/** shared/ sits beside the repository (CI clones it there too). */
export const GOLDEN_DIR =
  [resolve(process.cwd(), "../shared/dlt-golden"), resolve(__dirname ?? ".", "../../../shared/dlt-golden")].find((d) => existsSync(d)) ??
  resolve(process.cwd(), "../shared/dlt-golden");

export interface GoldenExchange {
  readonly request: { readonly method: string; readonly url: string; readonly headers?: Record<string, string> };
  readonly response: {
    readonly status: number;
    readonly headers: Record<string, string>;
    readonly body?: Json;
    readonly body_text?: string;
  };
}

export interface GoldenRun {
  readonly run: number;
  readonly requests_in_order: readonly string[];
  readonly exchanges: readonly GoldenExchange[];
}

export interface GoldenColumn {
  readonly name: string;
  readonly data_type: string;
  readonly nullable: boolean;
  readonly [hint: string]: Json;
}

export interface GoldenTable {
  readonly name: string;
  readonly parent: string | null;
  readonly write_disposition?: string;
  readonly resource?: string;
  readonly seen_data: boolean;
  readonly in_destination: boolean;
  readonly columns: readonly GoldenColumn[];
  readonly normalized_rows: number;
  readonly row_count: number;
  readonly order_by?: readonly string[];
  readonly rows?: readonly DataRecord[];
}

export interface GoldenExpectedRun {
  readonly run: number;
  readonly resources: Record<string, { readonly records: number; readonly pages_requested: number; readonly requests: readonly string[] }>;
  readonly tables: readonly GoldenTable[];
}

export interface GoldenCase {
  readonly id: string;
  readonly config: Json;
  readonly secrets: Record<string, string>;
  readonly runs: readonly GoldenRun[];
  readonly expected: readonly GoldenExpectedRun[];
  /** The JSON spelling of numbers in `expected` that `JSON.parse` would change, by the object holding them. */
  readonly numberText: WeakMap<object, NumberText>;
  readonly namesAt63?: Json;
}

const read = (id: string, file: string): string => readFileSync(resolve(GOLDEN_DIR, id, file), "utf8");

export function goldenCaseIds(): string[] {
  if (!existsSync(resolve(GOLDEN_DIR, "index.json"))) return [];
  const index = JSON.parse(readFileSync(resolve(GOLDEN_DIR, "index.json"), "utf8")) as { cases: { id: string }[] };
  return index.cases.map((c) => c.id);
}

export function goldenCase(id: string): GoldenCase {
  const numberText = new WeakMap<object, NumberText>();
  const expected = parseJson(read(id, "expected.json"), numberText) as unknown as { runs: GoldenExpectedRun[]; names_at_63?: Json };
  const secretsFile = resolve(GOLDEN_DIR, id, "secrets.json");
  return {
    id,
    config: JSON.parse(read(id, "config.json")) as Json,
    secrets: existsSync(secretsFile) ? (JSON.parse(readFileSync(secretsFile, "utf8")) as Record<string, string>) : {},
    runs: (JSON.parse(read(id, "responses.json")) as { runs: GoldenRun[] }).runs,
    expected: expected.runs,
    numberText,
    ...(expected.names_at_63 !== undefined ? { namesAt63: expected.names_at_63 } : {}),
  };
}
