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
import { isObj, isPython } from "./values";
import { columnHint, contractOf } from "./table-hints";

/** What dlt does with a nested hint's keys that the preview does not apply (checked with dlt 1.26 on DuckDB). */
const NOT_PREVIEWED_WHY = {
  primary_key: "a primary key makes the nested table a root table of its own: no parent links, its own load id and key",
  merge_key: "a merge key makes the nested table a root table of its own: no parent links, its own load id and key",
  write_disposition: "the nested table loads with its own disposition: `replace` empties it on every run even under an `append` root",
  parent_table_name: "it sets the nested table's parent; dlt's extract step fails when no such table exists",
} as const;
const NOT_PREVIEWED: readonly string[] = Object.keys(NOT_PREVIEWED_WHY);

/** The nested hints dlt can use (their columns), reporting the forms its extract step fails on. */
export function nestedHints(ctx: RuleContext, raw: unknown, at: Path): NestedHint[] {
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
    for (const key of Object.keys(hints))
      if (NOT_PREVIEWED.includes(key))
        ctx.add({
          at: [...at, path, key],
          severity: "warning",
          code: "nested_hint_not_previewed",
          range: ctx.loc.key([...at, path, key]),
          message:
            `\`${key}\` in the nested hint of \`${path}\`: dlt takes it (${NOT_PREVIEWED_WHY[key as keyof typeof NOT_PREVIEWED_WHY]}), ` +
            "but restplay's preview does not apply it yet and shows that table as a plain nested table.",
        });
    if (!isObj(columns) || isPython(columns)) {
      out.push({ path, columns: [], ...own });
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
    out.push({ path, columns: named, ...own });
  }
  return out;
}
