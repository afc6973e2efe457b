/**
 * A resource's request as its templates make it: headers, path, params and body filled from the
 * parent record, the path params and the incremental (dlt-rest-api.md §6), the incremental's
 * `start_param`/`end_param` set.
 */
import { EngineError, type Json } from "./types";
import { formatDeep, formatString, pyStr, type Lookup } from "./interpolate";
import { setParam, toQueryParams, type RequestSpec } from "./request";
import { joinUrl, type PreparedResource } from "./prepare";
import type { IncrementalRun } from "./incremental";
import { setOwn } from "../shared";

/** The path's lookup: static path params (`{org}`) besides the parent and incremental contexts. */
const withPathParams =
  (r: PreparedResource, lookup: Lookup): Lookup =>
  (name) =>
    Object.hasOwn(r.pathParams, name) ? r.pathParams[name] : lookup(name);

/**
 * `start`: what `start_param` sends — the run's start value for a top-level resource; for a child,
 * the incremental's live `last_value` as its parent page's records start (dlt's
 * `_set_incremental_params` in `paginate_dependent_resource`, once per parent page).
 */
export function buildSpec(
  r: PreparedResource,
  lookup: Lookup,
  inc: IncrementalRun | null,
  start: Json = inc?.startValue ?? null,
): RequestSpec {
  const headers: Record<string, string> = { ...r.clientHeaders };
  for (const [k, v] of Object.entries(formatDeep(r.headers, lookup, false) as Record<string, Json>)) {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === k.toLowerCase()) delete headers[existing];
    // None (`"X-H": None`, a `dlt.config.get(...)` without a value) leaves the header out, as requests' merge_setting does.
    if (v !== null) setOwn(headers, k, pyStr(v));
  }
  let spec: RequestSpec = {
    method: r.method,
    url: joinUrl(r.baseUrl, formatString(r.path, withPathParams(r, lookup))),
    params: toQueryParams(formatDeep(r.params, lookup, false) as Record<string, Json>),
    headers,
    ...(r.json !== undefined ? { json: formatDeep(r.json, lookup, true) } : {}),
    ...(r.data !== undefined ? { data: formatDeep(r.data, lookup, false) } : {}),
  };
  if (inc && r.incremental?.start_param && start !== null) spec = setParam(spec, r.incremental.start_param, pyStr(start));
  if (inc && r.incremental?.end_param && inc.endValue !== null) spec = setParam(spec, r.incremental.end_param, pyStr(inc.endValue));
  return spec;
}

/** `{incremental.<attr>}` and nothing else (the parent's fields come first for children). */
export function incrementalLookup(r: PreparedResource, inc: IncrementalRun | null): Lookup {
  return (name) => {
    if (inc && name.startsWith("incremental.")) {
      const attr = name.slice("incremental.".length);
      // Read live, as dlt passes its incremental object itself: a child's record sees what earlier records moved them to.
      if (attr === "last_value") return inc.liveLast();
      if (attr === "start_value") return inc.currentStart();
      if (Object.hasOwn(inc.context, attr)) return inc.context[attr];
      throw new EngineError(
        "placeholder_error",
        `\`{${name}}\`: the incremental has no attribute \`${attr}\` (use initial_value, start_value, last_value or end_value).`,
        { resource: r.name },
      );
    }
    throw new EngineError("placeholder_error", `\`{${name}}\` cannot be filled here.`, { resource: r.name });
  };
}
