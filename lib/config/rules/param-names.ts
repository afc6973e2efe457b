/**
 * dlt rules for paginator parameter names (paginators.py, dlt 1.26): `None` for a query parameter
 * name or a body path means "not given", so dlt falls back to its default (`page`, `offset`, `limit`,
 * `cursor`); an empty string counts as given, and a range paginator with no usable name fails:
 * "Either 'page_param' or 'page_body_path' must be provided, not both."
 *
 * `withoutNullNames` runs before the schema (which takes names as strings): it drops those `None`s and
 * says so. The empty ones are a build rule: lib/config/resolve/paginator.ts.
 */
import type { PlainValue } from "../../formats";
import type { Locator, Path } from "../located";
import type { DiagnosticOut } from "../sink";
import { removeEntriesEdits } from "../fixes";
import { isObj } from "./context";
import { paginatorsOf } from "./dlt-endpoints";

/** Per paginator type: [query parameter, body path, default name]. */
const NAME_PAIRS: ReadonlyMap<unknown, readonly (readonly [string, string, string])[]> = new Map([
  ["page_number", [["page_param", "page_body_path", "page"]]],
  [
    "offset",
    [
      ["offset_param", "offset_body_path", "offset"],
      ["limit_param", "limit_body_path", "limit"],
    ],
  ],
  ["cursor", [["cursor_param", "cursor_body_path", "cursor"]]],
] as const);

/** The value with `None` names and body paths left out (they mean "not given" to dlt), and an info for each. */
export function withoutNullNames(value: PlainValue, loc: Locator, out: DiagnosticOut): PlainValue {
  const found = paginatorsOf(value).flatMap(({ paginator, at }) =>
    (NAME_PAIRS.get(paginator.type) ?? []).flatMap(([param, body, dflt]) =>
      [param, body]
        .filter((k) => Object.hasOwn(paginator, k) && paginator[k] === null)
        .map((k) => ({ at, key: k, param, body, dflt, paginator })),
    ),
  );
  if (found.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(value)) as PlainValue;
  for (const f of found) {
    const keyAt: Path = [...f.at, f.key];
    const target = f.at.reduce<unknown>(
      (o, k) => (isObj(o) || Array.isArray(o) ? (o as Record<string, unknown>)[k as string] : undefined),
      copy,
    );
    if (isObj(target)) delete target[f.key];
    const other = f.key === f.param ? f.body : f.param;
    const effect = f.key === f.param && f.paginator[f.body] == null ? `dlt sends the default \`${f.dflt}\`` : `dlt uses \`${other}\``;
    const none = loc.doc.format === "python" ? "None" : "null";
    out.push({
      severity: "info",
      code: "paginator_param_none",
      path: loc.pointer(keyAt),
      range: loc.key(keyAt),
      message: `\`${f.key}: ${none}\` means "not given" to dlt's paginator: ${effect}. Leave the key out, or name the parameter.`,
      fixes: [{ title: `Remove \`${f.key}\``, edits: removeEntriesEdits(loc.doc, f.at, [f.key]) }],
    });
  }
  return copy;
}
