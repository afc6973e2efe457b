/**
 * `auto` (or no paginator anywhere): dlt's detection on the first response (§7.5), then the detected
 * paginator. The detected implementation and its state live in this paginator's state.
 */
import type { Json } from "../types";
import type { RequestSpec } from "../request";
import type { PageResponse, PaginatorImpl, Update } from "./types";
import { headerLink, headerLinks, jsonLink } from "./links";
import { cursorPaginator } from "./cursor";
import { pageNumberPaginator } from "./range";
import { singlePage } from "./single";
import { pythonIntText } from "./values";
import { keysInOrder } from "../../shared";
import type { Texts } from "../../shared/jsonpath-ng";

type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
/** Python's `isinstance(v, (str, int, float))` (a bool is an int): what dlt's detector takes as a next reference or a count. */
const scalar = (v: Json) => v !== null && typeof v !== "object";
/** Whether Python's `int(v)` reads it (dlt's page-count check): a number, a bool, or text `pythonIntText` reads. */
const pythonInt = (v: Json) => typeof v !== "string" || pythonIntText(v) !== null;

/** Depth-first search for a key, dicts in the response's key order (`texts`); `test` sees the lower-cased key. */
function findKey(
  body: Obj,
  test: (k: string, v: Json) => boolean,
  texts: Texts,
  path: string[] = [],
): { path: string; value: Json } | null {
  for (const k of keysInOrder(body, texts?.orders?.get(body) ?? null)) {
    const v = body[k] as Json;
    if (test(k.toLowerCase(), v)) return { path: [...path, k].join("."), value: v };
    if (isObj(v)) {
      const found = findKey(v, test, texts, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

const hrefKey = (k: string) => /^(href|url)/i.test(k);

export function detect(res: PageResponse): { impl: PaginatorImpl<unknown>; why: string } {
  if (headerLinks(res.headers.get("link")).has("next"))
    return { impl: headerLink({ type: "header_link" }), why: 'a `Link: <…>; rel="next"` header' };
  const body = res.body;
  if (isObj(body)) {
    const next = findKey(
      body,
      (k, v) => k.startsWith("next") && (scalar(v) || (isObj(v) && Object.entries(v).some(([kk, vv]) => hrefKey(kk) && scalar(vv)))),
      res.texts,
    );
    let nextPath: string | null = null;
    if (next) {
      let { value, path } = next;
      if (isObj(value)) {
        const inner = keysInOrder(value, res.texts?.orders?.get(value) ?? null).find(
          (kk) => hrefKey(kk) && scalar((value as Obj)[kk] as Json),
        );
        if (inner !== undefined) [path, value] = [`${path}.${inner}`, value[inner] as Json];
      }
      nextPath = path;
      if (typeof value === "string" && (value.startsWith("http") || value.startsWith("/"))) {
        return { impl: jsonLink({ type: "json_link", next_url_path: path }), why: `a next-page URL at \`${path}\`` };
      }
    }
    // The first count dlt finds decides: one Python's `int()` does not read detects no page_number (no second search).
    const total = findKey(body, (k, v) => ["total_pages", "pages", "totalpages"].includes(k) && scalar(v), res.texts);
    if (total && pythonInt(total.value))
      return { impl: pageNumberPaginator({ type: "page_number", total_path: total.path }), why: `a page count at \`${total.path}\`` };
    if (nextPath !== null)
      return {
        impl: cursorPaginator({ type: "cursor", cursor_path: nextPath, cursor_param: "cursor" }),
        why: `a cursor at \`${nextPath}\``,
      };
  }
  return { impl: singlePage(), why: "no paging information in the first response" };
}

export type AutoState =
  { readonly detected: null } | { readonly detected: { readonly impl: PaginatorImpl<unknown>; readonly state: unknown } };

export function autoPaginator(): PaginatorImpl<AutoState> {
  return {
    type: "auto",
    describe: "auto (detected on the first response)",
    init: () => ({ detected: null }),
    apply: (req: RequestSpec, s) => (s.detected === null ? req : s.detected.impl.apply(req, s.detected.state)),
    label: (s) => (s.detected === null ? "auto" : `auto: ${s.detected.impl.label(s.detected.state)}`),
    update(s, res, records): Update<AutoState> {
      if (s.detected !== null) {
        const { impl } = s.detected;
        const u = impl.update(s.detected.state, res, records);
        return { ...u, state: { detected: { impl, state: u.state } } };
      }
      const { impl, why } = detect(res);
      // dlt quirk kept: a detected paginator is not initialised for the first request (no `page` param
      // on it); its state starts where init would put it, so a detected page_number asks for page=1 next.
      const u = impl.update(impl.init({ method: "GET", url: res.url, params: [], headers: {} }), res, records);
      return { ...u, state: { detected: { impl, state: u.state } }, reason: `detected ${impl.describe} from ${why}; ${u.reason}` };
    },
  };
}
