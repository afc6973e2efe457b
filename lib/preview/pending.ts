/**
 * One run's load package in the making: the resources that ran, their records normalised
 * (`relational.ts`) and fitted into the run's copy of the schema (`infer.ts`), row by row, per table.
 * dlt extracts, normalises and loads after the run; the preview does it as pages arrive, so the
 * tables grow while the run streams.
 */
import type { ColumnHint, DataRecord, EngineEvent, KeyOrder, NumberText } from "../engine/types";
import type { SchemaContract } from "../config/resolved";
import type { Destination } from "./destination";
import { landsRows, streamingSurvivors, strategyOf, type LoadPackage } from "./load";
import * as loadRows from "./load-rows";
import { KeyCandidates } from "./keys";
import { Naming } from "./naming";
import type { RootIds } from "./ids";
import { Relational, type Row } from "./relational";
import { RowCoercer, type Gate } from "./infer";
import type { ColumnSchema, Schema } from "./schema";
import { integersBeyond64 } from "./values";
import * as shared from "../shared";
import { beyond64Message, FAILED_STEP, failureMessage, fileNameFailure } from "./failures";
import { LoadProblems } from "./load-problems";
import { LoadedTypes } from "./loaded-types";
import { Origins } from "./origins";
import { ContractState, expandContract, orphanedNestedHints } from "./contract";
import { NestedNotNull } from "./nested-not-null";
import { appendStart, startWarnings } from "./resource-start";

// Bound once: a bundler's (or tsx's) module object reads an imported function through a getter per call.
const { getOwn } = shared;
const { keyOf } = loadRows;

type ResourceStart = Extract<EngineEvent, { type: "resource_start" }>;

export interface ResourceRun {
  readonly resource: string;
  /** `null`: dlt does not load this resource. */
  readonly table: string | null;
  fetched: number;
  readonly warnings: string[];
  readonly keyColumns: readonly string[];
  readonly candidates: KeyCandidates | null;
  missingKey: number;
  /** The resource's `primary_key` and `columns` hints as configured (for findings). */
  readonly primaryKey: readonly string[] | null;
  readonly hints: readonly ColumnHint[];
  /** In a windowed load: root rows of this run's records the load keeps (after merge), counted as staged. */
  kept: number;
  /** The root rows this run wrote (a record's own, and the items of a list under a blank key). */
  rows: number;
  /**
   * The root table's not-null data columns (primary and merge keys, `nullable: false` hints: known at
   * the start), and how many of the run's root rows had a value in each (not even null is none).
   */
  readonly notNull: readonly string[];
  readonly notNullPresent: number[];
}

/** A table of a windowed load: rows normalised in this run, and rows the load keeps (after merge). */
export interface TableCount {
  staged: number;
  kept: number;
}

type Admit = { admit(row: DataRecord): boolean };

/** One more row for `column` of `table`. */
function count(counts: Map<string, Map<string, number>>, table: string, column: string): void {
  const m = counts.get(table) ?? counts.set(table, new Map()).get(table)!;
  m.set(column, (m.get(column) ?? 0) + 1);
}

/**
 * `window`: keep at most this many rows per table (the first the load keeps) and count the rest; the
 * schema is still inferred from every row, and merge's dedup and hard deletes are decided as rows are
 * staged (`streamingSurvivors`, for a destination that holds none of the table's rows). A table whose
 * merge cannot be decided that way (`dedup_sort`) keeps every row. `null`: keep every row.
 */
export class PendingLoad {
  readonly schema: Schema;
  /** The column types of the destination's tables (a later hint changes dlt's schema, not them). */
  readonly loadedTypes: LoadedTypes;
  readonly naming: Naming;
  readonly pkg: LoadPackage;
  readonly resources = new Map<string, ResourceRun>();
  /** The record and resource behind each staged root row. */
  readonly origins = new Origins();
  /** What dlt's steps fail on: messages per table, and the steps. */
  readonly problems = new LoadProblems();
  /** Keys that were null in a row and never became a column, per table (dlt's `null_only_columns`). */
  readonly nullOnly = new Map<string, Set<string>>();
  /** Tables with a staged value in a column without a name (a key such as `__`), counted or kept. */
  readonly nameless = new Set<string>();
  /** Per table and not-null column without a type yet, the rows holding null there (dlt treats them as absent). */
  private readonly nullInUntyped = new Map<string, Map<string, number>>();
  /** Nested tables with not-null `nested_hints` columns, counted. */
  private readonly nestedNotNull = new NestedNotNull();
  /** Per table of a windowed load whose rows are counted (absent: every row is kept). */
  readonly counts = new Map<string, TableCount>();
  private readonly admits = new Map<string, Admit | null>();
  private readonly relational: Relational;
  private readonly coercer: RowCoercer;

  /**
   * Per not-null column of `table`, this load's rows with no value there: a root table's data columns
   * counted per resource run, `_dlt` columns by the normaliser (the table decides which are its columns).
   * A row without a value is written without it: dlt's load refuses the row (NOT NULL), or its normalize
   * step the column when no row ever gave it a type (`UnboundColumnException`).
   */
  absent(table: string): ReadonlyMap<string, number> {
    const out = new Map(this.relational.omitted.get(table));
    this.nestedNotNull.absent(table, out);
    for (const [c, rows] of this.nullInUntyped.get(table) ?? []) out.set(c, (out.get(c) ?? 0) + rows);
    for (const r of this.resources.values())
      if (r.table === table)
        r.notNull.forEach((c, k) => {
          const rows = r.rows - (r.notNullPresent[k] as number);
          if (rows > 0) out.set(c, (out.get(c) ?? 0) + rows);
        });
    return out;
  }

  constructor(
    destination: Destination,
    readonly loadId: string,
    readonly window: number | null = null,
  ) {
    this.schema = destination.schema();
    this.loadedTypes = new LoadedTypes(destination, this.schema);
    this.naming = new Naming(destination.maxIdentifierLength);
    this.pkg = { loadId, rows: new Map(), roots: new Set(), yielded: new Set() };
    this.relational = new Relational({
      naming: this.naming,
      schema: this.schema,
      loadId,
      problem: (table, message, step) => this.problems.add(table, message, step),
      rootOf: (table) => this.ownRoot(table),
    });
    this.contracts = new ContractState(this.schema, (root, message) => this.problems.add(root, message));
    this.coercer = new RowCoercer(this.schema, this.naming, (table, column, problem, value) => {
      if (problem === "null") {
        (this.nullOnly.get(table) ?? this.nullOnly.set(table, new Set()).get(table))?.add(column);
        if (this.schema.table(table)?.columns.get(column)?.nullable === false) count(this.nullInUntyped, table, column);
        return;
      }
      const { text, once } = failureMessage(problem, table, column, value, this.schema.table(table)?.columns.get(column));
      if (once === null || this.problems.first(table, once)) this.problems.add(table, text, FAILED_STEP[problem]);
    });
  }

  start(e: ResourceStart): ResourceRun {
    const warnings = startWarnings(e);
    let table: string | null = this.naming.path(e.table_name || e.resource);
    if (e.selected === false || e.write_disposition === "skip") table = null;
    const merge = e.write_disposition === "merge";
    const key = e.primary_key && e.primary_key.length > 0 ? e.primary_key : null;
    // The tables the hints make (`nested_hints`: one list field each), and the extract step's contract check of them.
    const nested =
      table === null
        ? []
        : (e.nested_hints ?? []).map((h) => ({ name: this.naming.fragments(table as string, this.naming.path(h.path)), h }));
    const own = expandContract(e.schema_contract);
    const checks: [string, SchemaContract | null][] =
      table === null
        ? []
        : [[table, own], ...nested.map((n): [string, SchemaContract | null] => [n.name, expandContract(n.h.schema_contract) ?? own])];
    if (checks.some(([, c]) => c !== null) && !this.contracts.extract(checks, warnings)) {
      orphanedNestedHints(table as string, nested, warnings);
      table = null;
    }
    this.contractCache.clear();
    this.anyContract = own !== null || nested.some((n) => n.h.schema_contract !== undefined) || this.schema.hasContract();
    if (table !== null) {
      // The extract step's contract on the hint columns of each table that exists (`checks`' contracts).
      const admit = (k: number) => {
        const [name, c] = checks[k] as [string, SchemaContract | null];
        return (cols: ColumnSchema[]) => {
          const admitted = c === null ? cols : this.contracts.hints(name, c, cols, warnings);
          if (!this.contracts.extractFailed) this.loadedTypes.check(name, admitted, warnings);
          return admitted;
        };
      };
      this.schema.applyHints(table, e, this.naming, admit(0));
      nested.forEach((n, k) =>
        this.nestedNotNull.register(this.schema.applyNestedHints(n.name, table as string, n.h, this.naming, admit(k + 1))),
      );
      this.pkg.roots.add(table);
      this.staging.clear(); // dispositions may differ from the last resource's
      this.rootIds.delete(table);
      for (const n of nested) this.rootIds.delete(n.name);
      this.ownRoots.clear();
    }
    const notNull =
      table === null
        ? []
        : [...(this.schema.table(table)?.columns.values() ?? [])]
            .filter((c) => c.nullable === false && !c.name.startsWith("_dlt_"))
            .map((c) => c.name);
    const run: ResourceRun = {
      resource: e.resource,
      table,
      fetched: 0,
      warnings,
      keyColumns: key && merge ? key.map((k) => this.naming.path(k)) : [],
      candidates: key && merge && table ? new KeyCandidates(key, table) : null,
      missingKey: 0,
      primaryKey: key,
      hints: e.columns,
      kept: 0,
      rows: 0,
      notNull,
      notNullPresent: notNull.map(() => 0),
    };
    this.resources.set(e.resource, run);
    return run;
  }

  /** A resource's run, created as an `append` resource when its pages came without a `resource_start`. */
  resource(name: string): ResourceRun {
    return this.resources.get(name) ?? this.start(appendStart(name));
  }

  /** Per root table, how its rows get their ids (`rootIdsOf`), worked out once per resource start. */
  private readonly rootIds = new Map<string, RootIds | null>();

  /** `get_root_row_id_type`: hashed ids for upsert and insert-only (the primary key) and scd2 (the record); `null`: random. */
  private rootIdsOf(table: string): RootIds | null {
    let ids = this.rootIds.get(table);
    if (ids !== undefined) return ids;
    const root = this.schema.table(table);
    const strategy = root ? strategyOf(root) : null;
    const columns = root ? [...root.columns.values()] : [];
    if (strategy === "upsert" || strategy === "insert-only")
      ids = { kind: "key_hash", key: columns.filter((c) => c.primary_key === true).map((c) => c.name) };
    else if (strategy === "scd2" && columns.find((c) => c["x-row-version"] === true)?.name === "_dlt_id") ids = { kind: "row_hash" };
    else ids = null;
    this.rootIds.set(table, ids);
    return ids;
  }

  /**
   * A nested hint's table of its own as dlt's normaliser sees it for a whole load (its ids; its id as its
   * nested rows' `_dlt_root_id`), from the schema as the load starts: a root id column it gets now counts next load.
   */
  private readonly ownRoots = new Map<string, { rootKey: boolean; ids: RootIds | null }>();
  private ownRoot(table: string): { rootKey: boolean; ids: RootIds | null } {
    let own = this.ownRoots.get(table);
    if (!own) this.ownRoots.set(table, (own = { rootKey: this.rootKey(table), ids: this.rootIdsOf(table) }));
    return own;
  }

  private rootKey(table: string): boolean {
    const root = this.schema.table(table);
    // `requires_root_key`: merge with delete-insert, upsert or insert-only.
    const strategy = root ? strategyOf(root) : null;
    if (strategy !== null && strategy !== "scd2") return true;
    return this.schema.chain(table).some((t) => [...t.columns.values()].some((c) => c.root_key === true));
  }

  add(
    resource: string,
    records: readonly DataRecord[],
    text: readonly (NumberText | null)[] | undefined,
    order?: readonly (KeyOrder | null)[],
  ): void {
    const r = this.resource(resource);
    r.fetched += records.length;
    const table = r.table;
    if (table === null) return;
    if (records.length > 0) this.pkg.yielded.add(table);
    const maxNesting = this.schema.table(table)?.max_nesting ?? null;
    const rootKey = this.rootKey(table);
    const ids = this.rootIdsOf(table);
    const origins = this.origins.table(table);
    [this.rootTable, this.run] = [table, r];
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as DataRecord;
      this.root = null;
      this.rootStored = false;
      this.rootKept = false;
      this.relational.normalize(record, text?.[i] ?? null, order?.[i] ?? null, table, maxNesting, rootKey, this.stage, ids);
      const t = text?.[i];
      if (t) this.beyond64(table, t);
      const root = this.root as DataRecord | null;
      if (root === null) continue;
      if (this.rootStored) origins.store(this.rootIndex, record, resource, t, order?.[i]);
      if (this.rootKept) r.kept++;
      if (r.keyColumns.length > 0 && keyOf(root, r.keyColumns) === null) {
        r.missingKey++;
        r.candidates?.add(record);
      }
    }
  }

  /** Integers outside 64 bits anywhere in a record (its `NumberText`): dlt's extract step fails on them. */
  private beyond64(table: string, text: NumberText): void {
    for (const [at, digits] of integersBeyond64(text))
      if (this.problems.first(table, at)) this.problems.add(table, beyond64Message(at, digits), "extract");
  }

  /** The resource being staged: its root table; the contract of the table a row is staged into. */
  private contract: SchemaContract | null = null;
  /** Each table's contract, its own or inherited (`Schema.contractOf`), worked out once per resource start. */
  private readonly contractCache = new Map<string, SchemaContract | null>();
  /** Whether any table has a contract (stored from an earlier run, or this resource's): most loads have none. */
  private anyContract = false;
  private rootTable = "";
  private run: ResourceRun | null = null;
  /** The load's `schema_contract` state (`loadFails`: a freeze fails it, and the run is then not loaded). */
  readonly contracts: ContractState;

  /** The root row of the record being staged (the first row `Relational` emits for it). */
  private root: DataRecord | null = null;
  /** Whether that root row is staged (not only counted), at which index of its table's rows, and whether the load keeps it (windowed loads). */
  private rootStored = false;
  private rootIndex = 0;
  private rootKept = false;
  /** The record's merge decision in a windowed load; `null`: its table keeps every row. */
  private admit: Admit | null = null;
  /**
   * Each table's staged rows (and window count), once its schema says it has seen data: the rows of a
   * record alternate between tables, so one slot per table rather than one for the last table.
   */
  private readonly staging = new Map<string, { rows: DataRecord[]; count: TableCount | null; lands: boolean }>();

  /** Fits a normalised row into its table and stages it for the load (or counts it, beyond the window). */
  private readonly stage = (name: string, parent: string | null, row: Row): boolean => {
    let c = this.anyContract ? this.contractCache.get(name) : null;
    if (c === undefined) this.contractCache.set(name, (c = expandContract(this.schema.contractOf(name, parent))));
    if (c !== null && !this.contracts.admit(name, row)) return false;
    this.contract = c;
    const coerced = this.coercer.coerce(name, parent, row, c === null ? null : this.gate);
    if (coerced === null) return false;
    this.nestedNotNull.count(name, coerced);
    // Every root row counts, a record's own and those of a list under a blank key (they land in its table).
    const r = this.run;
    // A nested hint's table of its own loads on its own terms.
    if (parent === null && name !== this.rootTable) this.pkg.roots.add(name);
    if (parent === null && name === this.rootTable && r !== null) {
      r.rows++;
      for (let k = 0; k < r.notNull.length; k++)
        if (getOwn(coerced, r.notNull[k] as string) !== undefined) (r.notNullPresent[k] as number)++;
    }
    if (getOwn(coerced, "") !== undefined) this.nameless.add(name);
    let staged = this.staging.get(name);
    if (staged === undefined) {
      const t = this.schema.table(name);
      if (t) t.seen_data = true;
      let rows = this.pkg.rows.get(name);
      if (!rows) {
        this.pkg.rows.set(name, (rows = []));
        // A new table of this load: dlt writes its rows to a file named after it.
        const tooLong = fileNameFailure(name, name === this.rootTable);
        if (tooLong) this.problems.add(name, tooLong.text, tooLong.step);
      }
      staged = { rows, count: this.counts.get(name) ?? null, lands: parent === null || landsRows(this.schema, name) };
      // A table the schema does not have yet is looked up again with its next row.
      if (t) this.staging.set(name, staged);
    }
    if (!staged.lands) return true; // its columns are made (and the table), its rows never land
    const first = this.root === null;
    if (first) this.root = coerced;
    if (this.window === null) {
      if (first) this.stored(staged.rows);
      staged.rows.push(coerced);
      return true;
    }
    if (first) {
      let admit = this.admits.get(name);
      // A nested table of its own loads apart from its root's rows: such a load is kept whole and decided when it ends.
      if (admit === undefined)
        this.admits.set(name, (admit = this.schema.hasOwnTables(name) ? null : streamingSurvivors(this.schema, name)));
      this.admit = admit;
      this.rootKept = admit !== null && admit.admit(coerced);
    }
    if (this.admit === null) {
      if (first) this.stored(staged.rows);
      staged.rows.push(coerced);
      return true;
    }
    if (staged.count === null) this.counts.set(name, (staged.count = { staged: 0, kept: 0 }));
    staged.count.staged++;
    if (!this.rootKept) return true;
    staged.count.kept++;
    if (staged.rows.length < this.window) {
      if (first) this.stored(staged.rows);
      staged.rows.push(coerced);
    }
    return true;
  };

  /** The current resource's contract on the columns a row adds (stage sets it only with a contract). */
  private readonly gate: Gate = (name, added, row) =>
    this.contracts.columns(name, this.rootTable, this.contract as SchemaContract, added, row);

  /** The root row is staged next in `rows`. */
  private stored(rows: readonly DataRecord[]): void {
    this.rootStored = true;
    this.rootIndex = rows.length;
  }
}
