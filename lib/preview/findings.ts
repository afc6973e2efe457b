/**
 * What a run's records say about the config (shown in Problems with a quick fix, lib/config
 * `findings.ts`): the primary key missing from the records (with the field they carry instead), a
 * primary key that repeats within the run, an incremental `cursor_path` the records lack, and values
 * that do not fit a `columns` data_type hint (dlt writes them to a variant column).
 */
import { strategyOf } from "./load";
import type { RecordFinding } from "../config/findings";
import type { DataRecord, Json } from "../engine/types";
import { normalizeIdentifier } from "./naming";
import type { PendingLoad, ResourceRun } from "./pending";
import { getOwn } from "../shared";

const list = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(", ");
const asValue = (key: readonly string[]) => (key.length === 1 ? (key[0] as string) : [...key]);

function missingKey(r: ResourceRun): RecordFinding | null {
  if (r.missingKey === 0 || !r.candidates || !r.primaryKey) return null;
  const best = r.candidates.best();
  return {
    resource: r.resource,
    code: "record_primary_key_missing",
    severity: "warning",
    message: r.candidates.message(r.resource, r.missingKey, r.fetched),
    at: ["primary_key"],
    value: asValue(r.primaryKey),
    ...(best !== null ? { replacements: [{ title: `Set primary_key to "${best}"`, value: best }] } : {}),
  };
}

function repeatedKey(r: ResourceRun, pending: PendingLoad): RecordFinding | null {
  if (!r.primaryKey || r.table === null) return null;
  const columns = r.primaryKey.map((k) => pending.naming.path(k));
  const seen = new Set<string>();
  let repeats = 0;
  const rows = pending.pkg.rows.get(r.table) ?? [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as DataRecord;
    if (pending.origins.resource(r.table, i) !== r.resource) continue;
    const parts = columns.map((c) => getOwn(row, c));
    if (parts.some((p) => p === null || p === undefined)) continue;
    const key = JSON.stringify(parts);
    if (seen.has(key)) repeats++;
    else seen.add(key);
  }
  if (repeats === 0) return null;
  const root = pending.schema.table(r.table);
  const strategy = root ? strategyOf(root) : null;
  const effect =
    strategy === "delete-insert"
      ? "merge keeps one row per key (by `dedup_sort`, else the first)"
      : strategy === "upsert"
        ? "upsert inserts every one of them while the key is not stored, " +
          "and of those matching a stored row DuckDB picks the one that updates it"
        : strategy === "insert-only"
          ? "insert-only inserts every one of them while the key is not stored"
          : strategy === "scd2"
            ? "scd2 keeps versions by row hash, not by primary_key: records that differ are all kept"
            : "dlt loads every one of them: the key is not unique in the table";
  return {
    resource: r.resource,
    code: "record_primary_key_not_unique",
    severity: strategy === "delete-insert" || strategy === "scd2" ? "info" : "warning",
    message: `primary_key ${list(r.primaryKey)} repeats in ${repeats} of ${r.fetched} records of \`${r.resource}\`: ${effect}`,
    at: ["primary_key"],
    value: asValue(r.primaryKey),
  };
}

const get = (record: DataRecord, path: string): Json | undefined => {
  let v: Json | undefined = record;
  for (const part of path.split(".")) v = v !== null && typeof v === "object" && !Array.isArray(v) ? v[part] : undefined;
  return v;
};

function missingCursor(r: ResourceRun, cursor: string, records: readonly DataRecord[]): RecordFinding | null {
  const lacking = records.filter((rec) => get(rec, cursor) === undefined || get(rec, cursor) === null);
  if (lacking.length === 0) return null;
  const want = normalizeIdentifier(cursor.split(".").pop() ?? cursor);
  const fields = Object.keys(lacking[0] ?? {}).filter((k) => lacking.every((rec) => rec[k] !== undefined && rec[k] !== null));
  const best = fields.find((k) => normalizeIdentifier(k) === want) ?? fields.find((k) => /updated|modified|changed/i.test(k));
  return {
    resource: r.resource,
    code: "record_cursor_missing",
    severity: "warning",
    message:
      `incremental cursor_path \`${cursor}\` is missing in ${lacking.length} of ${records.length} records of \`${r.resource}\`` +
      (best
        ? `; the records carry \`${best}\` — set \`cursor_path: "${best}"\``
        : ": dlt raises unless `on_cursor_value_missing` says otherwise"),
    at: ["endpoint", "incremental", "cursor_path"],
    value: cursor,
    ...(best ? { replacements: [{ title: `Set cursor_path to "${best}"`, value: best }] } : {}),
  };
}

function typeConflicts(r: ResourceRun, pending: PendingLoad): RecordFinding[] {
  const table = r.table === null ? undefined : pending.schema.table(r.table);
  if (!table) return [];
  const out: RecordFinding[] = [];
  for (const hint of r.hints) {
    if (hint.data_type === undefined) continue;
    const base = pending.naming.path(hint.name);
    for (const c of table.columns.values()) {
      if (!c.variant || !c.name.startsWith(`${base}__v_`) || c.data_type === undefined) continue;
      const rows = (pending.pkg.rows.get(table.name) ?? []).filter((row) => (getOwn(row, c.name) ?? null) !== null).length;
      if (rows === 0) continue;
      out.push({
        resource: r.resource,
        code: "record_type_conflict",
        severity: "warning",
        message:
          `\`${hint.name}\` is hinted \`${hint.data_type}\`, but ${rows} record${rows === 1 ? "" : "s"} of \`${r.resource}\` ` +
          `hold ${c.data_type} values there: dlt writes them to the variant column \`${c.name}\``,
        at: ["columns", hint.name, "data_type"],
        value: hint.data_type,
        replacements: [{ title: `Hint data_type "${c.data_type}"`, value: c.data_type }],
      });
    }
  }
  return out;
}

/** The findings of this run's records, per resource in run order. */
export function recordFindings(pending: PendingLoad, cursors: ReadonlyMap<string, string>): RecordFinding[] {
  const out: RecordFinding[] = [];
  for (const r of pending.resources.values()) {
    for (const f of [missingKey(r), repeatedKey(r, pending)]) if (f) out.push(f);
    const cursor = cursors.get(r.resource);
    const f = cursor ? missingCursor(r, cursor, r.table === null ? [] : pending.origins.recordsOf(r.table, r.resource)) : null;
    if (f) out.push(f);
    out.push(...typeConflicts(r, pending));
  }
  return out;
}
