/** `auto`: dlt's detection on the first response (dlt-rest-api.md §7.5), then the detected paginator. */
import type { Json } from "../types";
import type { PageInfo, Paginator, Step } from "./types";
import { cursor, headerLink, jsonLink, parseLinkHeader, singlePage } from "./links";
import { pageNumberPaginator } from "./range";

type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function findKey(body: Obj, test: (k: string, v: Json) => boolean, path: string[] = []): { path: string; value: Json } | null {
  for (const [k, v] of Object.entries(body)) {
    if (test(k.toLowerCase(), v)) return { path: [...path, k].join("."), value: v };
    if (isObj(v)) {
      const found = findKey(v, test, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

const scalar = (v: Json) => v === null || typeof v !== "object";

export function detect(page: PageInfo): { paginator: Paginator; why: string } {
  if (parseLinkHeader(page.headers.get("link"), "next")) return { paginator: headerLink({ type: "header_link" }), why: "a `Link: rel=\"next\"` header" };
  const body = page.body;
  if (isObj(body)) {
    const next = findKey(body, (k, v) => k.startsWith("next") && (scalar(v) || (isObj(v) && Object.entries(v).some(([kk, vv]) => /^(href|url)/i.test(kk) && scalar(vv)))));
    if (next) {
      let value = next.value;
      let path = next.path;
      if (isObj(value)) {
        const inner = Object.entries(value).find(([kk]) => /^(href|url)/i.test(kk));
        if (inner) [path, value] = [`${path}.${inner[0]}`, inner[1]];
      }
      if (typeof value === "string" && (value.startsWith("http") || value.startsWith("/"))) {
        return { paginator: jsonLink({ type: "json_link", next_url_path: path }), why: `a next-page URL at \`${path}\`` };
      }
    }
    const total = findKey(body, (k, v) => ["total_pages", "pages", "totalpages"].includes(k) && scalar(v) && v !== null && !Number.isNaN(Number(v)));
    if (total) return { paginator: pageNumberPaginator({ type: "page_number", total_path: total.path }), why: `a page count at \`${total.path}\`` };
    if (next) return { paginator: cursor({ type: "cursor", cursor_path: next.path }), why: `a cursor at \`${next.path}\`` };
  }
  return { paginator: singlePage(), why: "no paging information in the first response" };
}

export function autoPaginator(): Paginator {
  let detected: Paginator | null = null;
  return {
    name: "auto",
    describe: "auto (detected on the first response)",
    init: (r) => r,
    next(page): Step {
      if (!detected) {
        const { paginator, why } = detect(page);
        detected = paginator;
        // dlt quirk kept: a detected page_number paginator was never initialised (first request had no page param).
        const step = paginator.next(page);
        return { ...step, reason: `detected ${paginator.describe} from ${why}; ${step.reason}` } as Step;
      }
      return detected.next(page);
    },
  };
}
