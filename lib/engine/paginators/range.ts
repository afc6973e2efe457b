/** offset and page_number (dlt-rest-api.md §7.4): the range family with dlt's exact stop rules. */
import type { PaginatorTypedConfig } from "../../config/schema";
import { EngineError, type Json } from "../types";
import { compilePath, firstMatch } from "../jsonpath";
import { setBodyPath, setParam, type RequestSpec } from "../request";
import type { PageInfo, Paginator, Step } from "./types";

type Offset = Extract<PaginatorTypedConfig, { type: "offset" }>;
type PageNumber = Extract<PaginatorTypedConfig, { type: "page_number" }>;

const snippet = (body: Json | undefined) => {
  const s = JSON.stringify(body) ?? "undefined";
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
};

/** Python `int()` of a total: numeric strings accepted, floats truncated. */
function toInt(v: Json, path: string, cls: string): number {
  if (typeof v === "number" && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === "string" && /^\s*[-+]?\d+\s*$/.test(v)) return Number.parseInt(v, 10);
  if (typeof v === "boolean") return v ? 1 : 0;
  throw new EngineError("paginator_error", `'${path}' is not an \`int\` in the response in \`${cls}\`. Expected an integer, got \`${JSON.stringify(v)}\``);
}

function toBool(v: Json | undefined, path: string, cls: string, body: Json | undefined): boolean {
  if (v === undefined || v === null) throw new EngineError("paginator_error", `Has more value not found in the response in \`${cls}\`.Expected a response with a \`${path}\` key, got \`${snippet(body)}\`.`);
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    if (["yes", "true", "t", "y", "1"].includes(t)) return true;
    if (["no", "false", "f", "n", "0"].includes(t)) return false;
  }
  throw new EngineError("paginator_error", `'${path}' is not a \`bool\` in the response in \`${cls}\`. Expected a boolean, got \`${JSON.stringify(v)}\``);
}

interface RangeOptions {
  readonly name: string;
  readonly cls: string;
  readonly unit: "offset" | "page";
  readonly param: string | null;
  readonly bodyPath: string | null;
  readonly start: number;
  readonly step: number;
  readonly base: number;
  readonly totalPath: string | null;
  readonly totalWhat: "items" | "pages";
  readonly maximum: number | null;
  readonly stopAfterEmpty: boolean;
  readonly hasMorePath: string | null;
  readonly fixed: (req: RequestSpec) => RequestSpec;
  readonly pageSize?: number;
  readonly describe: string;
}

function range(o: RangeOptions): Paginator {
  const total = o.totalPath === null ? null : compilePath(o.totalPath);
  const hasMore = o.hasMorePath === null ? null : compilePath(o.hasMorePath);
  let current = o.start;
  const write = (req: RequestSpec, v: number) => o.fixed(o.bodyPath ? setBodyPath(req, o.bodyPath, v) : setParam(req, o.param ?? o.unit, String(v)));
  return {
    name: o.name,
    describe: o.describe,
    pageSize: o.pageSize,
    init(req) {
      current = o.start;
      return write(req, current);
    },
    next(page: PageInfo): Step {
      if (o.stopAfterEmpty && page.records.length === 0) return { stop: true, reason: `stopped: empty page at ${o.unit} ${current}` };
      let totalValue: number | null = null;
      if (total && o.totalPath !== null) {
        const v = firstMatch(total, page.body);
        if (v === undefined || v === null) {
          throw new EngineError("paginator_error", `Total \`${o.totalWhat}\` not found in the response in \`${o.cls}\` .Expected a response with a \`${o.totalPath}\` key, got \`${snippet(page.body)}\`. Set \`total_path\` to where the API reports it, or \`total_path: None\` to page until an empty page.`);
        }
        totalValue = toInt(v, o.totalPath, o.cls);
      }
      const next = current + o.step;
      let stop = false;
      let reason: string;
      const what = o.unit === "offset" ? "offset" : "page";
      if (totalValue !== null && next >= totalValue + o.base) {
        stop = true;
        reason = `stopped: ${what} ${next} >= total ${totalValue}${o.unit === "page" ? ` pages (base_page ${o.base})` : ""}`;
      } else if (o.maximum !== null && next >= o.maximum) {
        stop = true;
        reason = `stopped: maximum_${what} ${o.maximum} reached (exclusive)`;
      } else {
        reason = totalValue !== null ? `next ${what} ${next}: ${next} < total ${totalValue + o.base}${o.unit === "page" && o.base ? ` (total ${totalValue} + base_page ${o.base})` : ""}` : `next ${what} ${next}: the page had ${page.records.length} records`;
      }
      if (hasMore && o.hasMorePath !== null) {
        const more = toBool(firstMatch(hasMore, page.body), o.hasMorePath, o.cls, page.body);
        if (more !== !stop) reason = `${more ? `next ${what} ${next}` : "stopped"}: \`${o.hasMorePath}\` is ${String(more)} (overrides: ${reason})`;
        stop = !more;
      }
      if (stop) return { stop: true, reason };
      current = next;
      return { stop: false, reason, request: write(page.request, current) };
    },
  };
}

export function offsetPaginator(c: Offset): Paginator {
  const limitParam = c.limit_body_path ? null : (c.limit_param ?? "limit");
  const totalPath = c.total_path === undefined ? "total" : c.total_path;
  return range({
    name: "offset", cls: "OffsetPaginator", unit: "offset",
    param: c.offset_body_path ? null : (c.offset_param ?? "offset"), bodyPath: c.offset_body_path ?? null,
    start: c.offset ?? 0, step: c.limit, base: 0, totalPath, totalWhat: "items",
    maximum: c.maximum_offset ?? null, stopAfterEmpty: c.stop_after_empty_page ?? true, hasMorePath: c.has_more_path ?? null,
    fixed: (req) => (c.limit_body_path ? setBodyPath(req, c.limit_body_path, c.limit) : setParam(req, limitParam ?? "limit", String(c.limit))),
    pageSize: c.limit,
    describe: `offset(limit=${c.limit}, total_path=${totalPath ?? "None"}${c.maximum_offset !== undefined ? `, maximum_offset=${c.maximum_offset}` : ""})`,
  });
}

export function pageNumberPaginator(c: PageNumber): Paginator {
  const base = c.base_page ?? 0;
  const totalPath = c.total_path === undefined ? "total" : c.total_path;
  // Seed dialect: `limit` + `limit_param` send the page size on every page (seed-dialect.md).
  const limitParam = c.limit !== undefined ? (c.limit_param ?? "limit") : null;
  return range({
    name: "page_number", cls: "PageNumberPaginator", unit: "page",
    param: c.page_body_path ? null : (c.page_param ?? "page"), bodyPath: c.page_body_path ?? null,
    start: c.page ?? base, step: 1, base, totalPath, totalWhat: "pages",
    maximum: c.maximum_page ?? null, stopAfterEmpty: c.stop_after_empty_page ?? true, hasMorePath: c.has_more_path ?? null,
    fixed: (req) => (limitParam !== null ? setParam(req, limitParam, String(c.limit)) : req),
    pageSize: c.limit,
    describe: `page_number(page_param=${c.page_param ?? "page"}, base_page=${base}, total_path=${totalPath ?? "None"}${limitParam ? `, ${limitParam}=${c.limit} (seed dialect)` : ""})`,
  });
}
