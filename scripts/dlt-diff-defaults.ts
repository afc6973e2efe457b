/**
 * The `resource_defaults` cases of scripts/dlt-diff.ts (`--defaults`): defaults for params, headers, the data
 * selector, the paginator, hints (keys, write disposition, nesting, columns) and resources that take them as
 * they are, override some (a `null` included) or are given by name only — against an API that echoes what it
 * was sent (path, query, two headers) into its records, so the tables show how each side merged the config
 * (dlt-rest-api.md §4.3). Compared as the plain mode compares (tables, columns, rows).
 */
import type { Json } from "../lib/engine";
import { rng, type Rng } from "./dlt-diff-cases";

export interface DefaultsCase {
  readonly config: Record<string, Json>;
  serve(url: URL, headers: Record<string, string | string[] | undefined>): { body: string; headers: Record<string, string> };
}

const maybe = (r: Rng, p: number, v: () => Json): Json | undefined => (r.next() < p ? v() : undefined);

/** `{k: v}` without the undefined entries. */
function dict(entries: Record<string, Json | undefined>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

export function makeDefaultsCase(seed: number, baseUrl: string): DefaultsCase {
  const r = rng(seed);
  const paged = { type: "page_number", base_page: 1, total_path: "total" };
  const defaults = dict({
    primary_key: maybe(r, 0.4, () => "id"),
    // No merge: dlt's filesystem destination (the plain mode's) falls back to append for it and adds no `_dlt_root_id`.
    write_disposition: maybe(r, 0.5, () => r.pick<Json>(["append", "replace", { disposition: "replace" }])),
    max_table_nesting: maybe(r, 0.3, () => r.int(2)),
    columns: maybe(r, 0.3, () => ({ name: { data_type: "text" }, score: { data_type: r.pick(["double", "text"]) } })),
    endpoint: maybe(r, 0.85, () =>
      dict({
        params: maybe(r, 0.6, () => ({ a: "1", b: "x" })),
        headers: maybe(r, 0.4, () => ({ "X-A": "ha", "X-B": "hb" })),
        data_selector: maybe(r, 0.7, () => "data"),
        paginator: maybe(r, 0.5, () => r.pick<Json>([{ type: "single_page" }, paged])),
      }),
    ),
  });
  const names = ["items", "things"].slice(0, 1 + r.int(2));
  const resources: Json[] = names.map((name) => {
    if (r.next() < 0.25) return name;
    const endpoint: Json | undefined = r.pick<() => Json | undefined>([
      () => undefined,
      () => `${name}/all`,
      () =>
        dict({
          path: maybe(r, 0.5, () => `${name}/v2`),
          params: maybe(r, 0.5, () => ({ b: "y", c: "3" })),
          headers: maybe(r, 0.4, () => ({ "X-B": "rb" })),
          data_selector: maybe(r, 0.2, () => null),
          paginator: maybe(r, 0.3, () => r.pick<Json>([null, { type: "single_page" }, paged])),
        }),
    ])();
    return dict({
      name,
      endpoint,
      primary_key: maybe(r, 0.2, () => "k"),
      write_disposition: maybe(r, 0.3, () => r.pick(["append", "replace"])),
      max_table_nesting: maybe(r, 0.2, () => 2),
      columns: maybe(r, 0.2, () => ({ score: { data_type: "bigint" }, extra: { data_type: "text", nullable: false } })),
    });
  });
  const rows = 1 + r.int(3);
  return {
    config: { client: { base_url: baseUrl }, ...(Object.keys(defaults).length > 0 ? { resource_defaults: defaults } : {}), resources },
    serve(url, headers) {
      const page = Number(url.searchParams.get("page") ?? 1);
      const q = [...url.searchParams]
        .map(([k, v]) => `${k}=${v}`)
        .sort()
        .join("&");
      const one = (h: string | string[] | undefined): Json => (Array.isArray(h) ? h.join(",") : (h ?? null));
      const data =
        page > 1
          ? []
          : Array.from({ length: rows }, (_, i) => ({
              id: i + 1,
              k: `k${i % 2}`,
              name: `n${i}`,
              score: i * 1.5,
              path: url.pathname,
              q,
              hx_a: one(headers["x-a"]),
              hx_b: one(headers["x-b"]),
              nested: { v: { w: i }, list: [i, i + 1] },
            }));
      return { body: JSON.stringify({ data, total: 1 }), headers: {} };
    },
  };
}
