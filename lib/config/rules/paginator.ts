/**
 * Paginator checks resolution cannot express: the default `total_path` that bites at run time, keys an
 * `auto` paginator ignores, and the seed's page_number `limit` dialect. The constructor errors dlt
 * raises are lib/config/resolve/paginator.ts.
 */
import type { PlainValue, TextEdit } from "../../formats";
import { clip, where, type Path } from "../located";
import { findNode } from "../../formats";
import { pyStr, type PyValue } from "../../shared";
import { inlineValue, insertEntryEdit, removeEntriesEdits, renameKeyFix, renderValue } from "../fixes";
import { closestTypedKey, keysOfSomeType } from "../type-keys";
import { isObj, isUnreadPython, nullWord, type Obj, type RuleContext } from "./context";
import { paginatorSchemas } from "../schema";

/** `endpointAt`: the endpoint holding the paginator (null for `client.paginator`, which has no params). */
export function checkPaginator(ctx: RuleContext, p: unknown, at: Path, endpointAt: Path | null): void {
  if (p === "page_number") {
    const range = ctx.loc.value(at);
    ctx.add({
      at,
      severity: "info",
      code: "default_total_path",
      range,
      fixes: [
        {
          title: `Stop on an empty page instead (total_path: ${nullWord(ctx)})`,
          edits: [{ range, newText: inlineValue(ctx.format, { type: "page_number", total_path: null }) }],
        },
      ],
      message: totalMessage(ctx, "page_number"),
    });
    return;
  }
  if (!isObj(p) || typeof p.type !== "string") return;
  const type = p.type;
  if (type === "auto") ignoredUnderAuto(ctx, p, at);
  // A total_path written as Python restplay left out is set: dlt evaluates it.
  if ((type === "offset" || type === "page_number") && !("total_path" in p) && !isUnreadPython(ctx, [...at, "total_path"])) {
    const insert = insertEntryEdit(ctx.doc, at, "total_path", null);
    ctx.add({
      at: [...at, "type"],
      severity: "info",
      code: "default_total_path",
      range: ctx.loc.value([...at, "type"]),
      fixes: insert ? [{ title: `Stop on an empty page instead (total_path: ${nullWord(ctx)})`, edits: [insert] }] : undefined,
      message: totalMessage(ctx, type),
    });
  }
  if (type === "page_number" && ("limit" in p || "limit_param" in p)) pageNumberLimit(ctx, p, at, endpointAt);
}

function totalMessage(ctx: RuleContext, type: string): string {
  const what = type === "offset" ? "the total number of items" : "the total number of pages";
  return `The ${type} paginator reads a top-level \`total\` (${what}) from every response (dlt's default total_path); the run fails on a page without it. Set \`total_path: ${nullWord(ctx)}\` if the API has none, to page until an empty page.`;
}

function pageNumberLimit(ctx: RuleContext, p: Obj, at: Path, endpointAt: Path | null): void {
  const limitParam = typeof p.limit_param === "string" ? p.limit_param : "limit";
  const hasLimit = "limit" in p;
  const edits: TextEdit[] | null = endpointAt ? moveLimitEdits(ctx, p, at, endpointAt, limitParam) : null;
  const where = endpointAt ? "the endpoint's `params`" : "the `params` of each endpoint (or `resource_defaults.endpoint.params`)";
  for (const key of ["limit", "limit_param"].filter((k) => k in p)) {
    ctx.add({
      at: [...at, key],
      severity: "warning",
      code: "dialect_page_number_limit",
      range: ctx.loc.key([...at, key]),
      fixes: edits
        ? [
            {
              title: hasLimit
                ? `Move the page size to endpoint params (\`${limitParam}\`)`
                : "Remove `limit_param` (dlt's page_number has none)",
              edits,
            },
          ]
        : undefined,
      message:
        `dlt's page_number paginator has no \`${key}\` (dlt rejects the config). restplay sends ` +
        `${hasLimit ? `\`${limitParam}=${pyStr(p.limit as PyValue)}\`` : "nothing for it"} on every page; in dlt put ` +
        `${hasLimit ? `\`"${limitParam}": ${inlineValue(ctx.format, p.limit as PlainValue)}\`` : "the page size"} in ${where}.`,
    });
  }
}

/** Remove `limit`/`limit_param` from the paginator and add `"<limit_param>": <limit>` to the endpoint's params. */
function moveLimitEdits(ctx: RuleContext, p: Obj, at: Path, endpointAt: Path, limitParam: string): TextEdit[] | null {
  const edits = removeEntriesEdits(ctx.doc, at, ["limit", "limit_param"]);
  if (!("limit" in p)) return edits;
  const limit = p.limit as PlainValue;
  const paramsPath = [...endpointAt, "params"];
  const params = findNode(ctx.doc.root, paramsPath);
  if (params === undefined) {
    const add = insertEntryEdit(ctx.doc, endpointAt, "params", { [limitParam]: limit });
    return add ? [...edits, add] : null;
  }
  if (params.kind !== "object") return null;
  const existing = findNode(ctx.doc.root, [...paramsPath, limitParam]);
  if (existing) return [...edits, { range: existing.range, newText: renderValue(limit, ctx.format, ctx.text, existing.range) }];
  const add = insertEntryEdit(ctx.doc, paramsPath, limitParam, limit);
  return add ? [...edits, add] : null;
}

/**
 * dlt's `create_paginator` builds nothing for a dict of `type: auto` (it detects the paginator from the
 * first response), so its other keys do nothing: a warning naming the paginator a key belongs to. A key no
 * paginator takes fails dlt's validation first, as under any type (lib/config/type-keys.ts): an error.
 */
function ignoredUnderAuto(ctx: RuleContext, p: Obj, at: Path): void {
  const known = keysOfSomeType("paginator");
  for (const key of Object.keys(p)) {
    if (key === "type") continue;
    const remove = removeEntriesEdits(ctx.doc, at, [key]);
    if (!known.has(key)) {
      const guess = closestTypedKey("paginator", key, p);
      const range = ctx.loc.key([...at, key]);
      ctx.add({
        at: [...at, key],
        severity: "error",
        code: "unknown_key",
        range,
        message:
          `Unknown key \`${clip(key)}\` in ${where(at)}: no paginator type takes it, and dlt's validator refuses it under ` +
          `\`auto\` too ("received unexpected fields").${guess ? ` Did you mean \`${guess}\`?` : " Remove it."}`,
        fixes: guess
          ? [renameKeyFix(ctx.text, range, guess)]
          : remove.length > 0
            ? [{ title: `Remove \`${clip(key)}\``, edits: remove }]
            : undefined,
      });
      continue;
    }
    const owners = Object.entries(paginatorSchemas)
      .filter(([t, schema]) => t !== "auto" && key in schema.shape)
      .map(([t]) => t);
    ctx.add({
      at: [...at, key],
      severity: "warning",
      code: "paginator_key_ignored",
      range: ctx.loc.key([...at, key]),
      message:
        `\`${key}\` does nothing under \`type: auto\`: dlt detects the paginator from the first response and ignores the other keys. ` +
        (owners.length > 0
          ? `It belongs to the ${owners.map((t) => `\`${t}\``).join(", ")} paginator: set that \`type\`, or remove it.`
          : "Remove it."),
      fixes: remove.length > 0 ? [{ title: `Remove \`${key}\``, edits: remove }] : undefined,
    });
  }
}
