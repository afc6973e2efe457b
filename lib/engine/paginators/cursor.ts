/** cursor (a token in the body) and header_cursor (a token in a response header), §7.4. */
import type { Json } from "../types";
import { compilePath, firstMatch, firstMatchAsSent } from "../jsonpath";
import { pyStr } from "../interpolate";
import { setBodyPath, setParam } from "../request";
import type { PaginatorConfigOf, PaginatorImpl, Update } from "./types";
import { toBool } from "./values";
import { isPyNumber, pyTruthy, spellable } from "../../shared";
import { defect } from "../defect";

export interface CursorState {
  /** The cursor to send with the next request; `null` sends none (a body path gets `null` after the first page). */
  readonly cursor: Json;
  /** A response asked for a next page (dlt's `update_request` runs from then on; not for the first request). */
  readonly next?: boolean;
}

export function cursorPaginator(c: PaginatorConfigOf<"cursor">): PaginatorImpl<CursorState> {
  if (c.cursor_param !== undefined && c.cursor_body_path !== undefined) throw defect("both 'cursor_param' and 'cursor_body_path'");
  const path = c.cursor_path ?? "cursors.next";
  const compiled = compilePath(path);
  const param = c.cursor_body_path !== undefined ? null : (c.cursor_param ?? "cursor");
  const hasMorePath = c.has_more_path ?? null;
  const hasMore = hasMorePath === null ? null : compilePath(hasMorePath);
  const stopAfterEmpty = c.stop_after_empty_page ?? false;
  return {
    type: "cursor",
    describe: `cursor(cursor_path=${path}, ${param !== null ? `cursor_param=${param}` : `cursor_body_path=${c.cursor_body_path}`}${stopAfterEmpty ? ", stop_after_empty_page=True" : ""}${hasMorePath !== null ? `, has_more_path=${hasMorePath}` : ""})`,
    init: () => ({ cursor: null }),
    apply(req, s) {
      // requests drops a `None` query param; a body path gets the `None` written into the JSON (`set_value_at_path`).
      if (param !== null) return s.cursor === null ? req : setParam(req, param, pyStr(s.cursor));
      return s.next ? setBodyPath(req, c.cursor_body_path ?? "cursor", s.cursor) : req;
    },
    label: () => "cursor",
    update(s, res, records): Update<CursorState> {
      const value = firstMatch(compiled, res.body);
      // The cursor as Python holds it (`2.0`, digits beyond 2^53), read again only when the body had such spellings.
      const asSent = spellable(value) ? firstMatchAsSent(compiled, res.body, res.texts) : value;
      // A null read from `NaN` or `1e400` is Python's `nan`, `inf` (a marker here): truthy, sent as its text.
      // Python truthiness: missing, null, "", 0 and false mean "no next page".
      const present = pyTruthy(value) || (value === null && isPyNumber(asSent));
      let more = present;
      let reason = more
        ? `next cursor ${pyStr(asSent)} from \`${path}\``
        : `stopped: cursor \`${path}\` is ${value === undefined ? "missing" : JSON.stringify(value)}`;
      let kind: "no_next" | "empty_page" | "has_more" = "no_next";
      // dlt stops on an empty page before it reads `has_more` (which then neither overrides nor is checked).
      if (stopAfterEmpty && records.length === 0) return { decision: "stop", state: s, reason: "stopped: empty page", stop: "empty_page" };
      if (hasMore !== null && hasMorePath !== null) {
        const b = toBool(firstMatch(hasMore, res.body), hasMorePath, "JSONResponseCursorPaginator", res);
        if (b && !more) {
          const sent = present ? ` cursor ${pyStr(asSent)}` : param !== null ? " (no cursor sent)" : " (the cursor sent as null)";
          reason = `next${sent}: \`${hasMorePath}\` is true (overrides: ${reason})`;
        } else if (!b && more) [reason, kind] = [`stopped: \`${hasMorePath}\` is false`, "has_more"];
        more = b;
      }
      const cursor: Json = present && asSent !== undefined ? asSent : null;
      if (!more) return { decision: "stop", state: s, reason, stop: kind };
      return { decision: "next", state: { cursor, next: true }, reason, loopKey: `cursor:${cursor === null ? "" : pyStr(cursor)}` };
    },
  };
}

export function headerCursorPaginator(c: PaginatorConfigOf<"header_cursor">): PaginatorImpl<CursorState> {
  const key = c.cursor_key ?? "next";
  const param = c.cursor_param ?? "cursor";
  return {
    type: "header_cursor",
    describe: `header_cursor(cursor_key=${key}, cursor_param=${param})`,
    init: () => ({ cursor: null }),
    apply: (req, s) => (s.cursor === null ? req : setParam(req, param, pyStr(s.cursor))),
    label: () => "header_cursor",
    update(s, res): Update<CursorState> {
      // Only an absent header stops: an empty value still counts as a next page.
      const v = res.headers.get(key);
      if (v === null) return { decision: "stop", state: s, reason: `stopped: no \`${key}\` response header`, stop: "no_next" };
      return { decision: "next", state: { cursor: v }, reason: `next cursor ${v} from header \`${key}\``, loopKey: `cursor:${v}` };
    },
  };
}
