/**
 * The shapes of a `--steps` case beyond one page (./dlt-diff-steps.ts), as users write them around their steps: the
 * records over several pages (`page_number` with `total_path`, `offset` with `total_path`, now and then capped by
 * `maximum_page`/`maximum_offset`); an `incremental` whose cursor a step computes or changes (dlt filters after the
 * steps); a child resource with steps of its own under the parent's (`include_from_parent` now and then); with
 * `--family`, the parent paged, or top-level resources side by side (`familyShapeOf`). Each shape gives the resource's
 * (or resources') config and the API's answer to a URL.
 */
import type { Json } from "../lib/engine";
import { write, type Gen, type Rng } from "./dlt-diff-cases";

export type Shape = "page" | "pages" | "incremental" | "family" | "paged-family" | "siblings";

export interface Shaped {
  readonly shape: Shape;
  /** The resources, each without `processing_steps` (the caller adds the parent's; `childSteps` the child's). */
  readonly resources: Record<string, Json>[];
  /** A step the shape adds to the parent's list (the cursor a step computes), at a random place. */
  readonly cursorStep?: string;
  /** The steps of the resources after the first (Python, a list's items): the child's, or the siblings'. */
  readonly childSteps?: string;
  serve(url: URL): { body: string; headers: Record<string, string> };
}

const json = (v: Gen) => ({ body: write(v), headers: { "content-type": "application/json" } });

/** Child steps as users write them: filters and maps of the child's records, reading the parent's field. */
const CHILD_STEPS = [
  '{"filter": lambda c: c["v"] != "b"}',
  '{"map": lambda c: {**c, "parent_slug": c.get("_items_name"), "k": c["cid"] % 10}}',
  '{"map": lambda c: {**c, "label": f"{c[\'cid\']}-{c.get(\'v\')}"}}',
  '{"yield_map": lambda c: [c, {"cid": c["cid"] + 1000, "v": "copy"}]}',
  '{"map": lambda c: None if c["cid"] % 3 == 0 else c}',
];

/** The child records of parent `id` (1–3 of them). */
function childRecords(id: number): Gen[] {
  const n = Number.isFinite(id) ? (Math.abs(id) % 3) + 1 : 1;
  return Array.from({ length: n }, (_, k) => ({ cid: id * 10 + k, v: ["a", "b", null][(id + k) % 3] ?? null }));
}

/** `page_number` pages of `size` records over `records` (`total_pages`), page 1 first. */
function pagedBy(size: number, records: Gen[]) {
  const pages = Math.max(1, Math.ceil(records.length / size));
  return {
    paginator: { type: "page_number", base_page: 1, page_param: "page", total_path: "total_pages" } as Record<string, Json>,
    serve: (url: URL) => {
      const at = Number(url.searchParams.get("page") ?? "1") - 1;
      return json({ data: records.slice(at * size, (at + 1) * size), total_pages: pages });
    },
  };
}

/** Steps of a sibling resource: a `yield_map`, now and then with a map or filter after it, or a map alone. */
const SIBLING_STEPS = [
  '{"yield_map": lambda x: [x, {**x, "copy": True}]}',
  '{"yield_map": lambda x: [{**x, "k": k} for k in range(2)]}, {"filter": lambda x: x["id"] % 2 == 0 or x.get("k") == 0}',
  '{"map": lambda x: {**x, "seen": True}}',
];

/**
 * `--steps --family` (an rng of their own, so `--steps` seeds keep their cases): the parent paged (two records a page,
 * its `yield_map`'s items interleave with its next pages and the child's requests), or two or three top-level resources
 * paged side by side, each with steps (dlt's round robin over their generators and their `yield_map`s').
 */
export function familyShapeOf(r: Rng, records: Gen[]): Shaped {
  if (r.next() < 0.5) {
    const parent = pagedBy(2, records);
    const child: Record<string, Json> = {
      name: "details",
      endpoint: { path: "items/{resources.items.id}/details", data_selector: "data", paginator: { type: "single_page" } },
    };
    if (r.next() < 0.5) child.include_from_parent = ["name"];
    return {
      shape: "paged-family",
      resources: [{ name: "items", endpoint: { path: "items", data_selector: "data", paginator: parent.paginator } }, child],
      childSteps: [...new Set(Array.from({ length: 1 + r.int(2) }, () => r.pick(CHILD_STEPS)))].join(", "),
      serve: (url) => {
        const m = /\/items\/([^/]+)\/details$/.exec(url.pathname);
        return m ? json({ data: childRecords(Number(m[1])) }) : parent.serve(url);
      },
    };
  }
  // The siblings page other slices of the records (their own ids): `items` the whole, `more`/`most` a part each.
  const names = ["items", "more", "most"].slice(0, 2 + r.int(2));
  const served = new Map(
    names.map((name, i) => {
      const slice = i === 0 ? records : records.slice(i - 1).map((x, k) => ({ ...(x as Record<string, Gen>), id: 100 * i + k }));
      return [name, pagedBy(2 + r.int(2), slice)] as const;
    }),
  );
  return {
    shape: "siblings",
    resources: names.map((name) => ({ name, endpoint: { path: name, data_selector: "data", paginator: served.get(name)!.paginator } })),
    childSteps: r.pick(SIBLING_STEPS),
    serve: (url) => served.get(url.pathname.split("/").filter(Boolean).at(-1) ?? "")?.serve(url) ?? json({ data: [] }),
  };
}

/** The records' pages, the child records by parent id. */
export function shapeOf(r: Rng, records: Gen[]): Shaped {
  const roll = r.next();
  const page = (url: URL) => (url.pathname.endsWith("/items") ? json({ data: records }) : json({ data: [] }));
  const items = (paginator: Json, extra: Record<string, Json> = {}): Record<string, Json> => ({
    name: "items",
    endpoint: { path: "items", data_selector: "data", paginator, ...extra },
  });
  if (roll < 0.4) return { shape: "page", resources: [items({ type: "single_page" })], serve: page };
  if (roll < 0.65) {
    const size = 2 + r.int(2);
    const pages = Math.max(1, Math.ceil(records.length / size));
    const slice = (i: number) => records.slice(i * size, (i + 1) * size);
    if (r.next() < 0.5) {
      const paginator: Record<string, Json> = { type: "page_number", base_page: 1, page_param: "page", total_path: "total_pages" };
      if (r.next() < 0.3) paginator.maximum_page = 1 + r.int(pages);
      return {
        shape: "pages",
        resources: [items(paginator)],
        serve: (url) => json({ data: slice(Number(url.searchParams.get("page") ?? "1") - 1), total_pages: pages }),
      };
    }
    const paginator: Record<string, Json> = {
      type: "offset",
      limit: size,
      offset_param: "offset",
      limit_param: "limit",
      total_path: "total",
    };
    if (r.next() < 0.3) paginator.maximum_offset = size * (1 + r.int(pages));
    return {
      shape: "pages",
      resources: [items(paginator)],
      serve: (url) => {
        const at = Number(url.searchParams.get("offset") ?? "0");
        return json({ data: records.slice(at, at + size), total: records.length });
      },
    };
  }
  if (roll < 0.85) {
    const cursorStep = r.pick([
      '{"map": lambda x: {**x, "updated": x["id"] * 10}}',
      '{"map": lambda x: {**x, "updated": (x.get("qty") or 0) * 7 + x["id"]}}',
      '{"map": lambda x: {**x, "updated": f"2024-01-{x[\'id\']:02d}T00:00:00Z"}}',
    ]);
    const initial: Json = cursorStep.includes("2024-01") ? "2024-01-03T00:00:00Z" : r.pick([0, 20, 30]);
    const incremental: Record<string, Json> = { cursor_path: "updated", initial_value: initial };
    if (r.next() < 0.3) incremental.row_order = "asc";
    return { shape: "incremental", resources: [items({ type: "single_page" }, { incremental })], cursorStep, serve: page };
  }
  const child: Record<string, Json> = {
    name: "details",
    endpoint: { path: "items/{resources.items.id}/details", data_selector: "data", paginator: { type: "single_page" } },
  };
  if (r.next() < 0.6) child.include_from_parent = ["name"];
  const childSteps = [...new Set(Array.from({ length: 1 + r.int(2) }, () => r.pick(CHILD_STEPS)))].join(", ");
  return {
    shape: "family",
    resources: [items({ type: "single_page" }), child],
    childSteps,
    serve: (url) => {
      const m = /\/items\/([^/]+)\/details$/.exec(url.pathname);
      return m ? json({ data: childRecords(Number(m[1])) }) : page(url);
    },
  };
}
