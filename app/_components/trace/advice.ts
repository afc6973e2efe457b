/** What to do about an engine error, by its literal code (rule 5: switch on `code`, never on text). */
import type { EngineErrorJson } from "@/lib/engine";

/** An engine error's code, or `invalid_config`: the run was refused before it started (lib/run's envelope). */
type AdviceCode = EngineErrorJson["code"] | "invalid_config";

export function adviceFor(error: { readonly code: AdviceCode; readonly status?: number | undefined }): string {
  switch (error.code) {
    case "missing_secret":
      return "Enter the value in the Secrets panel, or switch the target to Mock to use the demo values.";
    case "auth_failed":
      // No status: the token endpoint never answered (a host that does not resolve, a refused connection).
      if (error.status === undefined)
        return (
          "The token endpoint did not answer: check the host of its URL (token_url / access_token_url). Live runs reach " +
          "public hosts only, unless the server allows others with RESTPLAY_ALLOW_HOSTS."
        );
      if (error.status === 429 || error.status >= 500)
        return "The token endpoint failed on its side: try again later; the credentials were not judged.";
      return (
        "The credentials were refused: check client_id / client_secret (or the token) in the " +
        "Secrets panel. In Mock mode, clear a field to use the demo value."
      );
    case "http_error":
      if (error.status === 401 || error.status === 403)
        return "The API refused the credentials: check the values in the Secrets panel (and the auth type and location).";
      if (error.status === 404) return "Check base_url and the endpoint path.";
      if (error.status === 429 || (error.status ?? 0) >= 500)
        return "The API kept failing after the retries: try again later, or retry more often (max_retries / backoff).";
      return "Expand the request above to see the API's answer; check params and the endpoint path.";
    case "network_error":
      return (
        "Check the host name in base_url. Live runs reach public hosts only, unless the server " +
        "allows others with RESTPLAY_ALLOW_HOSTS."
      );
    case "timeout":
      return "The API did not answer in time: try again, or ask for smaller pages.";
    case "invalid_json":
      return "The endpoint did not answer with JSON: check the path (and whether it needs an Accept header).";
    case "paginator_error":
      return "Check the paginator's paths (total_path, cursor_path, next_url_path) against the response body above.";
    case "selector_error":
      return "Check data_selector against the response body (expand the request to see it).";
    case "placeholder_error":
      return "Each {placeholder} in path or params must name a parent resource field or an incremental value.";
    case "invalid_config":
      // Refused before it started: an error in the config, or a reference whose value only a run gives (`limit: dlt.config[…]`).
      return "Fix the errors listed under Problems, or give the references the run needs their values (the Secrets panel), then run again.";
    case "cancelled":
      return "The run was cancelled; press Run to start again.";
    case "unsupported":
      return "The playground cannot run this part; dlt may still accept the config.";
    case "invalid_request":
      return "The request could not be built from the values bound at run time: check base_url (or its value) and the headers.";
    case "step_failed":
      return "A processing step raised, as it would under dlt: fix its code, or guard it (`x.get(key)` for a key that may be missing).";
    case "parent_failed":
      return "Its parent resource failed: fix the parent's error above, and the child runs with it.";
    case "too_many_redirects":
      return (
        "The API kept redirecting (or redirected in a circle): open the last request's URL to see " +
        "where it leads, and use the final URL in base_url or path."
      );
    case "internal_error":
      return "This is a bug in restplay: please report it with the config (without secrets). Running again may help.";
  }
}
