/**
 * `nested_hints` as dlt 1.26.0 takes them from a REST API config: the resource passes them to
 * `dlt.resource` as written, and dlt reads them as `dlt.mark.make_nested_hints` would have written
 * them — `columns` a dict whose every column carries its own `name` (checked with real dlt: a column
 * without `name` fails the extract step with `KeyError: 'name'`, a list of columns with
 * `AttributeError: 'list' object has no attribute 'items'`). A string key is the path of one list
 * field (`purchases` → the table `<table>__purchases`); deeper paths are Python tuples.
 */
import type { ColumnHint, NestedHint } from "../resolved";
import type { Path } from "../located";
import type { RuleContext } from "../rules/context";
import { insertEntryEdit } from "../fixes";
import { isObj, isPython, keyList, type Obj } from "./values";
import { columnHint, contractOf, dispositionOf } from "./table-hints";

/**
 * What dlt does with a nested hint's keys that the preview does not apply (checked with dlt 1.26 on
 * DuckDB). A key (`primary_key`, `merge_key`, or a column hinted as one) makes the table a root table
 * of its own, which the preview applies, with its own `write_disposition`; only a disposition on a
 * table that stays nested, an scd2 strategy and `parent_table_name` are not applied.
 */
const NOT_PREVIEWED_WHY = {
  write_disposition:
    "the nested table loads apart from its root, which dlt warns makes the data inconsistent — probed on DuckDB: `replace` " +
    "empties it in each run that brings it rows, `append` under a `replace` root keeps every run's rows, `merge` without a key " +
    "leaves it empty",
  scd2: "a nested table of its own loads with scd2's validity columns",
  parent_table_name: "it sets the nested table's parent; dlt's extract step fails when no such table exists",
} as const;

/** The keys and disposition a nested hint gives its table (`_merge_keys`, `_merge_write_disposition_dict`). */
function ownTable(
  hints: Obj,
  columns: readonly ColumnHint[],
): Pick<NestedHint, "primary_key" | "merge_key" | "write_disposition" | "merge_strategy"> {
  // A key given as a hint, else the columns hinted as one.
  const keys = (k: "primary_key" | "merge_key") => {
    const given = keyList(hints[k]) ?? [];
    const names = given.length > 0 ? given : columns.filter((c) => c[k] === true).map((c) => c.name);
    return names.length > 0 ? { [k]: names } : {};
  };
  const { disposition, strategy } = dispositionOf(hints.write_disposition);
  return {
    ...keys("primary_key"),
    ...keys("merge_key"),
    ...(disposition !== null ? { write_disposition: disposition } : {}),
    ...(strategy !== null ? { merge_strategy: strategy } : {}),
  };
}

/** Whether the hint makes a table of its own (dlt's `may_be_nested` is false): it has a key. */
const ownsTable = (hint: NestedHint): boolean => hint.primary_key !== undefined || hint.merge_key !== undefined;

/** The keys of a nested hint the preview does not apply, with why (none for a table of its own without scd2). */
function notPreviewed(hint: NestedHint, hints: Obj, root: RootDisposition): [string, string][] {
  const own = ownsTable(hint);
  const out: [string, string][] = [];
  // The root's own disposition on a table that stays nested loads it as if none were given: what the preview shows.
  const same = !own && sameDisposition(hint, root);
  if ("write_disposition" in hints && !same && (!own || hint.merge_strategy === "scd2"))
    out.push(["write_disposition", own ? NOT_PREVIEWED_WHY.scd2 : NOT_PREVIEWED_WHY.write_disposition]);
  if ("parent_table_name" in hints) out.push(["parent_table_name", NOT_PREVIEWED_WHY.parent_table_name]);
  return out;
}

/** The root table's `write_disposition` and merge strategy, as the resource gives them. */
export interface RootDisposition {
  readonly disposition: string;
  readonly strategy: string | null;
}

/** A `merge` without a strategy is `delete-insert`. */
const strategyOf = (disposition: string, strategy: string | null | undefined): string | null =>
  disposition === "merge" ? (strategy ?? "delete-insert") : null;

function sameDisposition(hint: NestedHint, root: RootDisposition): boolean {
  const wd = hint.write_disposition;
  return wd === root.disposition && strategyOf(wd, hint.merge_strategy) === strategyOf(root.disposition, root.strategy);
}

/**
 * `nested_disposition_load_fails`: a table that stays nested with a disposition of its own under a
 * `merge` root — dlt's load step fails on it (probed on DuckDB: `append` or `replace` under
 * delete-insert, `append` under upsert, `replace` under scd2, each in the first run).
 */
function failsUnderMerge(ctx: RuleContext, hint: NestedHint, hints: Obj, root: RootDisposition, at: Path): boolean {
  if (ownsTable(hint) || !("write_disposition" in hints) || root.disposition !== "merge" || sameDisposition(hint, root)) return false;
  const where = [...at, "write_disposition"];
  ctx.add({
    at: where,
    severity: "error",
    code: "nested_disposition_load_fails",
    range: ctx.loc.key(where),
    message:
      `The nested table of \`${hint.path}\` keeps its parent and gets its own \`write_disposition\` under a \`merge\` ` +
      `(${strategyOf(root.disposition, root.strategy)}) root: dlt's load step fails on it. Remove it, or give the nested ` +
      "table a `primary_key` or `merge_key` so that it becomes a table of its own.",
  });
  return true;
}

/** The nested hints dlt can use (their columns), reporting the forms its extract step fails on. */
export function nestedHints(ctx: RuleContext, raw: unknown, at: Path, root: RootDisposition): NestedHint[] {
  if (!isObj(raw) || isPython(raw)) return [];
  const out: NestedHint[] = [];
  for (const [path, hints] of Object.entries(raw)) {
    if (!isObj(hints) || isPython(hints)) continue;
    const columns = hints.columns;
    const where = [...at, path, "columns"];
    if (Array.isArray(columns)) {
      ctx.add({
        at: where,
        severity: "error",
        code: "nested_hints_columns",
        range: ctx.loc.value(where),
        message:
          "dlt passes `nested_hints` to the resource as written, and a list of columns fails its extract step " +
          "(`AttributeError: 'list' object has no attribute 'items'`). Write a dict by column name, each column with its " +
          '`name`: {"price": {"name": "price", "data_type": "decimal"}}.',
      });
      continue;
    }
    const own = contractOf(hints.schema_contract);
    if (!isObj(columns) || isPython(columns)) {
      push(ctx, out, { path, columns: [], ...own, ...ownTable(hints, []) }, hints, [...at, path], root);
      continue;
    }
    const named: ColumnHint[] = [];
    for (const [key, c] of Object.entries(columns)) {
      if (!isObj(c) || isPython(c)) continue;
      if (typeof c.name === "string") {
        named.push(columnHint(c, c.name));
        continue;
      }
      const columnAt = [...where, key];
      const insert = insertEntryEdit(ctx.doc, columnAt, "name", key);
      ctx.add({
        at: columnAt,
        severity: "error",
        code: "nested_hints_columns",
        range: ctx.loc.key(columnAt),
        message:
          `\`${key}\` has no \`name\`: dlt reads nested hints as \`dlt.mark.make_nested_hints\` writes them, each column ` +
          `with its name, so its extract step fails (\`KeyError: 'name'\`). Add "name": "${key}".`,
        ...(insert ? { fixes: [{ title: `Add "name": "${key}"`, edits: [insert] }] } : {}),
      });
    }
    push(ctx, out, { path, columns: named, ...own, ...ownTable(hints, named) }, hints, [...at, path], root);
  }
  return out;
}

/** Adds `hint`, telling which of its keys the preview does not apply. */
function push(ctx: RuleContext, out: NestedHint[], hint: NestedHint, hints: Obj, at: Path, root: RootDisposition): void {
  const failing = failsUnderMerge(ctx, hint, hints, root, at);
  for (const [key, why] of notPreviewed(hint, hints, root)) {
    if (failing && key === "write_disposition") continue;
    ctx.add({
      at: [...at, key],
      severity: "warning",
      code: "nested_hint_not_previewed",
      range: ctx.loc.key([...at, key]),
      message:
        `\`${key}\` in the nested hint of \`${hint.path}\`: dlt takes it (${why}), but restplay's preview does not apply it yet ` +
        (key === "write_disposition" && hint.merge_strategy === "scd2"
          ? "and appends to that table."
          : "and shows that table as a plain nested table."),
    });
  }
  out.push(hint);
}
