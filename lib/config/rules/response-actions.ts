/**
 * Response actions dlt accepts but that do nothing (dlt-rest-api.md §13): a `status_code` given as a
 * string never equals the integer status, and an action string other than `ignore` is a no-op.
 */
import type { Path } from "../located";
import { didYouMean } from "../did-you-mean";
import { quoteLike } from "../fixes";
import { hasMarker } from "../../shared";
import { isObj, type RuleContext } from "./context";

export function checkResponseActions(ctx: RuleContext, actions: unknown, at: Path): void {
  if (!Array.isArray(actions)) return;
  actions.forEach((a, i) => {
    if (!isObj(a) || hasMarker(a)) return;
    const itemAt: Path = [...at, i];
    if (typeof a.status_code === "string") statusString(ctx, a.status_code, [...itemAt, "status_code"]);
    if (typeof a.action === "string" && a.action !== "ignore") unknownAction(ctx, a.action, [...itemAt, "action"]);
  });
}

function statusString(ctx: RuleContext, status: string, at: Path): void {
  const range = ctx.loc.value(at);
  const numeric = /^\s*[1-5]\d\d\s*$/.test(status);
  ctx.add({
    at,
    severity: "warning",
    code: "response_action_status_string",
    range,
    fixes: numeric
      ? [{ title: `Write the status as the integer ${status.trim()}`, edits: [{ range, newText: status.trim() }] }]
      : undefined,
    message: `\`status_code\` is the string "${status}": dlt compares it with \`==\` to the integer status of the response, so it never matches and this action never runs. ${numeric ? `Write ${status.trim()} (an integer).` : "Write one integer status per action (dlt has no status ranges or patterns)."}`,
  });
}

function unknownAction(ctx: RuleContext, action: string, at: Path): void {
  const range = ctx.loc.value(at);
  const guess = didYouMean(action, ["ignore"]);
  ctx.add({
    at,
    severity: "warning",
    code: "unknown_response_action",
    range,
    fixes: guess
      ? [{ title: "Change to `ignore`", edits: [{ range, newText: quoteLike(ctx.text.slice(range.start, range.end), guess) }] }]
      : undefined,
    message: `dlt knows one action string, \`ignore\`; \`${action}\` is accepted and does nothing, so the matching response is handled as if no action were given (an error status still fails the resource).${guess ? " Did you mean `ignore`?" : ""} Use \`ignore\`, or (Python) a callable.`,
  });
}
