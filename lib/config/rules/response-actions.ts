/**
 * Response actions dlt accepts but that do nothing or fail (dlt-rest-api.md §13): a `status_code` given as
 * a string never equals the integer status, an action string other than `ignore` is a no-op, and a dict
 * without an `action` fails the resource at its first response.
 */
import type { Path } from "../located";
import { didYouMean } from "../did-you-mean";
import { insertEntryEdit, quoteLike } from "../fixes";
import { hasMarker } from "../../shared";
import { isObj, type RuleContext } from "./context";

export function checkResponseActions(ctx: RuleContext, actions: unknown, at: Path): void {
  if (!Array.isArray(actions)) return;
  actions.forEach((a, i) => {
    if (!isObj(a) || hasMarker(a)) return;
    const itemAt: Path = [...at, i];
    if (!Object.hasOwn(a, "action")) noAction(ctx, itemAt);
    if (typeof a.status_code === "string") statusString(ctx, a.status_code, [...itemAt, "status_code"]);
    if (typeof a.action === "string" && a.action !== "ignore") unknownAction(ctx, a.action, [...itemAt, "action"]);
  });
}

/**
 * dlt reads a dict's `action` before it matches the response (`_handle_response_action`) and raises when it
 * is none of a string, a callable or a list of them: every response of the endpoint fails (checked with dlt 1.26.0).
 */
function noAction(ctx: RuleContext, at: Path): void {
  const add = insertEntryEdit(ctx.doc, at, "action", "ignore");
  ctx.add({
    at,
    severity: "error",
    code: "missing_key",
    range: ctx.loc.value(at),
    fixes: add ? [{ title: 'Add `"action": "ignore"`', edits: [add] }] : undefined,
    message:
      "This response action has no `action`: dlt reads it before it matches the response, so the resource fails at its first " +
      "response, whatever its status — Received invalid value `action['action']=None` of type `NoneType`. Valid types are: " +
      "['str', 'Callable', 'List[Callable]']. Add `\"action\": \"ignore\"` (or, in Python, a callable).",
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
