/**
 * offset and page_number (dlt-rest-api.md §7.4): one range family with dlt's exact stop rules. Their
 * constructor errors are lib/config's (resolve/paginator.ts): a config that reaches here has a stop rule
 * and one placement of each value.
 */
import { EngineError, type Json } from "../types";
import { compilePath, firstMatch, firstMatchAsSent } from "../jsonpath";
import { setBodyPath, setParam, type RequestSpec } from "../request";
import type { PageResponse, PaginatorConfigOf, PaginatorImpl, StopKind, Update } from "./types";
import { exactlyOne, toBool, toInt } from "./values";
import { pyIntJson, pyIntOf, spellable, type PyNumber } from "../../shared";

export interface RangeState {
  /** The offset or page number the next request asks for: a Python int, exact beyond 2^53 (dlt pages with `12345678901234567890`). */
  readonly current: bigint;
}

interface RangeOptions {
  readonly type: "offset" | "page_number";
  readonly cls: "OffsetPaginator" | "PageNumberPaginator";
  readonly unit: "offset" | "page";
  readonly param: string | null;
  readonly bodyPath: string | null;
  readonly start: bigint;
  readonly step: bigint;
  readonly base: bigint;
  readonly totalPath: string | null;
  readonly maximum: bigint | null;
  readonly stopAfterEmpty: boolean;
  readonly hasMorePath: string | null;
  /** Parameters sent with every page (offset's `limit`, the dialect's page size). */
  readonly fixed: (req: RequestSpec) => RequestSpec;
  /** `fixed` is an endpoint param in dlt's form (the dialect's page size): it goes before the page's, as requests writes params. */
  readonly fixedFirst?: boolean;
  readonly pageSize?: number;
  readonly describe: string;
}

function range(o: RangeOptions): PaginatorImpl<RangeState> {
  const total = o.totalPath === null ? null : compilePath(o.totalPath);
  const hasMore = o.hasMorePath === null ? null : compilePath(o.hasMorePath);
  const what = o.unit;
  const vsTotal = (n: bigint, t: bigint, op: "<" | ">=") =>
    o.unit === "offset"
      ? `offset ${n} ${op} total ${t}`
      : o.base === 0n
        ? `page ${n} ${op} total ${t} (base_page 0)`
        : `page ${n} ${op} total ${t} + base_page ${o.base}`;
  return {
    type: o.type,
    describe: o.describe,
    ...(o.pageSize !== undefined ? { pageSize: o.pageSize } : {}),
    init: () => ({ current: o.start }),
    apply: (req, s) => {
      const at = (r: RequestSpec) =>
        o.bodyPath !== null ? setBodyPath(r, o.bodyPath, pyIntJson(s.current)) : setParam(r, o.param ?? o.unit, String(s.current));
      return o.fixedFirst ? at(o.fixed(req)) : o.fixed(at(req));
    },
    label: () => o.type,
    update(s: RangeState, res: PageResponse, records: readonly Json[]): Update<RangeState> {
      if (o.stopAfterEmpty && records.length === 0)
        return { decision: "stop", state: s, reason: "stopped: empty page", stop: "empty_page" };
      let totalValue: bigint | null = null;
      if (total !== null && o.totalPath !== null) {
        const read = firstMatch(total, res.body);
        // A total JSON.parse changed (digits beyond 2^53, `1e400`) as Python's json holds it.
        const v = spellable(read) ? firstMatchAsSent(total, res.body, res.texts) : read;
        if (v === undefined || v === null) {
          const meaning = o.unit === "offset" ? "number of items" : "number of pages";
          throw new EngineError(
            "paginator_error",
            `Total \`${o.unit === "offset" ? "items" : "pages"}\` not found in the response in \`${o.cls}\` .Expected a response with a \`${o.totalPath}\` key, got \`${res.show(res.body)}\`. Set \`total_path\` to where the API reports the total ${meaning}, or \`total_path: null\` to page until an empty page.`,
          );
        }
        totalValue = toInt(v, o.totalPath, o.cls);
      }
      const next = s.current + o.step;
      let stop: StopKind | null = null;
      let reason: string;
      if (totalValue !== null && next >= totalValue + o.base) [stop, reason] = ["total", `stopped: ${vsTotal(next, totalValue, ">=")}`];
      else if (o.maximum !== null && next >= o.maximum) [stop, reason] = ["maximum", `stopped: maximum_${what} ${o.maximum} reached`];
      else if (totalValue !== null) reason = `next ${what} ${next}: ${vsTotal(next, totalValue, "<")}`;
      else if (o.maximum !== null) reason = `next ${what} ${next}: ${what} ${next} < maximum_${what} ${o.maximum}`;
      else reason = `next ${what} ${next}: the page had ${records.length} records and there is no total_path`;
      if (hasMore !== null && o.hasMorePath !== null) {
        const more = toBool(firstMatch(hasMore, res.body), o.hasMorePath, o.cls, res);
        if (more && stop !== null) [stop, reason] = [null, `next ${what} ${next}: \`${o.hasMorePath}\` is true (overrides: ${reason})`];
        else if (!more && stop === null) [stop, reason] = ["has_more", `stopped: \`${o.hasMorePath}\` is false`];
        else reason = `${reason}; \`${o.hasMorePath}\` is ${String(more)}`;
      }
      if (stop !== null) return { decision: "stop", state: s, reason, stop };
      return { decision: "next", state: { current: next }, reason };
    },
  };
}

/** A config's Python int as its digits. */
function shown(v: number | PyNumber): string;
function shown(v: number | PyNumber | undefined): string | undefined;
function shown(v: number | PyNumber | undefined): string | undefined {
  return v === undefined ? undefined : pyIntOf(v).toString();
}

const extras = (pairs: [string, string | number | boolean | undefined | null, unknown][]) =>
  pairs
    .filter(([, v, dflt]) => v !== undefined && v !== dflt)
    .map(([k, v]) => `, ${k}=${v === null ? "None" : v === false ? "False" : v === true ? "True" : v}`)
    .join("");

export function offsetPaginator(c: PaginatorConfigOf<"offset">): PaginatorImpl<RangeState> {
  const limit = pyIntOf(c.limit);
  const off = exactlyOne(c.offset_param, c.offset_body_path, ["offset_param", "offset_body_path"], "offset");
  const lim = exactlyOne(c.limit_param, c.limit_body_path, ["limit_param", "limit_body_path"], "limit");
  const totalPath = c.total_path === undefined ? "total" : c.total_path;
  const stopAfterEmpty = c.stop_after_empty_page ?? true;
  return range({
    type: "offset",
    cls: "OffsetPaginator",
    unit: "offset",
    param: off.param,
    bodyPath: off.bodyPath,
    start: pyIntOf(c.offset ?? 0),
    step: limit,
    base: 0n,
    totalPath,
    maximum: c.maximum_offset === undefined ? null : pyIntOf(c.maximum_offset),
    stopAfterEmpty,
    hasMorePath: c.has_more_path ?? null,
    fixed: (req) =>
      lim.bodyPath !== null ? setBodyPath(req, lim.bodyPath, pyIntJson(limit)) : setParam(req, lim.param ?? "limit", String(limit)),
    pageSize: Number(limit),
    describe: `offset(limit=${limit}, total_path=${totalPath ?? "None"}${extras([
      ["offset", shown(c.offset), "0"],
      ["offset_param", c.offset_param, "offset"],
      ["offset_body_path", c.offset_body_path, undefined],
      ["limit_param", c.limit_param, "limit"],
      ["limit_body_path", c.limit_body_path, undefined],
      ["maximum_offset", shown(c.maximum_offset), undefined],
      ["has_more_path", c.has_more_path, undefined],
      ["stop_after_empty_page", c.stop_after_empty_page, true],
    ])})`,
  });
}

export function pageNumberPaginator(c: PaginatorConfigOf<"page_number">): PaginatorImpl<RangeState> {
  const base = pyIntOf(c.base_page ?? 0);
  const page = exactlyOne(c.page_param, c.page_body_path, ["page_param", "page_body_path"], "page");
  const totalPath = c.total_path === undefined ? "total" : c.total_path;
  const stopAfterEmpty = c.stop_after_empty_page ?? true;
  // Seed dialect (seed-dialect.md): `limit` + `limit_param` send the page size on every page.
  const limit = c.limit;
  const limitParam = limit !== undefined ? (c.limit_param ?? "limit") : null;
  return range({
    type: "page_number",
    cls: "PageNumberPaginator",
    unit: "page",
    param: page.param,
    bodyPath: page.bodyPath,
    start: c.page === undefined ? base : pyIntOf(c.page),
    step: 1n,
    base,
    totalPath,
    maximum: c.maximum_page === undefined ? null : pyIntOf(c.maximum_page),
    stopAfterEmpty,
    hasMorePath: c.has_more_path ?? null,
    fixed: (req) => (limitParam !== null && limit !== undefined ? setParam(req, limitParam, shown(limit)) : req),
    fixedFirst: true,
    ...(limit !== undefined ? { pageSize: Number(pyIntOf(limit)) } : {}),
    describe: `page_number(${page.bodyPath !== null ? `page_body_path=${page.bodyPath}` : `page_param=${page.param}`}, base_page=${base}, total_path=${totalPath ?? "None"}${extras(
      [
        ["page", shown(c.page), undefined],
        ["maximum_page", shown(c.maximum_page), undefined],
        ["has_more_path", c.has_more_path, undefined],
        ["stop_after_empty_page", c.stop_after_empty_page, true],
      ],
    )}${limitParam !== null ? `, ${limitParam}=${shown(limit)} (seed dialect)` : ""})`,
  });
}
