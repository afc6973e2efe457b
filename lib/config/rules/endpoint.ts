/** Endpoint checks resolution cannot express: the seed's `error_handler`, response actions, the endpoint's paginator and auth. */
import type { Path } from "../located";
import { removeEntriesEdits } from "../fixes";
import { checkAuth } from "./auth";
import { checkPaginator } from "./paginator";
import { checkResponseActions } from "./response-actions";
import { isObj, type RuleContext } from "./context";

export function checkEndpoint(ctx: RuleContext, ep: unknown, at: Path): void {
  if (!isObj(ep)) return;
  checkPaginator(ctx, ep.paginator, [...at, "paginator"], at);
  checkAuth(ctx, ep.auth, [...at, "auth"]);
  if (isObj(ep.error_handler)) errorHandler(ctx, ep.error_handler, at);
  checkResponseActions(ctx, ep.response_actions, [...at, "response_actions"]);
}

function errorHandler(ctx: RuleContext, eh: Record<string, unknown>, at: Path): void {
  const retries = typeof eh.max_retries === "number" ? eh.max_retries : 4;
  const backoff = typeof eh.backoff_factor === "number" ? eh.backoff_factor : 1;
  const statuses = Array.isArray(eh.retry_on_status_codes)
    ? eh.retry_on_status_codes.filter((s): s is number => typeof s === "number")
    : [];
  const custom = statuses.some((s) => s !== 429 && (s < 500 || s > 599));
  ctx.add({
    at: [...at, "error_handler"],
    severity: "warning",
    code: "dialect_error_handler",
    range: ctx.loc.key([...at, "error_handler"]),
    fixes: [
      {
        title: "Remove `error_handler` (changes behaviour: this endpoint then gets dlt's global retries, 429 and 5xx, 5 attempts)",
        edits: removeEntriesEdits(ctx.doc, at, ["error_handler"]),
      },
    ],
    message: `dlt rejects \`error_handler\`: its retries are global runtime settings, not per endpoint. Here that is \`request_max_attempts = ${retries + 1}\` (max_retries ${retries} + the first try) and \`request_backoff_factor = ${backoff}\`; dlt retries only 429 and 5xx${custom ? ` (this handler also retries ${statuses.filter((s) => s !== 429 && (s < 500 || s > 599)).join(", ")}, which needs a custom \`client.session\`)` : ""}. restplay honours it for this endpoint, and the Python download writes the runtime settings.`,
  });
}
