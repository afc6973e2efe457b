/**
 * The parent/child cases of scripts/dlt-diff.ts (`--family`): parents served one page or several,
 * children fetched per parent through a path placeholder (`{resources.parents.id}`), an old-style
 * `resolve` path or query parameter, from a nested parent field, with `include_from_parent`, and a
 * parent that is not `selected`; children of one page or several, a second child, and a top-level
 * sibling of several pages, the resources in any order in the config — dlt's round robin decides the
 * order of the rows (and so of the columns) in every table.
 */
import type { Json } from "../lib/engine";
import { rng } from "./dlt-diff-cases";

export interface FamilyCase {
  readonly config: Record<string, Json>;
  /** The API's answer to `url`. */
  serve(url: URL): { body: string; headers: Record<string, string> };
}

export function makeFamilyCase(seed: number, baseUrl: string): FamilyCase {
  const r = rng(seed);
  const parents = Array.from({ length: r.int(6) }, (_, i) => ({ id: i + 1, slug: `p${i + 1}`, meta: { code: 100 + i } }));
  const children = new Map(
    parents.map((p) => [p.id, Array.from({ length: r.int(4) }, (_, j) => ({ cid: p.id * 10 + j, v: r.pick(["a", "b", null]) }))]),
  );
  const byCode = new Map(parents.map((p) => [p.meta.code, p.id]));
  const paged = r.next() < 0.5;
  const nested = r.next() < 0.3;
  const field = nested ? "meta.code" : "id";
  const style = r.pick(["placeholder", "resolve_path", "query_placeholder"] as const);
  const child: Record<string, Json> = { name: "children", endpoint: {} };
  const endpoint = child.endpoint as Record<string, Json>;
  if (style === "placeholder") endpoint.path = `parents/{resources.parents.${field}}/children`;
  else if (style === "resolve_path") {
    endpoint.path = "parents/{pid}/children";
    endpoint.params = { pid: { type: "resolve", resource: "parents", field } };
  } else {
    // dlt takes resolve params only in the path; a query parameter takes the placeholder.
    endpoint.path = "children";
    endpoint.params = { parent: `{resources.parents.${field}}` };
  }
  endpoint.data_selector = "data";
  const childPaged = r.next() < 0.4;
  endpoint.paginator = childPaged ? { type: "page_number", base_page: 1, total_path: "total" } : { type: "single_page" };
  if (r.next() < 0.5) child.include_from_parent = r.pick([["slug"], ["slug", "id"]]);
  const parent: Record<string, Json> = {
    name: "parents",
    endpoint: {
      path: "parents",
      data_selector: "data",
      paginator: paged ? { type: "page_number", base_page: 1, total_path: "total" } : { type: "single_page" },
    },
  };
  if (r.next() < 0.25) parent.selected = false;
  const resources: Record<string, Json>[] = [parent, child];
  // A second child (`notes`, one page per parent, a column that only some records have).
  if (r.next() < 0.35)
    resources.push({
      name: "notes",
      endpoint: { path: "notes/{resources.parents.id}", data_selector: "data", paginator: { type: "single_page" } },
    });
  // A top-level sibling of several pages: the top-level resources take turns.
  const siblings = Array.from({ length: r.int(5) }, (_, i) => ({ sid: i + 1, ...(i % 2 ? { odd: true } : {}) }));
  if (r.next() < 0.4)
    resources.push({
      name: "siblings",
      endpoint: { path: "siblings", data_selector: "data", paginator: { type: "page_number", base_page: 1, total_path: "total" } },
    });
  for (let i = resources.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [resources[i], resources[j]] = [resources[j]!, resources[i]!];
  }
  const size = 2;
  const page = (url: URL, all: readonly Json[], body: Record<string, Json>): Json[] => {
    const n = Number(url.searchParams.get("page") ?? 1);
    body.total = Math.max(1, Math.ceil(all.length / size));
    return all.slice((n - 1) * size, n * size);
  };
  return {
    config: { client: { base_url: baseUrl }, resources },
    serve(url) {
      const parts = url.pathname.split("/").filter(Boolean);
      let data: Json[] = [];
      const body: Record<string, Json> = {};
      if (parts[0] === "parents" && parts.length === 1) {
        data = paged ? page(url, parents, body) : parents;
      } else if (parts[0] === "siblings") {
        data = page(url, siblings, body);
      } else if (parts[0] === "notes") {
        const id = Number(parts[1]);
        data = [{ note: `n${id}`, ...(id % 3 === 0 ? { flag: id } : {}) }];
      } else {
        const key = Number(parts[0] === "children" ? url.searchParams.get("parent") : parts[1]);
        const all = children.get(nested ? (byCode.get(key) ?? -1) : key) ?? [];
        data = childPaged ? page(url, all, body) : all;
      }
      body.data = data;
      return { body: JSON.stringify(body), headers: {} };
    },
  };
}
