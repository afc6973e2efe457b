/**
 * Paginators (dlt-rest-api.md §7): the checks dlt makes when it builds a paginator (the constructor
 * errors of §7.4, the `"offset"` shorthand), and which paginator a resource runs with (§7.2).
 *
 * `BUILD_RULES` holds each type's constructor checks, keyed by the schema's `type`: a paginator type
 * with build rules adds its entry here, one without needs nothing in lib/config but its schema variant.
 */
import type { PaginatorType, PaginatorTypedConfig } from "../schema";
import type { Path } from "../located";
import { inlineValue, removeEntriesEdits } from "../fixes";
import type { RuleContext } from "../rules/context";
import { isObj, isPython, type Obj } from "./values";

type BuildRule = (ctx: RuleContext, p: Obj, at: Path) => void;

/** Query-parameter vs JSON-body placement: dlt takes exactly one of each pair. */
function placement(pairs: readonly (readonly [string, string])[], emptyCounts: boolean, code = "param_and_body_path"): BuildRule {
  return (ctx, p, at) => {
    const type = String(p.type);
    for (const [param, body] of pairs) {
      const both = param in p && body in p;
      // dlt's range paginators check `is not None`: an empty name counts as given, and fails too.
      const empty = emptyCounts && !both ? [param, body].find((k) => p[k] === "") : undefined;
      if (!both && empty === undefined) continue;
      const drop = empty ?? body;
      ctx.add({
        at: [...at, drop],
        severity: "error",
        code,
        range: ctx.loc.key([...at, drop]),
        fixes: [
          {
            title: both ? `Remove \`${body}\` (keep the query parameter \`${param}\`)` : `Remove the empty \`${drop}\``,
            edits: removeEntriesEdits(ctx.doc, at, [drop]),
          },
        ],
        message:
          `Either '${param}' or '${body}' must be provided, not both (dlt fails when it builds the ${type} paginator)` +
          (both ? "." : `: an empty \`${drop}\` counts as given. Remove it for dlt's default name, or name the parameter.`),
      });
    }
  };
}

/** offset/page_number with no total, no maximum, no has_more and no empty-page stop. */
function stops(maxKey: string): BuildRule {
  return (ctx, p, at) => {
    if (!(p.total_path === null && p.stop_after_empty_page === false && p.has_more_path == null && p[maxKey] == null)) return;
    ctx.add({
      at: [...at, "stop_after_empty_page"],
      severity: "error",
      code: "paginator_never_stops",
      range: ctx.loc.value([...at, "stop_after_empty_page"]),
      message:
        `This ${String(p.type)} paginator has no way to stop: dlt fails with "One of \`total_path\`, \`${maxKey}\`, \`has_more_path\`, ` +
        `or \`stop_after_empty_page\` must be provided." ` +
        `Remove \`stop_after_empty_page\` or set \`total_path\`, \`${maxKey}\` or \`has_more_path\`.`,
    });
  };
}

const all =
  (...rules: BuildRule[]): BuildRule =>
  (ctx, p, at) =>
    rules.forEach((rule) => rule(ctx, p, at));

/** Constructor checks by paginator type (the offset dict's required `limit` is the schema's). */
export const BUILD_RULES: Partial<Record<PaginatorType, BuildRule>> = {
  offset: all(
    placement(
      [
        ["offset_param", "offset_body_path"],
        ["limit_param", "limit_body_path"],
      ],
      true,
    ),
    stops("maximum_offset"),
  ),
  page_number: all(placement([["page_param", "page_body_path"]], true, "page_param_and_body_path"), stops("maximum_page")),
  cursor: placement([["cursor_param", "cursor_body_path"]], false),
};

/** The build checks of a paginator written at `at` (wherever it is written, used or not: dlt builds it). */
export function checkPaginatorBuild(ctx: RuleContext, p: unknown, at: Path): void {
  if (p === "offset") {
    const range = ctx.loc.value(at);
    ctx.add({
      at,
      severity: "error",
      code: "offset_without_limit",
      range,
      fixes: [
        {
          title: "Use an offset paginator dict with a page size of 100",
          edits: [{ range, newText: inlineValue(ctx.format, { type: "offset", limit: 100 }) }],
        },
      ],
      message:
        'The shorthand `"offset"` has no page size: dlt fails with "Paginator `offset` requires arguments to create an instance". ' +
        'Write {"type": "offset", "limit": 100}.',
    });
    return;
  }
  if (!isObj(p) || typeof p.type !== "string" || !Object.hasOwn(BUILD_RULES, p.type)) return;
  BUILD_RULES[p.type as PaginatorType]?.(ctx, p, at);
}

/** A written paginator as a typed config; `null` for "not configured here": absent, null, `auto`, Python. */
export function typedPaginator(p: unknown): PaginatorTypedConfig | null {
  if (p === undefined || p === null || p === "auto" || isPython(p)) return null;
  if (typeof p === "string") return { type: p } as PaginatorTypedConfig;
  if (!isObj(p) || p.type === "auto") return null;
  return p as PaginatorTypedConfig;
}

/** dlt's single-entity rule: a `{placeholder}` in the path's last segment (`users/{id}`, `{id}.json`). */
const SINGLE_ENTITY = /\{([a-zA-Z0-9.\-_]+)\}/;
export const isSingleEntity = (path: string): boolean => SINGLE_ENTITY.test(path.split("/").pop() ?? "");
