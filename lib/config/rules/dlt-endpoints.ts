/**
 * Every endpoint dict of a config with its path (resource_defaults' and each resource's): the walk the
 * rules added for issue 9 share (incremental params, paginator parameter names). When the rules move
 * into the resolution step, this is what a resolved source lists already.
 */
import type { Path } from "../located";
import { hasMarker } from "../../shared";
import { isObj, type Obj } from "./context";

export interface EndpointAt {
  readonly endpoint: Obj;
  readonly at: Path;
}

export function endpointsOf(plain: unknown): EndpointAt[] {
  if (!isObj(plain)) return [];
  const out: EndpointAt[] = [];
  const defaults = isObj(plain.resource_defaults) ? plain.resource_defaults.endpoint : undefined;
  if (isObj(defaults) && !hasMarker(defaults)) out.push({ endpoint: defaults, at: ["resource_defaults", "endpoint"] });
  if (Array.isArray(plain.resources)) {
    plain.resources.forEach((r: unknown, i: number) => {
      const ep = isObj(r) ? r.endpoint : undefined;
      if (isObj(ep) && !hasMarker(ep)) out.push({ endpoint: ep, at: ["resources", i, "endpoint"] });
    });
  }
  return out;
}

/** Every paginator dict (client's and each endpoint's) with its path. */
export function paginatorsOf(plain: unknown): { readonly paginator: Obj; readonly at: Path }[] {
  if (!isObj(plain)) return [];
  const out: { paginator: Obj; at: Path }[] = [];
  if (isObj(plain.client) && isObj(plain.client.paginator)) out.push({ paginator: plain.client.paginator, at: ["client", "paginator"] });
  for (const { endpoint, at } of endpointsOf(plain))
    if (isObj(endpoint.paginator)) out.push({ paginator: endpoint.paginator, at: [...at, "paginator"] });
  return out;
}
