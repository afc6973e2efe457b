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
import { isUnreadPython, type RuleContext } from "../rules/context";
import { insertEntryEdit } from "../fixes";
import { isObj, isPython, keyList, type Obj } from "./values";
import { columnHint, contractOf, dispositionOf, scd2Hints } from "./table-hints";
import { mergeStrategy, ownsTable } from "../../shared";

/** The keys and disposition a nested hint gives its table (`_merge_keys`, `_merge_write_disposition_dict`). */
function ownTable(
  hints: Obj,
  columns: readonly ColumnHint[],
): Pick<NestedHint, "primary_key" | "merge_key" | "write_disposition" | "merge_strategy" | "scd2"> {
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
    ...(disposition === "merge" && strategy === "scd2" && isObj(hints.write_disposition)
      ? { scd2: scd2Hints(hints.write_disposition) }
      : {}),
  };
}

/** The root table as the resource gives it: its name, `write_disposition` and merge strategy. */
export interface NestedRoot {
  readonly table: string;
  readonly disposition: string;
  readonly strategy: string | null;
  /** Which of them is Python restplay left out (dlt evaluates it): the checks that compare with it say nothing. */
  readonly unread?: readonly ("table" | "disposition")[];
}

/**
 * Whether the nested table loads as if it had no disposition of its own: its root's, or — under a
 * `merge` root — `merge` with any strategy but scd2, as the chain merges by its root's strategy
 * (probed on DuckDB: delete-insert, upsert and insert-only under one another and under scd2 load as
 * the root's; scd2 under a root that is not scd2 fails the load).
 */
function sameDisposition(hint: NestedHint, root: NestedRoot): boolean {
  const wd = hint.write_disposition;
  if (wd !== root.disposition) return false;
  const [mine, its] = [mergeStrategy(wd, hint.merge_strategy), mergeStrategy(root.disposition, root.strategy)];
  return mine === its || (mine !== "scd2" && its !== null);
}

/** What a disposition of its own does to a nested table that keeps its parent under an `append` or `replace` root. */
function apartMessage(hint: NestedHint, root: NestedRoot): string {
  const wd = hint.write_disposition;
  const what =
    wd === "merge"
      ? "`merge` without a key loads none of its rows: dlt writes them to the staging dataset and no merge follows, " +
        "so the table stays empty"
      : wd === "replace"
        ? "`replace` empties it in each run that brings it rows (a run without any keeps it), " +
          "while the root keeps the rows they belonged to"
        : "`append` keeps every run's rows in it while the `replace` root keeps only the last run's: earlier rows lose their parent rows";
  return (
    `The nested table of \`${hint.path}\` keeps its parent and loads apart from its \`${root.disposition}\` root, which dlt ` +
    `warns may leave root and nested tables inconsistent: ${what} (the preview shows it so). Give it a \`primary_key\` or ` +
    "`merge_key` to make it a table of its own, or remove the `write_disposition`."
  );
}

/**
 * A disposition of its own on a table that keeps its parent (no key), unless it is its root's (the same
 * as none, `sameDisposition`). dlt's load step fails on it under a `merge` root (probed on DuckDB:
 * `append` or `replace` under delete-insert, `append` under upsert, `replace` under scd2, scd2 under
 * delete-insert and upsert, each in the first run) and on
 * `skip` (`LoadClientUnsupportedWriteDisposition`): `nested_disposition_load_fails`. Under an `append`
 * or `replace` root dlt loads it apart (the preview applies it): `nested_disposition_apart`.
 */
function nestedDisposition(ctx: RuleContext, hint: NestedHint, hints: Obj, root: NestedRoot, at: Path): void {
  const wd = hint.write_disposition;
  if (ownsTable(hint) || wd === undefined || sameDisposition(hint, root)) return;
  // `skip` fails whatever the root's disposition is.
  if (wd !== "skip" && root.unread?.includes("disposition")) return;
  const where = [...at, "write_disposition"];
  const fails = root.disposition === "merge" || wd === "skip";
  const cure = "Remove it, or give the nested table a `primary_key` or `merge_key` so that it becomes a table of its own.";
  ctx.add({
    at: where,
    severity: fails ? "error" : "warning",
    code: fails ? "nested_disposition_load_fails" : "nested_disposition_apart",
    range: ctx.loc.key(where),
    message:
      wd === "skip"
        ? `\`skip\` on the nested table of \`${hint.path}\`, which keeps its parent: dlt's load step fails on it ` +
          `(\`LoadClientUnsupportedWriteDisposition\`). ${cure}`
        : fails
          ? `The nested table of \`${hint.path}\` keeps its parent and gets its own \`write_disposition\` under a \`merge\` ` +
            `(${mergeStrategy(root.disposition, root.strategy)}) root: dlt's load step fails on it. ${cure}`
          : apartMessage(hint, root),
  });
}

/** The nested hints dlt can use (their columns), reporting the forms its extract step fails on. */
export function nestedHints(ctx: RuleContext, raw: unknown, at: Path, root: NestedRoot): NestedHint[] {
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
      // A name written as Python restplay left out is there: dlt evaluates it (the preview goes without the column).
      if (isUnreadPython(ctx, [...columnAt, "name"])) continue;
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

/**
 * `parent_table_name`: the nested table's parent as written. Its root table (the default) changes
 * nothing; any other name is a table dlt looks for when the resource runs — none there fails its
 * extract step (`ParentTableNotFoundException`; the table itself: `RecursionError`; probed on DuckDB) —
 * and the preview, which does not apply it, shows the table under its root.
 */
function parentTable(ctx: RuleContext, hint: NestedHint, hints: Obj, root: NestedRoot, at: Path): void {
  const parent = hints.parent_table_name;
  if (!("parent_table_name" in hints) || parent === root.table || parent === null || parent === "") return;
  if (root.unread?.includes("table")) return;
  const where = [...at, "parent_table_name"];
  ctx.add({
    at: where,
    severity: "warning",
    code: "nested_hint_not_previewed",
    range: ctx.loc.key(where),
    message:
      `\`parent_table_name\` in the nested hint of \`${hint.path}\` names another parent than its root table \`${root.table}\`: ` +
      "dlt's extract step fails unless a table of that name exists when the resource runs (`ParentTableNotFoundException`), " +
      "and restplay's preview does not apply it: it shows the table under its root. Remove it (the root is the default parent).",
  });
}

/** Adds `hint`, telling what dlt does with its disposition and its parent. */
function push(ctx: RuleContext, out: NestedHint[], hint: NestedHint, hints: Obj, at: Path, root: NestedRoot): void {
  nestedDisposition(ctx, hint, hints, root, at);
  parentTable(ctx, hint, hints, root, at);
  out.push(hint);
}
