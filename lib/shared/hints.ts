/**
 * dlt's table-hint rules that the editor's checks (lib/config) and the preview (lib/preview) both ask,
 * each in one place.
 */

/**
 * Whether a nested hint makes its table a root table of its own (dlt 1.26's `may_be_nested` is false
 * in `compute_nested_table_schemas`): it has a `primary_key` or a `merge_key`. Else the table keeps its
 * parent.
 */
export const ownsTable = (hint: { readonly primary_key?: unknown; readonly merge_key?: unknown }): boolean =>
  hint.primary_key !== undefined || hint.merge_key !== undefined;

/** `resolve_merge_strategy`: a `merge` without a strategy is `delete-insert`; `null` for a disposition that does not merge. */
export const mergeStrategy = (disposition: string | null, strategy: string | null | undefined): string | null =>
  disposition === "merge" ? (strategy ?? "delete-insert") : null;
